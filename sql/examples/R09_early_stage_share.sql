-- R9 · 早期融资(天使轮到A轮)事件数量占比63%,比2023年上升了5pp — stage group `early`.
-- compare: R9a=count_share_pct, R9b=count_share_change_pp
with params as (select 2024 as report_year)
select
    year,
    stage_group,
    deal_count,
    round(count_share * 100, 2) as count_share_pct,
    round(count_share_change_pp, 2) as count_share_change_pp
from mart_stage_structure
where year = (select report_year from params) and stage_group = 'early';
