-- One row per raw unicorn-list row: company, valuation in USD ('$350', '$1,200', '350.00'
-- billions), the date it joined the list (day/month order per file: int_date_orders_detected), country
-- (English name → ISO alpha-2), industry label and investors. A unicorn is identified by its
-- normalised company name + country + city (city blank: + the date it joined), computed here from
-- the texts, so two companies sharing a name (the two US 'Branch') stay two and a repeated row
-- is one unicorn: copy_number 1 is the row that describes it (latest file first).
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'unicorns') }} where _line_error is null
),

countries as (
    select * from {{ country_lookup() }}
),

cleaned as (
    select
        s._source_file as source_file,
        s._source_row as source_row,
        s._record_key as raw_record_key,
        nullif({{ clean_label('s."Company"') }}, '') as company_name,
        coalesce({{ clean_text('s."Valuation ($B)"') }}, '') as valuation_text,
        coalesce({{ date_clean('s."Date Joined"') }}, '') as date_joined_text,
        date_order.date_order,
        date_order.order_basis,
        {{ clean_label('s."Country"') }} as country_name,
        c.iso2 as country_code,
        {{ clean_label('s."City"') }} as city,
        {{ clean_label('s."Industry"') }} as industry,
        nullif({{ clean_text('s."Select Investors"') }}, '') as investors_raw,
        to_json(s)::varchar as raw_record
    from source as s
    left join countries as c on c.name_key = {{ normalise_label('s."Country"') }}
    {{ join_date_order('unicorns', 'Date Joined', 's._source_file', 'date_order') }}
),

typed as (
    select
        *,
        -- '$350', '$350.00', '350', '$1,200', 'US$ 2.5', '$3.3B': billions of US dollars
        try_cast(regexp_extract(
            upper(regexp_replace({{ to_halfwidth('valuation_text') }}, '[\s,]', '', 'g')),
            '^(?:US)?\$?([0-9]+(?:\.[0-9]+)?)(?:B|BN|BILLION)?$', 1) as double) as valuation_billion_usd,
        {{ parse_date_text('date_joined_text', "coalesce(date_order, " ~ date_order_default("'unicorns'") ~ ")") }} as date_joined,
        {{ normalise_label('industry') }} as industry_key,
        -- the identity: exact-name key (width, case, accents, punctuation), country, city
        {{ company_name_key('company_name', strip_suffixes=false) }} as company_key,
        coalesce(country_code, {{ normalise_label('country_name') }}, '') as country_key,
        {{ normalise_label('city') }} as city_key
    from cleaned
),

identified as (
    select
        *,
        left(md5(concat_ws('|', company_key, country_key, coalesce(city_key, ''),
                           case when city_key is null then cast(date_joined as varchar) end)), 20) as unicorn_key
    from typed
),

copies as (
    select
        *,
        row_number() over (partition by unicorn_key order by source_file desc, source_row) as copy_number,
        count(*) over (partition by unicorn_key) as copy_count
    from identified
)

select
    'unicorns' as source,
    source_file,
    source_row,
    unicorn_key as source_record_key,
    raw_record_key,
    unicorn_key,
    copy_number,
    copy_count,
    company_name,
    valuation_billion_usd * 1e9 as valuation_usd,
    date_joined,
    country_name,
    country_code,
    city,
    industry,
    industry_key,
    investors_raw,
    case
        when company_name is null then 'missing Company'
        when valuation_text = '' then 'missing valuation in Valuation ($B): '''''
        when regexp_matches(valuation_text, '^[^0-9]*[-−][0-9$ ]')
            then 'negative valuation in Valuation ($B): ''' || valuation_text || ''''
        when valuation_billion_usd is null
            then 'unparseable valuation in Valuation ($B): ''' || valuation_text || ''''
        when {{ is_not_finite('valuation_billion_usd') }}
            then {{ non_finite_reason('valuation_text', 'Valuation ($B)') }}
        when valuation_billion_usd * 1e9 > {{ var('max_unicorn_valuation_usd') }}
            then 'implausible valuation in Valuation ($B): ''' || valuation_text || ''' is '
                 || {{ format_money('valuation_billion_usd * 1e9') }} || ' USD, above the ceiling of '
                 || {{ format_money(var('max_unicorn_valuation_usd')) }} || ' USD (var max_unicorn_valuation_usd)'
        when date_joined_text = '' then 'missing date in Date Joined'
        when date_joined is null
            then {{ date_reject_reason('date_joined_text', 'date_joined', 'Date Joined', 'date_order', 'order_basis') }}
        when date_joined > current_date then 'date in the future in Date Joined: ''' || date_joined_text || ''''
        when date_joined < {{ min_announced_date() }} then {{ too_early_date_reason('date_joined_text', 'Date Joined') }}
    end as reject_reason,
    raw_record
from copies
