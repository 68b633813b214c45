-- One row per analyst exclusion (raw/manual/exclusions*.csv): a source record to leave out of
-- the deals, with the analyst's reason. `source` is cn_export, crunchbase or manual;
-- `source_record_key` is the key shown in fct_deal_sources.
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'manual_exclusions') }} where _line_error is null
)

select
    'manual_exclusions' as source,
    _source_file as source_file,
    _source_row as source_row,
    _record_key as source_record_key,
    lower(nullif(trim(source.source), '')) as excluded_source,
    nullif(trim(source_record_key), '') as excluded_record_key,
    nullif(trim(reason), '') as reason,
    case
        when lower(nullif(trim(source.source), '')) is null then 'missing source'
        when lower(trim(source.source)) not in ('cn_export', 'crunchbase', 'manual')
            then 'unknown source in source: ''' || trim(source.source) || ''' (expected cn_export, crunchbase or manual)'
        when nullif(trim(source_record_key), '') is null then 'missing source_record_key'
        when nullif(trim(reason), '') is null then 'missing reason (say why the record is excluded)'
    end as reject_reason,
    to_json(source)::varchar as raw_record
from source
