-- One row per raw fx_rates row: month, currency and CNY per unit, typed. Rows that cannot be a
-- rate get a reject_reason (and land in quarantine); a second row for the same month and
-- currency is rejected unless it repeats the kept rate exactly.
with source as (
    select * exclude (_line_error, _raw_line) from {{ source('raw', 'fx_rates') }} where _line_error is null
),

typed as (
    select
        'fx_rates' as source,
        _source_file as source_file,
        _source_row as source_row,
        _record_key as source_record_key,
        trim(month) as month_text,
        upper(trim(currency)) as currency,
        trim(cny_per_unit) as rate_text,
        case when regexp_full_match(trim(month), '\d{4}-\d{2}')
                  and right(trim(month), 2)::integer between 1 and 12
             then trim(month) end as month,
        try_cast(replace(trim(cny_per_unit), ',', '') as double) as cny_per_unit,
        row_number() over (
            partition by _record_key order by _source_file, _source_row
        ) as copy_number,
        first_value(try_cast(replace(trim(cny_per_unit), ',', '') as double)) over (
            partition by _record_key order by _source_file, _source_row
        ) as first_copy_rate,
        first_value(_source_row) over (
            partition by _record_key order by _source_file, _source_row
        ) as first_copy_row,
        to_json(source)::varchar as raw_record
    from source
)

select
    source,
    source_file,
    source_row,
    source_record_key,
    month,
    currency,
    cny_per_unit,
    copy_number,
    case
        when month is null then 'unparseable month in month: ''' || coalesce(month_text, '') || ''' (expected YYYY-MM)'
        when not regexp_full_match(coalesce(currency, ''), '[A-Z]{3}')
            then 'unknown currency in currency: ''' || coalesce(currency, '') || ''' (expected an ISO code such as USD)'
        when cny_per_unit is null then 'unparseable rate in cny_per_unit: ''' || coalesce(rate_text, '') || ''''
        when {{ is_not_finite('cny_per_unit') }} then {{ non_finite_reason('rate_text', 'cny_per_unit') }}
        when cny_per_unit <= 0 then 'non-positive rate in cny_per_unit: ''' || rate_text || ''''
        -- (cny_per_unit is known here; the first copy's rate may not be)
        when copy_number > 1 and (first_copy_rate is null or cny_per_unit <> first_copy_rate)
            then 'conflicting second rate for ' || currency || ' in ' || month
                 || ' (row ' || first_copy_row || ' is kept)'
    end as reject_reason,
    raw_record
from typed
