{#- The family of a quarantine reason, for counting reasons: the reason without the values it
    quotes or the month it names, e.g. "unparseable date in Date Joined: 'n/a'" → "unparseable
    date in Date Joined", "no FX rate for XBT in 2024-03" → "no FX rate for XBT"; an analyst's
    exclusion is "excluded by analyst" whatever its reason. -#}
{% macro quarantine_reason_family(reason) -%}
    case
        when {{ reason }} like 'excluded by analyst:%' then 'excluded by analyst'
        else trim(regexp_replace(regexp_replace(regexp_replace(
            {{ reason }},
            ':?\s*''[^'']*''', '', 'g'),     -- quoted values
            '\s+in \d{4}-\d{2}\b', '', 'g'),  -- the month of a missing FX rate
            '\s+', ' ', 'g'))
    end
{%- endmacro %}
