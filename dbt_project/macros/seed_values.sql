{#-
    Read one column of a seed at run time, so SQL patterns (legal suffixes, taxonomy keywords,
    amount qualifiers) can be built from what the analyst put in the seed. During parsing
    (`execute` is false) there is nothing to read yet and an empty list is returned.
    A model that calls this must declare the dependency with a comment:
        -- depends_on: {{ ref('<seed>') }}
-#}
{% macro seed_values(seed_name, column, where=none, order_by=none) %}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set sql -%}
        select {{ column }} from {{ ref(seed_name) }}
        where {{ column }} is not null {% if where %} and ({{ where }}) {% endif %}
        order by {{ order_by if order_by else 'length(' ~ column ~ ') desc, ' ~ column }}
    {%- endset -%}
    {{ return(run_query(sql).columns[0].values() | list) }}
{% endmacro %}


{#- Escape a literal for use inside an RE2 regular expression. -#}
{% macro regex_escape(text) %}
    {%- set ns = namespace(out=text | string) -%}
    {%- for ch in ['\\', '.', '^', '$', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}'] -%}
        {%- set ns.out = ns.out | replace(ch, '\\' ~ ch) -%}
    {%- endfor -%}
    {{ return(ns.out) }}
{% endmacro %}


{#-
    An RE2 alternation matching any of `values` as literals, to be applied to lower-cased text
    (for extraction, pass them longest first; for a yes/no match the order does not matter).
    An ASCII letter at either end of a keyword must not touch another ASCII letter in the text,
    so 'ai' matches in 'AI芯片' and 'Moonshot AI' but not in 'OpenAI' or 'retail'; Chinese text
    has no spaces, so Chinese keywords match anywhere. An empty list gives a pattern that
    matches nothing.
-#}
{% macro literal_alternation(values, word_boundaries=true) %}
    {%- set parts = [] -%}
    {%- for v in values if v is not none and (v | string | trim) != '' -%}
        {%- set word = v | string | trim | lower -%}
        {%- set lit = regex_escape(word) -%}
        {%- if word_boundaries and modules.re.match('[a-z]', word[0]) -%}
            {%- set lit = '(?:^|[^a-z])' ~ lit -%}
        {%- endif -%}
        {%- if word_boundaries and modules.re.match('[a-z]', word[-1]) -%}
            {%- set lit = lit ~ '(?:[^a-z]|$)' -%}
        {%- endif -%}
        {%- do parts.append(lit) -%}
    {%- endfor -%}
    {{ return('(?:' ~ (parts | join('|')) ~ ')' if parts else '(?:[^\\s\\S])') }}
{% endmacro %}


{#- All rows of a query over seeds at run time (agate rows; empty list while parsing). -#}
{% macro query_rows(sql) %}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return(run_query(sql).rows | list) }}
{% endmacro %}


{#- Split a '|'-separated keyword cell into an alternation for `literal_alternation`. -#}
{% macro keyword_pattern(cell) %}
    {%- set words = [] -%}
    {%- for w in (cell or '').split('|') if w | trim != '' -%}{%- do words.append(w | trim) -%}{%- endfor -%}
    {#- order does not matter: the pattern is only used to test whether any keyword occurs -#}
    {{ return(literal_alternation(words)) }}
{% endmacro %}
