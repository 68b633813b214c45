-- No silent loss: per raw table and per file, how many rows came in, how many were quarantined
-- and why, and whether that is ok, a warning or blocks the publish (vars quarantine_share_warn,
-- quarantine_share_block, required_sources). The quality gate's source_health checks read it.
{%- set required = var('required_sources', []) %}
{%- if required is string %}{% set required = [required] %}{% endif %}
{%- set raw_tables = [
    'cn_export', 'crunchbase_funding_rounds', 'crunchbase_organizations', 'crunchbase_investments',
    'unicorns', 'fx_rates', 'manual_additions', 'manual_exclusions',
] %}
{%- for name in required if name not in raw_tables %}
    {{ exceptions.raise_compiler_error(
        "var required_sources names '" ~ name ~ "', which is not a raw source; the raw sources are: "
        ~ raw_tables | join(', ')) }}
{%- endfor %}
{%- set warn_share = var('quarantine_share_warn') | float %}
{%- set block_share = var('quarantine_share_block') | float %}
with quarantine as (
    select
        raw_table,
        source_file,
        source_row,
        -- outside the share: an analyst's deliberate exclusions, and lines that are no data at all
        -- (a vendor download's footer rows); a file of nothing but those still blocks (no row staged)
        reason like 'excluded by analyst:%' or reason like 'not a data row%' as is_exclusion,
        {{ quarantine_reason_family('reason') }} as reason_family
    from {{ ref('int_raw_rows_quarantined') }}
),

raw_files as (
    {%- for raw_table in raw_tables %}
    select '{{ raw_table }}' as raw_table, _source_file as source_file, count(*) as raw_rows
    from {{ source('raw', raw_table) }}
    group by _source_file
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

quarantined_per_file as (
    select raw_table, source_file,
           count(*) as rows_quarantined,
           count(*) filter (where is_exclusion) as rows_excluded
    from quarantine
    group by all
),

quarantined_per_source as (
    select raw_table, count(*) filter (where is_exclusion) as rows_excluded
    from quarantine
    group by all
),

reason_counts as (
    -- reason families of the rows that count (not analyst exclusions), per file and per source
    select raw_table, source_file, reason_family, count(*) as n
    from quarantine
    where not is_exclusion
    group by grouping sets ((raw_table, source_file, reason_family), (raw_table, reason_family))
),

top_reasons as (
    select
        raw_table,
        source_file,
        string_agg(reason_family || ' ×' || format('{:,}', n), '; ' order by n desc, reason_family) as top_reasons
    from (
        select *, row_number() over (partition by raw_table, source_file order by n desc, reason_family) as rank
        from reason_counts
    )
    where rank <= 3
    group by all
),

files as (
    select
        'file' as scope,
        coalesce(f.raw_table, q.raw_table) as raw_table,
        coalesce(f.source_file, q.source_file) as source_file,
        coalesce(f.raw_rows, 0) as rows_in,
        coalesce(q.rows_quarantined, 0) as rows_quarantined,
        coalesce(q.rows_excluded, 0) as rows_excluded
    from raw_files as f
    full join quarantined_per_file as q using (raw_table, source_file)
),

levels as (
    select
        'source' as scope,
        s.raw_table,
        null::varchar as source_file,
        (select count(*) from files where files.raw_table = s.raw_table) as file_count,
        s.rows_in,
        s.rows_staged,
        s.rows_quarantined,
        coalesce(q.rows_excluded, 0) as rows_excluded
    from {{ ref('audit_source_rows') }} as s
    left join quarantined_per_source as q using (raw_table)
    union all
    select
        scope, raw_table, source_file, 1 as file_count, rows_in,
        rows_in - rows_quarantined as rows_staged,
        rows_quarantined, rows_excluded
    from files
),

measured as (
    select
        l.*,
        list_contains([{% for name in required %}'{{ name }}'{% if not loop.last %}, {% endif %}{% endfor %}]::varchar[], l.raw_table) as is_required,
        (l.rows_quarantined - l.rows_excluded) / nullif(l.rows_in, 0) as quarantine_share,
        {{ warn_share }}::double as warn_above_share,
        {{ block_share }}::double as block_above_share
    from levels as l
)

select
    m.raw_table,
    m.scope,
    m.source_file,
    m.is_required,
    m.file_count,
    m.rows_in,
    m.rows_staged,
    m.rows_quarantined,
    m.rows_excluded,
    m.quarantine_share,
    coalesce(t.top_reasons, '') as top_reasons,
    m.warn_above_share,
    m.block_above_share,
    case
        when m.rows_in = 0 and m.is_required then 'block'
        when m.rows_in > 0 and m.rows_staged = 0 then 'block'
        when m.quarantine_share > m.block_above_share then 'block'
        when m.quarantine_share > m.warn_above_share then 'warn'
        else 'ok'
    end as status,
    case
        when m.rows_in = 0 and m.is_required then 'no rows loaded from a required source (var required_sources)'
        when m.rows_in = 0 then 'no rows loaded (optional source)'
        when m.rows_staged = 0 then 'every row quarantined'
        when m.quarantine_share > m.block_above_share then 'quarantine share above var quarantine_share_block'
        when m.quarantine_share > m.warn_above_share then 'quarantine share above var quarantine_share_warn'
    end as status_reason
from measured as m
left join top_reasons as t
    on t.raw_table = m.raw_table and t.source_file is not distinct from m.source_file
