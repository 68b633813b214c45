-- One row per raw Crunchbase investment row: one investor in one funding round.
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'crunchbase_investments') }} where _line_error is null
)

select
    'crunchbase' as source,
    _source_file as source_file,
    _source_row as source_row,
    _record_key as source_record_key,
    nullif(trim(uuid), '') as investment_uuid,
    nullif(trim(funding_round_uuid), '') as funding_round_uuid,
    nullif(trim(investor_uuid), '') as investor_uuid,
    nullif(trim(investor_name), '') as investor_name,
    {{ normalise_label('investor_type') }} as investor_type,
    lower(trim(coalesce(is_lead_investor, ''))) in ('true', 't', '1', 'yes', 'y') as is_lead_investor,
    case
        when nullif(trim(uuid), '') is null then 'missing uuid'
        when nullif(trim(funding_round_uuid), '') is null then 'missing funding_round_uuid'
        when nullif(trim(investor_name), '') is null then 'missing investor_name'
    end as reject_reason,
    to_json(source)::varchar as raw_record
from source
