-- depends_on: {{ ref('fuzzy_amount_rules') }}, {{ ref('amount_units') }}
-- One row per raw cn_export row (company rows and continuation rows), typed: the owning
-- company's attributes, the round's date, normalised round type and parsed amount. A row that
-- cannot be staged carries a reject_reason naming the field and the value; a company row whose
-- round fields are all '-' is a company without a disclosed round (row_kind
-- 'company_without_round'), neither a deal nor an error. Every form of amount, date and label
-- this reads: docs/raw-formats.md.
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'cn_export') }} where _line_error is null
),

company_rows as (
    select
        _source_file,
        _source_row,
        {{ clean_text('"公司名称"') }} as company_name,
        nullif(nullif({{ clean_text('"工商名称"') }}, ''), '-') as legal_name,
        nullif(nullif({{ clean_text('"公司网址"') }}, ''), '-') as website,
        nullif({{ clean_label('"地点"') }}, '-') as location,
        -- labels as shown: width and whitespace normalised (the taxonomy reads them)
        nullif({{ clean_label('"行业"') }}, '-') as industry,
        nullif({{ clean_label('"子行业"') }}, '-') as sub_industry,
        nullif(nullif({{ clean_text('"公司简介"') }}, ''), '-') as description,
        nullif(nullif({{ clean_text('"融资总额"') }}, ''), '-') as total_funding_text,
        nullif(nullif({{ clean_text('"估值"') }}, ''), '-') as valuation_text
    from source
    where not _is_continuation
),

countries as (
    select * from {{ country_lookup() }}
),

round_types as (
    select {{ normalise_label('raw_value') }} as raw_key, round_type, stage_group, is_counted_round
    from {{ ref('round_types') }}
    where source = 'cn_export'
),

currencies as (
    select {{ normalise_label('raw_name') }} as name_key, currency_code from {{ ref('currency_names') }}
),

rows_with_company as (
    select
        s._source_file as source_file,
        s._source_row as source_row,
        s._record_key as ingest_record_key,
        s._is_continuation as is_continuation,
        s._company_row as company_row,
        c.company_name,
        c.legal_name,
        c.website,
        c.location,
        c.industry,
        c.sub_industry,
        c.description,
        c.total_funding_text,
        c.valuation_text,
        coalesce({{ date_clean('s."融资时间"') }}, '') as date_text,
        date_order.date_order,
        date_order.order_basis,
        coalesce({{ clean_label('s."轮次"') }}, '') as round_text,
        coalesce({{ clean_text('s."融资金额"') }}, '') as amount_text,
        nullif(nullif(nullif({{ clean_text('s."投资方"') }}, ''), '-'), '未透露') as investors_text,
        to_json(s)::varchar as raw_record
    from source as s
    left join company_rows as c
        on c._source_file = s._source_file and c._source_row = s._company_row
    {{ join_date_order('cn_export', '融资时间', 's._source_file', 'date_order') }}
),

with_location as (
    select
        r.*,
        -- 地点 is '省份-城市', '香港-中西区' or '洲-国家': the first part names the country or a
        -- Chinese province; otherwise (a continent) the second part names the country.
        coalesce(loc_first.iso2, loc_second.iso2) as country_code
    from rows_with_company as r
    left join countries as loc_first
        on loc_first.name_key = lower(trim(split_part(r.location, '-', 1)))
    left join countries as loc_second
        on loc_second.name_key = lower(trim(split_part(r.location, '-', 2)))
),

parsed as (
    select
        *,
        date_text in ('', '-') and round_text in ('', '-') and amount_text in ('', '-') as has_no_round,
        {{ parse_date_text('date_text', "coalesce(date_order, " ~ date_order_default("'cn_export'") ~ ")") }} as announced_date,
        {{ date_text_precision('date_text') }} as date_precision,
        -- round_text and location are already clean labels: lower() is their key
        lower(round_text) as round_key,
        {{ cn_amount_text('amount_text') }} as amount_clean,
        {{ cn_amount_text('total_funding_text') }} as total_clean
    from with_location
),

