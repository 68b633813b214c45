-- R6 · 平均单笔融资额75.5亿元(2023年为53.6亿元) — mean amount of a mega deal, this year and last.
-- compare: R6a=mean_mega_yi, R6b=prior_mean_mega_yi
with params as (select 2024 as report_year)
select
    this_year.year,
    round(this_year.mega_avg_amount_cny / 1e8, 2) as mean_mega_yi,
    round(prior_year.mega_avg_amount_cny / 1e8, 2) as prior_mean_mega_yi
from mart_funding_yearly as this_year
left join mart_funding_yearly as prior_year on prior_year.year = this_year.year - 1
where this_year.year = (select report_year from params);
