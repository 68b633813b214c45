-- R9, R10: one row per covered year and stage group (early, growth, late, strategic, debt, other):
-- the share of the year's deal count and amount, and the change of each share on the prior year
-- in percentage points. Every stage group seen in any year gets a row in every year, so a group
-- that disappears shows a share of 0 and a real pp change.

with

deals as (
    {{ metrics_counted_deals(ref('fct_deals')) }}
),

covered_years as (
    {{ metrics_covered_years(ref('fct_deals')) }}
),

stage_groups as (
    select distinct stage_group from deals
),

stage_totals as (
    select
        year(announced_date) as year,
        stage_group,
        count(*) as deal_count,
        coalesce({{ sum_money('amount_cny') }}, 0) as amount_cny
    from deals
    group by 1, 2
),

grid as (
    select
        covered_years.year,
        stage_groups.stage_group,
        coalesce(stage_totals.deal_count, 0) as deal_count,
        coalesce(stage_totals.amount_cny, 0) as amount_cny
    from covered_years
    cross join stage_groups
    left join stage_totals
        on stage_totals.year = covered_years.year
        and stage_totals.stage_group = stage_groups.stage_group
),

shares as (
    select
        *,
        {{ metrics_ratio('deal_count', 'sum(deal_count) over (partition by year)') }} as count_share,
        {{ metrics_ratio('amount_cny', sum_money('amount_cny', over='(partition by year)')) }} as amount_share
    from grid
)

select
    year,
    stage_group,
    deal_count,
    count_share,
    amount_cny,
    amount_share,
    -- Years are consecutive, so lag() is the prior year; null in the first year.
    (count_share - lag(count_share) over by_stage) * 100 as count_share_change_pp,
    (amount_share - lag(amount_share) over by_stage) * 100 as amount_share_change_pp
from shares
window by_stage as (partition by stage_group order by year)
order by year, stage_group
