"""Read what the report needs from the published file (read-only) into plain Python rows.

The report only reads the published marts (docs/published-tables.md), never the working file, so it
shows exactly what analysts see in SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

Row = dict[str, object]

REQUIRED_TABLES = [
    "mart_funding_yearly", "mart_funding_monthly", "mart_stage_structure",
    "mart_country_comparison", "mart_segment_share", "mart_unicorns", "mart_top_unicorn_funding",
    "mart_state_capital", "mart_period_to_date", "mart_report_figures", "fct_deals", "audit_runs",
    "audit_build_parameters",
]


# The investor tables (docs/published-tables.md): the investors section when the file has them (a
# file published before they existed has none, and its report leaves the section out).
INVESTOR_TABLES = ["dim_investors", "fct_deal_investors", "mart_investor_league", "mart_featured_investors"]


class PublishedFileError(Exception):
    """The published file is missing or lacks a table the report reads."""


@dataclass
class ReportData:
    published_db: Path
    focus_year: int  # the report's year (the original: 2024)
    figures: dict[str, list[Row]]  # figure_id -> its rows, in figure order R1, R2, ...
    yearly: dict[int, Row]
    monthly: list[Row]  # with an added "ym" key 'YYYY-MM'
    stages: list[Row]
    countries: list[Row]
    segments: list[Row]
    unicorns: list[Row]
    top_unicorns: list[Row]
    state_capital: list[Row]
    period_to_date: list[Row]
    top_deals: list[Row]  # the focus year's top_deals_n largest counted AI deals
    audit: Row | None  # the latest audit_runs row
    parameters: dict[str, Row] = field(default_factory=dict)  # audit_build_parameters by name
    ytd_label: str | None = None  # latest mart_segment_share period with period_type 'ytd'
    investor_league: list[Row] = field(default_factory=list)  # the report year, all countries and segments
    state_capital_investors: dict[str, list[Row]] = field(default_factory=dict)  # period label -> investors
    featured_investors: list[Row] = field(default_factory=list)  # mart_featured_investors (R25)
    has_investors: bool = False  # the file has INVESTOR_TABLES
    as_of_date: dt.date | None = None  # end of the period-to-date windows (the original: 2025-03-23)
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))

    @property
    def prior_year(self) -> int:
        return self.focus_year - 1

    @property
    def trend_year(self) -> int:
        """The year the trends section looks at: the as-of year when it lies after the report
        year (the original: 2024's report, 2025 to date), else the year after the report year."""
        if self.as_of_date and self.as_of_date.year > self.focus_year:
            return self.as_of_date.year
        return self.focus_year + 1

    @property
    def shows_report_numbers(self) -> bool:
        """Whether any figure is about the original report's own period (so its numbers apply)."""
        return any(_is_report_period(row) for rows in self.figures.values() for row in rows)

    def parameter(self, name: str) -> float:
        """A numeric build parameter (dbt var) as the published file records it."""
        value = self.parameters.get(name, {}).get("value_number")
        if value is None:
            raise PublishedFileError(f"{self.published_db}: audit_build_parameters has no number for {name}")
        return float(value)

    @property
    def top_deals_n(self) -> int:
        return int(self.parameter("top_deals_n"))

    @property
    def top_investors_n(self) -> int:
        """var top_investors_n of the build (the league tables' N); 10 for a file without it."""
        value = self.parameters.get("top_investors_n", {}).get("value_number")
        return 10 if value is None else int(value)

    @property
    def mega_rule(self) -> str:
        """'≥10亿元': the mega-deal threshold (var mega_deal_threshold_cny) as the report writes it."""
        return f"≥{self.parameter('mega_deal_threshold_cny') / 1e8:g}亿元"

    @property
    def mega_name(self) -> str:
        """The report's name for a mega deal: 十亿级 at its own threshold of 10亿元."""
        yi = self.parameter("mega_deal_threshold_cny") / 1e8
        return "十亿级" if yi == 10 else f"{yi:g}亿元级"

    def figure(self, figure_id: str) -> list[Row]:
        return self.figures.get(figure_id, [])

    def segment_rows(self, period_label: str, country_group: str) -> list[Row]:
        return [r for r in self.segments
                if r["period_label"] == period_label and r["country_group"] == country_group]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[Row]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, values, strict=True)) for values in cur.fetchall()]


def _is_report_period(row: Row) -> bool:
    """mart_report_figures.is_report_period; a file without the column: a reference value present."""
    flag = row.get("is_report_period")
    return bool(flag) if flag is not None else row.get("reference_value") is not None


def _as_of_date(figures: dict[str, list[Row]], period_to_date: list[Row]) -> dt.date | None:
    """The as-of date of the figures (the end of R23a's window), else the mart's latest."""
    for row in figures.get("R23a", []):
        label = str(row.get("period_label") or "")
        if ".." in label:
            try:
                return dt.date.fromisoformat(label.split("..", 1)[1])
            except ValueError:
                pass
    dates = [r["as_of_date"] for r in period_to_date if r.get("as_of_date") is not None]
    if not dates:
        return None
    latest = max(dates)
    if isinstance(latest, dt.datetime):
        return latest.date()
    return latest if isinstance(latest, dt.date) else dt.date.fromisoformat(str(latest)[:10])


def figure_number(figure_id: str) -> int | None:
    """'R2b' → 2 (docs/figures.md numbers its figures; the marts letter their parts)."""
    digits = "".join(ch for ch in figure_id if ch.isdigit())
    return int(digits) if digits else None


def _figure_sort_key(figure_id: str) -> tuple[int, str]:
    number = figure_number(figure_id)
    return (10_000 if number is None else number, figure_id)


