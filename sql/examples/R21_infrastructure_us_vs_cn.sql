-- R21 · 中国在AI基础层的所有细分领域都落后于美国,尤其是在云计算及算力服务领域 — infrastructure
-- sub-segment amounts, US beside CN (one row per sub-segment; us_ahead_pct is the same on every row).
-- compare: R21a=us_ahead_pct
with params as (select '2024-01-01..2025-03-23' as period_label),
side_by_side as (
    select
        sub_segment,
        coalesce(sum(amount_cny) filter (where country_group = 'US'), 0) as us_amount_cny,
        coalesce(sum(amount_cny) filter (where country_group = 'CN'), 0) as cn_amount_cny
    from mart_segment_share
    where period_label = (select period_label from params)
        and segment = 'infrastructure' and sub_segment <> 'all'
    group by sub_segment
    having us_amount_cny > 0 or cn_amount_cny > 0
)
select
    sub_segment,
    round(us_amount_cny / 1e8, 2) as us_amount_yi,
    round(cn_amount_cny / 1e8, 2) as cn_amount_yi,
    us_amount_cny > cn_amount_cny as us_ahead,
    round(100.0 * count(*) filter (where us_amount_cny > cn_amount_cny) over () / count(*) over (), 2) as us_ahead_pct
from side_by_side
order by us_amount_cny + cn_amount_cny desc;
