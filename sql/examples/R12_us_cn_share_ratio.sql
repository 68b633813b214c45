-- R12 · 份额差从2023年的2.5倍扩大至5.7倍 — US share / CN share, this year and last.
-- compare: R12a=share_ratio, R12b=prior_share_ratio
with params as (select 2024 as report_year)
select
    this_year.year,
    round(this_year.us_cn_share_ratio, 2) as share_ratio,
    round(prior_year.us_cn_share_ratio, 2) as prior_share_ratio
from mart_country_comparison as this_year
left join mart_country_comparison as prior_year
    on prior_year.year = this_year.year - 1 and prior_year.country_group = 'US'
where this_year.year = (select report_year from params) and this_year.country_group = 'US';
