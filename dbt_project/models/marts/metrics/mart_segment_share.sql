-- R16–R18, R20–R22: deal count and amount per period (year, quarter, ytd, since; see
-- macros/metrics_periods.sql), country group ('all' = every group) and segment / sub-segment
-- ('all' = the segment total), with shares of the period and country group total and shares
-- within the segment. Every combination is listed, so an empty country group shows zeros.

with

deals as (
    {{ metrics_counted_deals(ref('fct_deals')) }}
),

periods as (
    {{ metrics_periods(ref('fct_deals')) }}
),

country_groups as (
    {{ metrics_country_groups(with_total=true) }}
),

segment_keys as (
    select distinct segment, sub_segment from deals
    union
    select distinct segment, 'all' from deals
),

deal_measures as (
    select announced_date, country_group, segment, sub_segment, 1 as deal_count, amount_cny
    from deals
),

sums_by_period as (
    {{ metrics_sum_by_period('deal_measures', 'periods', ['country_group', 'segment', 'sub_segment'], ['deal_count', 'amount_cny']) }}
),

period_totals as (
    select
        period_type,
        period_label,
        case when grouping(country_group) = 1 then 'all' else country_group end as country_group,
        segment,
        case when grouping(sub_segment) = 1 then 'all' else sub_segment end as sub_segment,
        sum(deal_count) as deal_count,
        coalesce({{ sum_money('amount_cny') }}, 0) as amount_cny
    from sums_by_period
    group by grouping sets (  -- noqa: PRS
        (period_type, period_label, country_group, segment, sub_segment),
        (period_type, period_label, country_group, segment),
        (period_type, period_label, segment, sub_segment),
        (period_type, period_label, segment)
    )
),

grid as (
    select
        periods.period_type,
        periods.period_label,
        periods.period_start,
        periods.period_end,
        country_groups.country_group,
        segment_keys.segment,
        segment_keys.sub_segment,
        coalesce(period_totals.deal_count, 0) as deal_count,
        coalesce(period_totals.amount_cny, 0) as amount_cny
    from periods
    cross join country_groups
    cross join segment_keys
    left join period_totals
        on period_totals.period_label = periods.period_label
        and period_totals.period_type = periods.period_type
        and period_totals.country_group = country_groups.country_group
        and period_totals.segment = segment_keys.segment
        and period_totals.sub_segment = segment_keys.sub_segment
),

with_totals as (
    select
        *,
        -- The period and country group total: the sum of the segment totals.
        sum(deal_count) filter (where sub_segment = 'all') over group_total as group_deal_count,
        {{ sum_money('amount_cny', filter="sub_segment = 'all'", over='group_total') }} as group_amount_cny,
        max(deal_count) filter (where sub_segment = 'all') over segment_total as segment_deal_count,
        max(amount_cny) filter (where sub_segment = 'all') over segment_total as segment_amount_cny
    from grid
    window
        group_total as (partition by period_type, period_label, country_group),
        segment_total as (partition by period_type, period_label, country_group, segment)
)

select
    period_type,
    period_label,
    period_start,
    period_end,
    country_group,
    segment,
    sub_segment,
    deal_count,
    amount_cny,
    {{ metrics_ratio('deal_count', 'group_deal_count') }} as count_share,
    {{ metrics_ratio('amount_cny', 'group_amount_cny') }} as amount_share,
    {{ metrics_ratio('deal_count', 'segment_deal_count') }} as segment_count_share,
    {{ metrics_ratio('amount_cny', 'segment_amount_cny') }} as segment_amount_share
from with_totals
order by period_start, period_end, period_type, country_group, segment, sub_segment
