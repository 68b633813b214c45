-- R10 · 战略投资"量价齐跌",融资事件数量占比下降6pp,金额占比下降18pp — stage group `strategic`.
-- compare: R10a=count_share_change_pp, R10b=amount_share_change_pp
with params as (select 2024 as report_year)
select
    year,
    stage_group,
    round(count_share * 100, 2) as count_share_pct,
    round(amount_share * 100, 2) as amount_share_pct,
    round(count_share_change_pp, 2) as count_share_change_pp,
    round(amount_share_change_pp, 2) as amount_share_change_pp
from mart_stage_structure
where year = (select report_year from params) and stage_group = 'strategic';
