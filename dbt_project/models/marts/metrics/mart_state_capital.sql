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

-- Days are few; aggregating to a day first keeps the period join small at any deal count.
daily as (
    select
        announced_date,
        segment,
        count(*) as deal_count,
        count(*) filter (where has_state_capital) as deals_with_state_capital,
        sum(amount_cny) filter (where has_state_capital) as state_capital_deal_amount_cny
    from deals
    group by all
),

period_totals as (
    select
        periods.period_type,
        periods.period_label,
        case when grouping(daily.segment) = 1 then 'all' else daily.segment end as segment,
        sum(daily.deal_count) as deal_count,
        sum(daily.deals_with_state_capital) as deals_with_state_capital,
        coalesce(sum(daily.state_capital_deal_amount_cny), 0) as state_capital_deal_amount_cny
    from daily
    inner join periods
        on daily.announced_date between periods.period_start and periods.period_end
    group by grouping sets (
        (periods.period_type, periods.period_label, daily.segment),
        (periods.period_type, periods.period_label)
    )
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
