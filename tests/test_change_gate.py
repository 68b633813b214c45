"""The change gate (pipeline/quality/changes.py): a source's staged rows, or a year's deal count
or amount, dropping or jumping beyond the threshold against the published version blocks the
publish, naming what changed by how much; `accept_change` (the CLI's --accept-change) lets it
through with a warning and records the reason in audit_runs.accepted_change. No published version:
nothing to compare, the gate passes. Thresholds come from the build (audit_build_parameters, i.e.
the dbt vars).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline.quality import changes
from pipeline.quality.tables import TableReader
from tests.quality_fixture_working_db import build_working_db, fixture_deals
from tests.test_publish_gate import failed_checks, gate_definitions


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_parameters(working_db: Path, **values: float) -> None:
    """The build's change-gate vars, as dbt's audit_build_parameters publishes them."""
    rows = " union all ".join(
        f"select '{name}' as parameter, '{value}' as value, {value}::double as value_number, 'share' as unit, "
        f"'var' as origin, 'change gate' as description" for name, value in values.items())
    with duckdb.connect(str(working_db)) as con:
        con.execute(f"create or replace table marts.audit_build_parameters as {rows}")
        con.execute("comment on table marts.audit_build_parameters is 'Fixture parameters.'")
        for column in ("parameter", "value", "value_number", "unit", "origin", "description"):
            con.execute(f"comment on column marts.audit_build_parameters.{column} is 'The {column}.'")


def build(warehouse: Path, deals: int, **parameters: float) -> None:
    build_working_db(warehouse / "warehouse.duckdb", fixture_deals(n=deals))
    with_parameters(warehouse / "warehouse.duckdb", change_gate_min_count=10, **parameters)


def run(warehouse: Path, accept: str | None = None, job: str = "gate_and_publish") -> dg.ExecuteInProcessResult:
    run_config = {"resources": {"quality_gate": {"config": {"accept_change": accept}}}} if accept else {}
    return gate_definitions(warehouse).resolve_job_def(job).execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False, run_config=run_config)


def audit_runs(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse / "published.duckdb"), read_only=True) as con:
        return con.execute("select version, accepted_change, warnings from audit_runs order by published_at").fetchall()


@pytest.fixture()
def published(tmp_path: Path) -> Path:
    """A warehouse whose fixture build of 60 deals (about 90 staged cn_export rows) is published."""
    build(tmp_path, deals=60)
    first = run(tmp_path)
    assert first.success
    evaluations = {(e.event_specific_data.asset_key.to_user_string(), e.event_specific_data.check_name):
                   e.event_specific_data for e in first.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"}
    # the first publish has nothing to compare with: passes
    for table in ("audit_source_rows", "mart_funding_yearly"):
        check = evaluations[(table, "change_vs_published")]
        assert check.passed and "no published version to compare with yet" in check.description
    return tmp_path


@pytest.mark.e2e
def test_a_wholesale_drop_blocks_the_publish_naming_what_changed(published: Path) -> None:
    before = sha256(published / "published.duckdb")
    build(published, deals=20)
    result = run(published)
    assert not result.success
    failed = failed_checks(result)
    sources = failed["audit_source_rows:change_vs_published"]
    assert sources.severity == dg.AssetCheckSeverity.ERROR
    with duckdb.connect(str(published / "published.duckdb"), read_only=True) as con:
        rows_then = con.execute("select rows_staged from audit_source_rows where raw_table = 'cn_export'").fetchone()[0]
    with duckdb.connect(str(published / "warehouse.duckdb"), read_only=True) as con:
        rows_now = con.execute("select rows_staged from marts.audit_source_rows where raw_table = 'cn_export'").fetchone()[0]
        deals_2023 = con.execute("select deal_count from marts.mart_funding_yearly where year = 2023").fetchone()[0]
    change = (rows_now - rows_then) / rows_then * 100
    assert (f"cn_export: staged rows {rows_then:,} → {rows_now:,} (−{abs(change):.1f} %; limit ±50 %, "
            "var max_source_rows_change)") in sources.description
    assert "--accept-change" in sources.description
    years = failed["mart_funding_yearly:change_vs_published"]
    assert "year 2023: deals " in years.description and f"→ {deals_2023:,} (−" in years.description
    assert "var max_year_deals_change" in years.description
    assert sha256(published / "published.duckdb") == before  # not published


@pytest.mark.e2e
def test_an_accepted_change_publishes_with_a_warning_and_records_the_reason(published: Path) -> None:
    build(published, deals=20)
    result = run(published, accept="dropped the 2023 backfill on purpose")
    assert result.success
    failed = failed_checks(result)
    accepted = failed["audit_source_rows:change_vs_published"]
    assert accepted.severity == dg.AssetCheckSeverity.WARN  # shown, not blocking
    assert "accepted change (reason: dropped the 2023 backfill on purpose): cn_export: staged rows" in accepted.description
    history = audit_runs(published)
    assert len(history) == 2 and history[0][1] is None
    assert history[1][1] == "dropped the 2023 backfill on purpose"
    assert "accepted change (reason: dropped the 2023 backfill on purpose)" in history[1][2]


@pytest.mark.e2e
def test_thresholds_come_from_the_build(published: Path) -> None:
    build(published, deals=20, max_source_rows_change=0.9, max_year_deals_change=0.9, max_year_amount_change=0.9)
    result = run(published)
    assert result.success, failed_checks(result)
    assert "audit_source_rows:change_vs_published" not in failed_checks(result)


@pytest.mark.e2e
def test_publishing_alone_runs_the_change_gate_too(published: Path) -> None:
    before = sha256(published / "published.duckdb")
    build(published, deals=20)
    result = run(published, job="publish_only")
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    description = failure.event_specific_data.user_failure_data.description
    assert "Not published: blocking quality checks failed" in description
    assert "audit_source_rows:change_vs_published" in description and "cn_export: staged rows" in description
    assert sha256(published / "published.duckdb") == before


def yearly_file(path: Path, schema: str, years: dict[int, tuple[int, float]]) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute(f"create schema if not exists {schema}")
        con.execute(f"create table {schema}.mart_funding_yearly (year integer, deal_count bigint, amount_cny double)")
        for year, (deals, amount) in years.items():
            con.execute(f"insert into {schema}.mart_funding_yearly values (?, ?, ?)", [year, deals, amount])


@pytest.mark.unit
def test_year_rules_latest_published_year_may_grow_small_years_are_not_compared(tmp_path: Path) -> None:
    published = tmp_path / "published.duckdb"
    # 2021 is small; 2024 is the published version's latest year (may still be filling up)
    yearly_file(published, "main", {2021: (10, 1e8), 2022: (100, 1e10), 2023: (100, 1e10), 2024: (60, 6e9)})
    working = tmp_path / "warehouse.duckdb"
    yearly_file(working, "marts", {2021: (30, 9e8), 2022: (100, 1e10), 2023: (45, 1e10), 2024: (100, 1e10),
                                   2025: (80, 1e10)})
    with TableReader.open(working) as reader:
        result = changes.validate_year_totals_change(reader, published, accept=None)
    assert not result.passed
    # 2023's deals fell 55 %: the only change beyond ±50 % that counts (2021 is below 50 deals in
    # both versions; 2024 grew, which the latest published year may; 2025 is new)
    assert result.messages == ["year 2023: deals 100 → 45 (−55.0 %; limit ±50 %, var max_year_deals_change)"]

    gone = tmp_path / "gone.duckdb"
    yearly_file(gone, "marts", {2021: (10, 1e8), 2023: (100, 1e10), 2024: (20, 2e9)})
    with TableReader.open(gone) as reader:
        result = changes.validate_year_totals_change(reader, published, accept="2022 moved to another file")
    # a year gone is a drop of 100 %; a drop in the latest published year counts; accepted: warnings
    assert result.passed and not result.clean
    assert result.messages == [
        "year 2022: deals 100 → 0 (−100.0 %; limit ±50 %, var max_year_deals_change)",
        "year 2022: amount 100.0 亿元 → 0.0 亿元 (−100.0 %; limit ±50 %, var max_year_amount_change)",
        "year 2024: deals 60 → 20 (−66.7 %; limit ±50 %, var max_year_deals_change)",
        "year 2024: amount 60.0 亿元 → 20.0 亿元 (−66.7 %; limit ±50 %, var max_year_amount_change)",
    ]
    assert result.headline().startswith("mart_funding_yearly change (published version ?): accepted change "
                                        "(reason: 2022 moved to another file): year 2022: deals 100 → 0")
