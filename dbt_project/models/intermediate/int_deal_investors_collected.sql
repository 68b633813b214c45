{{ config(materialized='view') }}
-- A view, not a table: recomputing it (well under a second for a million records) is cheaper
-- than writing a million rows to disk, and only fct_deals reads it.
-- One row per (deal, investor name): the investors every source record of the deal names —
-- 投资方 of cn_export (split on , 、 ， ;), investors of manual additions, and Crunchbase
-- investments of the deal's funding rounds.
with records as (
    select r.*, m.deal_id
    from {{ ref('int_deal_records_collapsed') }} as r
    join {{ ref('int_deal_records_matched') }} as m using (record_id)
),

listed as (
    select deal_id, trim(name) as investor_name, cast(null as varchar) as crunchbase_investor_type
    from (
        select deal_id, unnest({{ investor_names_split('investors_raw') }}) as name
        from records
        where investors_raw is not null
    ) as split_names
),

crunchbase as (
    select r.deal_id, i.investor_name, i.investor_type as crunchbase_investor_type
    from records as r
    join {{ ref('stg_crunchbase__investments') }} as i
        on i.funding_round_uuid = r.funding_round_uuid
    where i.reject_reason is null
)

select deal_id, investor_name, max(crunchbase_investor_type) as crunchbase_investor_type
from (
    select * from listed
    union all
    select * from crunchbase
) as investor_names
where {{ is_investor_name('investor_name') }}
group by deal_id, investor_name
