-- One row per raw Crunchbase funding round row, typed: date, normalised round type, amount in
-- its original currency. Crunchbase amounts are exact; a round without raised_amount falls back to
-- raised_amount_usd, and one with neither is undisclosed. Rows that cannot be staged carry a
-- reject_reason naming the field and the value (a round of an organization missing from
-- organizations.csv included).
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'crunchbase_funding_rounds') }} where _line_error is null
),

round_types as (
    select {{ normalise_label('raw_value') }} as raw_key, round_type, stage_group, is_counted_round
    from {{ ref('round_types') }}
    where source = 'crunchbase'
),

currencies as (
    select {{ normalise_label('raw_name') }} as name_key, currency_code from {{ ref('currency_names') }}
),

organizations as (
    -- a round must belong to an organization of the export (referential integrity of the bulk export)
    select distinct org_uuid from {{ ref('stg_crunchbase__organizations') }} where reject_reason is null
),

cleaned as (
    select
        s._source_file as source_file,
        s._source_row as source_row,
        s._record_key as source_record_key,
        nullif({{ clean_text('s.uuid') }}, '') as funding_round_uuid,
        nullif({{ clean_text('s.name') }}, '') as round_name,
        nullif({{ clean_text('s.org_uuid') }}, '') as org_uuid,
        nullif({{ clean_text('s.org_name') }}, '') as org_name,
        coalesce({{ normalise_label('s.investment_type') }}, '') as investment_type,
        coalesce({{ date_clean('s.announced_on') }}, '') as date_text,
        date_order.date_order,
        date_order.order_basis,
        {{ clean_number('s.raised_amount') }} as raised_amount_text,
        upper(nullif({{ clean_text('s.raised_amount_currency_code') }}, '')) as raised_currency,
        {{ clean_number('s.raised_amount_usd') }} as raised_usd_text,
        {{ clean_number('s.post_money_valuation_usd') }} as post_money_text,
        try_cast({{ clean_number('s.post_money_valuation_usd') }} as double) as post_money_valuation_usd,
        try_cast(nullif({{ clean_text('s.investor_count') }}, '') as integer) as investor_count,
        nullif({{ clean_text('s.lead_investor_uuids') }}, '') as lead_investor_uuids,
        to_json(s)::varchar as raw_record
    from source as s
    {{ join_date_order('crunchbase_funding_rounds', 'announced_on', 's._source_file', 'date_order') }}
),

typed as (
    select
        *,
        {{ parse_date_text('date_text', "coalesce(date_order, " ~ date_order_default("'crunchbase'") ~ ")") }} as announced_date,
        {{ date_text_precision('date_text') }} as date_precision
    from cleaned
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
    left join round_types as rt
        on rt.raw_key = t.investment_type
    left join currencies as ccy
        on ccy.name_key = lower(case when t.raised_amount_text is not null then t.raised_currency
                                     when t.raised_usd_text is not null then 'USD' end)
),

in_cny as (
    -- the amount in yuan at the month's rate, to judge it against var max_round_amount_cny
    select a.*, {{ amount_in_cny('a.parsed_amount', 'a.parsed_currency', 'fx') }} as amount_cny_check
    from amounts as a
    {{ join_fx_rate('fx', 'a.parsed_currency', 'a.announced_date') }}
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
            when announced_date is null
                then {{ date_reject_reason('date_text', 'announced_date', 'announced_on', 'date_order', 'order_basis') }}
            when announced_date > current_date then 'date in the future in announced_on: ''' || date_text || ''''
            when announced_date < {{ min_announced_date() }} then {{ too_early_date_reason('date_text', 'announced_on') }}
            when round_type is null
                then 'unknown round type in investment_type: ''' || investment_type || ''' (not in seed round_types)'
            when post_money_valuation_usd is not null and {{ is_not_finite('post_money_valuation_usd') }}
                then {{ non_finite_reason('post_money_text', 'post_money_valuation_usd') }}
            when post_money_valuation_usd < 0
                then 'negative valuation in post_money_valuation_usd: ''' || post_money_text || ''''
            when amount_text is null then null
            when parsed_amount is null then 'amount parses to nothing in raised_amount: ''' || amount_text || ''''
            when {{ is_not_finite('parsed_amount') }} then {{ non_finite_reason('amount_text', 'raised_amount') }}
            when parsed_amount < 0 then 'negative amount in raised_amount: ''' || amount_text || ''''
            when parsed_currency is null
                then 'unknown currency in raised_amount_currency_code: ''' || coalesce(amount_currency_text, '') || ''''
            when {{ is_above_round_ceiling('amount_cny_check') }}
                then {{ round_ceiling_reason('amount_cny_check', 'amount_text', 'raised_amount') }}
        end as reject_reason
    from in_cny
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
