"""Reconciliations: numbers that must agree across tables (months sum to the year, country groups
and stage groups sum to the total, segment shares sum to 1, the deal fact's sum equals the marts'
totals).

Each reconciliation is a SQL query that lays the two sides of every comparison side by side, one
row per comparison (`key`, `measure`, `expected`, `actual`); DuckDB adds whether they agree within
the tolerance, and a GX expectation on that query (a query asset: the rows stay in DuckDB)
requires every row to agree. A failure names the row: "key='2024', measure='amount_cny',
expected=…, actual=…". All are critical: a disagreement means a published number is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.quality.gx_runner import SuiteResult, gxe, validate
from pipeline.quality.tables import TableReader

# Amounts are sums of doubles in yuan: summed in another order they may differ in the last bits.
AMOUNT_TOLERANCE_CNY = 1.0
SHARE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Reconciliation:
    name: str  # the Dagster check name
    table: str  # the mart the check is attached to
    reads: tuple[str, ...]  # every table the query reads (the check waits for all of them)
    description: str  # what the check compares (the Dagster check's description)
    rule: str  # the expectation, short (quoted in the failure message)
    sql: str  # columns: key, measure, expected, actual


# The deals every metric counts (see docs/figures.md): counted AI deals; money only where the
# amount is exact or estimated.
_COUNTED = """
    select year(announced_date)::integer as year, announced_date, country_group, stage_group, segment,
           case when amount_status in ('exact', 'estimated') then amount_cny end as amount_cny
    from {fct_deals} where is_counted
