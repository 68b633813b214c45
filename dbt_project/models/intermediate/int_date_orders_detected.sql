-- The day/month order of every date column of every raw file, decided from the file's own values
-- (one row per source, file and column). Only dates with the year last (7/4/2017, 13-04-2017,
-- 4/7/17) need it; the staging models join this table back to read them.
--   a value whose first part is above 12 can only be day-first   → evidence for 'dmy'
--   a value whose second part is above 12 can only be month-first → evidence for 'mdy'
-- One kind of evidence decides; both kinds make the column inconsistent: the majority decides and
-- the values that contradict it are quarantined by staging. No evidence (every value ambiguous):
-- the source's default, var date_order_default ('ymd' = the source writes the year first, so an
-- ambiguous year-last value is quarantined, not guessed). One aggregate over the raw rows, not a
-- lookup per row.
{%- set date_columns = [
    ('cn_export', 'cn_export', '融资时间'),
    ('crunchbase', 'crunchbase_funding_rounds', 'announced_on'),
    ('crunchbase', 'crunchbase_organizations', 'founded_on'),
    ('unicorns', 'unicorns', 'Date Joined'),
    ('manual', 'manual_additions', 'announced_on'),
] %}
with date_values as (
    {%- for source_name, raw_table, column in date_columns %}
    select
        '{{ source_name }}' as source,
        '{{ raw_table }}' as raw_table,
        '{{ column }}' as column_name,
        _source_file as source_file,
        _source_row as source_row,
        {{ date_clean('"' ~ column ~ '"') }} as date_text
    from {{ source('raw', raw_table) }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

per_column as (
    select source, raw_table, column_name, source_file,
           count(*) filter (where coalesce(date_text, '') not in ('', '-')) as value_count
    from date_values
    group by all
),

year_last as (
    -- only the few values with the year last are split (the ISO dates are not)
    select source, raw_table, column_name, source_file, source_row, date_text,
           {{ year_last_parts('date_text') }} as p
    from date_values
    where regexp_full_match(date_text, '{{ year_last_pattern() }}')
),

evidence as (
    select
        source, raw_table, column_name, source_file,
        count(*) as year_last_count,
        count(*) filter (where p.a > 12 and p.b <= 12) as day_first_count,
        count(*) filter (where p.b > 12 and p.a <= 12) as month_first_count,
        min(source_row) filter (where p.a > 12 and p.b <= 12) as first_day_first_row,
        arg_min(date_text, source_row) filter (where p.a > 12 and p.b <= 12) as first_day_first_value,
        min(source_row) filter (where p.b > 12 and p.a <= 12) as first_month_first_row,
        arg_min(date_text, source_row) filter (where p.b > 12 and p.a <= 12) as first_month_first_value
    from year_last
    group by all
),

decided as (
    select
        c.source, c.raw_table, c.column_name, c.source_file, c.value_count,
        coalesce(e.year_last_count, 0) as year_last_count,
        coalesce(e.day_first_count, 0) as day_first_count,
        coalesce(e.month_first_count, 0) as month_first_count,
        e.first_day_first_row, e.first_day_first_value,
        e.first_month_first_row, e.first_month_first_value,
        {{ date_order_default('c.source') }} as default_order
    from per_column as c
    left join evidence as e using (source, raw_table, column_name, source_file)
),

ordered as (
    select
        *,
        case
            when day_first_count > month_first_count then 'dmy'
            when month_first_count > day_first_count then 'mdy'
            -- no evidence, or as much for each order: the source's default (if it is one)
            when default_order in ('dmy', 'mdy') then default_order
        end as date_order,
        case
            when year_last_count = 0 then 'no_year_last_values'
            when day_first_count > 0 and month_first_count > 0 then 'inconsistent'
            when day_first_count > 0 or month_first_count > 0 then 'detected'
            else 'default'
        end as order_status,
        'a value with day > 12 at line ' || first_day_first_row || ': ' || first_day_first_value as day_first_evidence,
        'a value with day > 12 in second place at line ' || first_month_first_row || ': ' || first_month_first_value as month_first_evidence
    from decided
)

select
    source,
    raw_table,
    source_file,
    column_name,
    date_order,
    order_status,
    case order_status
        when 'detected' then coalesce(day_first_evidence, month_first_evidence)
        when 'inconsistent' then
            'inconsistent: ' || day_first_count || ' day-first (first at line ' || first_day_first_row
            || ': ' || first_day_first_value || '), ' || month_first_count || ' month-first (first at line '
            || first_month_first_row || ': ' || first_month_first_value || '); '
            || case when date_order is null then 'no majority, no default order'
                    else 'read ' || date_order || ', the others are quarantined' end
        when 'default' then
            case when date_order is null
                 then 'every value ambiguous, and source default ' || default_order || ' names no day/month order'
                 else 'every value ambiguous: source default ' || date_order end
        else 'no value with the year last: source default ' || default_order
    end as order_basis,
    value_count,
    year_last_count,
    day_first_count,
    month_first_count,
    first_day_first_row,
    first_month_first_row
from ordered
