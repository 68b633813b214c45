-- One company, resolved across sources and languages, with every name it goes by, its country,
-- its classification and unicorn status.
with companies as (
    select * from {{ ref('int_companies_merged') }}
),

classification as (
    select * from {{ ref('int_companies_classified') }}
),

deal_counts as (
    select company_id, count(*) as deal_count
    from {{ ref('fct_deals') }}
    group by company_id
),

crunchbase_valuations as (
    -- the latest post-money valuation Crunchbase reports, for companies not on the unicorn list
    select company_id, arg_max(post_money_valuation_usd, announced_date) as post_money_valuation_usd
    from {{ ref('int_deal_records_collapsed') }}
    where post_money_valuation_usd is not null
    group by company_id
)

select
    c.company_id,
    c.company_name,
    c.company_name_zh,
    c.aliases,
    c.country_code,
    c.country_group,
    cl.is_ai,
    cl.segment,
    cl.sub_segment,
    cl.classified_by,
    c.unicorn_joined_date,
    coalesce(c.unicorn_valuation_usd, v.post_money_valuation_usd) as latest_valuation_usd,
    c.unicorn_valuation_usd is not null as is_unicorn_listed,
    coalesce(n.deal_count, 0) as deal_count,
    c.mention_sources as sources
from companies as c
join classification as cl using (company_id)
left join deal_counts as n using (company_id)
left join crunchbase_valuations as v using (company_id)
