{#-
    The reporting periods of the period-based marts (segment shares, top-unicorn funding, state
    capital), one row per period:

      period_type  period_label              window
      year         2024                      2024-01-01 .. 2024-12-31
      quarter      2024-Q2                   2024-04-01 .. 2024-06-30
      ytd          2025-01-01..2025-03-23    Jan 1 to the as-of month-day, in the as-of year and in
                                             every earlier covered year (comparable windows)
      since        2024-01-01..2025-03-23    Jan 1 of an earlier covered year to the as-of date
                                             ("2024年以来")

    Years and quarters span the data (first to last announcement date of fct_deals); ytd and since
    windows end at the as-of date of metrics_as_of_dates() (var as_of_date, default the latest
    announcement date).
-#}
{% macro metrics_periods(deals) -%}
    with coverage as (
        select min(announced_date) as first_date, max(announced_date) as last_date
        from {{ deals }}
    ),

    covered_years as (
        select unnest(range(year(first_date), year(last_date) + 1))::integer as year, last_date
        from coverage
    ),

    as_of_dates as (
        {{ metrics_as_of_dates(deals) }}
    ),

    years_to_as_of as (
        -- Every covered year up to each as-of date's year (the as-of year itself may lie past the data).
        select
            as_of_dates.as_of_date,
            unnest(range(year(coverage.first_date), year(as_of_dates.as_of_date) + 1))::integer as year
        from as_of_dates
        cross join coverage
    ),

    calendar_years as (
        select
            'year' as period_type,
            year::varchar as period_label,
            make_date(year, 1, 1) as period_start,
            make_date(year, 12, 31) as period_end
        from covered_years
    ),

    quarter_starts as (
        select
            year,
            quarter_number,
            make_date(year, 3 * quarter_number - 2, 1) as period_start,
            last_date
        from covered_years
        cross join (select unnest(range(1, 5))::integer as quarter_number) as quarter_numbers
    ),

    quarters as (
        select
            'quarter' as period_type,
            year || '-Q' || quarter_number as period_label,
            period_start,
            (period_start + interval 3 month - interval 1 day)::date as period_end
        from quarter_starts
        where period_start <= last_date
    ),

    year_to_date as (
        select
            'ytd' as period_type,
            make_date(year, 1, 1)::varchar || '..' || window_end::varchar as period_label,
            make_date(year, 1, 1) as period_start,
            window_end as period_end
        from (
            select
                year,
                as_of_date,
                -- Same month-day, `k` years back (29 Feb falls back to 28 Feb).
                (as_of_date - to_years(year(as_of_date) - year))::date as window_end
            from years_to_as_of
        ) as windows
    ),

    since_year_start as (
        select
            'since' as period_type,
            make_date(year, 1, 1)::varchar || '..' || as_of_date::varchar as period_label,
            make_date(year, 1, 1) as period_start,
            as_of_date as period_end
        from years_to_as_of
        where year < year(as_of_date)
    )

    select * from calendar_years
    union all
    select * from quarters
    union
    select * from year_to_date
    union
    select * from since_year_start
{%- endmacro %}


{#-
    Sums of additive measures per period of `periods` (period_type, period_label, period_start on
    the first day of a month, period_end) and per `dimensions`, over the rows of `deals`
    (announced_date, the dimensions and the measure columns). Returns period_type, period_label,
    the dimensions and one sum per measure (null when every value is null).

    Why not join each deal (or each day) to every period it lies in: 'since' windows overlap, so a
    deal lies in a dozen periods and the join multiplies a million deals into many millions of rows.
    Periods here are whole months plus, for a window that ends mid-month, that month's first days:
    whole months are few, and the partial months touch only the deals of a few months.
-#}
{% macro metrics_sum_by_period(deals, periods, dimensions, measures) -%}
    {%- set dims = dimensions | join(', ') -%}
    with whole_months as (
        select
            date_trunc('month', announced_date)::date as month,
            {{ dims }},
            {%- for measure in measures %}
            {{ sum_measure(measure) }} as {{ measure }}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ deals }}
        group by all
    ),

    mid_month_ends as (
        select distinct period_end
        from {{ periods }}
        where period_end <> last_day(period_end)
    ),

    partial_months as (
        -- From the first of the month to a window end that is not the month's last day.
        select
            mid_month_ends.period_end,
            {{ dims }},
            {%- for measure in measures %}
            {{ sum_measure(measure) }} as {{ measure }}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ deals }}
        inner join mid_month_ends
            on announced_date between date_trunc('month', mid_month_ends.period_end) and mid_month_ends.period_end
        group by all
    ),

    parts as (
        select periods.period_type, periods.period_label, whole_months.*
        from whole_months
        inner join {{ periods }} as periods
            on whole_months.month >= periods.period_start
            and last_day(whole_months.month) <= periods.period_end
        union all by name
        select periods.period_type, periods.period_label, partial_months.*
        from partial_months
        inner join {{ periods }} as periods
            on partial_months.period_end = periods.period_end
            and date_trunc('month', periods.period_end) >= periods.period_start
    )

    select
        period_type,
        period_label,
        {{ dims }},
        {%- for measure in measures %}
        {{ sum_measure(measure) }} as {{ measure }}{{ "," if not loop.last }}
        {%- endfor %}
    from parts
    group by all
{%- endmacro %}
