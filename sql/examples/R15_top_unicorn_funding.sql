-- R15 · 2024年以来,全球500强AI独角兽融资1837亿元(占AI融资总额25%),美国企业占据86%的份额,中国仅占比8%.
-- The window label is 'first day..as-of date' (the report's: 2024-01-01..2025-03-23).
-- compare: R15a=amount_yi, R15b=share_of_ai_total_pct, R15c=us_share_pct, R15d=cn_share_pct
with params as (select '2024-01-01..2025-03-23' as window_label),
top_n as (
    select * from mart_top_unicorn_funding where period_label = (select window_label from params)
)
select
    period_label,
    max(top_n) as top_n,
    round(max(amount_cny) filter (where country_group = 'all') / 1e8, 2) as amount_yi,
    round(100 * max(share_of_ai_total) filter (where country_group = 'all'), 2) as share_of_ai_total_pct,
    round(100 * max(amount_cny) filter (where country_group = 'US')
        / max(amount_cny) filter (where country_group = 'all'), 2) as us_share_pct,
    round(100 * max(amount_cny) filter (where country_group = 'CN')
        / max(amount_cny) filter (where country_group = 'all'), 2) as cn_share_pct
from top_n
group by period_label;
