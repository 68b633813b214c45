-- Row accounting per raw table: rows in = rows staged + rows quarantined (a test asserts it).
-- Repeated copies of a record from overlapping files count as staged (they are linked to their
-- deal in fct_deal_sources); rows_distinct_records says how many distinct records they carry.
{%- set tables = {
    'cn_export': 'stg_cn_export__rounds',
    'crunchbase_funding_rounds': 'stg_crunchbase__funding_rounds',
    'crunchbase_organizations': 'stg_crunchbase__organizations',
    'crunchbase_investments': 'stg_crunchbase__investments',
    'unicorns': 'stg_unicorns__unicorns',
    'fx_rates': 'stg_reference__fx_rates',
    'manual_additions': 'stg_manual__additions',
    'manual_exclusions': 'stg_manual__exclusions',
} %}
with rows_in as (
    {%- for raw_table in tables %}
    select '{{ raw_table }}' as raw_table, count(*) as rows_in,
           count(distinct _record_key) as distinct_records
    from {{ source('raw', raw_table) }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

quarantined as (
    select raw_table, count(*) as rows_quarantined
    from {{ ref('int_raw_rows_quarantined') }}
    group by raw_table
),

staged as (
    -- counted from the staged data itself, not as rows_in − rows_quarantined, so the test below
    -- really checks that no row is lost or counted twice
    {%- for raw_table, model in tables.items() %}
    {%- if raw_table in ('cn_export', 'crunchbase_funding_rounds', 'manual_additions') %}
    -- deal rows: those that reached int_deal_rows_fx_converted without an FX reject or exclusion,
    -- plus (cn_export) company rows without a round
    select '{{ raw_table }}' as raw_table,
           (select count(*) from {{ ref('int_deal_rows_fx_converted') }}
            where source = '{{ {'cn_export': 'cn_export', 'crunchbase_funding_rounds': 'crunchbase', 'manual_additions': 'manual'}[raw_table] }}'
              and fx_reject_reason is null and excluded_reason is null)
           {%- if raw_table == 'cn_export' %}
           + (select count(*) from {{ ref(model) }} where reject_reason is null and row_kind = 'company_without_round')
           {%- endif %} as rows_staged
    {%- elif raw_table == 'manual_exclusions' %}
    -- an exclusion is staged when it is valid and names a record
    select '{{ raw_table }}' as raw_table, count(*) as rows_staged
    from {{ ref(model) }} as s
    where s.reject_reason is null
      and exists (
          select 1 from {{ ref('int_deal_rows_fx_converted') }} as d
          where d.source = s.excluded_source and d.source_record_key = s.excluded_record_key
      )
    {%- else %}
    select '{{ raw_table }}' as raw_table, count(*) as rows_staged
    from {{ ref(model) }}
    where reject_reason is null
    {%- endif %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

select
    i.raw_table,
    i.rows_in,
    coalesce(s.rows_staged, 0) as rows_staged,
    coalesce(q.rows_quarantined, 0) as rows_quarantined,
    i.distinct_records
from rows_in as i
left join staged as s using (raw_table)
left join quarantined as q using (raw_table)
