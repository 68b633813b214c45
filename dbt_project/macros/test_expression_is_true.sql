{#- Generic test: every row satisfies `expression` (dbt_utils is unavailable). -#}
{% test expression_is_true(model, expression) %}
    select * from {{ model }} where not coalesce(({{ expression }}), false)
{% endtest %}
