-- One row per source record of a financing event: (source, source_record_key), whatever number of
-- overlapping files repeat it. The copy from the latest file describes the record; copy_count
-- says how many raw rows carry it. Quarantined rows (no FX rate, excluded by an analyst) are not
-- here. company_id comes from entity resolution.
with rows as (
    select * from {{ ref('int_deal_rows') }}
    where fx_reject_reason is null and excluded_reason is null
),

records as (
    select
        *,
        count(*) over (partition by source, source_record_key) as copy_count
    from rows
    qualify row_number() over (
        partition by source, source_record_key order by source_file desc, source_row desc
    ) = 1
)

select
    r.source || ':' || r.source_record_key as record_id,
    r.source,
    r.source_record_key,
    r.source_file,
    r.source_row,
    r.copy_count,
    c.company_id,
    r.funding_round_uuid,
    r.announced_date,
    r.date_precision,
    r.round_raw,
    r.round_type,
    r.stage_group,
    r.is_counted_round,
    r.amount_raw,
    r.amount_status,
    r.amount_original,
    r.currency,
    r.fx_month,
    r.amount_cny,
    r.amount_usd,
    r.investors_raw
from records as r
join {{ ref('int_company_resolution') }} as c
    on c.mention_source = r.mention_source and c.mention_ref = r.mention_ref
