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
    select raw_value, round_type, stage_group, is_counted_round,
           row_number() over (partition by raw_value order by source = 'crunchbase' desc) as pick
    from {{ ref('round_types') }}
),

typed as (
    select
        s._source_file as source_file,
        s._source_row as source_row,
        s._record_key as source_record_key,
        nullif(trim(s.company_name), '') as company_name,
        upper(nullif(trim(s.country_code), '')) as country_code_text,
        c.iso2 as country_code,
        coalesce(trim(s.announced_on), '') as date_text,
        {{ parse_date_text('s.announced_on') }} as announced_date,
        {{ date_text_precision('s.announced_on') }} as date_precision,
        coalesce(trim(s.round_type), '') as round_text,
        rt.round_type,
        rt.stage_group,
        rt.is_counted_round,
        nullif(replace(trim(s.amount), ',', ''), '') as amount_text,
        try_cast(nullif(replace(trim(s.amount), ',', ''), '') as double) as parsed_amount,
        upper(nullif(trim(s.currency), '')) as currency_text,
        ccy.currency_code as parsed_currency,
        nullif(trim(s.investors), '') as investors_raw,
        nullif(trim(s.description), '') as description,
        nullif(trim(s.note), '') as note,
        to_json(s)::varchar as raw_record
    from source as s
    left join countries as c on c.name_key = lower(trim(s.country_code))
    left join round_vocabulary as rt on rt.raw_value = trim(s.round_type) and rt.pick = 1
    left join {{ ref('currency_names') }} as ccy on ccy.raw_name = upper(trim(s.currency))
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
        when announced_date is null then 'unparseable date in announced_on: ''' || date_text || ''''
        when announced_date > current_date then 'date in the future in announced_on: ''' || date_text || ''''
        when round_type is null
            then 'unknown round type in round_type: ''' || round_text || ''' (not in seed round_types)'
        when amount_text is null then null
        when parsed_amount is null then 'amount parses to nothing in amount: ''' || amount_text || ''''
        when parsed_amount < 0 then 'negative amount in amount: ''' || amount_text || ''''
        when parsed_currency is null then 'unknown currency in currency: ''' || coalesce(currency_text, '') || ''''
    end as reject_reason,
    raw_record
from typed
