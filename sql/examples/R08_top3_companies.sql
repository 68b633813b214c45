-- R8 · 其中OpenAI/xAI/Anthropic三家头部企业占比69% — the three companies raising most within the
-- top-10 deals, and their share of the top-10 amount.
-- compare: R8=top3_share_pct
with params as (select 2024 as report_year)
select
    year,
    top3_companies,
    round(top3_share_of_top10 * 100, 2) as top3_share_pct
from mart_funding_yearly
where year = (select report_year from params);
