-- R5 · 十亿级融资事件数量占比8%,但金额占比81% — mega deals (≥ 10 亿元, dbt var mega_deal_threshold_cny).
-- compare: R5a=mega_count_share_pct, R5b=mega_amount_share_pct
with params as (select 2024 as report_year)
select
    year,
    mega_deal_count,
    deal_count,
    round(mega_count_share * 100, 2) as mega_count_share_pct,
    round(mega_amount_share * 100, 2) as mega_amount_share_pct
from mart_funding_yearly
where year = (select report_year from params);
