{#- A period of seed report_reference_values filled in for this run: '{year}' → the report year,
    '{prior_year}', '{as_of}' (the as-of date), '{as_of_year}', '{as_of_prior_year}'
    (docs/report-marts.md). `report_year` and `as_of_date` are SQL expressions. -#}
{% macro fill_report_period(period, report_year, as_of_date) -%}
    replace(replace(replace(replace(replace({{ period }},
        '{as_of_prior_year}', (year({{ as_of_date }}) - 1)::varchar),
        '{as_of_year}', year({{ as_of_date }})::varchar),
        '{as_of}', ({{ as_of_date }})::varchar),
        '{prior_year}', (({{ report_year }}) - 1)::varchar),
        '{year}', ({{ report_year }})::varchar)
{%- endmacro %}
