-- R18 · 全球AI技术层融资金额在人工智能占比仅为4.46% — segment technology's share of the year's amount.
-- compare: R18=technology_share_pct
with params as (select '2024' as period_label)
select
    period_label,
    round(amount_cny / 1e8, 2) as technology_amount_yi,
    round(amount_share * 100, 2) as technology_share_pct
from mart_segment_share
where period_label = (select period_label from params)
    and country_group = 'all' and segment = 'technology' and sub_segment = 'all';
