-- One row per financing event (deal): the surviving values among its source records. The amount
-- prefers exact over estimated over undisclosed, then seed source_priority; the date prefers a
-- record that names the day; the round type prefers a known type over series_unknown.
with records as (
    select r.*, m.deal_id, m.anchor_record_id,
           coalesce(sp.priority, 99) as source_priority
    from {{ ref('int_deal_records') }} as r
    join {{ ref('int_deal_matches') }} as m using (record_id)
    left join {{ ref('source_priority') }} as sp on sp.source = r.source
),

ranked as (
    select
        *,
        row_number() over (
            partition by deal_id
            order by case amount_status when 'exact' then 1 when 'estimated' then 2 else 3 end,
                     source_priority, record_id
        ) as amount_rank,
        row_number() over (
            partition by deal_id
            order by (date_precision = 'day') desc, source_priority, record_id
        ) as date_rank,
        row_number() over (
            partition by deal_id
            order by (round_type = 'series_unknown'), source_priority, record_id
        ) as round_rank
    from records
),

deals as (
    select
        deal_id,
        any_value(company_id) as company_id,
        any_value(anchor_record_id) as anchor_record_id,
        max(announced_date) filter (where date_rank = 1) as announced_date,
        max(date_precision) filter (where date_rank = 1) as date_precision,
        max(round_type) filter (where round_rank = 1) as round_type,
        max(stage_group) filter (where round_rank = 1) as stage_group,
        bool_or(is_counted_round) filter (where round_rank = 1) as is_counted_round,
        max(round_raw) filter (where round_rank = 1) as round_raw,
        max(amount_status) filter (where amount_rank = 1) as amount_status,
        max(amount_original) filter (where amount_rank = 1) as amount_original,
        max(currency) filter (where amount_rank = 1) as currency,
        max(amount_cny) filter (where amount_rank = 1) as amount_cny,
        max(amount_usd) filter (where amount_rank = 1) as amount_usd,
        max(source) filter (where amount_rank = 1) as amount_source,
        count(distinct source) as source_count,
        count(*) as record_count,
        sum(copy_count) as raw_row_count,
        string_agg(distinct source, ',' order by source) as sources
    from ranked
    group by deal_id
)

select * from deals