split as (
    select
        *,
        {{ cn_amount_parts('amount_clean') }} as amount_parts,
        {{ cn_amount_parts('total_clean') }} as total_parts
    from parsed
),

amount_words as (
    select
        *,
        regexp_matches(amount_clean, '^-[0-9]') as is_negative_amount,
        -- the currency word: after the quantity, or the 元 of '亿元及以上'; none = 人民币
        coalesce(nullif(amount_parts.currency_text, ''), nullif(amount_parts.yuan, ''), '') as currency_word,
        coalesce(nullif(total_parts.currency_text, ''), nullif(total_parts.yuan, ''), '') as total_currency_word,
        (amount_parts.number <> '' or amount_parts.unit <> '') as has_quantity,
        (amount_parts.prefix <> '' or amount_parts.infix <> '' or amount_parts.suffix <> ''
         or amount_parts.suffix_after <> '') as has_qualifier
    from split
),

amounts as (
    select
        p.*,
        rt.round_type,
        rt.stage_group,
        rt.is_counted_round,
        -- a bare quantity ('1000万', '数亿') is in 人民币, like the export's own 融资总额
        case when p.currency_word = '' then 'CNY' else ccy.currency_code end as parsed_currency,
        -- 未透露, 未透露人民币, 未透露美元 …, '-' and empty: a round without an amount
        p.amount_clean in ('', '-')
            or (p.amount_parts.undisclosed <> '' and not p.has_quantity and not p.has_qualifier
                and (p.currency_word = '' or ccy.currency_code is not null)) as is_undisclosed_amount,
        coalesce(try_cast(nullif(p.amount_parts.number, '') as double), 1)
            * unit.multiplier
            * coalesce(q_prefix.factor, 1) * coalesce(q_infix.factor, 1)
            * coalesce(q_suffix.factor, 1) * coalesce(q_after.factor, 1)
            as parsed_amount,
        p.has_qualifier as is_fuzzy,
        -- a quantity was read (an unknown form has none; its row is quarantined)
        p.has_quantity and p.amount_parts.undisclosed = ''
            and (try_cast(nullif(p.amount_parts.number, '') as double) is not null or p.amount_parts.number = '')
            as is_amount_read,
        -- 融资总额 is the export's own total in 人民币 (a bare number with 万/亿, or with 元/人民币)
        case when (p.total_parts.number <> '' or p.total_parts.unit <> '')
                  and p.total_parts.undisclosed = ''
                  and (p.total_currency_word = '' or total_ccy.currency_code = 'CNY')
             then try_cast(coalesce(nullif(p.total_parts.number, ''), '1') as double)
                  * total_unit.multiplier
                  * coalesce(t_prefix.factor, 1) * coalesce(t_infix.factor, 1)
                  * coalesce(t_suffix.factor, 1) * coalesce(t_after.factor, 1)
        end as total_funding_cny
    from amount_words as p
    left join round_types as rt
        on rt.raw_key = p.round_key
    left join {{ ref('amount_units') }} as unit
        on coalesce(unit.unit, '') = p.amount_parts.unit
    left join {{ ref('fuzzy_amount_rules') }} as q_prefix
        on q_prefix.position = 'prefix' and q_prefix.qualifier = p.amount_parts.prefix
    left join {{ ref('fuzzy_amount_rules') }} as q_infix
        on q_infix.position = 'infix' and q_infix.qualifier = p.amount_parts.infix
    left join {{ ref('fuzzy_amount_rules') }} as q_suffix
        on q_suffix.position = 'suffix' and q_suffix.qualifier = p.amount_parts.suffix
    left join {{ ref('fuzzy_amount_rules') }} as q_after
        on q_after.position = 'suffix' and q_after.qualifier = p.amount_parts.suffix_after
    left join currencies as ccy
        on ccy.name_key = lower(p.currency_word)
    left join {{ ref('amount_units') }} as total_unit
        on coalesce(total_unit.unit, '') = p.total_parts.unit
    left join {{ ref('fuzzy_amount_rules') }} as t_prefix
        on t_prefix.position = 'prefix' and t_prefix.qualifier = p.total_parts.prefix
    left join {{ ref('fuzzy_amount_rules') }} as t_infix
        on t_infix.position = 'infix' and t_infix.qualifier = p.total_parts.infix
    left join {{ ref('fuzzy_amount_rules') }} as t_suffix
        on t_suffix.position = 'suffix' and t_suffix.qualifier = p.total_parts.suffix
    left join {{ ref('fuzzy_amount_rules') }} as t_after
        on t_after.position = 'suffix' and t_after.qualifier = p.total_parts.suffix_after
    left join currencies as total_ccy
        on total_ccy.name_key = lower(p.total_currency_word)
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
            when is_continuation and company_row is null then 'orphan_continuation'
            when has_no_round and not is_continuation then 'company_without_round'
            else 'round'
        end as row_kind,
        case
            when is_continuation and company_row is null
                then 'orphan continuation row: no company row above it in the file'
            when has_no_round and is_continuation
                then 'continuation row without a round (融资时间, 轮次 and 融资金额 are empty)'
            when has_no_round then null
            when date_text in ('', '-') then 'missing date in 融资时间'
            when announced_date is null
                then {{ date_reject_reason('date_text', 'announced_date', '融资时间', 'date_order', 'order_basis') }}
            when announced_date > current_date then 'date in the future in 融资时间: ''' || date_text || ''''
            when announced_date < {{ min_announced_date() }} then {{ too_early_date_reason('date_text', '融资时间') }}
            when round_type is null
                then 'unknown round type in 轮次: ''' || round_text || ''' (not in seed round_types)'
            when is_undisclosed_amount then null
            when is_negative_amount then 'negative amount in 融资金额: ''' || amount_text || ''''
            -- a form the rules do not know is named, never guessed
            when not is_amount_read or parsed_amount is null
                 or (parsed_currency is null and not {{ looks_like_currency('currency_word') }})
                then 'unknown amount form in 融资金额: ''' || amount_text || ''''
            when parsed_currency is null
                then 'unknown currency ''' || currency_word || ''' in 融资金额: ''' || amount_text || ''''
            when {{ is_not_finite('parsed_amount') }} then {{ non_finite_reason('amount_text', '融资金额') }}
            when {{ is_above_round_ceiling('amount_cny_check') }}
                then {{ round_ceiling_reason('amount_cny_check', 'amount_text', '融资金额') }}
        end as reject_reason
    from in_cny
)

select
    'cn_export' as source,
    source_file,
    source_row,
    -- The record's identity: owning company, date, round and amount as parsed, so that
    -- overlapping exports writing the same record differently ('2023-01-12' in one file,
    -- '2023/1/12' in the next) are one record. Rows that do not parse keep the ingest key.
    case
        when reject_reason is null and row_kind = 'round'
            then left(md5(concat_ws('|', company_name, announced_date, round_text,
                                    case when is_undisclosed_amount then 'undisclosed'
                                         else concat_ws('|', is_fuzzy, parsed_amount, parsed_currency) end)), 20)
        else ingest_record_key
    end as source_record_key,
    ingest_record_key as raw_record_key,
    row_kind,
    is_continuation,
    company_row,
    company_name,
    legal_name,
    website,
    location,
    country_code,
    industry,
    sub_industry,
    description,
    total_funding_text,
    total_funding_cny,
    valuation_text,
    case when row_kind = 'round' then announced_date end as announced_date,
    case when row_kind = 'round' then date_precision end as date_precision,
    nullif(round_text, '') as round_raw,
    case when row_kind = 'round' then round_type end as round_type,
    case when row_kind = 'round' then stage_group end as stage_group,
    case when row_kind = 'round' then is_counted_round end as is_counted_round,
    nullif(amount_text, '') as amount_raw,
    case
        when row_kind <> 'round' then null
        when is_undisclosed_amount then 'undisclosed'
        when not is_amount_read then null
        when is_fuzzy then 'estimated'
        else 'exact'
    end as amount_status,
    case when row_kind = 'round' and not is_undisclosed_amount and is_amount_read then parsed_amount end as amount_original,
    case when row_kind = 'round' and not is_undisclosed_amount and is_amount_read then parsed_currency end as currency,
    investors_text as investors_raw,
    reject_reason,
    raw_record
from classified
