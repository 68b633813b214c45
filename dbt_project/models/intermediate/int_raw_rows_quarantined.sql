-- Every raw row that is not staged, with the reason: lines of a file that are not records
-- (malformed CSV, wrong number of fields, footers: the ingest's _line_error), rows staging rejects
-- (unparseable date, unknown currency or round type, negative amount, date in the future, orphan
-- continuation row, …), deals without an FX rate for their currency and month, source records an
-- analyst excluded, and exclusions that match no record. One row per raw row.
{%- set sources_of = {
    'cn_export': 'cn_export', 'crunchbase_funding_rounds': 'crunchbase',
    'crunchbase_organizations': 'crunchbase', 'crunchbase_investments': 'crunchbase',
    'unicorns': 'unicorns', 'fx_rates': 'fx_rates', 'manual_additions': 'manual',
    'manual_exclusions': 'manual_exclusions',
} %}
with rejected_lines as (
    {%- for raw_table, source_name in sources_of.items() %}
    select '{{ raw_table }}' as raw_table, '{{ source_name }}' as source, _source_file as source_file,
           _source_row as source_row, _record_key as source_record_key, _line_error as reason,
           json_object('raw_line', _raw_line)::varchar as raw_record
    from {{ source('raw', raw_table) }}
    where _line_error is not null
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

rejected as (
    {%- set staged = [
        ('cn_export', 'stg_cn_export__rounds'),
        ('crunchbase_funding_rounds', 'stg_crunchbase__funding_rounds'),
        ('crunchbase_organizations', 'stg_crunchbase__organizations'),
        ('crunchbase_investments', 'stg_crunchbase__investments'),
        ('unicorns', 'stg_unicorns__unicorns'),
        ('fx_rates', 'stg_reference__fx_rates'),
        ('manual_additions', 'stg_manual__additions'),
        ('manual_exclusions', 'stg_manual__exclusions'),
    ] %}
    {%- for raw_table, model in staged %}
    select '{{ raw_table }}' as raw_table, source, source_file, source_row, source_record_key,
           reject_reason as reason, raw_record
    from {{ ref(model) }}
    where reject_reason is not null
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

deal_rows as (
    select
        case source when 'crunchbase' then 'crunchbase_funding_rounds'
                    when 'manual' then 'manual_additions' else source end as raw_table,
        source, source_file, source_row, source_record_key,
        coalesce(excluded_reason, fx_reject_reason) as reason
    from {{ ref('int_deal_rows_fx_converted') }}
    where excluded_reason is not null or fx_reject_reason is not null
),

deal_rows_with_record as (
    -- the raw row as JSON, built only for the quarantined rows (a semi-join on file and row)
    {%- for raw_table in ['cn_export', 'crunchbase_funding_rounds', 'manual_additions'] %}
    select d.*, to_json(r)::varchar as raw_record
    from deal_rows as d
    join {{ source('raw', raw_table) }} as r
        on r._source_file = d.source_file and r._source_row = d.source_row
    where d.raw_table = '{{ raw_table }}'
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

unmatched_exclusions as (
    select 'manual_exclusions' as raw_table, e.source, e.source_file, e.source_row, e.source_record_key,
           'exclusion matches no ' || e.excluded_source || ' record with key '''
               || e.excluded_record_key || '''' as reason,
           e.raw_record
    from {{ ref('stg_manual__exclusions') }} as e
    where e.reject_reason is null
      and not exists (
          select 1 from {{ ref('int_deal_rows_fx_converted') }} as d
          where d.source = e.excluded_source and d.source_record_key = e.excluded_record_key
      )
)

select * from rejected_lines
union all
select * from rejected
union all
select * from deal_rows_with_record
union all
select * from unmatched_exclusions
