{#-
    Money sums that give the same number on every run. DuckDB adds doubles in whatever order its
    threads finish, and double addition is not associative: the last digits of a yearly total
    changed from run to run, and with them the published file's content checksum. Summed as
    DECIMAL(38, 2) (exact to the cent, fct_deals amounts are rounded to the cent) the order does
    not matter; the result is cast back to DOUBLE, the type the published contract promises.

      sum_money('amount_cny')                                   sum over a group
      sum_money('amount_cny', filter="is_mega")                 sum(...) filter (where is_mega)
      sum_money('amount_cny', over='(partition by year)')       a window sum
      sum_measure('deal_count') / sum_measure('amount_cny')     sum_money for money columns
                                                                (amount, *_cny, *_usd), plain sum
                                                                (exact already) for counts
-#}
{% macro sum_money(expr, filter=none, over=none) -%}
    cast(sum(cast({{ expr }} as decimal(38, 2)))
        {%- if filter %} filter (where {{ filter }}){% endif %}
        {%- if over %} over {{ over }}{% endif %} as double)
{%- endmacro %}


{#- True for a column name that holds money (what sum_measure sums as DECIMAL). -#}
{% macro is_money_column(name) -%}
    {{- return('amount' in name or name.endswith('_cny') or name.endswith('_usd')) -}}
{%- endmacro %}


{% macro sum_measure(measure, filter=none, over=none) -%}
    {%- if is_money_column(measure) -%}
        {{ sum_money(measure, filter=filter, over=over) }}
    {%- else -%}
        sum({{ measure }})
        {%- if filter %} filter (where {{ filter }}){% endif %}
        {%- if over %} over {{ over }}{% endif %}
    {%- endif -%}
{%- endmacro %}
