-- R23: funding from January 1 to the as-of date (var as_of_date, default the latest announcement
-- date) against the same window one year earlier, per country group and segment ('all' = the total).

with

deals as (
    {{ metrics_counted_deals(ref('fct_deals')) }}
),

coverage as (
    select min(announced_date) as first_date from {{ ref('fct_deals') }}
),

as_of_dates as (
    {{ metrics_as_of_dates(ref('fct_deals')) }}
),

windows as (
    select
        as_of_date,
        make_date(year(as_of_date), 1, 1) as window_start,
        make_date(year(as_of_date) - 1, 1, 1) as prior_window_start,
        (as_of_date - interval 1 year)::date as prior_window_end,
        -- The prior window is only comparable when the data covers that whole year.
        year(as_of_date) - 1 >= year(coverage.first_date) as prior_window_covered
    from as_of_dates
    cross join coverage
),

country_groups as (
    {{ metrics_country_groups(with_total=true) }}
),

segments as (
    select distinct segment from deals
    union
    select 'all'
),

-- Days are few; aggregating to a day first keeps the window join small at any deal count.
daily as (
    select
        announced_date,
        country_group,
        segment,
        count(*) as deal_count,
        {{ sum_money('amount_cny') }} as amount_cny
    from deals
    group by all
),

window_totals as (
    select
        windows.as_of_date,
        case when grouping(daily.country_group) = 1 then 'all' else daily.country_group end as country_group,
        case when grouping(daily.segment) = 1 then 'all' else daily.segment end as segment,
        sum(daily.deal_count) filter (where daily.announced_date >= windows.window_start) as deal_count,
        {{ sum_money('daily.amount_cny', filter="daily.announced_date >= windows.window_start") }} as amount_cny,
        sum(daily.deal_count) filter (where daily.announced_date <= windows.prior_window_end) as prior_deal_count,
        {{ sum_money('daily.amount_cny', filter="daily.announced_date <= windows.prior_window_end") }} as prior_amount_cny
    from daily
    inner join windows
        on daily.announced_date between windows.prior_window_start and windows.as_of_date
        and (
            daily.announced_date >= windows.window_start
            or daily.announced_date <= windows.prior_window_end
        )
    group by grouping sets (  -- noqa: PRS
        (windows.as_of_date, daily.country_group, daily.segment),
        (windows.as_of_date, daily.country_group),
        (windows.as_of_date, daily.segment),
        (windows.as_of_date)
    )
),

grid as (
    select
        windows.as_of_date,
        windows.window_start,
        windows.prior_window_start,
        windows.prior_window_end,
        country_groups.country_group,
        segments.segment,
        coalesce(window_totals.deal_count, 0) as deal_count,
        coalesce(window_totals.amount_cny, 0) as amount_cny,
        case when windows.prior_window_covered then coalesce(window_totals.prior_deal_count, 0) end
            as prior_deal_count,
        case when windows.prior_window_covered then coalesce(window_totals.prior_amount_cny, 0) end
            as prior_amount_cny
    from windows
    cross join country_groups
    cross join segments
    left join window_totals
        on window_totals.as_of_date = windows.as_of_date
        and window_totals.country_group = country_groups.country_group
        and window_totals.segment = segments.segment
)

select
    as_of_date,
    window_start,
    prior_window_start,
    prior_window_end,
    country_group,
    segment,
    deal_count,
    amount_cny,
    prior_deal_count,
    prior_amount_cny,
    {{ metrics_pct_change('amount_cny', 'prior_amount_cny') }} as yoy_pct
from grid
order by as_of_date, country_group, segment
