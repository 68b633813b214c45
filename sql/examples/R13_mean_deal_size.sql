-- R13 · 中国…单笔均值1.2亿元(美国15.5亿元) — mean amount per deal with a known amount.
-- compare: R13a=cn_mean_yi, R13b=us_mean_yi
with params as (select 2024 as report_year)
select
    year,
    round(max(avg_amount_cny) filter (where country_group = 'CN') / 1e8, 2) as cn_mean_yi,
    round(max(avg_amount_cny) filter (where country_group = 'US') / 1e8, 2) as us_mean_yi,
    max(deal_count) filter (where country_group = 'CN') as cn_deals,
    max(deal_count) filter (where country_group = 'US') as us_deals
from mart_country_comparison
where year = (select report_year from params)
group by year;
