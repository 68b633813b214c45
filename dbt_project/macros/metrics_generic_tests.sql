{#- Generic tests of the report marts (no dbt_utils here: the hub is out of reach). -#}

{#- One row per combination of the grain's columns. -#}
{% test metrics_unique_combination(model, combination_of_columns) %}
    select {{ combination_of_columns | join(', ') }}, count(*) as rows_with_this_key
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
{% endtest %}


{#- Every non-null value lies in [min_value, max_value] (e.g. a share in [0, 1]). -#}
{% test metrics_between(model, column_name, min_value, max_value) %}
    select {{ column_name }}
    from {{ model }}
    where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}
{% endtest %}


{#- Within each group, the shares of the rows that partition it add up to 1 (or are all null,
    when the group has nothing to share out). `partition_rows` picks the rows that partition it. -#}
{% test metrics_shares_sum_to_one(model, column_name, group_by, partition_rows='true') %}
    select {{ group_by | join(', ') }}, sum({{ column_name }}) as share_total
    from {{ model }}
    where {{ partition_rows }}
    group by {{ group_by | join(', ') }}
    having count({{ column_name }}) > 0 and abs(sum({{ column_name }}) - 1) > 1e-9
{% endtest %}
