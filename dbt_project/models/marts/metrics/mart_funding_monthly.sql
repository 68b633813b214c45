-- R3, R4: one row per calendar month from January of the first covered year to the month of the
-- last announcement, including months without deals (their amount is 0, so "no deals a year
-- earlier" shows as a null YoY, never as a division by zero).

with

deals as (
    {{ metrics_counted_deals(ref('fct_deals')) }}
),

coverage as (
    select min(announced_date) as first_date, max(announced_date) as last_date
    from {{ ref('fct_deals') }}
),

months as (
    select unnest(generate_series(
        date_trunc('year', first_date)::date,
        date_trunc('month', last_date)::date,
        interval 1 month
    ))::date as month,
    last_date
    from coverage
),

monthly_totals as (
    select
        date_trunc('month', announced_date)::date as month,
        count(*) as deal_count,
        count(amount_cny) as deals_with_amount,
        coalesce({{ sum_money('amount_cny') }}, 0) as amount_cny
    from deals
    group by 1
),

months_filled as (
    select
        months.month,
        year(months.month) as year,
        month(months.month) as month_of_year,
        -- The last month is partial when the data stops before its last day.
        (months.month + interval 1 month - interval 1 day)::date <= months.last_date as is_complete,
        coalesce(monthly_totals.deal_count, 0) as deal_count,
        coalesce(monthly_totals.deals_with_amount, 0) as deals_with_amount,
        coalesce(monthly_totals.amount_cny, 0) as amount_cny
    from months
    left join monthly_totals on monthly_totals.month = months.month
),

with_year_to_date as (
    select
        *,
        sum(deal_count) over year_so_far as ytd_deal_count,
        {{ sum_money('amount_cny', over='year_so_far') }} as ytd_amount_cny
    from months_filled
    window year_so_far as (partition by year order by month rows between unbounded preceding and current row)
)

select
    current_month.month,
    strftime(current_month.month, '%Y-%m') as month_label,
    current_month.year,
    current_month.month_of_year,
    current_month.is_complete,
    current_month.deal_count,
    current_month.deals_with_amount,
    current_month.amount_cny,
    -- Null when the prior year lies before the data; 0 when it is covered but had no deals.
    prior_year.deal_count as prior_year_deal_count,
    prior_year.amount_cny as prior_year_amount_cny,
    {{ metrics_pct_change('current_month.amount_cny', 'prior_year.amount_cny') }} as yoy_pct,
    current_month.ytd_deal_count,
    current_month.ytd_amount_cny,
    prior_year.ytd_amount_cny as prior_ytd_amount_cny,
    {{ metrics_pct_change('current_month.ytd_amount_cny', 'prior_year.ytd_amount_cny') }} as ytd_yoy_pct
from with_year_to_date as current_month
left join with_year_to_date as prior_year
    on prior_year.month = (current_month.month - interval 1 year)::date
order by current_month.month
