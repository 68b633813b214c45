-- R1–R23: every figure of the report for the period of this run (vars report_year and as_of_date,
-- by default derived from the data), beside the report's own number where that period is the
-- report's own. What each figure is — its period, unit, and the mart, measure and breakdown its
-- value is read from — is seed report_figures; the report's numbers are seed
-- report_reference_values. This model lays every measure of the metric marts out in one shape
-- (plus the few measures a mart does not hold as a column) and picks each figure's row.

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

definitions as (
    -- The seed's relative period filled in for this run: '{year}' → '2018'.
    select
        figure.*,
        replace(replace(replace(replace(replace(figure.period,
            '{as_of_prior_year}', (run_period.as_of_year - 1)::varchar),
            '{as_of_year}', run_period.as_of_year::varchar),
            '{as_of}', run_period.as_of_date::varchar),
            '{prior_year}', (run_period.report_year - 1)::varchar),
            '{year}', run_period.report_year::varchar) as period_label
    from {{ ref('report_figures') }} as figure
    cross join run_period
),

reference as (
    select
        seed.figure_id,
        seed.period_label as report_period_label,
        seed.reference_value,
        seed.reference_text,
        seed.report_quote,
        -- the report's number also assumes its own parameters (十亿级 = 10亿元, Top10, 500强)
        seed.parameter is null or built.value_number = assumed.report_value as has_report_parameters
    from {{ ref('report_reference_values') }} as seed
    left join {{ ref('report_parameters') }} as assumed on assumed.parameter = seed.parameter
    left join {{ ref('audit_build_parameters') }} as built on built.parameter = seed.parameter
),

mart_measures as (
    {{ report_mart_measures('mart_funding_yearly', 'year::varchar', not_measures=['year'],
                            texts={'top3_share_of_top10': 'top3_companies'}) }}
    union all
    {{ report_mart_measures('mart_funding_monthly', 'month_label',
                            not_measures=['month', 'month_label', 'year', 'is_complete']) }}
    union all
    {{ report_mart_measures('mart_stage_structure', 'year::varchar', ['stage_group'], ['year']) }}
    union all
    {{ report_mart_measures('mart_country_comparison', 'year::varchar', ['country_group'], ['year']) }}
    union all
    {{ report_mart_measures('mart_unicorns', 'year::varchar', ['country_group'], ['year']) }}
    union all
    {{ report_mart_measures('mart_top_unicorn_funding', 'period_label', ['country_group'],
                            ['period_type', 'period_label', 'period_start', 'period_end']) }}
    union all
    {{ report_mart_measures('mart_segment_share', 'period_label', ['country_group', 'segment', 'sub_segment'],
                            ['period_type', 'period_label', 'period_start', 'period_end']) }}
    union all
    {{ report_mart_measures('mart_state_capital', 'period_label', ['segment'],
                            ['period_type', 'period_label', 'period_start', 'period_end']) }}
    union all
    {{ report_mart_measures('mart_period_to_date', "window_start::varchar || '..' || as_of_date::varchar",
                            ['country_group', 'segment'],
                            ['as_of_date', 'window_start', 'prior_window_start', 'prior_window_end']) }}
),

-- The measures no mart holds as a column, each with the text that goes with it.

peak_months as (
    -- R3a: the month with the largest amount of each year (ties: the earlier month)
    select
        year::varchar as period_label,
        month_of_year as value,
        month_label || ': ' || round({{ in_report_unit('amount_cny', "'亿元'") }}, 1) || ' 亿元' as value_text
    from {{ ref('mart_funding_monthly') }}
    qualify row_number() over (partition by year order by amount_cny desc, month) = 1
),

peak_quarters as (
    -- R3b: the quarter with the largest amount of each year (ties: the earlier quarter)
    select
        year::varchar as period_label,
        quarter_number as value,
        'Q' || quarter_number || ': ' || round({{ in_report_unit('amount_cny', "'亿元'") }}, 1) || ' 亿元'
            as value_text
    from (
        select year, (month_of_year + 2) // 3 as quarter_number, {{ sum_money('amount_cny') }} as amount_cny
        from {{ ref('mart_funding_monthly') }}
        group by 1, 2
    ) as quarters
    qualify row_number() over (partition by year order by amount_cny desc, quarter_number) = 1
),

state_capital_on_prior_year as (
    -- R19c: a period's state-capital deals of a segment against the whole year before its start
    select
        windowed.period_label,
        windowed.segment,
        {{ metrics_ratio('windowed.deals_with_state_capital', 'prior_year.deals_with_state_capital') }} as value,
        windowed.deals_with_state_capital || ' deals vs ' || prior_year.deals_with_state_capital
            || ' in ' || prior_year.period_label as value_text
    from {{ ref('mart_state_capital') }} as windowed
    inner join {{ ref('mart_state_capital') }} as prior_year
        on prior_year.segment = windowed.segment
        and prior_year.period_type = 'year'
        and prior_year.period_label = (year(windowed.period_start) - 1)::varchar
),

