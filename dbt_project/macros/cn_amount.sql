{#-
    Amounts as a Chinese venture database writes them (docs/raw-formats.md):
      '1000万人民币', '1.5亿美元', '1,000万', '１．５亿', '数千万人民币', '近3亿', '超10亿元',
      '逾5亿', '5亿以上美元', '亿元及以上', '千万级', '1000余万', '未透露人民币', '未透露' …
    cn_amount_text(expr) is the text the parser reads: full-width made half-width, every space,
    tab, no-break space and thousands separator (, ，) removed.
    cn_amount_parts(text) splits a cleaned text into a struct
        {undisclosed, prefix, number, infix, unit, yuan, suffix, currency_text, suffix_after}
    (empty strings when absent): `undisclosed` is a word of var undisclosed_amount_words (未透露);
    prefix / infix / suffix qualifiers come from seed `fuzzy_amount_rules` (数, 近, 超, 逾 … before
    the number; 余, 多 between number and unit; 以上, 及以上, 级 … after it), units from seed
    `amount_units`; `yuan` is the 元 of '亿元及以上…', the currency when nothing follows.
    Models using it declare
        -- depends_on: {{ ref('fuzzy_amount_rules') }}, {{ ref('amount_units') }}
-#}
{% macro cn_amount_text(expr) -%}
    regexp_replace({{ to_halfwidth(expr) }}, '[\s\x{00A0}\x{3000}\x{FEFF},，]', '', 'g')
{%- endmacro %}


{% macro cn_amount_parts(text) %}
    regexp_extract(
        coalesce({{ text }}, ''),
        '{{ cn_amount_pattern() }}',
        ['undisclosed', 'prefix', 'number', 'infix', 'unit', 'yuan', 'suffix', 'currency_text', 'suffix_after']
    )
{% endmacro %}


{#- The seed rows a cn_amount_parts struct `parts` names, joined as <alias>_unit (seed amount_units)
    and <alias>_prefix, _infix, _suffix, _suffix_after (seed fuzzy_amount_rules), for
    cn_amount_value. One text's joins; a model reading two texts joins each under its own alias. -#}
{% macro cn_amount_joins(parts, alias) -%}
    left join {{ ref('amount_units') }} as {{ alias }}_unit
        on coalesce({{ alias }}_unit.unit, '') = {{ parts }}.unit
    {%- for position, part in [('prefix', 'prefix'), ('infix', 'infix'), ('suffix', 'suffix'), ('suffix', 'suffix_after')] %}
    left join {{ ref('fuzzy_amount_rules') }} as {{ alias }}_{{ part }}
        on {{ alias }}_{{ part }}.position = '{{ position }}' and {{ alias }}_{{ part }}.qualifier = {{ parts }}.{{ part }}
    {%- endfor %}
{%- endmacro %}


{#- The quantity `parts` says, in units of its currency: the number (1 when only a unit is
    written, '亿元及以上') × the unit × the factors of its qualifiers (数X = 3X, 近X = X …), read
    from the joins of cn_amount_joins under `alias`. -#}
{% macro cn_amount_value(parts, alias) -%}
    coalesce(try_cast(nullif({{ parts }}.number, '') as double), 1)
        * {{ alias }}_unit.multiplier
        * coalesce({{ alias }}_prefix.factor, 1) * coalesce({{ alias }}_infix.factor, 1)
        * coalesce({{ alias }}_suffix.factor, 1) * coalesce({{ alias }}_suffix_after.factor, 1)
{%- endmacro %}


{#- The RE2 pattern behind cn_amount_parts, built from the seeds and var undisclosed_amount_words
    (dbt unit tests, which cannot run queries while compiling, override this macro with the pattern
    the shipped seeds give). -#}
{% macro cn_amount_pattern() %}
    {%- set prefixes = seed_values('fuzzy_amount_rules', 'qualifier', where="position = 'prefix'") -%}
    {%- set infixes = seed_values('fuzzy_amount_rules', 'qualifier', where="position = 'infix'") -%}
    {%- set suffixes = seed_values('fuzzy_amount_rules', 'qualifier', where="position = 'suffix'") -%}
    {%- set units = seed_values('amount_units', 'unit', where="unit <> ''") -%}
    {%- set ns = namespace(w=[], p=[], i=[], s=[], u=[]) -%}
    {%- for v in var('undisclosed_amount_words') %}{% do ns.w.append(regex_escape(v)) %}{% endfor -%}
    {%- for v in prefixes %}{% do ns.p.append(regex_escape(v)) %}{% endfor -%}
    {%- for v in infixes %}{% do ns.i.append(regex_escape(v)) %}{% endfor -%}
    {%- for v in suffixes %}{% do ns.s.append(regex_escape(v)) %}{% endfor -%}
    {%- for v in units %}{% do ns.u.append(regex_escape(v)) %}{% endfor -%}
    {%- set w = '(' ~ (ns.w | join('|')) ~ ')?' if ns.w else '()' -%}
    {%- set p = '(' ~ (ns.p | join('|')) ~ ')?' if ns.p else '()' -%}
    {%- set i = '(' ~ (ns.i | join('|')) ~ ')?' if ns.i else '()' -%}
    {%- set s = '(' ~ (ns.s | join('|')) ~ ')?' if ns.s else '()' -%}
    {#- '亿元及以上人民币': a 元 may sit between the unit and a suffix qualifier -#}
    {%- set yuan_s = '(?:(元)?(' ~ (ns.s | join('|')) ~ '))?' if ns.s else '()()' -%}
    {%- set u = '(' ~ (ns.u | join('|')) ~ ')?' if ns.u else '()' -%}
    {{- return('^' ~ w ~ p ~ '([0-9]+(?:\\.[0-9]+)?)?' ~ i ~ u ~ yuan_s ~ '(.*?)' ~ s ~ '$') -}}
{% endmacro %}


{#- True when a left-over text looks like a currency name (so an unknown one is reported as an
    unknown currency, not as an unknown amount form): three Latin letters, or a word ending the
    way currency names do (币, 元, 镑, 郎, 卢比, 盾, 铢, 比索, 兰特, 里拉, 克朗, 林吉特, 迪拉姆, 里亚尔 …). -#}
{% macro looks_like_currency(text) -%}
    regexp_full_match({{ text }}, '[A-Za-z]{3}|\p{Han}*(币|元|圆|镑|郎|卢比|盾|铢|比索|兰特|里拉|克朗|林吉特|令吉|迪拉姆|里亚尔|雷亚尔|谢克尔|卢布|福林|兹罗提|第纳尔|金)')
{%- endmacro %}
