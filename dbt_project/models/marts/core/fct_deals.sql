-- One deduplicated financing event (all sectors, all round types), with the company's
-- classification and the deal's investors. is_counted (AI company and a counted round type) is
-- what the metric marts use.
with deals as (
    select * from {{ ref('int_deals_merged') }}
),

companies as (
    select * from {{ ref('int_companies_merged') }}
),

classification as (
    select * from {{ ref('int_companies_classified') }}
),

investors as (
    select
        n.deal_id,
        string_agg(n.investor_name, ', ' order by n.investor_name) as investor_names,
        string_agg(distinct t.investor_type, ',' order by t.investor_type) as investor_types,
        count(*) as investor_count,
        bool_or(t.investor_type = 'state_capital') as has_state_capital
    from {{ ref('int_deal_investors_collected') }} as n
    join {{ ref('int_investors_classified') }} as t using (investor_name)
    group by n.deal_id
)

select
    d.deal_id,
    d.company_id,
    c.company_name,
    d.announced_date,
    year(d.announced_date) as year,
    strftime(d.announced_date, '%Y') || '-Q' || quarter(d.announced_date) as quarter,
    strftime(d.announced_date, '%Y-%m') as month,
    d.date_precision,
    c.country_code,
    c.country_group,
    d.round_type,
    d.round_raw,
    d.stage_group,
    d.is_counted_round,
    cl.is_ai,
    cl.is_ai and d.is_counted_round as is_counted,
    d.amount_status,
    d.amount_original,
    d.currency,
    -- to the cent: the marts add these as DECIMAL (macro sum_money), the same total on every run
    round(d.amount_cny, 2) as amount_cny,
    round(d.amount_usd, 2) as amount_usd,
    coalesce(round(d.amount_cny, 2) >= {{ var('mega_deal_threshold_cny') }}, false) as is_mega,
    cl.segment,
    cl.sub_segment,
    i.investor_names,
    i.investor_types,
    coalesce(i.investor_count, 0) as investor_count,
    coalesce(i.has_state_capital, false) as has_state_capital,
    d.source_count,
    d.record_count,
    d.raw_row_count,
    d.sources,
    d.amount_source
from deals as d
join companies as c using (company_id)
join classification as cl using (company_id)
left join investors as i using (deal_id)
