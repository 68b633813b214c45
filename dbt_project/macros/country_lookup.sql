{#-
    A relation of (name_key, iso2) from seeds `countries` (ISO alpha-2 and alpha-3 codes, English
    and Chinese names) and `country_name_variants` (other spellings, Chinese provinces for 地点).
    name_key is normalise_label of the name; use `normalise_label(x)` on the other side of the join.
-#}
{% macro country_lookup() %}
    (
        select distinct name_key, iso2 from (
            select {{ normalise_label('iso2') }} as name_key, iso2 from {{ ref('countries') }}
            union all select {{ normalise_label('iso3') }}, iso2 from {{ ref('countries') }}
            union all select {{ normalise_label('name_en') }}, iso2 from {{ ref('countries') }}
            union all select {{ normalise_label('name_zh') }}, iso2 from {{ ref('countries') }}
            union all select {{ normalise_label('name') }}, iso2 from {{ ref('country_name_variants') }}
        ) names
        where name_key is not null and name_key <> ''
    )
{% endmacro %}
