-- depends_on: {{ ref('fuzzy_amount_rules') }}, {{ ref('amount_units') }}
-- The staged cn_export rows with their amounts read: 融资金额 into amount, currency and status
-- (exact / estimated / undisclosed), 融资总额 into yuan (the export's own control total), and the
-- record's identity, which includes the parsed amount. A 融资金额 the rules do not know, a negative
-- one, an unknown currency or an amount above var max_round_amount_cny adds its reject_reason
-- to the ones staging found (those come first). Every form of amount this reads:
-- docs/raw-formats.md; the grammar: macros/cn_amount.sql.
with staged as (
    select
        *,
        coalesce(amount_raw, '') as amount_text,
        {{ cn_amount_text("coalesce(amount_raw, '')") }} as amount_clean,
        {{ cn_amount_text('total_funding_text') }} as total_clean
    from {{ ref('stg_cn_export__rounds') }}
),

currencies as (
    select {{ normalise_label('raw_name') }} as name_key, currency_code from {{ ref('currency_names') }}
),

split as (
    select
        *,
        {{ cn_amount_parts('amount_clean') }} as amount_parts,
        {{ cn_amount_parts('total_clean') }} as total_parts
    from staged
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
        -- a bare quantity ('1000万', '数亿') is in 人民币, like the export's own 融资总额
        case when p.currency_word = '' then 'CNY' else ccy.currency_code end as parsed_currency,
        -- 未透露, 未透露人民币, 未透露美元 …, '-' and empty: a round without an amount
        p.amount_clean in ('', '-')
            or (p.amount_parts.undisclosed <> '' and not p.has_quantity and not p.has_qualifier
                and (p.currency_word = '' or ccy.currency_code is not null)) as is_undisclosed_amount,
        {{ cn_amount_value('p.amount_parts', 'amount') }} as parsed_amount,
        p.has_qualifier as is_fuzzy,
        -- a quantity was read (an unknown form has none; its row is quarantined)
        p.has_quantity and p.amount_parts.undisclosed = ''
            and (try_cast(nullif(p.amount_parts.number, '') as double) is not null or p.amount_parts.number = '')
            as is_amount_read,
        -- 融资总额 is the export's own total in 人民币 (a bare number with 万/亿, or with 元/人民币)
        case when (p.total_parts.number <> '' or p.total_parts.unit <> '')
                  and p.total_parts.undisclosed = ''
                  and (p.total_currency_word = '' or total_ccy.currency_code = 'CNY')
             then {{ cn_amount_value('p.total_parts', 'total') }}
        end as total_funding_cny
    from amount_words as p
    {{ cn_amount_joins('p.amount_parts', 'amount') }}
    {{ cn_amount_joins('p.total_parts', 'total') }}
    left join currencies as ccy
        on ccy.name_key = lower(p.currency_word)
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
        coalesce(reject_reason, case
            -- staging's reasons come first; only a round staging took has an amount to judge
            when row_kind <> 'round' or is_undisclosed_amount then null
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
        end) as amount_reject_reason
    from in_cny
)

select
    source,
    source_file,
    source_row,
    -- The record's identity: owning company, date, round and amount as parsed, so that
    -- overlapping exports writing the same record differently ('2023-01-12' in one file,
    -- '2023/1/12' in the next) are one record. Rows that do not parse keep the ingest key.
    case
        when amount_reject_reason is null and row_kind = 'round'
            then left(md5(concat_ws('|', company_name, announced_date, coalesce(round_raw, ''),
                                    case when is_undisclosed_amount then 'undisclosed'
                                         else concat_ws('|', is_fuzzy, parsed_amount, parsed_currency) end)), 20)
        else raw_record_key
    end as source_record_key,
    raw_record_key,
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
    announced_date,
    date_precision,
    round_raw,
    round_type,
    stage_group,
    is_counted_round,
    amount_raw,
    case
        when row_kind <> 'round' then null
        when is_undisclosed_amount then 'undisclosed'
        when not is_amount_read then null
        when is_fuzzy then 'estimated'
        else 'exact'
    end as amount_status,
    case when row_kind = 'round' and not is_undisclosed_amount and is_amount_read then parsed_amount end as amount_original,
    case when row_kind = 'round' and not is_undisclosed_amount and is_amount_read then parsed_currency end as currency,
    investors_raw,
    amount_reject_reason as reject_reason,
    raw_record
from classified
