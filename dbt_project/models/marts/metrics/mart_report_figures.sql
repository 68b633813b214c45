-- R1–R23: every figure of the report, computed from the other marts for the period of this run
-- (vars report_year and as_of_date, by default derived from the data), beside the report's own
-- number where that period is the report's own. The metric of each figure id is defined here; its
-- period (relative to the run's) and the report's number live in the seed (analysts edit the seed).
-- Units: 亿元 = amount_cny / 1e8; % = a share or change times 100; pp = percentage points.

with

run_period as (
    -- One row: the report year and the as-of date of this run.
    select
        report_year,
        as_of_date,
        year(as_of_date)::integer as as_of_year
    from (
        select
            {{ metrics_report_year(ref('fct_deals')) }} as report_year,
            {{ metrics_as_of_date(ref('fct_deals')) }} as as_of_date
    ) as configured
),

reference as (
    -- The seed's relative period filled in for this run: '{year}' → '2018'.
    select
        seed.figure_id,
        replace(replace(replace(replace(replace(seed.period,
            '{as_of_prior_year}', (run_period.as_of_year - 1)::varchar),
            '{as_of_year}', run_period.as_of_year::varchar),
            '{as_of}', run_period.as_of_date::varchar),
            '{prior_year}', (run_period.report_year - 1)::varchar),
            '{year}', run_period.report_year::varchar) as period_label,
        seed.period_label as report_period_label,
        seed.unit,
        seed.reference_value,
        seed.reference_text,
        seed.description,
        seed.report_quote,
        -- the report's number also assumes its own parameters (十亿级 = 10亿元, Top10, 500强)
        seed.parameter is null or built.value_number = assumed.report_value as has_report_parameters
    from {{ ref('report_reference_values') }} as seed
    cross join run_period
    left join {{ ref('report_parameters') }} as assumed on assumed.parameter = seed.parameter
    left join {{ ref('audit_build_parameters') }} as built on built.parameter = seed.parameter
),

yearly as (
    select year::varchar as period_label, * from {{ ref('mart_funding_yearly') }}
),

monthly as (
    select * from {{ ref('mart_funding_monthly') }}
),

stages as (
    select year::varchar as period_label, * from {{ ref('mart_stage_structure') }}
),

countries as (
    select year::varchar as period_label, * from {{ ref('mart_country_comparison') }}
),

unicorns as (
    select year::varchar as period_label, * from {{ ref('mart_unicorns') }}
),

top_unicorns as (
    select * from {{ ref('mart_top_unicorn_funding') }}
),

segments as (
    select * from {{ ref('mart_segment_share') }}
),

state_capital as (
    select * from {{ ref('mart_state_capital') }}
),

period_to_date as (
    select
        window_start::varchar || '..' || as_of_date::varchar as period_label,
        *
    from {{ ref('mart_period_to_date') }}
    where country_group = 'all' and segment = 'all'
),

-- R3: the peak month and the peak quarter of each year.
peak_months as (
    select
        year::varchar as period_label,
        month_of_year,
        month_label,
        amount_cny
    from monthly
    qualify row_number() over (partition by year order by amount_cny desc, month) = 1
),

peak_quarters as (
    select
        year::varchar as period_label,
        quarter_number,
        amount_cny
    from (
        select year, (month_of_year + 2) // 3 as quarter_number, {{ sum_money('amount_cny') }} as amount_cny
        from monthly
        group by 1, 2
    ) as quarters
    qualify row_number() over (partition by year order by amount_cny desc, quarter_number) = 1
),

-- R19c: state-capital technology deals in a window against the whole year before its start.
technology_state_capital as (
    select * from state_capital where segment = 'technology'
),

-- R21: infrastructure sub-segments, US beside CN.
infrastructure_us_cn as (
    select
        period_label,
        sub_segment,
        {{ sum_money('amount_cny', filter="country_group = 'US'") }} as us_amount_cny,
        {{ sum_money('amount_cny', filter="country_group = 'CN'") }} as cn_amount_cny
    from segments
    where segment = 'infrastructure' and sub_segment <> 'all' and country_group in ('US', 'CN')
    group by 1, 2
),

-- R22: application sub-segments ranked by amount within a country group, against the names the
-- report gives (reference_text of the seed: as many top places as names).
application_ranks as (
    select
        period_label,
        country_group,
        sub_segment,
        row_number() over (
            partition by period_label, country_group order by amount_cny desc, sub_segment
        ) as amount_rank
    from segments
    where segment = 'application' and sub_segment <> 'all' and amount_cny > 0
),

named_application_sub_segments as (
    select
        figure_id,
        period_label,
        case figure_id when 'R22a' then 'US' when 'R22b' then 'CN' end as country_group,
        trim(unnest(string_split(reference_text, ','))) as sub_segment,
        len(string_split(reference_text, ',')) as named_count
    from reference
    where figure_id in ('R22a', 'R22b')
),

named_top_places as (
    select distinct figure_id, period_label, country_group, named_count
    from named_application_sub_segments
),

application_leaders as (
    select
        places.figure_id,
        places.period_label,
        string_agg(ranks.sub_segment, ', ' order by ranks.amount_rank) as leaders
    from named_top_places as places
    inner join application_ranks as ranks
        on ranks.period_label = places.period_label
        and ranks.country_group = places.country_group
        and ranks.amount_rank <= places.named_count
    group by 1, 2
),

named_in_top_places as (
    select
        named.figure_id,
        named.period_label,
        count(ranks.sub_segment) as named_in_top
    from named_application_sub_segments as named
    left join application_ranks as ranks
        on ranks.period_label = named.period_label
        and ranks.country_group = named.country_group
        and ranks.sub_segment = named.sub_segment
        and ranks.amount_rank <= named.named_count
    group by 1, 2
),

r22 as (
    select
        named_in_top_places.figure_id,
        named_in_top_places.period_label,
        named_in_top_places.named_in_top as value,
        'top by amount: ' || coalesce(application_leaders.leaders, 'none') as value_text
    from named_in_top_places
    left join application_leaders
        on application_leaders.figure_id = named_in_top_places.figure_id
        and application_leaders.period_label = named_in_top_places.period_label
),

computed as (
    select 'R1' as figure_id, period_label, amount_cny / 1e8 as value, null as value_text,
        'mart_funding_yearly' as source_mart
    from yearly
    union all
    select 'R2a', period_label, amount_change_cny / 1e8, null, 'mart_funding_yearly' from yearly
    union all
    select 'R2b', period_label, amount_change_pct, null, 'mart_funding_yearly' from yearly
    union all
    select 'R3a', period_label, month_of_year, month_label || ': ' || round(amount_cny / 1e8, 1) || ' 亿元',
        'mart_funding_monthly'
    from peak_months
    union all
    select 'R3b', period_label, quarter_number, 'Q' || quarter_number || ': ' || round(amount_cny / 1e8, 1) || ' 亿元',
        'mart_funding_monthly'
    from peak_quarters
    union all
    select 'R4', month_label, ytd_yoy_pct, null, 'mart_funding_monthly' from monthly
    union all
    select 'R5a', period_label, mega_count_share * 100, null, 'mart_funding_yearly' from yearly
    union all
    select 'R5b', period_label, mega_amount_share * 100, null, 'mart_funding_yearly' from yearly
    union all
    select 'R6a', period_label, mega_avg_amount_cny / 1e8, null, 'mart_funding_yearly' from yearly
    union all
    select 'R6b', period_label, mega_avg_amount_cny / 1e8, null, 'mart_funding_yearly' from yearly
    union all
    select 'R7', period_label, top10_amount_share * 100, null, 'mart_funding_yearly' from yearly
    union all
    select 'R8', period_label, top3_share_of_top10 * 100, top3_companies, 'mart_funding_yearly' from yearly
    union all
    select 'R9a', period_label, count_share * 100, null, 'mart_stage_structure' from stages
    where stage_group = 'early'
    union all
    select 'R9b', period_label, count_share_change_pp, null, 'mart_stage_structure' from stages
    where stage_group = 'early'
    union all
    select 'R10a', period_label, count_share_change_pp, null, 'mart_stage_structure' from stages
    where stage_group = 'strategic'
    union all
    select 'R10b', period_label, amount_share_change_pp, null, 'mart_stage_structure' from stages
    where stage_group = 'strategic'
    union all
    select 'R11a', period_label, amount_share * 100, null, 'mart_country_comparison' from countries
    where country_group = 'US'
    union all
    select 'R11b', period_label, amount_share * 100, null, 'mart_country_comparison' from countries
    where country_group = 'CN'
    union all
    select 'R12a', period_label, us_cn_share_ratio, null, 'mart_country_comparison' from countries
    where country_group = 'US'
    union all
    select 'R12b', period_label, us_cn_share_ratio, null, 'mart_country_comparison' from countries
    where country_group = 'US'
    union all
    select 'R13a', period_label, avg_amount_cny / 1e8, null, 'mart_country_comparison' from countries
    where country_group = 'CN'
    union all
    select 'R13b', period_label, avg_amount_cny / 1e8, null, 'mart_country_comparison' from countries
    where country_group = 'US'
    union all
    select 'R14a', period_label, new_unicorns, null, 'mart_unicorns' from unicorns
    where country_group = 'all'
    union all
    select 'R14b', period_label, new_ai_unicorns, null, 'mart_unicorns' from unicorns
    where country_group = 'all'
    union all
    select 'R14c', period_label, ai_share * 100, null, 'mart_unicorns' from unicorns
    where country_group = 'all'
    union all
    select 'R14d', period_label, new_ai_unicorns, null, 'mart_unicorns' from unicorns
    where country_group = 'US'
    union all
    select 'R14e', period_label, new_ai_unicorns, null, 'mart_unicorns' from unicorns
    where country_group = 'CN'
    union all
    select 'R15a', period_label, amount_cny / 1e8, null, 'mart_top_unicorn_funding' from top_unicorns
    where country_group = 'all'
    union all
    select 'R15b', period_label, share_of_ai_total * 100, null, 'mart_top_unicorn_funding' from top_unicorns
    where country_group = 'all'
    union all
    select 'R15c', period_label, share_of_top_n_amount * 100, null, 'mart_top_unicorn_funding' from top_unicorns
    where country_group = 'US'
    union all
    select 'R15d', period_label, share_of_top_n_amount * 100, null, 'mart_top_unicorn_funding' from top_unicorns
    where country_group = 'CN'
    union all
    select 'R16', period_label, amount_share * 100, null, 'mart_segment_share' from segments
    where country_group = 'all' and segment = 'aigc' and sub_segment = 'all'
    union all
    select 'R17a', period_label, amount_share * 100, null, 'mart_segment_share' from segments
    where country_group = 'US' and segment = 'aigc' and sub_segment = 'all'
    union all
    select 'R17b', period_label, amount_share * 100, null, 'mart_segment_share' from segments
    where country_group = 'CN' and segment = 'aigc' and sub_segment = 'all'
    union all
    select 'R18', period_label, amount_share * 100, null, 'mart_segment_share' from segments
    where country_group = 'all' and segment = 'technology' and sub_segment = 'all'
    union all
    select 'R19a', period_label, deals_with_state_capital, null, 'mart_state_capital'
    from technology_state_capital
    union all
    select 'R19b', period_label, deals_with_state_capital, null, 'mart_state_capital'
    from technology_state_capital
    union all
    select
        'R19c',
        windowed.period_label,
        {{ metrics_ratio('windowed.deals_with_state_capital', 'prior_year.deals_with_state_capital') }},
        windowed.deals_with_state_capital || ' deals vs ' || prior_year.deals_with_state_capital
            || ' in ' || prior_year.period_label,
        'mart_state_capital'
    from technology_state_capital as windowed
    inner join technology_state_capital as prior_year
        on prior_year.period_type = 'year'
        and prior_year.period_label = (year(windowed.period_start) - 1)::varchar
    union all
    select 'R20a', period_label, segment_count_share * 100, null, 'mart_segment_share' from segments
    where country_group = 'CN' and segment = 'infrastructure' and sub_segment = 'ai_chips'
    union all
    select 'R20b', period_label, amount_cny / 1e8, null, 'mart_segment_share' from segments
    where country_group = 'CN' and segment = 'infrastructure' and sub_segment = 'ai_chips'
    union all
    select
        'R21a',
        period_label,
        count(*) filter (where us_amount_cny > cn_amount_cny) * 100.0
            / nullif(count(*) filter (where us_amount_cny > 0 or cn_amount_cny > 0), 0),
        string_agg(
            sub_segment || ': US ' || round(us_amount_cny / 1e8, 1) || ' vs CN ' || round(cn_amount_cny / 1e8, 1) || ' 亿元',
            '; ' order by sub_segment
        ),
        'mart_segment_share'
    from infrastructure_us_cn
    group by period_label
    union all
    select 'R21b', period_label, {{ metrics_ratio('us_amount_cny', 'cn_amount_cny') }}, null, 'mart_segment_share'
    from infrastructure_us_cn
    where sub_segment = 'cloud_compute'
    union all
    select figure_id, period_label, value, value_text, 'mart_segment_share' from r22
    union all
    select 'R23a', period_label, amount_cny / 1e8, null, 'mart_period_to_date' from period_to_date
    union all
    select 'R23b', period_label, yoy_pct, null, 'mart_period_to_date' from period_to_date
),

figures as (
    select
        reference.*,
        -- The report's number is about its own period only (2024, windows ending 2025-03-23), and
        -- with its own parameters.
        reference.period_label = reference.report_period_label and reference.has_report_parameters
            as is_report_period,
        computed.value,
        computed.value_text,
        computed.source_mart
    from reference
    left join computed
        on computed.figure_id = reference.figure_id
        and computed.period_label = reference.period_label
)

select
    figure_id,
    period_label,
    description,
    value,
    unit,
    case when is_report_period then reference_value end as reference_value,
    case when is_report_period then value - reference_value end as difference,
    case when is_report_period then (value - reference_value) * 100.0 / nullif(abs(reference_value), 0) end
        as difference_pct,
    value_text,
    case when is_report_period then reference_text end as reference_text,
    report_quote,
    report_period_label,
    is_report_period,
    source_mart
from figures
order by
    -- R1, R2a, …, R10a: by figure number, then by letter.
    regexp_extract(figure_id, '^R(\d+)', 1)::integer,
    figure_id
