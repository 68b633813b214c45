-- The parameters this build used: every analyst-facing dbt var, as set (dbt_project.yml or
-- --vars) and, for the period, as resolved from the data. Published with the marts, so the
-- report and a BI user read the threshold, the top-N and the period behind every number from the
-- same file as the numbers themselves.
{%- set parameters = [
    ('mega_deal_threshold_cny', 'yuan', 'R5, R6: a mega deal has at least this amount'),
    ('top_deals_n', 'deals', 'R7, R8: the number of largest deals whose share of the year is reported'),
    ('top_unicorns_n', 'unicorns', 'R15: the number of most valuable AI unicorns'),
    ('top_investors_n', 'investors', 'investor league tables: the number of top investors per period, segment and country group'),
    ('featured_investors', 'list', 'R25: the investors whose AI share of their deals is reported per year'),
    ('dedup_window_days', 'days', 'deduplication: announcement dates this close can be one event'),
    ('dedup_amount_factor', 'factor', 'deduplication: known amounts within this factor can be one event'),
    ('control_total_tolerance', 'share', 'cn_export control totals: relative tolerance'),
    ('control_total_fx_tolerance', 'share', 'cn_export control totals: extra tolerance on foreign-currency rounds'),
    ('quarantine_share_warn', 'share', 'no silent loss: quarantine share above which the run warns'),
    ('quarantine_share_block', 'share', 'no silent loss: quarantine share above which the run does not publish'),
    ('required_sources', 'list', 'no silent loss: sources that must load rows'),
    ('max_source_rows_change', 'share', 'change gate: how far the staged rows of a source may move against the published version'),
    ('max_year_deals_change', 'share', 'change gate: how far the deal count of a year may move against the published version'),
    ('max_year_amount_change', 'share', 'change gate: how far the amount of a year may move against the published version'),
    ('change_gate_min_count', 'rows', 'change gate: sources and years smaller than this in both versions are not compared'),
] %}
with resolved as (
    select
        {{ metrics_report_year(ref('fct_deals')) }} as report_year,
        {{ metrics_as_of_date(ref('fct_deals')) }} as as_of_date
),

set_parameters as (
    {%- for name, unit, description in parameters %}
    {%- set value = var(name) %}
    select
        '{{ name }}' as parameter,
        {% if value is number -%}
        '{{ value }}' as value,
        {{ value }}::double as value_number,
        {%- else -%}
        '{{ tojson(value) | replace("'", "''") }}' as value,
        null::double as value_number,
        {%- endif %}
        '{{ unit }}' as unit,
        'var' as origin,
        '{{ description }}' as description
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

period as (
    select
        'report_year' as parameter,
        report_year::varchar as value,
        report_year::double as value_number,
        'year' as unit,
        {{ "'var'" if var('report_year', none) else "'derived from the data'" }} as origin,
        'the report''s year: var report_year, or the latest complete year of the data' as description
    from resolved
    union all
    select
        'as_of_date',
        as_of_date::varchar,
        null::double,
        'date',
        {{ "'var'" if var('as_of_date', none) else "'derived from the data'" }},
        'end of the period-to-date windows: var as_of_date, or the latest announcement date'
    from resolved
)

select * from set_parameters
union all
select * from period
