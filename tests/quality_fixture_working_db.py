"""A small hand-made working DuckDB file that follows the published-marts contract: raw, staged
(intermediate.int_deal_records_collapsed) and marts computed from one list of
deals, so every reconciliation holds. Tests of the quality gate and the publish step break one
thing in it at a time. Tables and columns carry comments like dbt's persist_docs writes.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import duckdb
import pandas as pd

TODAY = dt.date(2025, 4, 1)  # the checks' "today" in tests: the sample data ends 2025-03-23

SEGMENTS = {
    "aigc": ["foundation_models", "generative_content"],
    "infrastructure": ["ai_chips", "cloud_compute"],
    "technology": ["computer_vision"],
    "application": ["robotics", "healthcare"],
}
STAGES = {"angel": "early", "series_a": "early", "series_b": "growth", "series_d": "late",
          "corporate_round": "strategic", "debt_financing": "debt"}


def fixture_deals(n: int = 60, seed: int = 7) -> pd.DataFrame:
    """Deals of 2023 to 2025-03-23, deterministic for a seed."""
    rng = random.Random(seed)
    rows = []
    start = dt.date(2023, 1, 5)
    span = (dt.date(2025, 3, 23) - start).days
    for i in range(n):
        company = i % 17
        country_code, group = [("US", "US"), ("CN", "CN"), ("GB", "other")][company % 3]
        segment = list(SEGMENTS)[company % 4]
        sub_segment = SEGMENTS[segment][company % len(SEGMENTS[segment])]
        round_type = list(STAGES)[i % len(STAGES)]
        announced = start + dt.timedelta(days=rng.randrange(span + 1))
        if i == n - 1:
            announced = dt.date(2025, 3, 23)
        status = ["exact", "exact", "estimated", "undisclosed"][i % 4]
        amount_usd = None if status == "undisclosed" else float(rng.choice([2e6, 3e7, 1.5e8, 6e8, 2e9]))
        rate = 7.1
        rows.append({
            "deal_id": f"D{i:04d}",
            "company_id": f"C{company:03d}",
            "company_name": f"Company {company}",
            "announced_date": announced,
            "year": announced.year,
            "quarter": f"{announced.year}-Q{(announced.month - 1) // 3 + 1}",
            "month": announced.strftime("%Y-%m"),
            "country_code": country_code,
            "country_group": group,
            "round_type": round_type,
            "stage_group": STAGES[round_type],
            "is_ai": company != 16,  # one company is not AI: its deals are not counted
            "is_counted": company != 16,
            "amount_status": status,
            "amount_original": amount_usd,
            "currency": None if amount_usd is None else "USD",
            "amount_cny": None if amount_usd is None else amount_usd * rate,
            "amount_usd": amount_usd,
            "is_mega": amount_usd is not None and amount_usd * rate >= 1e9,
            "segment": segment if company != 16 else None,
            "sub_segment": sub_segment if company != 16 else None,
            "investor_names": "Fund A, Fund B",
            "has_state_capital": group == "CN" and i % 2 == 0,
            "source_count": 1 + (i % 2),
        })
    return pd.DataFrame(rows)


MART_SQL = {
    "dim_companies": """
        select company_id, min(company_name) as company_name, null::varchar as aliases,
               min(country_code) as country_code, min(country_group) as country_group, bool_or(is_ai) as is_ai,
               min(segment) as segment, min(sub_segment) as sub_segment,
               case when company_id in ('C000', 'C001') then date '2024-06-01' end as unicorn_joined_date,
               case when company_id in ('C000', 'C001') then 5e9 end as latest_valuation_usd
        from marts.fct_deals group by company_id""",
    "fct_deal_sources": """
        select deal_id, src.source, 'cn_export/export_' || src.n || '.csv' as source_file,
               deal_id || '-' || src.n as source_record_key
        from marts.fct_deals, (select unnest(range(1, 3)) as n, 'cn_export' as source) as src
        where src.n <= source_count""",
    "mart_funding_yearly": """
        with d as (select year, deal_id, company_name, case when amount_status <> 'undisclosed' then amount_cny end as amount_cny
                   from marts.fct_deals where is_counted),
        y as (select year, count(*) as deal_count, coalesce(sum(amount_cny), 0) as amount_cny,
                     count(*) filter (where amount_cny >= 1e9) as mega_deal_count,
                     coalesce(sum(amount_cny) filter (where amount_cny >= 1e9), 0) as mega_amount
              from d group by year),
        top as (select year, sum(amount_cny) as top_amount from
                (select * from d where amount_cny is not null qualify row_number() over (partition by year order by amount_cny desc, deal_id) <= 10)
                group by year)
        select y.year::integer as year, deal_count, amount_cny,
               amount_cny - lag(amount_cny) over (order by y.year) as amount_change_cny,
               (amount_cny - lag(amount_cny) over (order by y.year)) * 100 / lag(amount_cny) over (order by y.year) as amount_change_pct,
               mega_deal_count, mega_deal_count / deal_count as mega_count_share,
               mega_amount / nullif(amount_cny, 0) as mega_amount_share,
               mega_amount / nullif(mega_deal_count, 0) as mega_avg_amount_cny,
               top_amount / nullif(amount_cny, 0) as top10_amount_share,
               'Company 0, Company 1, Company 2' as top3_companies, 0.5 as top3_share_of_top10
        from y left join top using (year)""",
    "mart_funding_monthly": """
        with d as (select date_trunc('month', announced_date)::date as month,
                          case when amount_status <> 'undisclosed' then amount_cny end as amount_cny
                   from marts.fct_deals where is_counted),
        months as (select unnest(generate_series(date '2023-01-01', date '2025-03-01', interval 1 month))::date as month),
        m as (select months.month, count(d.month) as deal_count, coalesce(sum(d.amount_cny), 0) as amount_cny
              from months left join d using (month) group by months.month),
        w as (select *, sum(amount_cny) over (partition by year(month) order by month) as ytd_amount_cny from m)
        select w.month, w.deal_count, w.amount_cny, p.amount_cny as prior_year_amount_cny,
               (w.amount_cny - p.amount_cny) * 100 / nullif(p.amount_cny, 0) as yoy_pct,
               w.ytd_amount_cny, p.ytd_amount_cny as prior_ytd_amount_cny,
               (w.ytd_amount_cny - p.ytd_amount_cny) * 100 / nullif(p.ytd_amount_cny, 0) as ytd_yoy_pct
        from w left join w as p on p.month = (w.month - interval 1 year)::date""",
    "mart_stage_structure": """
        with d as (select year, stage_group, case when amount_status <> 'undisclosed' then amount_cny end as amount_cny
                   from marts.fct_deals where is_counted),
        s as (select year::integer as year, stage_group, count(*) as deal_count, coalesce(sum(amount_cny), 0) as amount_cny
              from d group by all),
        sh as (select *, deal_count / sum(deal_count) over (partition by year) as count_share,
                      amount_cny / sum(amount_cny) over (partition by year) as amount_share from s)
        select year, stage_group, deal_count, count_share, amount_cny, amount_share,
               (count_share - lag(count_share) over (partition by stage_group order by year)) * 100 as count_share_change_pp,
               (amount_share - lag(amount_share) over (partition by stage_group order by year)) * 100 as amount_share_change_pp
        from sh""",
    "mart_country_comparison": """
        with d as (select year, country_group, case when amount_status <> 'undisclosed' then amount_cny end as amount_cny
                   from marts.fct_deals where is_counted),
        g as (select year::integer as year, country_group, count(*) as deal_count, count(amount_cny) as with_amount,
                     coalesce(sum(amount_cny), 0) as amount_cny from d group by all),
        sh as (select *, amount_cny / sum(amount_cny) over (partition by year) as amount_share from g)
        select year, country_group, deal_count, amount_cny, amount_share,
               amount_cny / nullif(with_amount, 0) as avg_amount_cny,
               max(amount_share) filter (where country_group = 'US') over (partition by year)
                 / max(amount_share) filter (where country_group = 'CN') over (partition by year) as us_cn_share_ratio
        from sh""",
    "mart_segment_share": """
        with d as (select year::varchar as period_label, country_group, segment, sub_segment,
                          case when amount_status <> 'undisclosed' then amount_cny end as amount_cny
                   from marts.fct_deals where is_counted),
        t as (select 'year' as period_type, period_label,
                     case when grouping(country_group) = 1 then 'all' else country_group end as country_group,
                     segment, case when grouping(sub_segment) = 1 then 'all' else sub_segment end as sub_segment,
                     count(*) as deal_count, coalesce(sum(amount_cny), 0) as amount_cny
              from d group by grouping sets ((period_label, country_group, segment, sub_segment),
                  (period_label, country_group, segment), (period_label, segment, sub_segment), (period_label, segment)))
        select *, amount_cny / nullif(sum(amount_cny) filter (where sub_segment = 'all')
                  over (partition by period_type, period_label, country_group), 0) as amount_share
        from t""",
    "mart_unicorns": """
        with u as (select year(unicorn_joined_date)::integer as year, country_group, is_ai from marts.dim_companies
                   where unicorn_joined_date is not null),
        g as (select year, case when grouping(country_group) = 1 then 'all' else country_group end as country_group,
                     count(*) as new_unicorns, count(*) filter (where is_ai) as new_ai_unicorns
              from u group by grouping sets ((year, country_group), (year)))
        select *, new_ai_unicorns / new_unicorns as ai_share from g""",
    "mart_top_unicorn_funding": """
        with g as (select year::varchar as period_label, country_group, coalesce(sum(amount_cny), 0) as amount_cny
                   from marts.fct_deals where is_counted group by all)
        select period_label, 500 as top_n, country_group, amount_cny,
               amount_cny / sum(amount_cny) over (partition by period_label) as share_of_ai_total
        from g""",
    "mart_state_capital": """
        select year::varchar as period_label, segment, count(*) filter (where has_state_capital) as deals_with_state_capital,
               count(*) as deal_count
        from marts.fct_deals where is_counted group by all""",
    "mart_period_to_date": """
        select date '2025-03-23' as as_of_date, date '2025-01-01' as window_start, 'all' as country_group,
               'all' as segment,
               coalesce(sum(amount_cny) filter (where announced_date between date '2025-01-01' and date '2025-03-23'), 0) as amount_cny,
               coalesce(sum(amount_cny) filter (where announced_date between date '2024-01-01' and date '2024-03-23'), 0) as prior_amount_cny,
               null::double as yoy_pct
        from marts.fct_deals where is_counted and amount_status <> 'undisclosed'""",
    "mart_report_figures": """
        select 'R1' as figure_id, year::varchar as period_label, 'AI funding total' as description,
               amount_cny / 1e8 as value, '亿元' as unit, case when year = 2024 then 5995.2 end as reference_value
        from marts.mart_funding_yearly""",
    "audit_quarantine": """
        select * from (values
            ('cn_export', 'cn_export/export_1.csv', 14, 'unparseable date 2024-13-45 in 融资时间', '{}'),
            ('crunchbase', 'crunchbase/funding_rounds.csv', 9, 'negative amount -5 in raised_amount', '{}')
        ) as q(source, source_file, source_row, reason, raw_record)""",
    "audit_control_total_mismatches": """
        select 'Company 5' as company_name, 'cn_export/export_1.csv' as source_file, 3 as source_row,
               '9.1亿' as total_funding_text, 9.1e8 as export_total_cny, 7.2e8 as pipeline_total_cny,
               -1.9e8 as difference_cny, 2 as round_count, 0 as undisclosed_round_count, 0 as quarantined_row_count
        where false""",
    "audit_source_rows": """
        select 'cn_export' as raw_table, count(*) + 2 as rows_in, count(*) as rows_staged, 2 as rows_quarantined
        from marts.fct_deal_sources""",
    # thresholds as if the analyst had set vars quarantine_share_warn 5 % and _block 20 %: the 2
    # quarantined rows above are ok (tests raise them to warn and block)
    "audit_source_health": """
        with files as (
            select source_file, count(*) as rows_in from marts.fct_deal_sources group by all
        ), levels as (
            select 'source' as scope, null::varchar as source_file, (select count(*) from files) as file_count,
                   rows_in, rows_staged, rows_quarantined
            from marts.audit_source_rows
            union all
            select 'file', source_file, 1, rows_in + (source_file = 'cn_export/export_1.csv')::int * 2,
                   rows_in, (source_file = 'cn_export/export_1.csv')::int * 2
            from files
        )
        select 'cn_export' as raw_table, scope, source_file, true as is_required, file_count,
               rows_in, rows_staged, rows_quarantined, 0 as rows_excluded,
               rows_quarantined / rows_in as quarantine_share,
               case when rows_quarantined > 0 then 'unparseable date in 融资时间 ×2' else '' end as top_reasons,
               0.05::double as warn_above_share, 0.2::double as block_above_share, 'ok' as status, null::varchar as status_reason
        from levels""",
}


def _comment(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> None:
    con.execute(f"comment on table {schema}.{table} is 'Fixture {table}: one row per its grain.'")
    for (column,) in con.execute(
        "select column_name from duckdb_columns() where schema_name = ? and table_name = ?", [schema, table]
    ).fetchall():
        con.execute(f"comment on column {schema}.{table}.{column} is 'The {column} of {table}.'")


def build_working_db(path: Path, deals: pd.DataFrame | None = None) -> Path:
    """Write the fixture working file at `path` (replacing it) and return the path."""
    deals = fixture_deals() if deals is None else deals
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as con:
        for schema in ("raw", "staging", "intermediate", "marts"):
            con.execute(f"create schema {schema}")
        con.register("deals_frame", deals)
        con.execute("create table marts.fct_deals as select * from deals_frame")
        con.execute("alter table marts.fct_deals alter announced_date type date")
        con.execute("alter table marts.fct_deals alter year type integer")
        con.execute("alter table marts.fct_deals alter source_count type integer")
        for table, sql in MART_SQL.items():
            con.execute(f"create table marts.{table} as {sql}")
        for table in ["fct_deals", *MART_SQL]:
            _comment(con, "marts", table)

        # staged records (one per fct_deal_sources row) and the cn_export staging model
        con.execute("""
            create table intermediate.int_deal_records_collapsed as
            select s.source || ':' || s.source_record_key as record_id, s.source, s.source_record_key,
                   s.source_file, 2 + row_number() over (order by s.source_record_key) as source_row, 1 as copy_count,
                   d.company_id, d.announced_date, d.round_type, d.stage_group, d.is_counted as is_counted_round,
                   d.amount_status, d.amount_original, d.currency, d.amount_cny, d.amount_usd
            from marts.fct_deal_sources s join marts.fct_deals d using (deal_id)
        """)
        con.execute("""
            create table raw.cn_export as
            select source_file as _source_file, source_row as _source_row, source_record_key as _record_key,
                   md5(source_file) as _file_hash
            from intermediate.int_deal_records_collapsed
        """)
        con.execute("checkpoint")
    return path


def run_sql(path: Path, *statements: str) -> None:
    """Break the fixture: run statements on the working file."""
    with duckdb.connect(str(path)) as con:
        for statement in statements:
            con.execute(statement)
