-- cn_export control totals: per company, the export's own 融资总额 (from the company's row in
-- the latest file that lists it) against the pipeline's sum of the company's cn_export rounds
-- (one per record, in CNY at each round's month rate, fuzzy amounts estimated). Undisclosed rounds
-- add nothing; a quarantined round is missing from the sum, which is what makes a mismatch worth
-- a look. is_mismatch: the difference exceeds what rounding and exchange rates explain —
--   half a unit of the last digit 融资总额 shows ('3.03亿' is ± 50万)
--   + var control_total_tolerance (default 0.2 %) of the total
--   + var control_total_fx_tolerance (default 1 %) of the part raised in foreign currency (the
--     export converts at its own rates)
-- or 融资总额 cannot be parsed. A company whose 融资总额 is '-' has no control total.
with company_totals as (
    select
        company_name,
        source_file,
        source_row,
        total_funding_text,
        total_funding_cny,
        -- half a unit of the last digit shown: '3.03亿' → 0.005亿, '4776万' → 0.5万
        0.5 * case when total_funding_text like '%亿%' then 1e8 when total_funding_text like '%万%' then 1e4 else 1 end
            * power(10, -coalesce(length(nullif(regexp_extract(total_funding_text, '\.([0-9]+)', 1), '')), 0))
            as rounding_cny
    from {{ ref('stg_cn_export__rounds') }}
    where not is_continuation and company_name is not null
    qualify row_number() over (partition by company_name order by source_file desc, source_row desc) = 1
),

records as (
    -- one row per cn_export record (a record repeated by overlapping files counts once)
    select distinct
        s.company_name,
        r.source_record_key,
        r.amount_status,
        r.currency,
        r.amount_cny
    from {{ ref('int_deal_records') }} as r
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
    from {{ ref('int_quarantine') }} as q
    join {{ ref('stg_cn_export__rounds') }} as s
        on s.source_file = q.source_file and s.source_row = q.source_row
    where q.raw_table = 'cn_export' and s.company_name is not null
    group by s.company_name
)

select
    t.company_name,
    t.source_file,
    t.source_row,
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
