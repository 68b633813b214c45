-- The files of a source add up to the source (audit_source_rows): no file of a raw table is
-- missing from audit_source_health, and no file row counts a row twice.
select s.raw_table, s.rows_in, s.rows_quarantined,
       coalesce(sum(f.rows_in), 0) as file_rows_in, coalesce(sum(f.rows_quarantined), 0) as file_rows_quarantined
from {{ ref('audit_source_health') }} as s
left join {{ ref('audit_source_health') }} as f
    on f.raw_table = s.raw_table and f.scope = 'file'
where s.scope = 'source'
group by all
having coalesce(sum(f.rows_in), 0) <> s.rows_in or coalesce(sum(f.rows_quarantined), 0) <> s.rows_quarantined
