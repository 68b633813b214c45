-- R15: funding raised in each period (see macros/metrics_periods.sql) by the N most valuable AI
-- unicorns (var top_unicorns_n; ranked by latest_valuation_usd of dim_companies), its share of
-- all AI funding of the period and its split by country group ('all' = every group).

with

deals as (
    {{ metrics_counted_deals(ref('fct_deals')) }}
),

periods as (
    {{ metrics_periods(ref('fct_deals')) }}
),

country_groups as (
    {{ metrics_country_groups(with_total=true) }}
),

-- Unicorns = companies on the unicorn list (a joining date); ties broken by company id.
top_unicorns as (
    select company_id
    from {{ ref('dim_companies') }}
    where is_ai
        and unicorn_joined_date is not null
        and latest_valuation_usd is not null
    qualify row_number() over (order by latest_valuation_usd desc, company_id) <= {{ var('top_unicorns_n') }}
),

deal_measures as (
    select
        deals.announced_date,
        deals.country_group,
        1 as deal_count,
        deals.amount_cny,
        case when top_unicorns.company_id is not null then 1 else 0 end as top_unicorn_deal_count,
        case when top_unicorns.company_id is not null then deals.amount_cny end as top_unicorn_amount_cny
    from deals
    left join top_unicorns on top_unicorns.company_id = deals.company_id
),

sums_by_period as (
    {{ metrics_sum_by_period(
        'deal_measures', 'periods', ['country_group'],
        ['deal_count', 'amount_cny', 'top_unicorn_deal_count', 'top_unicorn_amount_cny']
    ) }}
),

period_totals as (
    select
        period_type,
        period_label,
        case when grouping(country_group) = 1 then 'all' else country_group end as country_group,
        sum(top_unicorn_deal_count) as deal_count,
        coalesce({{ sum_money('top_unicorn_amount_cny') }}, 0) as amount_cny,
        coalesce({{ sum_money('amount_cny') }}, 0) as ai_amount_cny
    from sums_by_period
    group by grouping sets ((period_type, period_label, country_group), (period_type, period_label))  -- noqa: PRS
),

grid as (
    select
        periods.period_type,
        periods.period_label,
        periods.period_start,
        periods.period_end,
        country_groups.country_group,
        coalesce(period_totals.deal_count, 0) as deal_count,
        coalesce(period_totals.amount_cny, 0) as amount_cny,
        coalesce(period_totals.ai_amount_cny, 0) as country_ai_amount_cny
    from periods
    cross join country_groups
    left join period_totals
        on period_totals.period_type = periods.period_type
        and period_totals.period_label = periods.period_label
        and period_totals.country_group = country_groups.country_group
),

with_totals as (
    select
        *,
        max(amount_cny) filter (where country_group = 'all') over period_total as top_n_amount_cny,
        max(country_ai_amount_cny) filter (where country_group = 'all') over period_total as ai_total_amount_cny
    from grid
    window period_total as (partition by period_type, period_label)
)

select
    period_type,
    period_label,
    period_start,
    period_end,
    {{ var('top_unicorns_n') }} as top_n,
    country_group,
    deal_count,
    amount_cny,
    ai_total_amount_cny,
    {{ metrics_ratio('amount_cny', 'ai_total_amount_cny') }} as share_of_ai_total,
    {{ metrics_ratio('amount_cny', 'top_n_amount_cny') }} as share_of_top_n_amount
from with_totals
order by period_start, period_end, period_type, country_group
