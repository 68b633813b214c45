-- One row per raw cn_export row (company rows and continuation rows), typed and renamed: the
-- owning company's attributes, the round's date and normalised round type, and 融资金额 / 融资总额
-- as text (int_cn_export_rounds_amounts_parsed parses the amounts). A row that cannot be staged
-- carries a reject_reason naming the field and the value; a company row whose round fields are
-- all '-' is a company without a disclosed round (row_kind 'company_without_round'), neither a
-- deal nor an error. Every form of date and label this reads: docs/raw-formats.md.
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
        r.*,
        r.date_text in ('', '-') and r.round_text in ('', '-') and r.amount_text in ('', '-') as has_no_round,
        {{ parse_date_text('r.date_text', "coalesce(r.date_order, " ~ date_order_default("'cn_export'") ~ ")") }}
            as announced_date,
        {{ date_text_precision('r.date_text') }} as date_precision,
        rt.round_type,
        rt.stage_group,
        rt.is_counted_round
    from with_location as r
    -- round_text is already a clean label: lower() is its key
    left join round_types as rt on rt.raw_key = lower(r.round_text)
),

classified as (
    select
        *,
        case
            when is_continuation and company_row is null then 'orphan_continuation'
            when has_no_round and not is_continuation then 'company_without_round'
            else 'round'
        end as row_kind,
        -- the reasons found in the amount (unknown form, negative, above the ceiling …) come after
        -- these, in int_cn_export_rounds_amounts_parsed
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
        end as reject_reason
    from parsed
)

select
    'cn_export' as source,
    source_file,
    source_row,
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
    valuation_text,
    case when row_kind = 'round' then announced_date end as announced_date,
    case when row_kind = 'round' then date_precision end as date_precision,
    nullif(round_text, '') as round_raw,
    case when row_kind = 'round' then round_type end as round_type,
    case when row_kind = 'round' then stage_group end as stage_group,
    case when row_kind = 'round' then is_counted_round end as is_counted_round,
    nullif(amount_text, '') as amount_raw,
    investors_text as investors_raw,
    reject_reason,
    raw_record
from classified
