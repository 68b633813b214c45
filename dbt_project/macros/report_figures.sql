{#-
    The shape mart_report_figures reads figures from (seed report_figures names, per figure, a
    mart, a measure and the breakdown values it is about).
-#}

{#- The breakdown columns a figure can pick a value by (a mart without one has it null). -#}
{% macro report_breakdown_columns() -%}
    {{ return(['country_group', 'stage_group', 'segment', 'sub_segment']) }}
{%- endmacro %}


{#- The one unit conversion of the report's figures: a value in the unit of its figure.
    亿元 = yuan / 100,000,000; % = a share times 100, except a measure that is a percentage already
    (its name ends in `_pct`); every other unit as the mart has it (pp, x, counts, month, quarter).
    `unit` and `measure` are SQL expressions (a column, or a quoted literal). -#}
{% macro in_report_unit(value, unit, measure="''") -%}
    case
        when {{ unit }} = '亿元' then {{ value }} / 1e8
        when {{ unit }} = '%' and not ends_with({{ measure }}, '_pct') then {{ value }} * 100
        else {{ value }}
    end
{%- endmacro %}


{#- Every numeric column of one metric mart as rows: (source_mart, period_label, the breakdown
    columns, measure, value, value_text). `period_label` is the SQL of the row's period label,
    `breakdown` the mart's breakdown columns, `not_measures` its other columns that are not numbers
    (periods, dates, texts, flags), `texts` the text column that goes with a measure
    ({measure: column}, shown as value_text). Null values are kept: a figure whose value cannot be
    computed still names its mart. -#}
{% macro report_mart_measures(mart, period_label, breakdown=[], not_measures=[], texts={}) -%}
    {%- set kept = ['period_label'] + breakdown + (texts.values() | list) -%}
    select
        '{{ mart }}' as source_mart,
        period_label,
        {%- for column in report_breakdown_columns() %}
        {{ column if column in breakdown else 'cast(null as varchar)' }} as {{ column }},
        {%- endfor %}
        measure,
        value::double as value,
        {% if texts -%}
        case measure {% for measure, column in texts.items() %}when '{{ measure }}' then {{ column }} {% endfor %}end
        {%- else -%}
        cast(null as varchar)
        {%- endif %} as value_text
    from (
        select {{ period_label }} as period_label, * exclude ({{ not_measures | join(', ') }})
        from {{ ref(mart) }}
    ) as mart_rows
    unpivot include nulls (value for measure in (columns(* exclude ({{ kept | join(', ') }}))))
{%- endmacro %}
