-- One row per raw Crunchbase funding round row, typed: date, normalised round type, amount in
-- its original currency. Crunchbase amounts are exact; a round without raised_amount falls back to
-- raised_amount_usd, and one with neither is undisclosed. Rows that cannot be staged carry a
-- reject_reason naming the field and the value (a round of an organization missing from
-- organizations.csv included).
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'crunchbase_funding_rounds') }} where _line_error is null
),

organizations as (
    -- a round must belong to an organization of the export (referential integrity of the bulk export)
    select distinct org_uuid from {{ ref('stg_crunchbase__organizations') }} where reject_reason is null
),

typed as (
    select
        _source_file as source_file,
        _source_row as source_row,
        _record_key as source_record_key,
        nullif(trim(uuid), '') as funding_round_uuid,
        nullif(trim(name), '') as round_name,
        nullif(trim(org_uuid), '') as org_uuid,
        nullif(trim(org_name), '') as org_name,
        lower(trim(coalesce(investment_type, ''))) as investment_type,
        coalesce(trim(announced_on), '') as date_text,
        {{ parse_date_text('announced_on') }} as announced_date,
        {{ date_text_precision('announced_on') }} as date_precision,
        nullif(replace(trim(raised_amount), ',', ''), '') as raised_amount_text,
        upper(nullif(trim(raised_amount_currency_code), '')) as raised_currency,
        nullif(replace(trim(raised_amount_usd), ',', ''), '') as raised_usd_text,
        try_cast(nullif(replace(trim(post_money_valuation_usd), ',', ''), '') as double) as post_money_valuation_usd,
        try_cast(nullif(trim(investor_count), '') as integer) as investor_count,
        nullif(trim(lead_investor_uuids), '') as lead_investor_uuids,
        to_json(source)::varchar as raw_record
    from source
),

amounts as (
    select
        t.*,
        rt.round_type,
        rt.stage_group,
        rt.is_counted_round,
        -- prefer the amount in its own currency; raised_amount_usd is Crunchbase's conversion
        coalesce(t.raised_amount_text, t.raised_usd_text) as amount_text,
        case when t.raised_amount_text is not null then t.raised_currency
             when t.raised_usd_text is not null then 'USD' end as amount_currency_text,
        try_cast(coalesce(t.raised_amount_text, t.raised_usd_text) as double) as parsed_amount,
        ccy.currency_code as parsed_currency,
        o.org_uuid is not null as is_known_organization
    from typed as t
    left join organizations as o on o.org_uuid = t.org_uuid
    left join {{ ref('round_types') }} as rt
        on rt.source = 'crunchbase' and rt.raw_value = t.investment_type
    left join {{ ref('currency_names') }} as ccy
        on ccy.raw_name = case when t.raised_amount_text is not null then t.raised_currency
                               when t.raised_usd_text is not null then 'USD' end
),

classified as (
    select
        *,
        case
            when funding_round_uuid is null then 'missing uuid'
            when org_uuid is null then 'missing org_uuid'
            when not is_known_organization
                then 'unknown organization in org_uuid: ''' || org_uuid || ''' (not in organizations)'
            when date_text = '' then 'missing date in announced_on'
            when announced_date is null then 'unparseable date in announced_on: ''' || date_text || ''''
            when announced_date > current_date then 'date in the future in announced_on: ''' || date_text || ''''
            when round_type is null
                then 'unknown round type in investment_type: ''' || investment_type || ''' (not in seed round_types)'
            when amount_text is null then null
            when parsed_amount is null then 'amount parses to nothing in raised_amount: ''' || amount_text || ''''
            when parsed_amount < 0 then 'negative amount in raised_amount: ''' || amount_text || ''''
            when parsed_currency is null
                then 'unknown currency in raised_amount_currency_code: ''' || coalesce(amount_currency_text, '') || ''''
        end as reject_reason
    from amounts
)

select
    'crunchbase' as source,
    source_file,
    source_row,
    source_record_key,
    funding_round_uuid,
    round_name,
    org_uuid,
    org_name,
    announced_date,
    date_precision,
    investment_type as round_raw,
    round_type,
    stage_group,
    is_counted_round,
    amount_text as amount_raw,
    case when amount_text is null then 'undisclosed' else 'exact' end as amount_status,
    parsed_amount as amount_original,
    case when amount_text is not null then parsed_currency end as currency,
    post_money_valuation_usd,
    investor_count,
    lead_investor_uuids,
    reject_reason,
    raw_record
from classified
