-- R22 · 自动驾驶和无人设备获得中美两国共同青睐…中国更热衷于医疗健康和机器人赛道,而美国则更偏好安全
-- 服务和编程及开发领域 — application sub-segments ranked by amount within the US and within CN.
with params as (select '2024-01-01..2025-03-23' as period_label)
select
    country_group,
    rank() over (partition by country_group order by amount_cny desc) as amount_rank,
    sub_segment,
    deal_count,
    round(amount_cny / 1e8, 2) as amount_yi
from mart_segment_share
where period_label = (select period_label from params)
    and country_group in ('US', 'CN') and segment = 'application' and sub_segment <> 'all'
    and amount_cny > 0
order by country_group desc, amount_rank;
