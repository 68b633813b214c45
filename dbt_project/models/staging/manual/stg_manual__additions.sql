-- One row per analyst-added deal (raw/manual/additions*.csv, format in raw/manual/README.md):
-- typed like the export rounds. round_type may use either the Crunchbase or the cn_export
-- vocabulary of seed round_types; amount is a plain number in `currency` (empty = undisclosed).
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'manual_additions') }} where _line_error is null
),

countries as (
    select * from {{ country_lookup() }}
),

round_vocabulary as (
    -- both vocabularies; Crunchbase first where a value is in both
    select {{ normalise_label('raw_value') }} as raw_key, round_type, stage_group, is_counted_round,
           row_number() over (partition by {{ normalise_label('raw_value') }} order by source = 'crunchbase' desc) as pick
    from {{ ref('round_types') }}
),

currencies as (
    select {{ normalise_label('raw_name') }} as name_key, currency_code from {{ ref('currency_names') }}
),

cleaned as (
    select
        s.*,
        coalesce({{ date_clean('s.announced_on') }}, '') as date_text,
        date_order.date_order,
        date_order.order_basis,
        to_json(s)::varchar as raw_record
    from source as s
    {{ join_date_order('manual_additions', 'announced_on', 's._source_file', 'date_order') }}
),

typed as (
    select
        s._source_file as source_file,
        s._source_row as source_row,
        s._record_key as source_record_key,
        nullif({{ clean_text('s.company_name') }}, '') as company_name,
        upper(nullif({{ clean_text('s.country_code') }}, '')) as country_code_text,
        c.iso2 as country_code,
        s.date_text,
        s.date_order,
        s.order_basis,
        {{ parse_date_text('s.date_text', "coalesce(s.date_order, " ~ date_order_default("'manual'") ~ ")") }} as announced_date,
        {{ date_text_precision('s.date_text') }} as date_precision,
        coalesce({{ clean_label('s.round_type') }}, '') as round_text,
        rt.round_type,
        rt.stage_group,
        rt.is_counted_round,
        {{ clean_number('s.amount') }} as amount_text,
        try_cast({{ clean_number('s.amount') }} as double) as parsed_amount,
        nullif({{ clean_label('s.currency') }}, '') as currency_text,
        ccy.currency_code as parsed_currency,
        nullif({{ clean_text('s.investors') }}, '') as investors_raw,
        nullif({{ clean_text('s.description') }}, '') as description,
        nullif({{ clean_text('s.note') }}, '') as note,
        s.raw_record
    from cleaned as s
    left join countries as c on c.name_key = {{ normalise_label('s.country_code') }}
    left join round_vocabulary as rt on rt.raw_key = {{ normalise_label('s.round_type') }} and rt.pick = 1
    left join currencies as ccy on ccy.name_key = {{ normalise_label('s.currency') }}
),

in_cny as (
    -- the amount in yuan at the month's rate, to judge it against var max_round_amount_cny
    select t.*, {{ amount_in_cny('t.parsed_amount', 't.parsed_currency', 'fx') }} as amount_cny_check
    from typed as t
    {{ join_fx_rate('fx', 't.parsed_currency', 't.announced_date') }}
)

select
    'manual' as source,
    source_file,
    source_row,
    source_record_key,
    company_name,
    country_code,
    announced_date,
    date_precision,
    nullif(round_text, '') as round_raw,
    round_type,
    stage_group,
    is_counted_round,
    amount_text as amount_raw,
    case when amount_text is null then 'undisclosed' else 'exact' end as amount_status,
    parsed_amount as amount_original,
    case when amount_text is not null then parsed_currency end as currency,
    investors_raw,
    description,
    note,
    case
        when company_name is null then 'missing company_name'
        when country_code_text is not null and country_code is null
            then 'unknown country in country_code: ''' || country_code_text || ''''
        when date_text = '' then 'missing date in announced_on'
        when announced_date is null
            then {{ date_reject_reason('date_text', 'announced_date', 'announced_on', 'date_order', 'order_basis') }}
        when announced_date > current_date then 'date in the future in announced_on: ''' || date_text || ''''
        when announced_date < {{ min_announced_date() }} then {{ too_early_date_reason('date_text', 'announced_on') }}
        when round_type is null
            then 'unknown round type in round_type: ''' || round_text || ''' (not in seed round_types)'
        when amount_text is null then null
        when parsed_amount is null then 'amount parses to nothing in amount: ''' || amount_text || ''''
        when {{ is_not_finite('parsed_amount') }} then {{ non_finite_reason('amount_text', 'amount') }}
        when parsed_amount < 0 then 'negative amount in amount: ''' || amount_text || ''''
        when parsed_currency is null then 'unknown currency in currency: ''' || coalesce(currency_text, '') || ''''
        when {{ is_above_round_ceiling('amount_cny_check') }}
            then {{ round_ceiling_reason('amount_cny_check', 'amount_text', 'amount') }}
    end as reject_reason,
    raw_record
from in_cny
