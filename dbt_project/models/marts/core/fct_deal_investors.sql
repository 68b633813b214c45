-- One row per (deal, investor): every investor any source record of the deal names, resolved
-- (int_investor_mentions_resolved). cn_export and manual records name theirs in 投资方 / investors;
-- Crunchbase records through the investments of their funding round. is_lead is Crunchbase's
-- is_lead_investor; it is null when only a source without lead information (cn_export, manual)
-- names the investor for the deal.
with deal_records as (
    select r.record_id, r.source, r.source_record_key, r.funding_round_uuid, m.deal_id
    from {{ ref('int_deal_records_collapsed') }} as r
    join {{ ref('int_deal_records_matched') }} as m using (record_id)
),

mentions as (
    select m.*, r.investor_id
    from {{ ref('int_investor_mentions_keyed') }} as m
    join {{ ref('int_investor_mentions_resolved') }} as r using (mention_ref)
),

listed as (
    -- 投资方 of cn_export, investors of manual additions: the record of the row
    select d.deal_id, m.investor_id, m.mention_source, m.investor_name, m.is_lead
    from mentions as m
    join deal_records as d on d.source = m.source and d.source_record_key = m.source_record_key
    where m.mention_source <> 'crunchbase'
),

crunchbase as (
    -- Crunchbase investments: the record of the funding round
    select d.deal_id, m.investor_id, m.mention_source, m.investor_name, m.is_lead
    from mentions as m
    join deal_records as d on d.source = 'crunchbase' and d.funding_round_uuid = m.funding_round_uuid
    where m.mention_source = 'crunchbase'
),

pairs as (
    select * from listed
    union all
    select * from crunchbase
)

select
    p.deal_id,
    p.investor_id,
    i.investor_name,
    -- true when a Crunchbase record says so; null when no source of the deal gives lead information
    bool_or(p.is_lead) as is_lead,
    string_agg(distinct p.mention_source, ',' order by p.mention_source) as named_by,
    string_agg(distinct p.investor_name, ' | ' order by p.investor_name) as names_written
from pairs as p
join {{ ref('int_investors_merged') }} as i using (investor_id)
group by p.deal_id, p.investor_id, i.investor_name
