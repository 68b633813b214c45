-- The most active AI investors: per period (the periods of macros/metrics_periods.sql: year,
-- quarter, ytd, since), country group (of the company; 'all' = every group), segment and
-- sub-segment ('all' = all of them), the top var top_investors_n investors by the number of AI
-- deals they joined (ranking 'deal_count'), and by the amount of those deals (ranking
-- 'amount_cny': rounds with an amount only). "Who invested most in Chinese AI chips since 2024"
-- is ranking 'deal_count', country_group 'CN', sub_segment 'ai_chips', period_type 'since'.
-- Ties: the other measure, then the name, then the id decide (one row per rank).

{%- set top_n = var('top_investors_n') %}
{%- if top_n is not number or top_n < 1 %}
    {{ exceptions.raise_compiler_error("var top_investors_n must be a whole number of at least 1, got '" ~ top_n ~ "'") }}
{%- endif %}

with

investor_deals as (
    select * from ({{ investor_deal_rows() }}) as rows
    where is_ai_deal
),

ai_deals as (
    {{ metrics_counted_deals(ref('fct_deals')) }}
),

periods as (
    {{ metrics_periods(ref('fct_deals')) }}
),

-- Each deal once per cell it belongs to: its own country group and 'all', times its sub-segment,
-- its segment ('all' sub-segments) and 'all'.
investor_cells_by_country as (
    select *, unnest([country_group, 'all']) as cell_country_group
    from investor_deals
),

investor_cells as (
    select
        announced_date,
        investor_id,
        cell_country_group as country_group,
        cell.segment,
        cell.sub_segment,
        1 as deal_count,
        amount_cny,
        coalesce(is_lead, false)::integer as led_deal_count
    from (
        select *, unnest([
            {'segment': segment, 'sub_segment': sub_segment},
            {'segment': segment, 'sub_segment': 'all'},
            {'segment': 'all', 'sub_segment': 'all'}
        ]) as cell
        from investor_cells_by_country
    ) as investor_cells_unnested
),

deal_cells_by_country as (
    select *, unnest([country_group, 'all']) as cell_country_group
    from ai_deals
),

deal_cells as (
    select
        announced_date,
        cell_country_group as country_group,
        cell.segment,
        cell.sub_segment,
        1 as deal_count,
        amount_cny
    from (
        select *, unnest([
            {'segment': segment, 'sub_segment': sub_segment},
            {'segment': segment, 'sub_segment': 'all'},
            {'segment': 'all', 'sub_segment': 'all'}
        ]) as cell
        from deal_cells_by_country
    ) as deal_cells_unnested
),

investor_sums as (
    {{ metrics_sum_by_period(
        'investor_cells', 'periods', ['investor_id', 'country_group', 'segment', 'sub_segment'],
        ['deal_count', 'amount_cny', 'led_deal_count']
    ) }}
),

cell_sums as (
    {{ metrics_sum_by_period(
        'deal_cells', 'periods', ['country_group', 'segment', 'sub_segment'],
        ['deal_count', 'amount_cny']
    ) }}
),

ranked as (
    select
        s.*,
        'deal_count' as ranking,
        row_number() over (
            partition by s.period_type, s.period_label, s.country_group, s.segment, s.sub_segment
            order by s.deal_count desc, s.amount_cny desc nulls last, i.investor_name, s.investor_id
        ) as league_rank,
        i.investor_name,
        i.investor_type
    from investor_sums as s
    join {{ ref('dim_investors') }} as i using (investor_id)
    qualify league_rank <= {{ top_n }}
    union all
    select
        s.*,
        'amount_cny' as ranking,
        row_number() over (
            partition by s.period_type, s.period_label, s.country_group, s.segment, s.sub_segment
            order by s.amount_cny desc, s.deal_count desc, i.investor_name, s.investor_id
        ) as league_rank,
        i.investor_name,
        i.investor_type
    from investor_sums as s
    join {{ ref('dim_investors') }} as i using (investor_id)
    where s.amount_cny > 0
    qualify league_rank <= {{ top_n }}
)

select
    r.period_type,
    r.period_label,
    p.period_start,
    p.period_end,
    r.country_group,
    r.segment,
    r.sub_segment,
    r.ranking,
    r.league_rank::integer as rank,
    {{ top_n }} as top_n,
    r.investor_id,
    r.investor_name,
    r.investor_type,
    r.deal_count::integer as deal_count,
    coalesce(r.amount_cny, 0) as amount_cny,
    r.led_deal_count::integer as led_deal_count,
    {{ metrics_ratio('r.deal_count', 'c.deal_count') }} as deal_share,
    {{ metrics_ratio('r.amount_cny', 'c.amount_cny') }} as amount_share,
    c.deal_count::integer as cell_deal_count,
    coalesce(c.amount_cny, 0) as cell_amount_cny
from ranked as r
join periods as p using (period_type, period_label)
join cell_sums as c using (period_type, period_label, country_group, segment, sub_segment)
order by p.period_start, p.period_end, r.period_type, r.country_group, r.segment, r.sub_segment, r.ranking, r.league_rank
