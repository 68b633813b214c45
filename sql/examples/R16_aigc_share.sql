-- R16 · AIGC领域融资金额在人工智能占比为56% — segment aigc's share of the year's amount.
-- compare: R16=aigc_share_pct
with params as (select '2024' as period_label)
select
    period_label,
    round(amount_cny / 1e8, 2) as aigc_amount_yi,
    round(amount_share * 100, 2) as aigc_share_pct
from mart_segment_share
where period_label = (select period_label from params)
    and country_group = 'all' and segment = 'aigc' and sub_segment = 'all';
