{#-
    The matching key of a company name: what is left when width, case, accents, punctuation,
    bracketed qualifiers such as 〔北京〕 or (Shanghai), and trailing legal suffixes (seed
    `company_name_suffixes`: Inc., Ltd., 有限公司, 股份, 科技 …) are taken away, without spaces.
    'Moonshot AI, Inc.' and 'ＭｏｏｎｓｈｏｔＡＩ' give the same key; so do '渊亭科技' and
    '渊亭科技（厦门）有限公司'. A name that is nothing but suffixes keeps them (科技 stays 科技).
    With strip_suffixes=false only width, case, accents, punctuation and spaces are normalised
    (the exact-name key: '瀚律科技' and '瀚律集团' differ).
    Models using it declare: -- depends_on: {{ ref('company_name_suffixes') }}
-#}
{% macro company_name_key(expr, strip_suffixes=true) %}
    {%- if strip_suffixes -%}
    {{ company_name_stripped(company_name_cleaned(expr)) }}
    {%- else -%}
    replace({{ company_name_cleaned(expr) }}, ' ', '')
    {%- endif -%}
{% endmacro %}


{#- Step 1: width, case, accents, bracketed qualifiers and punctuation normalised; words separated
    by single spaces. (translate runs only on names with full-width characters: it is slow, and a
    million Crunchbase names rarely have any.) -#}
{% macro company_name_cleaned(expr) %}
        trim(regexp_replace(regexp_replace(
            lower(strip_accents(case when regexp_matches(cast({{ expr }} as varchar), '[\x{FF01}-\x{FF5E}\x{3000}]')
                 then translate(cast({{ expr }} as varchar), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')
                 else cast({{ expr }} as varchar) end)),
            '[(\[〔【《<][^)\]〕】》>]*[)\]〕】》>]', ' ', 'g'),
            '[^a-z0-9\p{Han}]+', ' ', 'g'))
    {% endmacro %}


{#- Step 2: trailing legal suffixes (seed company_name_suffixes) dropped from a cleaned name, and
    the spaces; a name that is nothing but suffixes keeps them. -#}
{% macro company_name_stripped(cleaned) %}
    {%- set latin = seed_values('company_name_suffixes', 'suffix', where="regexp_full_match(suffix, '[ -~]+')") -%}
    {%- set han = seed_values('company_name_suffixes', 'suffix', where="not regexp_full_match(suffix, '[ -~]+')") -%}
    {%- set ns = namespace(latin=[], han=[]) -%}
    {%- for s in latin -%}{%- do ns.latin.append(regex_escape(s | trim | lower) | replace(' ', '\\s+')) -%}{%- endfor -%}
    {%- for s in han -%}{%- do ns.han.append(regex_escape(s | trim)) -%}{%- endfor -%}
    {%- set alternatives = [] -%}
    {%- if ns.latin %}{% do alternatives.append('\\s+(?:' ~ (ns.latin | join('|')) ~ ')\\b') %}{% endif -%}
    {%- if ns.han %}{% do alternatives.append('\\s*(?:' ~ (ns.han | join('|')) ~ ')') %}{% endif -%}
    {%- set suffix_pattern = '(?:' ~ (alternatives | join('|') if alternatives else '[^\\s\\S]') ~ ')+\\s*$' -%}
    replace(coalesce(
        nullif(trim(regexp_replace(' ' || {{ cleaned }}, '{{ suffix_pattern }}', '')), ''),
        {{ cleaned }}
    ), ' ', '')
{% endmacro %}
