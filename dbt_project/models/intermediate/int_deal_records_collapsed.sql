-- One row per source record of a financing event: (source, source_record_key), whatever number of
-- overlapping files repeat it. The copy from the latest file describes the record; copy_count
-- says how many raw rows carry it. Quarantined rows (no FX rate, excluded by an analyst) are not
-- here. company_id comes from entity resolution.
with rows as (
    select * from {{ ref('int_deal_rows_fx_converted') }}
    where fx_reject_reason is null and excluded_reason is null
),

records as (
    -- arg_max over (file, row) picks the latest copy in one aggregation pass
    select
        source,
        source_record_key,
        count(*) as copy_count,
        arg_max(r, (source_file, source_row)) as latest
    from rows as r
    group by source, source_record_key
)

select
    r.source || ':' || r.source_record_key as record_id,
    r.source,
    r.source_record_key,
    r.latest.source_file,
    r.latest.source_row,
    r.copy_count,
    c.company_id,
    r.latest.funding_round_uuid,
    r.latest.post_money_valuation_usd,
    r.latest.announced_date,
    r.latest.date_precision,
    r.latest.round_raw,
    r.latest.round_type,
    r.latest.stage_group,
    r.latest.is_counted_round,
    r.latest.amount_raw,
    r.latest.amount_status,
    r.latest.amount_original,
    r.latest.currency,
    r.latest.fx_month,
    r.latest.amount_cny,
    r.latest.amount_usd,
    r.latest.investors_raw
from records as r
join {{ ref('int_company_mentions_resolved') }} as c
    on c.mention_source = r.latest.mention_source and c.mention_ref = r.latest.mention_ref
