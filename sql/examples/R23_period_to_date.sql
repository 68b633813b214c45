-- R23 · 2025年第一季度(截至3月23日),全球人工智能领域融资额达到1448.5亿元,同比增长率高达314% —
-- from January 1 to an as-of date, against the same window a year earlier.
-- compare: R23a=amount_yi, R23b=yoy_pct
with params as (select date '2025-03-23' as as_of_date)
select
    window_start,
    as_of_date,
    round(amount_cny / 1e8, 2) as amount_yi,
    round(prior_amount_cny / 1e8, 2) as prior_amount_yi,
    round(yoy_pct, 2) as yoy_pct
from mart_period_to_date
where as_of_date = (select as_of_date from params) and country_group = 'all' and segment = 'all';
