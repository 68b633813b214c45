-- depends_on: {{ ref('company_name_suffixes') }}, {{ ref('investor_aliases') }}
-- R25: for each investor of var featured_investors (by any name it goes by: 'a16z' finds
-- Andreessen Horowitz through seed investor_aliases) and each covered year, the AI share of its
-- deals (macro investor_deal_rows: its financing rounds of any sector) by count and by amount, and
-- the change of the count share on the year before in percentage points. Beside it the report's
-- number (seed report_reference_values, rows R25*: the investor they are about is their
-- reference_text) where the row is the report's own period and investor. Every featured investor
-- has a row for every covered year, with zeros when it joined no deal (or matched no investor).

{%- set featured = var('featured_investors') %}
{%- if featured is string %}{% set featured = [featured] %}{% endif %}
{%- if featured is not iterable or featured is mapping or featured | length == 0 %}
    {{ exceptions.raise_compiler_error("var featured_investors must be a list of investor names, e.g. [\"a16z\"], got '" ~ featured ~ "'") }}
{%- endif %}
{%- set names = [] %}
{%- for name in featured %}
    {%- if name is not string or name | trim == '' %}
        {{ exceptions.raise_compiler_error("var featured_investors: every entry must be an investor name, got '" ~ name ~ "'") }}
    {%- endif %}
    {%- if name | trim not in names %}{% do names.append(name | trim) %}{% endif %}
{%- endfor %}

with

run_period as (
    select
        {{ metrics_report_year(ref('fct_deals')) }} as report_year,
        {{ metrics_as_of_date(ref('fct_deals')) }} as as_of_date
),

aliases as (
    select alias_key, min(canonical_name) as canonical_name
    from ({{ investor_alias_keys() }}) as keys
    group by alias_key
),

featured as (
    select listed.featured_investor, listed.featured_order
    from (values
        {%- for name in names %}
        ('{{ name | replace("'", "''") }}', {{ loop.index }}){{ "," if not loop.last }}
        {%- endfor %}
    ) as listed (featured_investor, featured_order)
),

featured_keys as (
    -- the key of the name, or of the investor the seed says the name stands for
    select
        f.featured_investor,
        f.featured_order,
        coalesce({{ investor_name_key('a.canonical_name') }}, {{ investor_name_key('f.featured_investor') }}) as featured_key
    from featured as f
    left join aliases as a on a.alias_key = {{ investor_name_key('f.featured_investor') }}
),

matched as (
    -- every resolved investor one of whose names has the key
    select k.featured_investor, i.investor_id, i.investor_name
    from featured_keys as k
    join {{ ref('int_investors_merged') }} as i on list_contains(i.name_keys, k.featured_key)
),

matched_names as (
    select
        featured_investor,
        string_agg(investor_id, ', ' order by investor_id) as investor_ids,
        string_agg(investor_name, ' | ' order by investor_name) as investor_name
    from matched
    group by featured_investor
),

deals as (
    -- each deal once per featured investor, even when two of its matches joined it
    select distinct m.featured_investor, d.deal_id, d.year, d.is_ai_deal, d.amount_cny
    from matched as m
    join ({{ investor_deal_rows() }}) as d using (investor_id)
),

yearly as (
    select
        featured_investor,
        year,
        count(*) as deal_count,
        count(*) filter (where is_ai_deal) as ai_deal_count,
        coalesce({{ sum_money('amount_cny') }}, 0) as amount_cny,
        coalesce({{ sum_money('amount_cny', filter='is_ai_deal') }}, 0) as ai_amount_cny
    from deals
    group by featured_investor, year
),

covered_years as (
    {{ metrics_covered_years(ref('fct_deals')) }}
),

grid as (
    select k.featured_investor, k.featured_order, k.featured_key, y.year
    from featured_keys as k
    cross join covered_years as y
),

shares as (
    select
        g.featured_investor,
        g.featured_order,
        g.featured_key,
        g.year,
        coalesce(y.deal_count, 0) as deal_count,
        coalesce(y.ai_deal_count, 0) as ai_deal_count,
        {{ metrics_ratio('y.ai_deal_count', 'y.deal_count') }} as ai_count_share,
        coalesce(y.amount_cny, 0) as amount_cny,
        coalesce(y.ai_amount_cny, 0) as ai_amount_cny,
        {{ metrics_ratio('y.ai_amount_cny', 'y.amount_cny') }} as ai_amount_share
    from grid as g
    left join yearly as y using (featured_investor, year)
),

reference as (
    -- seed rows R25*: the period filled in for this run, and the investor they are about
    select
        {{ fill_report_period('figure.period', 'run_period.report_year', 'run_period.as_of_date') }} as period_label,
        seed.period_label as report_period_label,
        seed.figure_id,
        figure.unit,
        seed.reference_value,
        seed.report_quote,
        coalesce({{ investor_name_key('a.canonical_name') }}, {{ investor_name_key('seed.reference_text') }}) as reference_key
    from {{ ref('report_reference_values') }} as seed
    join {{ ref('report_figures') }} as figure using (figure_id)
    cross join run_period
    left join aliases as a on a.alias_key = {{ investor_name_key('seed.reference_text') }}
    where seed.figure_id like 'R25%'
),

references_by_row as (
    -- only the report's own period: the run's period of the figure is the report's
    select
        s.featured_investor,
        s.year,
        max(r.reference_value) filter (where r.unit = '%') / 100 as reference_ai_count_share,
        max(r.reference_value) filter (where r.unit = 'pp') as reference_change_pp,
        string_agg(r.figure_id, ', ' order by r.figure_id) as reference_figure_ids,
        min(r.report_quote) as report_quote
    from shares as s
    join reference as r
        on r.reference_key = s.featured_key
        and r.period_label = s.year::varchar
        and r.period_label = r.report_period_label
    group by s.featured_investor, s.year
)

select
    s.featured_investor,
    m.investor_ids,
    m.investor_name,
    s.year,
    s.year = run_period.report_year as is_report_year,
    s.deal_count,
    s.ai_deal_count,
    s.ai_count_share,
    lag(s.ai_count_share) over (partition by s.featured_investor order by s.year) as prior_ai_count_share,
    (s.ai_count_share - lag(s.ai_count_share) over (partition by s.featured_investor order by s.year)) * 100
        as ai_count_share_change_pp,
    s.amount_cny,
    s.ai_amount_cny,
    s.ai_amount_share,
    r.reference_figure_ids is not null as is_report_period,
    r.reference_ai_count_share,
    r.reference_change_pp,
    r.reference_figure_ids,
    r.report_quote
from shares as s
cross join run_period
left join matched_names as m using (featured_investor)
left join references_by_row as r using (featured_investor, year)
order by s.featured_order, s.year
