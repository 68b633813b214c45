-- cn_export control totals: per company, the export's own 融资总额 (from the company's row in
-- the latest export that lists it) against the pipeline's sum of the company's cn_export rounds
-- (one per record, in CNY at each round's month rate, fuzzy amounts estimated). Undisclosed rounds
-- add nothing; a quarantined round is missing from the sum, which is what makes a mismatch worth
-- a look. is_mismatch: the difference exceeds what rounding and exchange rates explain —
--   half a unit of the last digit 融资总额 shows ('3.03亿' is ± 50万)
--   + var control_total_tolerance (default 0.2 %) of the total
--   + var control_total_fx_tolerance (default 1 %) of the part raised in foreign currency (the
--     export converts at its own rates)
-- or 融资总额 cannot be parsed. A company whose 融资总额 is '-' has no control total.
-- "Latest" is by the export's own date, never by file-name order (renaming a file changes
-- nothing): the date its name carries (2024-03-31 / 20240331, 2024-12 / 202412, 2024Q4, 2024H2:
-- that day, or the last day of that month, quarter or half), else the latest 融资时间 in the file.
with file_names as (
    select distinct
        _source_file as source_file,
        _file_hash as file_hash,
        -- the name without folder and extension, e.g. itjuzi_export_2024Q1
        regexp_replace(regexp_replace(_source_file, '^.*/', ''), '\.[^.]*$', '') as stem
    from {{ source('raw', 'cn_export') }}
),

file_dates as (
    -- the export's date, from its name where it carries one (a date not bounded by other digits)
    select
        source_file,
        file_hash,
        try_strptime(regexp_replace(regexp_extract(
            stem, '(^|[^0-9])((19|20)[0-9]{2}[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12][0-9]|3[01]))([^0-9]|$)', 2
        ), '[-_.]', '', 'g'), '%Y%m%d')::date as day_in_name,
        nullif(regexp_extract(stem, '(^|[^0-9])((19|20)[0-9]{2})[-_.]?(0[1-9]|1[0-2])([^0-9]|$)', 2), '') as month_year,
        nullif(regexp_extract(stem, '(^|[^0-9])((19|20)[0-9]{2})[-_.]?(0[1-9]|1[0-2])([^0-9]|$)', 4), '') as month_month,
        nullif(regexp_extract(stem, '(^|[^0-9])((19|20)[0-9]{2})[-_ ]?[Qq]([1-4])([^0-9]|$)', 2), '') as quarter_year,
        nullif(regexp_extract(stem, '(^|[^0-9])((19|20)[0-9]{2})[-_ ]?[Qq]([1-4])([^0-9]|$)', 4), '') as quarter,
        nullif(regexp_extract(stem, '(^|[^0-9])((19|20)[0-9]{2})[-_ ]?[Hh]([12])([^0-9]|$)', 2), '') as half_year,
        nullif(regexp_extract(stem, '(^|[^0-9])((19|20)[0-9]{2})[-_ ]?[Hh]([12])([^0-9]|$)', 4), '') as half
    from file_names
),

latest_rounds as (
    select source_file, max(announced_date) as latest_announced_date
    from {{ ref('stg_cn_export__rounds') }}
    where reject_reason is null and announced_date is not null
    group by source_file
),

exports as (
    select
        d.source_file,
        d.file_hash,
        r.latest_announced_date,
        coalesce(
            d.day_in_name,
            last_day(make_date(d.month_year::int, d.month_month::int, 1)),
            last_day(make_date(d.quarter_year::int, d.quarter::int * 3, 1)),
            last_day(make_date(d.half_year::int, d.half::int * 6, 1)),
            r.latest_announced_date
        ) as export_date
    from file_dates as d
    left join latest_rounds as r using (source_file)
),

company_totals as (
    select
        s.company_name,
        s.source_file,
        s.source_row,
        e.export_date,
        s.total_funding_text,
        s.total_funding_cny,
        -- half a unit of the last digit shown: '3.03亿' → 0.005亿, '4776万' → 0.5万
        0.5 * case when s.total_funding_text like '%亿%' then 1e8 when s.total_funding_text like '%万%' then 1e4 else 1 end
            * power(10, -coalesce(length(nullif(regexp_extract(s.total_funding_text, '\.([0-9]+)', 1), '')), 0))
            as rounding_cny
    from {{ ref('stg_cn_export__rounds') }} as s
    left join exports as e using (source_file)
    where not s.is_continuation and s.company_name is not null
    -- ties (two exports of one date) go to the file with the later rounds, then by content (hash):
    -- the name decides only between byte-identical files, which give the same total
    qualify row_number() over (
        partition by s.company_name
        order by e.export_date desc nulls last, e.latest_announced_date desc nulls last, e.file_hash desc,
                 s.source_row desc, s.source_file desc
    ) = 1
),

records as (
    -- one row per cn_export record (a record repeated by overlapping files counts once)
    select distinct
        s.company_name,
        r.source_record_key,
        r.amount_status,
        r.currency,
        r.amount_cny
    from {{ ref('int_deal_records_collapsed') }} as r
    join {{ ref('stg_cn_export__rounds') }} as s
        on s.source_file = r.source_file and s.source_row = r.source_row
    where r.source = 'cn_export'
),

pipeline_sums as (
    select
        company_name,
        count(*) as round_count,
        count(*) filter (where amount_status = 'undisclosed') as undisclosed_round_count,
        sum(amount_cny) as pipeline_total_cny,
        coalesce(sum(amount_cny) filter (where currency <> 'CNY'), 0) as foreign_currency_cny
    from records
    group by company_name
),

quarantined as (
    select s.company_name, count(*) as quarantined_row_count
    from {{ ref('int_raw_rows_quarantined') }} as q
    join {{ ref('stg_cn_export__rounds') }} as s
        on s.source_file = q.source_file and s.source_row = q.source_row
    where q.raw_table = 'cn_export' and s.company_name is not null
    group by s.company_name
)

select
    t.company_name,
    t.source_file,
    t.source_row,
    t.export_date,
    t.total_funding_text,
    t.total_funding_cny as export_total_cny,
    t.rounding_cny,
    coalesce(p.pipeline_total_cny, 0) as pipeline_total_cny,
    coalesce(p.pipeline_total_cny, 0) - coalesce(t.total_funding_cny, 0) as difference_cny,
    coalesce(p.round_count, 0) as round_count,
    coalesce(p.undisclosed_round_count, 0) as undisclosed_round_count,
    coalesce(p.foreign_currency_cny, 0) as foreign_currency_cny,
    coalesce(q.quarantined_row_count, 0) as quarantined_row_count,
    case
        -- no 融资总额 ('-' or empty): the export gives nothing to check against
        when t.total_funding_text is null then false
        when t.total_funding_cny is null then true  -- a total that cannot be parsed
        else abs(coalesce(p.pipeline_total_cny, 0) - t.total_funding_cny)
             > t.rounding_cny
               + {{ var('control_total_tolerance', 0.002) }} * t.total_funding_cny
               + {{ var('control_total_fx_tolerance', 0.01) }} * coalesce(p.foreign_currency_cny, 0)
    end as is_mismatch
from company_totals as t
left join pipeline_sums as p using (company_name)
left join quarantined as q using (company_name)
