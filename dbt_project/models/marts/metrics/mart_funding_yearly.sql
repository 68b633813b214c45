-- R1, R2, R5–R8: one row per covered year. Growth on the prior year, mega deals (amount at least
-- var mega_deal_threshold_cny), the share of the top-N deals (var top_deals_n) and the three
-- companies raising most within those top-N deals.

with

deals as (
    {{ metrics_counted_deals(ref('fct_deals')) }}
),

covered_years as (
    {{ metrics_covered_years(ref('fct_deals')) }}
),

deal_years as (
    select
        year(announced_date) as year,
        deal_id,
        company_id,
        company_name,
        announced_date,
        amount_cny,
        is_mega  -- fct_deals.is_mega (var mega_deal_threshold_cny): decided once, there
    from deals
),

yearly_totals as (
    select
        year,
        count(*) as deal_count,
        count(amount_cny) as deals_with_amount,
        coalesce({{ sum_money('amount_cny') }}, 0) as amount_cny,
        count(*) filter (where is_mega) as mega_deal_count,
        coalesce({{ sum_money('amount_cny', filter="is_mega") }}, 0) as mega_amount_cny
    from deal_years
    group by year
),

-- The N largest deals of each year; min_by keeps N rows per year without sorting all deals.
-- Ties at the N-th place are broken by date, then deal id: the top-N sum is the same either way.
top_deals as (
    select year, unnest(top_deals, recursive := true)
    from (
        select
            year,
            min_by(
                {'company_id': company_id, 'company_name': company_name, 'amount_cny': amount_cny},
                {'descending_amount': -amount_cny, 'announced_date': announced_date, 'deal_id': deal_id},
                {{ var('top_deals_n') }}
            ) as top_deals
        from deal_years
        where amount_cny is not null
        group by year
    ) as per_year
),

top_deal_totals as (
    select year, {{ sum_money('amount_cny') }} as top_deals_amount_cny
    from top_deals
    group by year
),

top_deal_companies as (
    select
        year,
        company_id,
        min(company_name) as company_name,
        {{ sum_money('amount_cny') }} as amount_cny
    from top_deals
    group by year, company_id
),

top3 as (
    select
        year,
        string_agg(company_name, ', ' order by amount_cny desc, company_name) as top3_companies,
        {{ sum_money('amount_cny') }} as top3_amount_cny
    from (
        select *
        from top_deal_companies
        qualify row_number() over (partition by year order by amount_cny desc, company_name) <= 3
    ) as leaders
    group by year
),

years_filled as (
    select
        covered_years.year,
        coalesce(yearly_totals.deal_count, 0) as deal_count,
        coalesce(yearly_totals.deals_with_amount, 0) as deals_with_amount,
        coalesce(yearly_totals.amount_cny, 0) as amount_cny,
        coalesce(yearly_totals.mega_deal_count, 0) as mega_deal_count,
        coalesce(yearly_totals.mega_amount_cny, 0) as mega_amount_cny,
        coalesce(top_deal_totals.top_deals_amount_cny, 0) as top10_amount_cny,
        top3.top3_companies,
        top3.top3_amount_cny
    from covered_years
    left join yearly_totals on yearly_totals.year = covered_years.year
    left join top_deal_totals on top_deal_totals.year = covered_years.year
    left join top3 on top3.year = covered_years.year
),

with_prior_year as (
    select
        *,
        -- The years are consecutive, so the previous row is the prior year (null for the first).
        lag(amount_cny) over (order by year) as prior_year_amount_cny
    from years_filled
)

select
    year,
    deal_count,
    deals_with_amount,
    amount_cny,
    prior_year_amount_cny,
    amount_cny - prior_year_amount_cny as amount_change_cny,
    {{ metrics_pct_change('amount_cny', 'prior_year_amount_cny') }} as amount_change_pct,
    mega_deal_count,
    mega_amount_cny,
    {{ metrics_ratio('mega_deal_count', 'deal_count') }} as mega_count_share,
    {{ metrics_ratio('mega_amount_cny', 'amount_cny') }} as mega_amount_share,
    {{ metrics_ratio('mega_amount_cny', 'mega_deal_count') }} as mega_avg_amount_cny,
    {{ var('top_deals_n') }} as top_n,
    top10_amount_cny,
    {{ metrics_ratio('top10_amount_cny', 'amount_cny') }} as top10_amount_share,
    top3_companies,
    top3_amount_cny,
    {{ metrics_ratio('top3_amount_cny', 'top10_amount_cny') }} as top3_share_of_top10
from with_prior_year
order by year
