-- R19: per period (see macros/metrics_periods.sql) and segment ('all' = every segment), the
-- number of deals with at least one state-owned investor (国资; has_state_capital of fct_deals).

with

deals as (
    {{ metrics_counted_deals(ref('fct_deals')) }}
),

periods as (
    {{ metrics_periods(ref('fct_deals')) }}
),

segments as (
    select distinct segment from deals
    union
    select 'all'
),

deal_measures as (
    select
        announced_date,
        segment,
        1 as deal_count,
        has_state_capital::integer as deals_with_state_capital,
        case when has_state_capital then amount_cny end as state_capital_deal_amount_cny
    from deals
),

sums_by_period as (
    {{ metrics_sum_by_period(
        'deal_measures', 'periods', ['segment'],
        ['deal_count', 'deals_with_state_capital', 'state_capital_deal_amount_cny']
    ) }}
),

period_totals as (
    select
        period_type,
        period_label,
        case when grouping(segment) = 1 then 'all' else segment end as segment,
        sum(deal_count) as deal_count,
        sum(deals_with_state_capital) as deals_with_state_capital,
        coalesce({{ sum_money('state_capital_deal_amount_cny') }}, 0) as state_capital_deal_amount_cny
    from sums_by_period
    group by grouping sets ((period_type, period_label, segment), (period_type, period_label))  -- noqa: PRS
)

select
    periods.period_type,
    periods.period_label,
    periods.period_start,
    periods.period_end,
    segments.segment,
    coalesce(period_totals.deals_with_state_capital, 0) as deals_with_state_capital,
    coalesce(period_totals.deal_count, 0) as deal_count,
    {{ metrics_ratio('period_totals.deals_with_state_capital', 'period_totals.deal_count') }}
        as state_capital_deal_share,
    coalesce(period_totals.state_capital_deal_amount_cny, 0) as state_capital_deal_amount_cny
from periods
cross join segments
left join period_totals
    on period_totals.period_type = periods.period_type
    and period_totals.period_label = periods.period_label
    and period_totals.segment = segments.segment
order by periods.period_start, periods.period_end, periods.period_type, segments.segment
