"""The change gate: no wholesale change against the published version goes out unnoticed.

A build can pass every rule and still be wrong as a whole: every `announced_on` of one Crunchbase
file unreadable, and fct_deals falls from 6,012 to 2,531 deals while each remaining row is fine.
These blocking checks compare the build with the version analysts are reading now
(published.duckdb):

- `change_vs_published` on `audit_source_rows`: each source's staged rows;
- `change_vs_published` on `mart_funding_yearly`: each year's deal count and amount.

A drop or a jump beyond the threshold (dbt vars `max_source_rows_change`, `max_year_deals_change`,
`max_year_amount_change`, default 0.5 = ±50 %) blocks the publish, naming what changed by how
much. Small numbers swing: a source or year with fewer than var `change_gate_min_count` (default
50) rows or deals in both versions is not compared. The latest year of the published version may
still be filling up (a weekly export adds its weeks), so it is only checked for drops; a year the
build adds is new data, not a change.

An analyst who knows the change is real (a new database licensed, a backfill) says so:
`python -m pipeline run --accept-change "reason"` (or `accept_change` of the `quality_gate`
resource in the launchpad). The checks then pass with a warning quoting the reason, and the
reason is recorded in audit_runs.accepted_change. No published version yet: nothing to compare,
the checks pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pipeline import settings
from pipeline.quality.gx_runner import CRITICAL, WARNING, SuiteResult, gxe, validate, values_query
from pipeline.quality.tables import TableReader
from pipeline.settings import PUBLISHED_SCHEMA

CHECK_NAME = "change_vs_published"
SOURCE_ROWS_MODEL = "audit_source_rows"
YEARLY_MODEL = "mart_funding_yearly"
PARAMETERS_MODEL = "audit_build_parameters"

# dbt var -> default (dbt_project.yml holds the values an analyst edits; audit_build_parameters
# publishes the ones a build used)
THRESHOLD_VARS = {
    "max_source_rows_change": 0.5,
    "max_year_deals_change": 0.5,
    "max_year_amount_change": 0.5,
    "change_gate_min_count": 50,
}
ACCEPT_HINT = ('If the change is real, run again with --accept-change "reason" (or set accept_change '
               "of the quality_gate resource in the launchpad).")


@dataclass(frozen=True)
class Thresholds:
    max_source_rows_change: float = 0.5
    max_year_deals_change: float = 0.5
    max_year_amount_change: float = 0.5
    change_gate_min_count: int = 50


@dataclass
class ChangeResult(SuiteResult):
    """A SuiteResult whose verdict line lists what changed, by how much."""

    messages: list[str] = field(default_factory=list)
    accepted: str | None = None

    def headline(self) -> str:
        if self.error or self.clean or not self.messages:
            return super().headline()
        changes = "; ".join(self.messages)
        if self.accepted:
            return f"{self.suite}: accepted change (reason: {self.accepted}): {changes}"
        return f"{self.suite}: wholesale change against the published version: {changes}. {ACCEPT_HINT}"


def _dbt_project_vars() -> dict:
    import yaml

    try:
        return (yaml.safe_load((settings.DBT_PROJECT_DIR / "dbt_project.yml").read_text()) or {}).get("vars") or {}
    except (OSError, yaml.YAMLError):
        return {}


def thresholds(reader: TableReader) -> Thresholds:
    """The thresholds this build used (audit_build_parameters), else dbt_project.yml's, else the
    defaults."""
    values: dict[str, float] = {}
    project_vars = _dbt_project_vars()
    for name, default in THRESHOLD_VARS.items():
        value = project_vars.get(name, default)
        values[name] = default if not isinstance(value, (int, float)) else value
    if reader.has(PARAMETERS_MODEL):
        frame = reader.frame(PARAMETERS_MODEL)
        for row in frame.itertuples(index=False):
            if row.parameter in THRESHOLD_VARS and pd.notna(row.value_number):
                values[row.parameter] = float(row.value_number)
    return Thresholds(
        max_source_rows_change=float(values["max_source_rows_change"]),
        max_year_deals_change=float(values["max_year_deals_change"]),
        max_year_amount_change=float(values["max_year_amount_change"]),
        change_gate_min_count=int(values["change_gate_min_count"]),
    )


def published_candidates(published_db: Path | None) -> list[Path]:
    """published.duckdb, then the newest kept copy (when someone holds published.duckdb open
    read-write, the kept copy of the current version has the same content)."""
    if published_db is None:
        return []
    published_db = Path(published_db)
    kept = sorted((published_db.parent / "published" / "versions").glob("*.duckdb"), reverse=True)
    return [p for p in (published_db, *kept[:1]) if p.exists()]


def read_published(published_db: Path | None, table: str) -> tuple[pd.DataFrame, str] | None:
    """(the table in the published version, its version id), or None when there is no published
    version (or it lacks the table: a version from before the table existed)."""
    for path in published_candidates(published_db):
        try:
            with TableReader.open(path, schemas=(PUBLISHED_SCHEMA,)) as reader:
                if not reader.has(table):
                    return None
                version = "?"
                if reader.has("audit_runs"):
                    runs = reader.con.execute(
                        "select version from audit_runs order by published_at desc limit 1").fetchone()
                    version = runs[0] if runs else "?"
                return reader.frame(table), version
        except duckdb.Error:
            continue
    return None


def _pct(change: float) -> str:
    if change == float("inf"):
        return "new"
    return f"{change * 100:+.1f} %".replace("-", "−")


def _number(value: float, amount: bool) -> str:
    return f"{value / 1e8:,.1f} 亿元" if amount else f"{int(value):,}"


def _compare(reader: TableReader, rows: list[dict], suite: str, accept: str | None,
             key_columns: list[str]) -> ChangeResult:
    """One expectation over the compared rows (a handful, one per source or year and measure):
    within the threshold (or not compared)."""
    frame = pd.DataFrame(rows, columns=["what", "measure", "published", "now", "change", "limit", "compared",
                                        "vars_name"])
    frame["within_limit"] = ~frame["compared"] | (frame["change"].abs() <= frame["limit"])
    severity = WARNING if accept else CRITICAL
    expectation = gxe.ExpectColumnValuesToBeInSet(
        column="within_limit", value_set=[True], severity=severity,
        description="no drop or jump beyond the threshold against the published version",
    )
    result = validate(suite, reader.query_rows(values_query(frame)), [expectation], key_columns=key_columns)
    changed = frame[~frame["within_limit"]]
    return ChangeResult(
        suite=result.suite, outcomes=result.outcomes, error=result.error, row_count=len(frame),
        details=changed.drop(columns=["within_limit", "compared"]) if len(changed) else None,
        messages=[
            f"{r.what}: {r.measure} {_number(r.published, 'amount' in r.measure)} → "
            f"{_number(r.now, 'amount' in r.measure)} ({_pct(r.change)}; limit ±{r.limit * 100:g} %, var {r.vars_name})"
            for r in changed.itertuples()
        ],
        accepted=accept,
    )


def _relative(now: float, published: float) -> float:
    if published == 0:
        return 0.0 if now == 0 else float("inf")
    return (now - published) / published


def validate_source_rows_change(reader: TableReader, published_db: Path | None, accept: str | None) -> SuiteResult:
    """Each source's staged rows against the published version's audit_source_rows."""
    suite = f"{SOURCE_ROWS_MODEL} change"
    published = read_published(published_db, SOURCE_ROWS_MODEL)
    if published is None:
        return SuiteResult(suite=suite, note="no published version to compare with yet")
    before, version = published
    limits = thresholds(reader)
    now = reader.frame(SOURCE_ROWS_MODEL).set_index("raw_table")["rows_staged"]
    then = before.set_index("raw_table")["rows_staged"]
    rows = []
    for source in sorted(set(now.index) | set(then.index)):
        n, p = float(now.get(source, 0) or 0), float(then.get(source, 0) or 0)
        rows.append({
            "what": source, "measure": "staged rows", "published": p, "now": n, "change": _relative(n, p),
            "limit": limits.max_source_rows_change,
            "compared": max(n, p) >= limits.change_gate_min_count, "vars_name": "max_source_rows_change",
        })
    result = _compare(reader, rows, f"{suite} (published version {version})", accept, ["what", "published", "now"])
    return result


def validate_year_totals_change(reader: TableReader, published_db: Path | None, accept: str | None) -> SuiteResult:
    """Each year's deal count and amount against the published version's mart_funding_yearly."""
    suite = f"{YEARLY_MODEL} change"
    published = read_published(published_db, YEARLY_MODEL)
    if published is None:
        return SuiteResult(suite=suite, note="no published version to compare with yet")
    before, version = published
    if before.empty:
        return SuiteResult(suite=suite, note="the published version has no years to compare with")
    limits = thresholds(reader)
    now = reader.frame(YEARLY_MODEL).set_index("year")
    then = before.set_index("year")
    latest_published = int(then.index.max())
    rows = []
    for year in sorted(then.index):  # a year the build adds is new data, not a change
        p_deals = float(then.at[year, "deal_count"] or 0)
        n_deals = float(now.at[year, "deal_count"] or 0) if year in now.index else 0.0
        p_amount = float(then.at[year, "amount_cny"] or 0)
        n_amount = float(now.at[year, "amount_cny"] or 0) if year in now.index else 0.0
        big_enough = max(p_deals, n_deals) >= limits.change_gate_min_count
        for measure, n, p, limit, var in (
            ("deals", n_deals, p_deals, limits.max_year_deals_change, "max_year_deals_change"),
            ("amount", n_amount, p_amount, limits.max_year_amount_change, "max_year_amount_change"),
        ):
            change = _relative(n, p)
            # the latest published year may still be filling up: only a drop counts there
            compared = big_enough and (year < latest_published or change < 0)
            rows.append({"what": f"year {int(year)}", "measure": measure, "published": p, "now": n,
                         "change": change, "limit": limit, "compared": compared, "vars_name": var})
    return _compare(reader, rows, f"{suite} (published version {version})", accept,
                    ["what", "measure", "published", "now"])
