{#-
    Investor names as the sources write them, and the key investors are matched on
    (docs/transform.md, investor resolution).
-#}

{#- The names of a 投资方 / investors cell: split on , 、 ， ; ； (as cn_export and manual additions
    separate them). -#}
{% macro investor_names_split(expr) -%}
    regexp_split_to_array({{ expr }}, '[,、，;；]')
{%- endmacro %}


{#- True when a (trimmed) name is an investor, not a placeholder for "none given". -#}
{% macro is_investor_name(expr) -%}
    ({{ expr }} is not null and {{ expr }} not in ('', '-', '未透露'))
{%- endmacro %}


{#- The matching key of an investor name: the company-name key (macro company_name_key: width,
    case, accents, punctuation, bracketed qualifiers such as （有限合伙） and legal suffixes such
    as LLC or 有限公司 dropped); a name of nothing but punctuation keeps its lower-cased text.
    Callers declare: -- depends_on: {{ ref('company_name_suffixes') }} -#}
{% macro investor_name_key(expr) -%}
    coalesce(nullif({{ company_name_key(expr) }}, ''), lower(trim({{ expr }})))
{%- endmacro %}


{#- One row per name of seed investor_aliases (the investor's own name and each alias): the
    name's key, the investor's name and its country. Callers declare:
    -- depends_on: {{ ref('investor_aliases') }}, {{ ref('company_name_suffixes') }} -#}
{% macro investor_alias_keys() -%}
    select {{ investor_name_key('name') }} as alias_key, investor_name as canonical_name, country_code
    from (
        select
            investor_name,
            nullif(trim(country_code), '') as country_code,
            trim(unnest(list_append(string_split(coalesce(aliases, ''), '|'), investor_name))) as name
        from {{ ref('investor_aliases') }}
    ) as names
    where name <> ''
{%- endmacro %}


{#- Seed test: no name of investor_aliases (once normalised) stands for two investors. -#}
{% test investor_aliases_name_one_investor(model) %}
    -- depends_on: {{ ref('company_name_suffixes') }}
    select alias_key, string_agg(distinct canonical_name, ', ') as investors
    from ({{ investor_alias_keys() }}) as keys
    group by alias_key
    having count(distinct canonical_name) > 1
{% endtest %}


{#- An investor's deals (docs/figures.md, investors): one row per (investor, deal) of
    fct_deal_investors over the financing rounds of fct_deals (every sector; counted round types
    only: M&A and IPOs are not an investor's deals), with what the investor marts read. The AI
    deals among them are the counted ones (is_counted); the amount is the round's whole amount
    (exports do not split it among investors), kept only when exact or estimated. -#}
{% macro investor_deal_rows() -%}
    select
        di.investor_id,
        di.is_lead,
        d.deal_id,
        d.announced_date,
        d.year,
        d.is_counted as is_ai_deal,
        coalesce(d.country_group, 'other') as country_group,
        coalesce(d.segment, 'unclassified') as segment,
        coalesce(d.sub_segment, 'unclassified') as sub_segment,
        case when d.amount_status in ('exact', 'estimated') then d.amount_cny end as amount_cny
    from {{ ref('fct_deal_investors') }} as di
    join {{ ref('fct_deals') }} as d using (deal_id)
    where d.is_counted_round
{%- endmacro %}
