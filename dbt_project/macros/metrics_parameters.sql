{#-
    Parameters and small helpers shared by the report marts (models/marts/metrics).
    Analysts change the parameters in dbt_project.yml `vars:` or with `dbt build --vars '{...}'`.
-#}

{#- The as-of date that ends period-to-date windows: var `as_of_date`, or else the latest
    announcement date in the data (every deal of fct_deals, counted or not). -#}
{% macro metrics_as_of_date(deals) -%}
    {%- if var('as_of_date', none) -%}
        date '{{ var("as_of_date") }}'
    {%- else -%}
        (select max(announced_date) from {{ deals }})
    {%- endif -%}
{%- endmacro %}


{#- Every as-of date the period-to-date marts are computed for: the configured one and the
    report's own cut-off (var `report_as_of_date`, 2025-03-23 for "截至3月23日"), so that
    mart_report_figures can set the report's windows beside the report's numbers. -#}
{% macro metrics_as_of_dates(deals) -%}
    select distinct as_of_date
    from (
        select {{ metrics_as_of_date(deals) }} as as_of_date
        {%- if var('report_as_of_date', none) %}
        union all
        select date '{{ var("report_as_of_date") }}'
        {%- endif %}
    ) as configured
    where as_of_date is not null
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
