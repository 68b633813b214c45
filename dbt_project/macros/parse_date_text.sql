{#-
    Dates as the exports write them (docs/raw-formats.md). Three steps, so each text is cleaned
    once and the million ISO dates of a Crunchbase export take the fast path:
      date_clean(expr)            the text a parser reads: padding (tabs, no-break spaces) trimmed,
                                  full-width digits made half-width, a time of day dropped
                                  ('2024-05-01 00:00:00', '2024-05-01T08:00:00Z' → '2024-05-01')
      parse_date_text(t, order)   DATE or NULL (impossible dates such as 2024-02-30 give NULL)
      date_text_precision(t)      'day' or 'month'
    Forms of a cleaned text t:
      YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD, YYYY年M月D日, YYYYMMDD          day
      YYYY-MM, YYYY/M, YYYY.MM, YYYY年M月                              month (the 1st)
      a/b/YYYY, a-b-YYYY, a.b.YYYY, a/b/YY  (year last)                 day; `order` ('dmy' or
          'mdy', per file and column: model int_date_orders_detected) says which of a, b is the day; any
          other order leaves them unread. YY: 00-69 → 20YY, 70-99 → 19YY.
      D Mon YYYY, D-Mon-YYYY, Mon D, YYYY, Month D, YYYY               day
      Excel serial numbers (4-5 digits, e.g. '42832' or '42832.0')      day: days since 1899-12-30,
          1 ≤ year ≤ 2100; a bare 1900-2100 is a year, not a serial, and no date
-#}

{% macro date_clean(expr) -%}
    case
        -- pure ASCII without a time of day (nearly every value): only the padding goes
        when strlen(cast({{ expr }} as varchar)) = length(cast({{ expr }} as varchar)) and not contains({{ expr }}, ':')
            then {{ clean_text(expr) }}
        else {{ clean_text("regexp_replace(" ~ to_halfwidth(expr) ~ ", '(?:[ T]+)\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?\\s*(?:[AaPp]\\.?[Mm]\\.?)?\\s*(?:Z|[+-]\\d{2}:?\\d{2}|UTC|GMT)?[\\s\\x{00A0}\\x{3000}]*$', '')") }}
    end
{%- endmacro %}


{#- The RE2 pattern of a date with the year last (a/b/YYYY, a-b-YY …), groups a, b, y. -#}
{% macro year_last_pattern() -%}
    ^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$
{%- endmacro %}


{#- struct {a, b, y} of integers for a text with the year last (NULL fields otherwise); y is the
    four-digit year (two digits: 00-69 → 20xx, 70-99 → 19xx). -#}
{% macro year_last_parts(t) -%}
    {
        'a': try_cast(regexp_extract({{ t }}, '{{ year_last_pattern() }}', 1) as integer),
        'b': try_cast(regexp_extract({{ t }}, '{{ year_last_pattern() }}', 2) as integer),
        'y': case when length(regexp_extract({{ t }}, '{{ year_last_pattern() }}', 3)) = 2
                  then try_cast(regexp_extract({{ t }}, '{{ year_last_pattern() }}', 3) as integer)
                       + case when try_cast(regexp_extract({{ t }}, '{{ year_last_pattern() }}', 3) as integer) < 70 then 2000 else 1900 end
                  else try_cast(regexp_extract({{ t }}, '{{ year_last_pattern() }}', 3) as integer) end
    }
{%- endmacro %}


{% macro parse_date_text(t, order="'ymd'") %}
    case
        -- fast path for ISO dates, the common case (a million Crunchbase rounds)
        when try_strptime({{ t }}, '%Y-%m-%d') is not null
            then cast(try_strptime({{ t }}, '%Y-%m-%d') as date)
        when regexp_full_match({{ t }}, '\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?')
            then try(make_date(
                cast(regexp_extract({{ t }}, '^(\d{4})', 1) as integer),
                cast(regexp_extract({{ t }}, '^\d{4}[-/.年](\d{1,2})', 1) as integer),
                cast(regexp_extract({{ t }}, '^\d{4}[-/.年]\d{1,2}[-/.月](\d{1,2})', 1) as integer)))
        when regexp_full_match({{ t }}, '\d{4}[-/.年]\d{1,2}月?')
            then try(make_date(
                cast(regexp_extract({{ t }}, '^(\d{4})', 1) as integer),
                cast(regexp_extract({{ t }}, '^\d{4}[-/.年](\d{1,2})', 1) as integer),
                1))
        when regexp_full_match({{ t }}, '{{ year_last_pattern() }}')
            then case {{ order }}
                when 'mdy' then try(make_date({{ year_last_parts(t) }}.y, {{ year_last_parts(t) }}.a, {{ year_last_parts(t) }}.b))
                when 'dmy' then try(make_date({{ year_last_parts(t) }}.y, {{ year_last_parts(t) }}.b, {{ year_last_parts(t) }}.a))
            end
        when regexp_full_match({{ t }}, '(19|20)\d{6}')
            then cast(try_strptime({{ t }}, '%Y%m%d') as date)
        -- an Excel serial (a date cell of an .xlsx read as text); a bare 1900-2100 is a year
        when regexp_full_match({{ t }}, '\d{4,5}(\.\d+)?')
             and not regexp_full_match({{ t }}, '(19|20)\d\d|2100')
             and cast({{ t }} as double) between 1 and 73050
            then date '1899-12-30' + cast(floor(cast({{ t }} as double)) as integer)
        when regexp_matches({{ t }}, '[A-Za-z]{3}')
            then cast(try_strptime({{ t }}, ['%d %b %Y', '%d-%b-%Y', '%d %B %Y', '%d-%B-%Y', '%b %d, %Y', '%B %d, %Y', '%b %d %Y', '%B %d %Y']) as date)
    end
{% endmacro %}


{#- 'day' when the cleaned text names a day, 'month' when it names only a month (YYYY-MM, YYYY年M月). -#}
{% macro date_text_precision(t) %}
    case when regexp_full_match({{ t }}, '\d{4}[-/.年]\d{1,2}月?') then 'month' else 'day' end
{% endmacro %}


{#-
    Why a non-empty cleaned date text t gave no date (NULL when it did), naming the field:
      the year-last value contradicts the order of its file and column  → order conflict
      a year-last value in a column whose order is unknown              → ambiguous
      anything else                                                     → unparseable
    `order` and `basis` are the columns date_order and order_basis of int_date_orders_detected. A value
    with the year last contradicts a day-first column when its second part is above 12 (it can
    only be month-first), and a month-first column when its first part is.
-#}
{% macro date_reject_reason(t, parsed, field, order, basis) %}
    case
        when {{ parsed }} is not null then null
        when regexp_full_match({{ t }}, '{{ year_last_pattern() }}')
             and {{ order }} = 'dmy' and {{ year_last_parts(t) }}.b > 12 and {{ year_last_parts(t) }}.a <= 12
            then 'day/month order conflict in {{ field }}: ''' || {{ t }} || ''' is month-first, but this file''s {{ field }} is read day-first (' || {{ basis }} || ')'
        when regexp_full_match({{ t }}, '{{ year_last_pattern() }}')
             and {{ order }} = 'mdy' and {{ year_last_parts(t) }}.a > 12 and {{ year_last_parts(t) }}.b <= 12
            then 'day/month order conflict in {{ field }}: ''' || {{ t }} || ''' is day-first, but this file''s {{ field }} is read month-first (' || {{ basis }} || ')'
        when regexp_full_match({{ t }}, '{{ year_last_pattern() }}')
             and coalesce({{ order }}, '') not in ('dmy', 'mdy')
            then 'ambiguous day/month order in {{ field }}: ''' || {{ t }} || ''' (' || {{ basis }} || ')'
        else 'unparseable date in {{ field }}: ''' || {{ t }} || ''''
    end
{% endmacro %}


{#- The default day/month order of a source's year-last dates (var date_order_default), as SQL. -#}
{% macro date_order_default(source_expr) -%}
    {%- set defaults = var('date_order_default') -%}
    case {{ source_expr }}
    {%- for source, order in defaults.items() %}
        when '{{ source }}' then '{{ order }}'
    {%- endfor %}
    end
{%- endmacro %}


{#- Join the day/month order of one date column of a raw table (model int_date_orders_detected) to the
    rows of that table: `left join` it on file, then read `<alias>.date_order`, `<alias>.order_basis`. -#}
{% macro join_date_order(raw_table, column, file_expr, alias) -%}
    left join {{ ref('int_date_orders_detected') }} as {{ alias }}
        on {{ alias }}.raw_table = '{{ raw_table }}'
        and {{ alias }}.column_name = '{{ column }}'
        and {{ alias }}.source_file = {{ file_expr }}
{%- endmacro %}
