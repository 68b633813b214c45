-- R2 · 较2023年增长超3000亿元 / 同比增长113% — change on the prior year, absolute and relative.
-- compare: R2a=change_yi, R2b=growth_pct
with params as (select 2024 as report_year)
select
    year,
    round(amount_cny / 1e8, 2) as amount_yi,
    round(amount_change_cny / 1e8, 2) as change_yi,
    round(amount_change_pct, 2) as growth_pct  -- percent: 113.0 = +113 %
from mart_funding_yearly
where year = (select report_year from params);
