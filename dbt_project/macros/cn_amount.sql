{#-
    Split a cn_export amount such as '数千万美元', '1.5亿人民币', '超10亿元' or '亿元及以上美元'
    into its parts: a struct {prefix, number, unit, yuan, suffix, currency_text, suffix_after}
    (empty strings when absent; yuan is the 元 of '亿元及以上…', which is the currency when
    nothing follows).
    The qualifier words come from seed `fuzzy_amount_rules`, the units from `amount_units`, so an
    analyst adding a qualifier or unit there needs no code change. Models using it declare
        -- depends_on: {{ ref('fuzzy_amount_rules') }}, {{ ref('amount_units') }}
-#}
{% macro cn_amount_parts(expr) %}
    regexp_extract(
        regexp_replace(trim(coalesce({{ expr }}, '')), '[,，\s]', '', 'g'),
        '{{ cn_amount_pattern() }}',
        ['prefix', 'number', 'unit', 'yuan', 'suffix', 'currency_text', 'suffix_after']
    )
{% endmacro %}


{#- The RE2 pattern behind cn_amount_parts, built from the seeds (dbt unit tests, which cannot run
    queries while compiling, override this macro with the pattern the shipped seeds give). -#}
{% macro cn_amount_pattern() %}
    {%- set prefixes = seed_values('fuzzy_amount_rules', 'qualifier', where="position = 'prefix'") -%}
    {%- set suffixes = seed_values('fuzzy_amount_rules', 'qualifier', where="position = 'suffix'") -%}
    {%- set units = seed_values('amount_units', 'unit', where="unit <> ''") -%}
    {%- set ns = namespace(p=[], s=[], u=[]) -%}
    {%- for v in prefixes %}{% do ns.p.append(regex_escape(v)) %}{% endfor -%}
    {%- for v in suffixes %}{% do ns.s.append(regex_escape(v)) %}{% endfor -%}
    {%- for v in units %}{% do ns.u.append(regex_escape(v)) %}{% endfor -%}
    {%- set p = '(' ~ (ns.p | join('|')) ~ ')?' if ns.p else '()' -%}
    {%- set s = '(' ~ (ns.s | join('|')) ~ ')?' if ns.s else '()' -%}
    {#- '亿元及以上人民币': a 元 may sit between the unit and a suffix qualifier -#}
    {%- set yuan_s = '(?:(元)?(' ~ (ns.s | join('|')) ~ '))?' if ns.s else '()()' -%}
    {%- set u = '(' ~ (ns.u | join('|')) ~ ')?' if ns.u else '()' -%}
    {{- return('^' ~ p ~ '([0-9]+(?:\\.[0-9]+)?)?' ~ u ~ yuan_s ~ '(.*?)' ~ s ~ '$') -}}
{% endmacro %}
