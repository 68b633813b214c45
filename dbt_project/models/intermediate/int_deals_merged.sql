{{ config(materialized='view') }}
-- A view, not a table: recomputing it (well under a second for a million records) is cheaper
-- than writing a million rows to disk, and only fct_deals reads it.
-- One row per financing event (deal): the surviving values among its source records. The amount
-- prefers exact over estimated over undisclosed, then seed source_priority (which may rank
-- sources by the company's country); the date prefers a record that names the day, then the same
-- priority; the round type prefers a known type over series_unknown.
-- (arg_min over a sort key instead of window functions: one pass over a million records.)
with priorities as (
    -- seed source_priority: a source's rank can depend on the company's country (the Chinese
    -- export is the reference for Chinese companies, Crunchbase elsewhere)
    select source, trim(country) as country_code, priority
    from {{ ref('source_priority') }}, unnest(string_split(company_countries, ',')) as t(country)
),

priority_by_country as (
    -- one row per (source, company country): a small table to join a million records against
    select p.source, coalesce(c.country_code, '') as country_code, min(p.priority) as priority
    from (select distinct country_code from {{ ref('int_companies_merged') }}) as c
    join priorities as p on p.country_code in (c.country_code, '*')
    group by all
),

records as (
    select
        r.*,
        m.deal_id,
        m.anchor_record_id,
        coalesce(pc.priority, 99) as source_priority
    from {{ ref('int_deal_records_collapsed') }} as r
    join {{ ref('int_deal_records_matched') }} as m using (record_id)
    left join {{ ref('int_companies_merged') }} as c using (company_id)
    left join priority_by_country as pc
        on pc.source = r.source and pc.country_code = coalesce(c.country_code, '')
),

ranked as (
    select
        *,
        -- sort keys: the smallest wins
        [case amount_status when 'exact' then 1 when 'estimated' then 2 else 3 end, source_priority]
            as amount_key,
        [case when date_precision = 'day' then 0 else 1 end, source_priority] as date_key,
        [case when round_type = 'series_unknown' then 1 else 0 end, source_priority] as round_key
    from records
),

deals as (
    select
        deal_id,
        any_value(company_id) as company_id,
        any_value(anchor_record_id) as anchor_record_id,
        arg_min({'announced_date': announced_date, 'date_precision': date_precision},
                (date_key, record_id)) as dated,
        arg_min({'round_type': round_type, 'stage_group': stage_group,
                 'is_counted_round': is_counted_round, 'round_raw': round_raw},
                (round_key, record_id)) as round,
        arg_min({'amount_status': amount_status, 'amount_original': amount_original, 'currency': currency,
                 'amount_cny': amount_cny, 'amount_usd': amount_usd, 'source': source},
                (amount_key, record_id)) as amount,
        count(distinct source) as source_count,
        count(*) as record_count,
        sum(copy_count) as raw_row_count,
        string_agg(distinct source, ',' order by source) as sources
    from ranked
    group by deal_id
)

select
    deal_id,
    company_id,
    anchor_record_id,
    dated.announced_date,
    dated.date_precision,
    round.round_type,
    round.stage_group,
    round.is_counted_round,
    round.round_raw,
    amount.amount_status,
    amount.amount_original,
    amount.currency,
    amount.amount_cny,
    amount.amount_usd,
    amount.source as amount_source,
    source_count,
    record_count,
    raw_row_count,
    sources
from deals
