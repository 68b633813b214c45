-- R17 · 2025年初…美国AIGC…融资金额占比提升至61%…中国AIGC…降至32% — aigc's share within each
-- country group, 2025 year to date (the report's window ends 2025-03-23).
-- compare: R17a=us_aigc_share_pct, R17b=cn_aigc_share_pct
with params as (select '2025-01-01..2025-03-23' as period_label)
select
    period_label,
    round(100 * max(amount_share) filter (where country_group = 'US'), 2) as us_aigc_share_pct,
    round(100 * max(amount_share) filter (where country_group = 'CN'), 2) as cn_aigc_share_pct
from mart_segment_share
where period_label = (select period_label from params) and segment = 'aigc' and sub_segment = 'all'
group by period_label;
