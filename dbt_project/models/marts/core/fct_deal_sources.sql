-- One raw export line behind a deal: every copy of every source record (an overlapping file that
-- repeats a record is one more line here, not one more deal), so an analyst can trace any deal
-- back to the files and rows it came from.
select
    m.deal_id,
    d.source,
    d.source_file,
    d.source_row,
    d.source_record_key,
    m.record_id,
    m.record_id = m.anchor_record_id as is_anchor_record,
    d.announced_date,
    d.round_raw,
    d.amount_raw,
    d.amount_status,
    d.amount_cny
from {{ ref('int_deal_rows_fx_converted') }} as d
join {{ ref('int_deal_records_matched') }} as m on m.record_id = d.source || ':' || d.source_record_key
where d.fx_reject_reason is null and d.excluded_reason is null
