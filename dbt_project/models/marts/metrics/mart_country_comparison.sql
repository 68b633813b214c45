-- R11–R13: one row per covered year and country group (US, CN, other; every group every year):
-- share of the year's amount, mean amount per deal with a known amount, and the US/CN share ratio.

with

deals as (
    {{ metrics_counted_deals(ref('fct_deals')) }}
),

covered_years as (
    {{ metrics_covered_years(ref('fct_deals')) }}
),

country_groups as (
    {{ metrics_country_groups() }}
),

country_totals as (
    select
        year(announced_date) as year,
        country_group,
        count(*) as deal_count,
        count(amount_cny) as deals_with_amount,
        coalesce({{ sum_money('amount_cny') }}, 0) as amount_cny
    from deals
    group by 1, 2
),

grid as (
    select
        covered_years.year,
        country_groups.country_group,
        coalesce(country_totals.deal_count, 0) as deal_count,
        coalesce(country_totals.deals_with_amount, 0) as deals_with_amount,
        coalesce(country_totals.amount_cny, 0) as amount_cny
    from covered_years
    cross join country_groups
    left join country_totals
        on country_totals.year = covered_years.year
        and country_totals.country_group = country_groups.country_group
),

shares as (
    select
        *,
        {{ metrics_ratio('deal_count', 'sum(deal_count) over (partition by year)') }} as count_share,
        {{ metrics_ratio('amount_cny', sum_money('amount_cny', over='(partition by year)')) }} as amount_share,
        {{ metrics_ratio('amount_cny', 'deals_with_amount') }} as avg_amount_cny
    from grid
),

with_ratio as (
    select
        *,
        {{ metrics_ratio(
            "max(amount_share) filter (where country_group = 'US') over (partition by year)",
            "max(amount_share) filter (where country_group = 'CN') over (partition by year)"
        ) }} as us_cn_share_ratio
    from shares
)

select
    year,
    country_group,
    deal_count,
    deals_with_amount,
    amount_cny,
    count_share,
    amount_share,
    (amount_share - lag(amount_share) over (partition by country_group order by year)) * 100
        as amount_share_change_pp,
    avg_amount_cny,
    us_cn_share_ratio
from with_ratio
order by year, country_group