def _focus_year(figures: dict[str, list[Row]], yearly: dict[int, Row], monthly: list[Row]) -> int:
    """The report's year: the period of R1 when it is a year, else the latest year with all
    twelve months in the data, else the latest year."""
    for row in figures.get("R1", []) + figures.get("R1a", []):
        label = str(row.get("period_label") or "").strip()
        if label.isdigit() and int(label) in yearly:
            return int(label)
    months_per_year: dict[int, int] = defaultdict(int)
    for row in monthly:
        months_per_year[int(row["ym"][:4])] += 1
    full = [y for y, n in months_per_year.items() if n == 12]
    if full:
        return max(full)
    if yearly:
        return max(yearly)
    raise PublishedFileError("mart_funding_yearly is empty: nothing to report")


def load_report_data(published_db: Path) -> ReportData:
    if not published_db.exists():
        raise PublishedFileError(
            f"{published_db} does not exist: run the pipeline (job deals_pipeline) so the quality "
            "gate can publish it first."
        )
    with duckdb.connect(str(published_db), read_only=True) as con:
        present = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}
        missing = [t for t in REQUIRED_TABLES if t not in present]
        if missing:
            raise PublishedFileError(f"{published_db} lacks table(s) {', '.join(missing)}")

        figure_rows = _rows(con, "select * from mart_report_figures")
        figures: dict[str, list[Row]] = defaultdict(list)
        for row in figure_rows:
            figures[str(row["figure_id"])].append(row)
        figures = dict(sorted(figures.items(), key=lambda kv: _figure_sort_key(kv[0])))

        yearly = {int(r["year"]): r for r in _rows(con, "select * from mart_funding_yearly")}
        monthly = _rows(con, "select * from mart_funding_monthly order by month")
        for row in monthly:
            # `month` may be a DATE (first of month) or text 'YYYY-MM'; the chart wants 'YYYY-MM'.
            row["ym"] = str(row["month"])[:7]
        focus_year = _focus_year(figures, yearly, monthly)

        ytd = con.execute("select max(period_label) from mart_segment_share "
                          "where period_type = 'ytd'").fetchone()[0]
        audit = _rows(con, "select * from audit_runs order by published_at desc limit 1")
        parameters = {str(r["parameter"]): r for r in _rows(con, "select * from audit_build_parameters")}
        top_n = int(parameters.get("top_deals_n", {}).get("value_number") or 10)
        top_deals = _rows(con, """
            select company_name, announced_date, country_group, round_type, segment, sub_segment,
                   amount_cny, amount_usd
            from fct_deals
            where is_ai and is_counted and year = ? and amount_cny is not null
            order by amount_cny desc, announced_date, deal_id limit ?""", [focus_year, top_n])

        period_to_date = _rows(con, "select * from mart_period_to_date order by as_of_date")
        as_of_date = _as_of_date(figures, period_to_date)
        has_investors = all(t in present for t in INVESTOR_TABLES)
        investors = _investors(con, focus_year, as_of_date) if has_investors else {}
        return ReportData(
            published_db=published_db,
            focus_year=focus_year,
            figures=figures,
            yearly=yearly,
            monthly=monthly,
            stages=_rows(con, "select * from mart_stage_structure order by year, stage_group"),
            countries=_rows(con, "select * from mart_country_comparison order by year, country_group"),
            segments=_rows(con, "select * from mart_segment_share"),
            unicorns=_rows(con, "select * from mart_unicorns order by year, country_group"),
            top_unicorns=_rows(con, "select * from mart_top_unicorn_funding order by period_label"),
            state_capital=_rows(con, "select * from mart_state_capital order by period_label, segment"),
            period_to_date=period_to_date,
            top_deals=top_deals,
            audit=audit[0] if audit else None,
            parameters=parameters,
            ytd_label=ytd,
            as_of_date=as_of_date,
            has_investors=has_investors,
            **investors,
        )


def _investors(con: duckdb.DuckDBPyConnection, focus_year: int, as_of_date: dt.date | None) -> dict:
    """The investors section's rows: the report year's league tables (all countries, all
    segments), the state-capital investors of AI deals in the report year and, when the as-of date
    lies after it, in the as-of year to date (R19's window), and R25."""
    league = _rows(con, """
        select * from mart_investor_league
        where period_type = 'year' and period_label = ? and country_group = 'all' and segment = 'all'
          and sub_segment = 'all'
        order by ranking, rank""", [str(focus_year)])
    windows = {str(focus_year): (dt.date(focus_year, 1, 1), dt.date(focus_year, 12, 31))}
    if as_of_date and as_of_date.year > focus_year:
        start = dt.date(as_of_date.year, 1, 1)
        windows[f"{start}..{as_of_date}"] = (start, as_of_date)
    state_capital = {
        label: _rows(con, """
            select i.investor_name, i.investor_name_zh, count(*) as deal_count,
                   count(*) filter (where d.segment = 'technology') as technology_deal_count,
                   sum(d.amount_cny) filter (where d.amount_status <> 'undisclosed') as amount_cny
            from fct_deal_investors as f
            join dim_investors as i using (investor_id)
            join fct_deals as d using (deal_id)
            where i.investor_type = 'state_capital' and d.is_counted and d.announced_date between ? and ?
            group by i.investor_id, i.investor_name, i.investor_name_zh
            order by deal_count desc, amount_cny desc nulls last, i.investor_name""", [start, end])
        for label, (start, end) in windows.items()
    }
    featured = _rows(con, "select * from mart_featured_investors order by featured_investor, year")
    return {"investor_league": league, "state_capital_investors": state_capital, "featured_investors": featured}
