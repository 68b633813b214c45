-- R11 · 美国AI领域融资份额78%(中国14%) — share of the year's amount by company country group.
-- compare: R11a=us_share_pct, R11b=cn_share_pct
with params as (select 2024 as report_year)
select
    year,
    round(100 * max(amount_share) filter (where country_group = 'US'), 2) as us_share_pct,
    round(100 * max(amount_share) filter (where country_group = 'CN'), 2) as cn_share_pct,
    round(100 * max(amount_share) filter (where country_group = 'other'), 2) as other_share_pct
from mart_country_comparison
where year = (select report_year from params)
group by year;
