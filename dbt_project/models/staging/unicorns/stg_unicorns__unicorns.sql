-- One row per raw unicorn-list row: company, valuation in USD ('$350' or '350' billions), the
-- date it joined the list, country (English name → ISO alpha-2), industry label and investors.
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'unicorns') }} where _line_error is null
),

countries as (
    select * from {{ country_lookup() }}
),

typed as (
    select
        s._source_file as source_file,
        s._source_row as source_row,
        s._record_key as source_record_key,
        nullif(trim(s."Company"), '') as company_name,
        trim(coalesce(s."Valuation ($B)", '')) as valuation_text,
        try_cast(regexp_replace(trim(coalesce(s."Valuation ($B)", '')), '^\$\s*|,', '', 'g') as double)
            as valuation_billion_usd,
        trim(coalesce(s."Date Joined", '')) as date_joined_text,
        {{ parse_date_text('s."Date Joined"') }} as date_joined,
        nullif(trim(s."Country"), '') as country_name,
        c.iso2 as country_code,
        nullif(trim(s."City"), '') as city,
        nullif(trim(s."Industry"), '') as industry,
        nullif(trim(s."Select Investors"), '') as investors_raw,
        to_json(s)::varchar as raw_record
    from source as s
    left join countries as c on c.name_key = lower(trim(s."Country"))
)

select
    'unicorns' as source,
    source_file,
    source_row,
    source_record_key,
    company_name,
    valuation_billion_usd * 1e9 as valuation_usd,
    date_joined,
    country_name,
    country_code,
    city,
    industry,
    investors_raw,
    case
        when company_name is null then 'missing Company'
        when valuation_billion_usd is null
            then 'unparseable valuation in Valuation ($B): ''' || valuation_text || ''''
        when valuation_billion_usd < 0
            then 'negative valuation in Valuation ($B): ''' || valuation_text || ''''
        when date_joined is null then 'unparseable date in Date Joined: ''' || date_joined_text || ''''
        when date_joined > current_date then 'date in the future in Date Joined: ''' || date_joined_text || ''''
    end as reject_reason,
    raw_record
from typed