us_cn_sub_segments as (
    -- R21: each sub-segment's amount, US beside CN
    select
        period_label,
        segment,
        sub_segment,
        {{ sum_money('amount_cny', filter="country_group = 'US'") }} as us_amount_cny,
        {{ sum_money('amount_cny', filter="country_group = 'CN'") }} as cn_amount_cny
    from {{ ref('mart_segment_share') }}
    where sub_segment <> 'all' and country_group in ('US', 'CN')
    group by 1, 2, 3
),

us_ahead as (
    -- R21a: the percentage of a segment's sub-segments where the US raised more than CN
    select
        period_label,
        segment,
        count(*) filter (where us_amount_cny > cn_amount_cny) * 100.0
            / nullif(count(*) filter (where us_amount_cny > 0 or cn_amount_cny > 0), 0) as value,
        string_agg(
            sub_segment || ': US ' || round({{ in_report_unit('us_amount_cny', "'亿元'") }}, 1)
            || ' vs CN ' || round({{ in_report_unit('cn_amount_cny', "'亿元'") }}, 1) || ' 亿元',
            '; ' order by sub_segment
        ) as value_text
    from us_cn_sub_segments
    group by 1, 2
),

ranked_sub_segments as (
    -- R22: a segment's sub-segments with an amount, largest first (ties by name)
    select
        period_label,
        country_group,
        segment,
        list(sub_segment order by amount_cny desc, sub_segment) as ranked
    from {{ ref('mart_segment_share') }}
    where sub_segment <> 'all' and amount_cny > 0
    group by 1, 2, 3
),

named_in_top as (
    -- R22: how many of the sub-segments the report names (reference_text) rank among as many top
    -- places, and which those places are
    select
        named.period_label,
        named.country_group,
        named.segment,
        len(list_filter(named.names, lambda name: list_contains(named.top, name))) as value,
        'top by amount: ' || coalesce(nullif(array_to_string(named.top, ', '), ''), 'none') as value_text
    from (
        select
            definitions.*,
            list_transform(string_split(reference.reference_text, ','), lambda name: trim(name)) as names,
            coalesce(list_slice(ranks.ranked, 1, len(names)), []) as top
        from definitions
        inner join reference using (figure_id)
        left join ranked_sub_segments as ranks using (period_label, country_group, segment)
        where definitions.measure = 'named_sub_segments_in_top' and reference.reference_text is not null
    ) as named
),

measures as (
    select * from mart_measures
    union all
    select 'mart_funding_monthly', period_label, null, null, null, null, 'peak_month_of_year', value, value_text
    from peak_months
    union all
    select 'mart_funding_monthly', period_label, null, null, null, null, 'peak_quarter', value, value_text
    from peak_quarters
    union all
    select 'mart_state_capital', period_label, null, null, segment, null, 'state_capital_deals_on_prior_year',
        value, value_text
    from state_capital_on_prior_year
    union all
    select 'mart_segment_share', period_label, null, null, segment, null, 'us_ahead_sub_segment_pct',
        value, value_text
    from us_ahead
    union all
    select 'mart_segment_share', period_label, null, null, segment, sub_segment, 'us_cn_amount_ratio',
        {{ metrics_ratio('us_amount_cny', 'cn_amount_cny') }}, null
    from us_cn_sub_segments
    union all
    select 'mart_segment_share', period_label, country_group, null, segment, null, 'named_sub_segments_in_top',
        value, value_text
    from named_in_top
),

figures as (
    -- each figure's value (and text) in this run's period, read by mart, measure and breakdown
    select
        definitions.figure_id,
        definitions.period_label,
        definitions.description,
        definitions.unit,
        {{ in_report_unit('measures.value', 'definitions.unit', 'definitions.measure') }} as value,
        measures.value_text,
        definitions.source_mart  -- the seed names it, also when the mart has no value for the period
    from definitions
    left join measures
        on measures.source_mart = definitions.source_mart
        and measures.measure = definitions.measure
        and measures.period_label = definitions.period_label
        {%- for column in report_breakdown_columns() %}
        and measures.{{ column }} is not distinct from definitions.{{ column }}
        {%- endfor %}
),

with_reference as (
    select
        figures.*,
        reference.report_period_label,
        reference.reference_value,
        reference.reference_text,
        reference.report_quote,
        -- The report's number is about its own period only (2024, windows ending 2025-03-23), and
        -- with its own parameters.
        figures.period_label = reference.report_period_label and reference.has_report_parameters
            as is_report_period
    from figures
    left join reference using (figure_id)
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
from with_reference
order by
    -- R1, R2a, …, R10a: by figure number, then by letter.
    regexp_extract(figure_id, '^R(\d+)', 1)::integer,
    figure_id
