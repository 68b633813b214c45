{#-
    Text as exports really write it: padded with tabs or no-break spaces, in full-width forms
    (ＡＩ, １．５亿), with inner runs of spaces. These macros are the one place that knows it.
-#}

{#- The characters trimmed from both ends of a cell: space, tab, CR, LF, no-break space,
    ideographic space, byte-order mark. (trim with a character list: no regular expression.) -#}
{% macro _padding_chars() -%}
    chr(32) || chr(9) || chr(10) || chr(13) || chr(160) || chr(12288) || chr(65279)
{%- endmacro %}


{#- A cell without its padding (NULL stays NULL). -#}
{% macro clean_text(expr) -%}
    trim(cast({{ expr }} as varchar), {{ _padding_chars() }})
{%- endmacro %}


{#- Full-width ASCII forms (ＡＢＣ１２３，．　) to their half-width forms. translate is slow, so it only
    runs on the rare texts that contain one (and pure ASCII text, a Crunchbase export, is not even
    searched: its byte length equals its length). -#}
{% macro to_halfwidth(expr) -%}
    case when strlen(cast({{ expr }} as varchar)) > length(cast({{ expr }} as varchar))
              and regexp_matches(cast({{ expr }} as varchar), '[\x{FF01}-\x{FF5E}\x{3000}]')
         then translate(cast({{ expr }} as varchar), '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')
         else cast({{ expr }} as varchar) end
{%- endmacro %}


{#- A label as shown: half-width, trimmed, inner runs of whitespace (tabs, no-break spaces)
    collapsed to one space; case kept ('Artificial  intelligence ' → 'Artificial intelligence'). -#}
{% macro clean_label(expr) -%}
    nullif(case
        -- the regular expression only where it can change something: non-ASCII text (full width,
        -- no-break spaces), tabs, line breaks, double spaces; other (ASCII) labels are only trimmed
        when strlen(cast({{ expr }} as varchar)) > length(cast({{ expr }} as varchar))
             or contains({{ expr }}, '  ') or contains({{ expr }}, chr(9))
             or contains({{ expr }}, chr(10)) or contains({{ expr }}, chr(13))
            then trim(regexp_replace({{ to_halfwidth(expr) }}, '[\s\x{00A0}\x{3000}\x{FEFF}]+', ' ', 'g'))
        else trim(cast({{ expr }} as varchar))
    end, '')
{%- endmacro %}


{#- The key labels are compared on (round types, countries, currencies, industries): clean_label
    lower-cased. 'Artificial intelligence', 'Artificial Intelligence ' and 'ａｒｔｉｆｉｃｉａｌ
    intelligence' give one key. Use it on both sides of every seed join. -#}
{% macro normalise_label(expr) -%}
    lower({{ clean_label(expr) }})
{%- endmacro %}


{#- A plain number cell ('1,000,000', ' 5000000.0 ', '１，０００'): half-width, padding and
    thousands separators removed; NULL when empty. -#}
{% macro clean_number(expr) -%}
    nullif(replace({{ to_halfwidth(clean_text(expr)) }}, ',', ''), '')
{%- endmacro %}
