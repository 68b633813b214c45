{#-
    Plausibility rules that staging applies to every number and date that becomes a deal or a
    unicorn (docs/raw-formats.md, "What is quarantined"). Each macro gives the reason text of a
    `case` branch, naming the field, the value and the var that sets the limit, so an analyst who
    sees the reason in audit_quarantine knows what to fix or which var to change.

    A number that is not finite (try_cast reads 'NaN', 'inf', '-inf' and '1e400' as doubles),
    a round above var max_round_amount_cny (in yuan, at the month's rate), a unicorn above var
    max_unicorn_valuation_usd and a date before var min_announced_date are row-level problems:
    their rows are quarantined, and the rest of the data publishes.
-#}

{#- The earliest date a round (or a unicorn's joining date) may have, as a DATE literal. -#}
{% macro min_announced_date() -%}
    date '{{ var("min_announced_date") }}'
{%- endmacro %}


{#- Reason for a date before var min_announced_date (an unparsed year, 1900-01-01 or a serial 1). -#}
{% macro too_early_date_reason(text, field) -%}
    'date before {{ var("min_announced_date") }} in {{ field }}: ''' || {{ text }} || ''' (var min_announced_date)'
{%- endmacro %}


{#- True when a parsed double is NaN or ±infinity. -#}
{% macro is_not_finite(expr) -%}
    (not isfinite({{ expr }}))
{%- endmacro %}


{#- Reason for a number that parses to NaN or ±infinity. -#}
{% macro non_finite_reason(text, field) -%}
    'non-finite number in {{ field }}: ''' || {{ text }} || ''''
{%- endmacro %}


{#- A whole number of yuan (or dollars) with thousands separators, for reasons. -#}
{% macro format_money(expr) -%}
    format('{:,.0f}', cast({{ expr }} as double))
{%- endmacro %}


{#- Reason for a round above var max_round_amount_cny; `amount_cny` is the amount in yuan. -#}
{% macro round_ceiling_reason(amount_cny, text, field) -%}
    'implausible amount in {{ field }}: ''' || {{ text }} || ''' is '
        || {{ format_money(amount_cny) }} || ' CNY, above the ceiling of '
        || {{ format_money(var('max_round_amount_cny')) }} || ' CNY per round (var max_round_amount_cny)'
{%- endmacro %}


{#- True when a round's amount in yuan is above var max_round_amount_cny (NULL amounts are not). -#}
{% macro is_above_round_ceiling(amount_cny) -%}
    coalesce({{ amount_cny }} > {{ var('max_round_amount_cny') }}, false)
{%- endmacro %}


{#- Left join of the month's CNY rate of a currency (stg_reference__fx_rates, the kept copy):
    staging needs it to judge an amount in yuan; int_deal_rows_fx_converted converts with the same rates. -#}
{% macro join_fx_rate(alias, currency_expr, date_expr) -%}
    left join {{ ref('stg_reference__fx_rates') }} as {{ alias }}
        on {{ alias }}.reject_reason is null and {{ alias }}.copy_number = 1
        and {{ alias }}.currency = {{ currency_expr }}
        and {{ alias }}.month = strftime({{ date_expr }}, '%Y-%m')
{%- endmacro %}


{#- An amount in its currency converted to yuan with a rate joined by join_fx_rate (CNY: 1). -#}
{% macro amount_in_cny(amount, currency, fx_alias) -%}
    ({{ amount }} * case when {{ currency }} = 'CNY' then 1.0 else {{ fx_alias }}.cny_per_unit end)
{%- endmacro %}
