-- Per investor and year: its deals (financing rounds of any sector it joined, macro
-- investor_deal_rows), its AI deals, the AI share of its deals by count and by amount, the deals
-- it led (Crunchbase's is_lead_investor) and the amount of the rounds it joined. One row per year
-- in which the investor joined a deal.

with deals as (
    {{ investor_deal_rows() }}
),

activity as (
    select
        investor_id,
        year,
        count(*) as deal_count,
        count(*) filter (where is_ai_deal) as ai_deal_count,
        count(amount_cny) as deals_with_amount,
        coalesce({{ sum_money('amount_cny') }}, 0) as amount_cny,
        coalesce({{ sum_money('amount_cny', filter='is_ai_deal') }}, 0) as ai_amount_cny,
        count(*) filter (where is_lead) as led_deal_count,
        count(*) filter (where is_lead and is_ai_deal) as led_ai_deal_count,
        count(is_lead) as deals_with_lead_info
    from deals
    group by investor_id, year
)

select
    a.investor_id,
    i.investor_name,
    i.investor_type,
    i.country_code,
    a.year,
    a.deal_count,
    a.ai_deal_count,
    {{ metrics_ratio('a.ai_deal_count', 'a.deal_count') }} as ai_count_share,
    a.deals_with_amount,
    a.amount_cny,
    a.ai_amount_cny,
    {{ metrics_ratio('a.ai_amount_cny', 'a.amount_cny') }} as ai_amount_share,
    a.led_deal_count,
    a.led_ai_deal_count,
    a.deals_with_lead_info
from activity as a
join {{ ref('dim_investors') }} as i using (investor_id)
order by a.investor_id, a.year
