-- R20 · 中国AI基础层投资事件中有近一半(44.6%)投向芯片研发企业,投资规模超过50亿人民币 — within CN
-- infrastructure since 2024: sub-segment ai_chips' share of the deal count, and its amount.
-- compare: R20a=chips_deal_share_pct, R20b=chips_amount_yi
with params as (select '2024-01-01..2025-03-23' as period_label),
cn_infrastructure as (
    select * from mart_segment_share
    where period_label = (select period_label from params)
        and country_group = 'CN' and segment = 'infrastructure'
)
select
    max(deal_count) filter (where sub_segment = 'ai_chips') as chips_deals,
    max(deal_count) filter (where sub_segment = 'all') as infrastructure_deals,
    round(100.0 * max(deal_count) filter (where sub_segment = 'ai_chips')
        / max(deal_count) filter (where sub_segment = 'all'), 2) as chips_deal_share_pct,
    round(max(amount_cny) filter (where sub_segment = 'ai_chips') / 1e8, 2) as chips_amount_yi
from cn_infrastructure;
