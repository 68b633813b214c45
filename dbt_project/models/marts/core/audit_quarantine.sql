-- One raw row that did not become staged data, with the reason (naming the field and value, or
-- the missing FX currency and month, or the analyst's exclusion) and the raw row as JSON.
select
    source,
    raw_table,
    source_file,
    source_row,
    source_record_key,
    reason,
    -- the load time is provenance of the run, not of the row: leaving it out keeps two builds of
    -- the same files identical (the publish determinism check compares content checksums)
    json_merge_patch(raw_record, '{"_loaded_at": null}')::varchar as raw_record
from {{ ref('int_raw_rows_quarantined') }}
