-- R4 · 前4个月融资同比下滑23% — year-to-date amount (Jan–Apr) against the same months a year earlier.
-- compare: R4=ytd_yoy_pct
with params as (select date '2024-04-01' as through_month)
select
    strftime(month, '%Y-%m') as through_month,
    round(ytd_amount_cny / 1e8, 2) as ytd_amount_yi,
    round(prior_ytd_amount_cny / 1e8, 2) as prior_ytd_amount_yi,
    round(ytd_yoy_pct, 2) as ytd_yoy_pct
from mart_funding_monthly
where month = (select through_month from params);
