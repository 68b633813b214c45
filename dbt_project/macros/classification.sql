{#-
    The taxonomy rules as SQL, built from the seeds at run time (docs/taxonomy.md).
    Callers declare: -- depends_on: {{ ref('segment_rules') }}, {{ ref('ai_context_keywords') }}
-#}

{#- True when the lower-cased `text` is about AI (seed ai_context_keywords). -#}
{% macro has_ai_context(text) %}
    regexp_matches({{ text }}, '{{ literal_alternation(seed_values('ai_context_keywords', 'keyword')) | replace("'", "''") }}')
{% endmacro %}


{#- The rule_id of the first rule of seed segment_rules (by priority) matching the lower-cased
    `text`, or NULL. `ai_context` is a boolean expression (see has_ai_context). Texts without AI
    context only try the rules that stand on their own, and each branch first tests all of its
    keywords at once: most texts of a large export match none, and then no rule is tried one by
    one. -#}
{% macro segment_rule_id(text, ai_context) %}
    {%- set rules = query_rows("select rule_id, needs_ai_context, keywords from " ~ ref('segment_rules') ~ " order by priority, rule_id") -%}
    {%- set standalone = [] -%}
    {%- for r in rules if not r['needs_ai_context'] %}{% do standalone.append(r) %}{% endfor -%}
    case
        when {{ ai_context }} then {{ _first_matching_rule(text, rules) }}
        else {{ _first_matching_rule(text, standalone) }}
    end
{% endmacro %}


{% macro _first_matching_rule(text, rules) %}
    {%- set all_keywords = [] -%}
    {%- for r in rules %}{% for w in (r['keywords'] or '').split('|') if w | trim != '' %}{% do all_keywords.append(w | trim) %}{% endfor %}{% endfor -%}
    case when regexp_matches({{ text }}, '{{ literal_alternation(all_keywords) | replace("'", "''") }}') then
        case
        {%- for r in rules %}
            when regexp_matches({{ text }}, '{{ keyword_pattern(r["keywords"]) | replace("'", "''") }}')
                then '{{ r["rule_id"] }}'
        {%- endfor %}
        end
    end
{% endmacro %}


{#- The investor_type of the first rule of seed investor_type_rules (by priority) whose keywords
    occur in the lower-cased `name`, or NULL. Callers declare the dependency on the seed. -#}
{% macro investor_rule_type(name) %}
    {%- set rules = query_rows("select investor_type, keywords from " ~ ref('investor_type_rules') ~ " order by priority, investor_type") -%}
    case
    {%- for r in rules %}
        when regexp_matches({{ name }}, '{{ keyword_pattern(r["keywords"]) | replace("'", "''") }}')
            then '{{ r["investor_type"] }}'
    {%- endfor %}
    end
{% endmacro %}


{#- Generic test on a seed of examples: every example text is classified by its rule. -#}
{% test examples_hit_their_rule(model, text_column, rule_column) %}
    -- depends_on: {{ ref('segment_rules') }}, {{ ref('ai_context_keywords') }}
    with examples as (
        select {{ rule_column }} as expected_rule, lower({{ text_column }}) as text
        from {{ model }}
    )
    select expected_rule, text, {{ segment_rule_id('text', has_ai_context('text')) }} as matched_rule
    from examples
    where {{ segment_rule_id('text', has_ai_context('text')) }} is distinct from expected_rule
{% endtest %}


{#- Generic test on a seed of examples: every investor name gets its expected type. -#}
{% test investor_examples_hit_their_type(model, name_column, type_column) %}
    -- depends_on: {{ ref('investor_type_rules') }}
    select {{ name_column }} as investor_name, {{ type_column }} as expected_type,
           coalesce({{ investor_rule_type('lower(' ~ name_column ~ ')') }}, 'vc_pe') as matched_type
    from {{ model }}
    where coalesce({{ investor_rule_type('lower(' ~ name_column ~ ')') }}, 'vc_pe') <> {{ type_column }}
{% endtest %}
