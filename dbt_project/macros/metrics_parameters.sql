{#-
    Parameters and small helpers shared by the report marts (models/marts/metrics).
    Analysts change the parameters in dbt_project.yml `vars:` or with `dbt build --vars '{...}'`.
-#}

{#- The as-of date that ends period-to-date windows (R17, R19, R23 and the 'since' windows of R15,
    R20, R21): var `as_of_date` ('YYYY-MM-DD'), or else the latest announcement date in the data
    (every deal of fct_deals, counted or not). -#}
{% macro metrics_as_of_date(deals) -%}
    {%- set configured = var('as_of_date', none) -%}
    {%- if configured -%}
        {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', configured | string) -%}
            {{ exceptions.raise_compiler_error("var as_of_date must be a date 'YYYY-MM-DD' (or null = the latest announcement date), got '" ~ configured ~ "'") }}
        {%- endif -%}
        {%- set parsed = modules.datetime.date.fromisoformat(configured | string) -%}
        date '{{ parsed.isoformat() }}'
    {%- else -%}
        (select max(announced_date) from {{ deals }})
    {%- endif -%}
{%- endmacro %}


{#- The as-of dates the period-to-date marts are computed for: the one of metrics_as_of_date()
    (a query with one row, so the marts join it like a table). -#}
{% macro metrics_as_of_dates(deals) -%}
    select as_of_date
    from (select {{ metrics_as_of_date(deals) }} as as_of_date) as configured
    where as_of_date is not null
{%- endmacro %}


{#- The report year (R1–R14, R16, R18, R22 and the prior-year comparisons): var `report_year`, or
    else the latest complete calendar year of the data, read as the latest year whose December
    has at least one announced deal (of fct_deals, counted or not); when no December has a deal,
    the latest year with a deal. -#}
{% macro metrics_report_year(deals) -%}
    {%- set configured = var('report_year', none) -%}
    {%- if configured -%}
        {%- if not modules.re.fullmatch('[0-9]{4}', configured | string) -%}
            {{ exceptions.raise_compiler_error("var report_year must be a year like 2018 (or null = the latest complete year of the data), got '" ~ configured ~ "'") }}
        {%- endif -%}
        {{ configured | int }}
    {%- else -%}
        (
            select coalesce(
                max(year(announced_date)) filter (where month(announced_date) = 12),
                max(year(announced_date))
            )::integer
            from {{ deals }}
        )
    {%- endif -%}
{%- endmacro %}


{#- The deals every metric counts: is_counted (AI company, counted round type), with the amount
    kept only when it is exact or estimated (an undisclosed deal counts as a deal, never as money). -#}
{% macro metrics_counted_deals(deals) -%}
    select
        deal_id,
        company_id,
        company_name,
        announced_date,
        coalesce(country_group, 'other') as country_group,
        coalesce(stage_group, 'other') as stage_group,
        -- An AI deal always has a segment; the fallback only keeps a broken row visible.
        coalesce(segment, 'unclassified') as segment,
        coalesce(sub_segment, 'unclassified') as sub_segment,
        case when amount_status in ('exact', 'estimated') then amount_cny end as amount_cny,
        is_mega,
        coalesce(has_state_capital, false) as has_state_capital
    from {{ deals }}
    where is_counted
{%- endmacro %}


{#- Years covered by the data: from the first to the last announcement year of fct_deals. -#}
{% macro metrics_covered_years(deals) -%}
    select unnest(range(year(min(announced_date)), year(max(announced_date)) + 1))::integer as year
    from {{ deals }}
{%- endmacro %}


{#- numerator / denominator, null when the denominator is 0 or null (no division by zero). -#}
{% macro metrics_ratio(numerator, denominator) -%}
    ({{ numerator }}) / nullif({{ denominator }}, 0)
{%- endmacro %}


{#- Relative change in percent (113.0 = +113 %); null when there is nothing to compare with. -#}
{% macro metrics_pct_change(current, prior) -%}
    (({{ current }}) - ({{ prior }})) * 100.0 / nullif({{ prior }}, 0)
{%- endmacro %}


{#- The country groups every country breakdown lists, even when a group has no deals. -#}
{% macro metrics_country_groups(with_total=false) -%}
    select unnest([{% if with_total %}'all', {% endif %}'US', 'CN', 'other']) as country_group
{%- endmacro %}
