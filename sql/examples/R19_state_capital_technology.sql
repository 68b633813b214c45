-- R19 · 2025年以来…国资深度参与AI技术层投资,投资次数与2024年整年相当 — technology-layer deals with
-- at least one state-owned investor (国资), in 2025 so far against the whole of 2024.
-- compare: R19a=window_deals, R19b=prior_year_deals
with params as (select '2025-01-01..2025-03-23' as window_label, '2024' as prior_year)
select
    max(deals_with_state_capital) filter (where period_label = (select window_label from params)) as window_deals,
    max(deals_with_state_capital) filter (where period_label = (select prior_year from params)) as prior_year_deals,
    round(window_deals / nullif(prior_year_deals, 0), 2) as ratio
from mart_state_capital
where segment = 'technology';
