-- depends_on: {{ ref('fuzzy_amount_rules') }}, {{ ref('amount_units') }}
-- One row per raw cn_export row (company rows and continuation rows), typed: the owning
-- company's attributes, the round's date, normalised round type and parsed amount. A row that
-- cannot be staged carries a reject_reason naming the field and the value; a company row whose
-- round fields are all '-' is a company without a disclosed round (row_kind
-- 'company_without_round'), neither a deal nor an error.
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'cn_export') }} where _line_error is null
),

company_rows as (
    select
        _source_file,
        _source_row,
        trim("公司名称") as company_name,
        nullif(nullif(trim("工商名称"), ''), '-') as legal_name,
        nullif(nullif(trim("公司网址"), ''), '-') as website,
        nullif(nullif(trim("地点"), ''), '-') as location,
        nullif(nullif(trim("行业"), ''), '-') as industry,
        nullif(nullif(trim("子行业"), ''), '-') as sub_industry,
        nullif(nullif(trim("公司简介"), ''), '-') as description,
        nullif(nullif(trim("融资总额"), ''), '-') as total_funding_text,
        nullif(nullif(trim("估值"), ''), '-') as valuation_text
    from source
    where not _is_continuation
),

countries as (
    select * from {{ country_lookup() }}
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
        coalesce(trim(s."融资时间"), '') as date_text,
        coalesce(trim(s."轮次"), '') as round_text,
        coalesce(trim(s."融资金额"), '') as amount_text,
        nullif(nullif(nullif(trim(s."投资方"), ''), '-'), '未透露') as investors_text,
        to_json(s)::varchar as raw_record
    from source as s
    left join company_rows as c
        on c._source_file = s._source_file and c._source_row = s._company_row
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
        {{ parse_date_text('date_text') }} as announced_date,
        {{ date_text_precision('date_text') }} as date_precision,
        amount_text in ('', '-', '未透露') as is_undisclosed_amount,
        regexp_matches(amount_text, '^\s*-\s*[0-9]') as is_negative_amount,
        {{ cn_amount_parts('amount_text') }} as amount_parts,
        {{ cn_amount_parts('total_funding_text') }} as total_parts
    from with_location
),

amounts as (
    select
        p.*,
        rt.round_type,
        rt.stage_group,
        rt.is_counted_round,
        ccy.currency_code as parsed_currency,
        (p.amount_parts.number <> '' or p.amount_parts.unit <> '') as has_quantity,
        coalesce(try_cast(nullif(p.amount_parts.number, '') as double), 1)
            * unit.multiplier
            * coalesce(q_prefix.factor, 1) * coalesce(q_suffix.factor, 1) * coalesce(q_after.factor, 1)
            as parsed_amount,
        (q_prefix.factor is not null or q_suffix.factor is not null or q_after.factor is not null)
            as is_fuzzy,
        -- 融资总额 is the export's own total in 人民币 (a bare number with 万/亿, or with 元/人民币)
        case when (p.total_parts.number <> '' or p.total_parts.unit <> '')
                  and (coalesce(nullif(p.total_parts.currency_text, ''), p.total_parts.yuan) = ''
                       or total_ccy.currency_code = 'CNY')
             then coalesce(try_cast(nullif(p.total_parts.number, '') as double), 1)
                  * total_unit.multiplier
                  * coalesce(t_prefix.factor, 1) * coalesce(t_suffix.factor, 1) * coalesce(t_after.factor, 1)
        end as total_funding_cny
    from parsed as p
    left join {{ ref('round_types') }} as rt
        on rt.source = 'cn_export' and rt.raw_value = p.round_text
    left join {{ ref('amount_units') }} as unit
        on coalesce(unit.unit, '') = p.amount_parts.unit
    left join {{ ref('fuzzy_amount_rules') }} as q_prefix
        on q_prefix.qualifier = p.amount_parts.prefix
    left join {{ ref('fuzzy_amount_rules') }} as q_suffix
        on q_suffix.qualifier = p.amount_parts.suffix
    left join {{ ref('fuzzy_amount_rules') }} as q_after
        on q_after.qualifier = p.amount_parts.suffix_after
    left join {{ ref('currency_names') }} as ccy
        -- '亿元及以上' has its currency (元) before the qualifier
        on ccy.raw_name = coalesce(nullif(p.amount_parts.currency_text, ''), nullif(p.amount_parts.yuan, ''), '')
    left join {{ ref('amount_units') }} as total_unit
        on coalesce(total_unit.unit, '') = p.total_parts.unit
    left join {{ ref('fuzzy_amount_rules') }} as t_prefix
        on t_prefix.qualifier = p.total_parts.prefix
    left join {{ ref('fuzzy_amount_rules') }} as t_suffix
        on t_suffix.qualifier = p.total_parts.suffix
    left join {{ ref('fuzzy_amount_rules') }} as t_after
        on t_after.qualifier = p.total_parts.suffix_after
    left join {{ ref('currency_names') }} as total_ccy
        on total_ccy.raw_name = coalesce(nullif(p.total_parts.currency_text, ''), nullif(p.total_parts.yuan, ''), '')
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
            when announced_date is null then 'unparseable date in 融资时间: ''' || date_text || ''''
            when announced_date > current_date then 'date in the future in 融资时间: ''' || date_text || ''''
            when round_type is null
                then 'unknown round type in 轮次: ''' || round_text || ''' (not in seed round_types)'
            when is_undisclosed_amount then null
            when is_negative_amount then 'negative amount in 融资金额: ''' || amount_text || ''''
            when not has_quantity or parsed_amount is null
                then 'amount parses to nothing in 融资金额: ''' || amount_text || ''''
            when parsed_currency is null
                then 'unknown currency ''' || amount_parts.currency_text || ''' in 融资金额: ''' || amount_text || ''''
        end as reject_reason
    from amounts
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
        when is_fuzzy then 'estimated'
        else 'exact'
    end as amount_status,
    case when row_kind = 'round' and not is_undisclosed_amount then parsed_amount end as amount_original,
    case when row_kind = 'round' and not is_undisclosed_amount then parsed_currency end as currency,
    investors_text as investors_raw,
    reject_reason,
    raw_record
from classified
