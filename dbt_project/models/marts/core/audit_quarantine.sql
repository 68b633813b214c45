-- One raw row that did not become staged data, with the reason (naming the field and value, or
-- the missing FX currency and month, or the analyst's exclusion) and the raw row as JSON.
select
    source,
    raw_table,
    source_file,
    source_row,
    source_record_key,
    reason,
    raw_record
from {{ ref('int_quarantine') }}
