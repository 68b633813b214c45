-- R1 · 2024年全球AI领域融资总额达5995.2亿元 — total AI funding in the year.
-- Reads mart_funding_yearly (counted AI deals, exact + estimated amounts, in CNY).
-- compare: R1=amount_yi
with params as (select 2024 as report_year)
select
    year,
    deal_count,
    round(amount_cny / 1e8, 2) as amount_yi  -- 亿元
from mart_funding_yearly
where year = (select report_year from params);
