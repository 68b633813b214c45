-- R3 · 月度分布呈现"双峰结构",5月单月爆发及第四季度集中放量 — amount per month with YoY; the peaks.
-- One row per month of the year, ranked by amount (rank 1 = the peak month).
with params as (select 2024 as report_year)
select
    strftime(month, '%Y-%m') as month,
    deal_count,
    round(amount_cny / 1e8, 2) as amount_yi,
    round(prior_year_amount_cny / 1e8, 2) as prior_year_amount_yi,
    round(yoy_pct, 1) as yoy_pct,
    rank() over (order by amount_cny desc) as amount_rank,
    'Q' || quarter(month) as quarter
from mart_funding_monthly
where year(month) = (select report_year from params)
order by month;
