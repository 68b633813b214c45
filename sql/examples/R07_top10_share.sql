-- R7 · Top10融资事件占总额50% — the ten largest deals' share of the year (dbt var top_deals_n).
-- compare: R7=top10_share_pct
with params as (select 2024 as report_year)
select
    year,
    round(top10_amount_share * 100, 2) as top10_share_pct
from mart_funding_yearly
where year = (select report_year from params);
