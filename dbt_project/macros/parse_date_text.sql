{#-
    Parse the date forms the exports use into a DATE (NULL when the text is no valid date):
      YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD, YYYY年M月D日   (day precision)
      YYYY-MM, YYYY/M, YYYY.MM, YYYY年M月              (month precision: the 1st of the month)
      M/D/YYYY                                        (US style, unicorn list)
    Impossible dates such as 2024-02-30 give NULL, never a shifted date.
-#}
{% macro parse_date_text(expr) %}
    case
        -- fast path for ISO dates, the common case (a million Crunchbase rounds)
        when try_strptime(trim({{ expr }}), '%Y-%m-%d') is not null
            then cast(try_strptime(trim({{ expr }}), '%Y-%m-%d') as date)
        when regexp_full_match(trim({{ expr }}), '\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?')
            then try(make_date(
                cast(regexp_extract(trim({{ expr }}), '^(\d{4})', 1) as integer),
                cast(regexp_extract(trim({{ expr }}), '^\d{4}[-/.年](\d{1,2})', 1) as integer),
                cast(regexp_extract(trim({{ expr }}), '^\d{4}[-/.年]\d{1,2}[-/.月](\d{1,2})', 1) as integer)))
        when regexp_full_match(trim({{ expr }}), '\d{4}[-/.年]\d{1,2}月?')
            then try(make_date(
                cast(regexp_extract(trim({{ expr }}), '^(\d{4})', 1) as integer),
                cast(regexp_extract(trim({{ expr }}), '^\d{4}[-/.年](\d{1,2})', 1) as integer),
                1))
        when regexp_full_match(trim({{ expr }}), '\d{1,2}/\d{1,2}/\d{4}')
            then try(make_date(
                cast(regexp_extract(trim({{ expr }}), '(\d{4})$', 1) as integer),
                cast(regexp_extract(trim({{ expr }}), '^(\d{1,2})/', 1) as integer),
                cast(regexp_extract(trim({{ expr }}), '^\d{1,2}/(\d{1,2})/', 1) as integer)))
    end
{% endmacro %}

{#- 'day' when the text names a day, 'month' when it names only a month (YYYY-MM), else NULL. -#}
{% macro date_text_precision(expr) %}
    case
        when try_strptime(trim({{ expr }}), '%Y-%m-%d') is not null then 'day'
        when regexp_full_match(trim({{ expr }}), '\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}/\d{1,2}/\d{4}') then 'day'
        when regexp_full_match(trim({{ expr }}), '\d{4}[-/.年]\d{1,2}月?') then 'month'
    end
{% endmacro %}