"""

RECONCILIATIONS: list[Reconciliation] = [
    Reconciliation(
        name="totals_match_fct_deals",
        rule="the yearly totals equal the sums over fct_deals",
        table="mart_funding_yearly",
        reads=("mart_funding_yearly", "fct_deals"),
        description="Each year's deal count and amount equal the sum over fct_deals' counted deals.",
        sql=f"""
            with deals as ({_COUNTED}),
            fact as (select year, count(*) as deal_count, coalesce(sum(amount_cny), 0) as amount_cny
                     from deals group by year),
            mart as (select year, deal_count, amount_cny from {{mart_funding_yearly}}),
            joined as (
                select coalesce(mart.year, fact.year) as year,
                       mart.deal_count as mart_count, coalesce(fact.deal_count, 0) as fact_count,
                       mart.amount_cny as mart_amount, coalesce(fact.amount_cny, 0) as fact_amount
                from mart full outer join fact on mart.year = fact.year
            )
            select year::varchar as key, 'deal_count' as measure, fact_count::double as expected,
                   mart_count::double as actual from joined
            union all
            select year::varchar, 'amount_cny', fact_amount, mart_amount from joined
        """,
    ),
    Reconciliation(
        name="months_sum_to_year",
        rule="the months add up to their year",
        table="mart_funding_monthly",
        reads=("mart_funding_monthly", "mart_funding_yearly"),
        description="The months of a year add up to the year's deal count and amount; the year-to-date "
        "amount of December (or of the last month) equals the sum of the months so far.",
        sql="""
            with months as (
                select year(month)::integer as year, sum(deal_count) as deal_count, sum(amount_cny) as amount_cny,
                       arg_max(ytd_amount_cny, month) as last_ytd
                from {mart_funding_monthly} group by 1
            ),
            years as (select year, deal_count, amount_cny from {mart_funding_yearly})
            select coalesce(years.year, months.year)::varchar as key, 'deal_count' as measure,
                   years.deal_count::double as expected, coalesce(months.deal_count, 0)::double as actual
            from years full outer join months on years.year = months.year
            union all
            select coalesce(years.year, months.year)::varchar, 'amount_cny',
                   years.amount_cny, coalesce(months.amount_cny, 0)
            from years full outer join months on years.year = months.year
            union all
            select year::varchar, 'ytd_amount_cny of the last month', amount_cny, last_ytd from months
        """,
    ),
    Reconciliation(
        name="country_groups_sum_to_total",
        rule="the country groups add up to the year",
        table="mart_country_comparison",
        reads=("mart_country_comparison", "mart_funding_yearly"),
        description="US + CN + other add up to the year's deal count and amount; their amount shares "
        "add up to 1.",
        sql="""
            with groups as (
                select year, sum(deal_count) as deal_count, sum(amount_cny) as amount_cny,
                       sum(amount_share) as amount_share
                from {mart_country_comparison} group by year
            ),
            years as (select year, deal_count, amount_cny from {mart_funding_yearly})
            select coalesce(years.year, groups.year)::varchar as key, 'deal_count' as measure,
                   years.deal_count::double as expected, groups.deal_count::double as actual
            from years full outer join groups on years.year = groups.year
            union all
            select coalesce(years.year, groups.year)::varchar, 'amount_cny', years.amount_cny, groups.amount_cny
            from years full outer join groups on years.year = groups.year
            union all
            select year::varchar, 'sum of amount_share', 1.0, amount_share from groups where amount_cny > 0
        """,
    ),
    Reconciliation(
        name="stage_groups_sum_to_total",
        rule="the stage groups add up to the year",
        table="mart_stage_structure",
        reads=("mart_stage_structure", "mart_funding_yearly"),
        description="The stage groups add up to the year's deal count and amount; count shares and "
        "amount shares each add up to 1.",
        sql="""
            with stages as (
                select year, sum(deal_count) as deal_count, sum(amount_cny) as amount_cny,
                       sum(count_share) as count_share, sum(amount_share) as amount_share
                from {mart_stage_structure} group by year
            ),
            years as (select year, deal_count, amount_cny from {mart_funding_yearly})
            select coalesce(years.year, stages.year)::varchar as key, 'deal_count' as measure,
                   years.deal_count::double as expected, stages.deal_count::double as actual
            from years full outer join stages on years.year = stages.year
            union all
            select coalesce(years.year, stages.year)::varchar, 'amount_cny', years.amount_cny, stages.amount_cny
            from years full outer join stages on years.year = stages.year
            union all
            select year::varchar, 'sum of count_share', 1.0, count_share from stages where deal_count > 0
            union all
            select year::varchar, 'sum of amount_share', 1.0, amount_share from stages where amount_cny > 0
        """,
    ),
    Reconciliation(
        name="segment_shares_sum_to_one",
        rule="segments, sub-segments and country groups add up",
        table="mart_segment_share",
        reads=("mart_segment_share", "mart_funding_yearly"),
        description="Within each period and country group the segments' amount shares add up to 1 and "
        "the sub-segments add up to their segment; US + CN + other add up to `all`; each year's `all` "
        "total equals the yearly mart.",
        sql="""
            with shares as (select * from {mart_segment_share}),
            segment_rows as (select * from shares where sub_segment = 'all' and segment <> 'all'),
            segment_sums as (
                select period_type, period_label, country_group, sum(amount_share) as amount_share,
                       sum(amount_cny) as amount_cny, sum(deal_count) as deal_count
                from segment_rows group by all
            ),
            sub_sums as (
                select period_type, period_label, country_group, segment,
                       sum(amount_cny) as amount_cny, sum(deal_count) as deal_count
                from shares where sub_segment <> 'all' and segment <> 'all' group by all
            ),
            group_sums as (
                select period_type, period_label, segment, sub_segment, sum(amount_cny) as amount_cny,
                       sum(deal_count) as deal_count
                from shares where country_group <> 'all' group by all
            ),
            years as (select year::varchar as period_label, amount_cny, deal_count from {mart_funding_yearly})
            select period_type || ' ' || period_label || ' ' || country_group as key,
                   'sum of segment amount_share' as measure, 1.0 as expected, amount_share as actual
            from segment_sums where amount_cny > 0
            union all
            select s.period_type || ' ' || s.period_label || ' ' || s.country_group || ' ' || s.segment,
                   'sub-segments sum to the segment amount_cny', seg.amount_cny, s.amount_cny
            from sub_sums s join segment_rows seg using (period_type, period_label, country_group, segment)
            union all
            select g.period_type || ' ' || g.period_label || ' ' || g.segment || ' ' || g.sub_segment,
                   'US + CN + other amount_cny = all', a.amount_cny, g.amount_cny
            from group_sums g join shares a
              on a.country_group = 'all' and a.period_type = g.period_type and a.period_label = g.period_label
             and a.segment = g.segment and a.sub_segment = g.sub_segment
            union all
            select 'year ' || y.period_label || ' all', 'segments sum to the yearly amount_cny',
                   y.amount_cny, coalesce(s.amount_cny, 0)
            from years y left join segment_sums s
              on s.period_type = 'year' and s.period_label = y.period_label and s.country_group = 'all'
        """,
    ),
]


# Counts must match exactly; shares within 1e-6; amounts within 1 yuan (or 1e-9 relative). A side
# that is missing (a year in one table and not in the other) or NaN never agrees.
_AGREES = f"""
    select key, measure, expected, actual,
           expected is not null and actual is not null and abs(expected - actual) <= case
               when measure like '%share%' then {SHARE_TOLERANCE}
               when measure like '%count%' then 0
               else greatest(abs(expected) * 1e-9, {AMOUNT_TOLERANCE_CNY}) end as agrees
    from (
        select key, measure,
               case when isnan(expected::double) then null else expected::double end as expected,
               case when isnan(actual::double) then null else actual::double end as actual
        from ({{comparisons}})
    )
"""


def comparison_sql(reader: TableReader, reconciliation: Reconciliation) -> str:
    """The reconciliation's comparisons, one row each, with `agrees`."""
    return _AGREES.format(comparisons=reader.sql(reconciliation.sql)).strip()


def validate_reconciliation(reader: TableReader, reconciliation: Reconciliation) -> SuiteResult:
    missing = [t for t in reconciliation.reads if not reader.has(t)]
    if missing:
        return SuiteResult(suite=reconciliation.name, error=f"missing table(s): {', '.join(missing)}")
    expectations = [
        gxe.ExpectColumnValuesToBeInSet(
            column="agrees", value_set=[True], description=reconciliation.rule
        )
    ]
    return validate(reconciliation.name, reader.query_rows(comparison_sql(reader, reconciliation)), expectations,
                    key_columns=["key", "measure", "expected", "actual"])
