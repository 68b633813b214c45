"""The quality gate: every check, what it reads, whether it blocks publishing, and how to run them
all on a working file (the Dagster checks run them one by one; the publish step and the tests run
the whole gate through `run_gate`).

Blocking checks (a failure means a wrong published number):
  - `gx_expectations` on every mart: schema and types, keys, ranges, allowed values, references;
  - the reconciliations (reconciliations.py);
  - the staged-deals suites (staging.py);
  - `source_health`: no silent loss of a source's rows (source_health.py);
  - `change_vs_published`: no wholesale change of a source's staged rows or a year's deals or
    amount against the published version, unless accepted (changes.py).
Warnings (reported, do not block): `volume_vs_published`, `freshness`, `documented`,
`cn_export_control_totals`, `source_health_warnings`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.quality import changes, monitors, source_health, staging
from pipeline.quality.contract import PUBLISHED_TABLES
from pipeline.quality.gx_runner import SuiteResult
from pipeline.quality.monitors import MonitorSettings
from pipeline.quality.reconciliations import RECONCILIATIONS, validate_reconciliation
from pipeline.quality.suites import validate_table
from pipeline.quality.tables import TableReader
from pipeline.settings import MARTS_SCHEMA, PUBLISHED_SCHEMA


@dataclass(frozen=True)
class GateInputs:
    """What checks need besides the working file."""

    published_db: Path | None = None  # the version analysts read now (volume compares with it)
    raw_dir: Path | None = None  # the raw exports (source_health says what a folder holds)
    settings: MonitorSettings = field(default_factory=MonitorSettings)
    accept_change: str | None = None  # the analyst's reason to let a wholesale change through


@dataclass(frozen=True)
class Check:
    name: str  # Dagster check name
    table: str  # the asset (dbt model) it is attached to
    reads: tuple[str, ...]  # models it reads (the Dagster check waits for all of them)
    blocking: bool
    description: str
    run: Callable[[TableReader, GateInputs], SuiteResult]
    # a blocking check whose warnings matter (an accepted change): in Dagster they show as a
    # failed check of severity WARN, which does not block
    shows_warnings: bool = False

    @property
    def label(self) -> str:
        return f"{self.table}:{self.name}"


def published_row_counts(published_db: Path | None) -> dict[str, int] | None:
    """Row counts of the published file's tables, or None when there is none (or it cannot be
    opened read-only right now, which must not fail the run)."""
    import duckdb

    if published_db is None or not Path(published_db).exists():
        return None
    try:
        with TableReader.open(published_db, schemas=(PUBLISHED_SCHEMA,)) as reader:
            return {t: reader.row_count(t) for t in reader.tables()}
    except duckdb.Error:
        return None


def _table_check(table: str) -> Check:
    contract = PUBLISHED_TABLES.get(table)
    parents = tuple(sorted({parent for parent, _ in (contract.foreign_keys.values() if contract else [])}))
    if table == "fct_deals":
        parents = tuple(sorted(set(parents) | {"fct_deal_sources"}))
    return Check(
        name="gx_expectations",
        table=table,
        reads=(table, *parents),
        blocking=True,
        description=f"Great Expectations suite of {table}: columns and types of the published "
        "contract, keys unique and not null, value ranges (shares in [0, 1], amounts ≥ 0, dates not "
        "in the future), allowed values and references to other tables.",
        run=lambda reader, inputs: validate_table(reader, table),
    )


def _volume_check(table: str) -> Check:
    def run(reader: TableReader, inputs: GateInputs) -> SuiteResult:
        counts = published_row_counts(inputs.published_db)
        rows_published = None if counts is None else counts.get(table)
        return monitors.validate_volume(reader, table, reader.row_count(table), rows_published,
                                        inputs.settings.volume_max_change)

    return Check(
        name="volume_vs_published",
        table=table,
        reads=(table,),
        blocking=False,
        description="Row count against the version in published.duckdb; a change beyond the "
        "configured ±50 % is a warning.",
        run=run,
    )


def _documented_check(table: str) -> Check:
    return Check(
        name="documented",
        table=table,
        reads=(table,),
        blocking=False,
        description="The table and each column carry a description (COMMENT) for BI users.",
        run=lambda reader, inputs: monitors.validate_documented(reader, table),
    )


def checks_for(marts: list[str] | set[str], models: list[str] | set[str] = ()) -> list[Check]:
    """Every check that applies: `marts` are the models published (the working file's `marts`
    schema), `models` every dbt model (staging and intermediate ones have checks too)."""
    marts = sorted(set(marts))
    models = set(models) | set(marts)
    checks = [_table_check(t) for t in marts]
    checks += [
        Check(r.name, r.table, r.reads, True, r.description,
              run=lambda reader, inputs, r=r: validate_reconciliation(reader, r))
        for r in RECONCILIATIONS
        if set(r.reads) <= models
    ]
    checks += [
        Check(s.name, s.model, (s.model,), True, s.description,
              run=lambda reader, inputs, s=s: staging.validate_staged(reader, s))
        for s in staging.STAGED_SUITES
        if s.model in models
    ]
    if "fct_deals" in models:
        checks.append(Check(
            "freshness", "fct_deals", ("fct_deals",), False,
            "The latest deal is at most N days old (N = freshness_max_age_days, default 120).",
            run=lambda reader, inputs: monitors.validate_freshness(reader, inputs.settings.freshness_max_age_days),
        ))
    control = monitors.CONTROL_TOTALS_MODEL
    if set(monitors.CONTROL_TOTALS_READS) <= models:
        checks.append(Check(
            "cn_export_control_totals", control, monitors.CONTROL_TOTALS_READS, False,
            "cn_export companies whose own 融资总额 (the export's control total) differs from the "
            "pipeline's sum of their rounds (dbt's audit_control_total_mismatches); a warning listing them.",
            run=lambda reader, inputs: monitors.validate_control_totals(reader),
        ))
    if set(source_health.HEALTH_READS) <= models:
        checks.append(Check(
            "source_health", source_health.HEALTH_MODEL, source_health.HEALTH_READS, True,
            "No silent loss: no source or file has more than var quarantine_share_block (default 5 %) of its "
            "rows in quarantine or every row quarantined, and every source of var required_sources "
            "loaded rows (dbt's audit_source_health).",
            run=lambda reader, inputs: source_health.validate_source_health(reader, inputs.raw_dir, blocking=True),
        ))
        checks.append(Check(
            "source_health_warnings", source_health.HEALTH_MODEL, source_health.HEALTH_READS, False,
            "Sources and files with more than var quarantine_share_warn (default 0.5 %) of their rows in "
            "quarantine (dbt's audit_source_health); a warning naming the reasons.",
            run=lambda reader, inputs: source_health.validate_source_health(reader, inputs.raw_dir, blocking=False),
        ))
    change_checks = (
        (changes.SOURCE_ROWS_MODEL,
         ("Each source's staged rows against the published version: a drop or jump beyond var "
          "max_source_rows_change (default ±50 %) blocks unless accepted (--accept-change)."),
         changes.validate_source_rows_change),
        (changes.YEARLY_MODEL,
         ("Each year's deal count and amount against the published version: a drop or jump beyond vars "
          "max_year_deals_change / max_year_amount_change (default ±50 %) blocks unless accepted "
          "(--accept-change)."),
         changes.validate_year_totals_change),
    )
    for model, description, validate_change in change_checks:
        if model in models:
            checks.append(Check(
                changes.CHECK_NAME, model, (model,), True, description,
                run=lambda reader, inputs, v=validate_change: v(reader, inputs.published_db, inputs.accept_change),
                shows_warnings=True,
            ))
    checks += [_volume_check(t) for t in marts]
    checks += [_documented_check(t) for t in marts]
    return checks


@dataclass
class GateReport:
    results: list[tuple[Check, SuiteResult]]

    @property
    def blocking_failures(self) -> list[tuple[Check, SuiteResult]]:
        return [(c, r) for c, r in self.results if c.blocking and not r.passed]

    @property
    def warnings(self) -> list[tuple[Check, SuiteResult]]:
        return [(c, r) for c, r in self.results
                if (not c.blocking and not r.clean) or (c.blocking and r.passed and r.warnings)]

    @property
    def passed(self) -> bool:
        return not self.blocking_failures

    def summary(self) -> str:
        if self.passed:
            return f"quality gate passed: {len(self.results)} checks, {len(self.warnings)} warning(s)"
        lines = [f"quality gate FAILED: {len(self.blocking_failures)} blocking check(s) failed"]
        lines += [f"  {c.label}: {r.headline()}" for c, r in self.blocking_failures]
        return "\n".join(lines)


def run_check(check: Check, reader: TableReader, inputs: GateInputs) -> SuiteResult:
    """Run one check; a query error becomes a failed result that names it, not a crash."""
    try:
        return check.run(reader, inputs)
    except Exception as exc:  # noqa: BLE001 - reported to the analyst as the check's failure
        return SuiteResult(suite=check.label, error=f"{type(exc).__name__}: {exc}")


def run_gate(
    working_db: Path,
    inputs: GateInputs = GateInputs(),
    today: dt.date | None = None,
    only_blocking: bool = False,
) -> GateReport:
    """Run every check on the working file (opened read-only)."""
    with TableReader.open(working_db, today=today) as reader:
        results = []
        for check in checks_for(reader.tables(MARTS_SCHEMA), reader.relations()):
            if only_blocking and not check.blocking:
                continue
            results.append((check, run_check(check, reader, inputs)))
    return GateReport(results)
