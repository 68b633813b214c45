"""Two runs on the same raw exports publish identical tables (content checksums), and the real dbt
marts pass the whole quality gate.

Each run is the same sequence as the Dagster job, called directly: ingest every raw source into
the working file, `dbt build`, the quality gate, publish. The second run rebuilds everything in the
same warehouse dir (what the weekly schedule does). Raw data: the small hand-written exports in
tests/dbt_fixtures/raw (every source, messy on purpose).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline import settings
from pipeline.ingest.load import load_source
from pipeline.ingest.sources import SOURCES
from pipeline.publish import GateSummary, publish, table_checksums
from pipeline.quality import gate

REPO_ROOT = Path(__file__).resolve().parent.parent
RAW = REPO_ROOT / "tests" / "dbt_fixtures" / "raw"


def build_and_publish(warehouse: Path) -> tuple[gate.GateReport, dict]:
    warehouse.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse / settings.WORKING_DB_NAME)) as con:
        for name in SOURCES:
            load_source(con, name, RAW)
    dbt = Path(sys.executable).parent / "dbt"
    project = str(settings.DBT_PROJECT_DIR)
    proc = subprocess.run(
        [str(dbt) if dbt.exists() else "dbt", "build", "--project-dir", project, "--profiles-dir", project,
         "--target-path", str(warehouse / "dbt_target"), "--log-path", str(warehouse / "dbt_logs")],
        env={**os.environ, "DO_NOT_TRACK": "1", settings.WAREHOUSE_DIR_ENV: str(warehouse)},
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, f"dbt build failed:\n{proc.stdout[-5000:]}"
    report = gate.run_gate(warehouse / settings.WORKING_DB_NAME,
                           gate.GateInputs(published_db=warehouse / settings.PUBLISHED_DB_NAME))
    assert report.passed, report.summary()
    result = publish(warehouse / settings.WORKING_DB_NAME, warehouse,
                     gate=GateSummary(checks_passed=sum(r.passed for _, r in report.results)))
    return report, result.audit_row


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory):
    warehouse = tmp_path_factory.mktemp("determinism")
    first = build_and_publish(warehouse)
    first_content = table_checksums(warehouse / settings.PUBLISHED_DB_NAME, exclude=("audit_runs",))
    second = build_and_publish(warehouse)
    second_content = table_checksums(warehouse / settings.PUBLISHED_DB_NAME, exclude=("audit_runs",))
    return warehouse, (first, first_content), (second, second_content)


def test_real_marts_pass_the_gate(two_runs) -> None:
    _, ((report, _), _), _ = two_runs
    labels = {c.label for c, _ in report.results}
    for required in ("fct_deals:gx_expectations", "fct_deal_sources:gx_expectations", "dim_companies:gx_expectations",
                     "mart_funding_yearly:totals_match_fct_deals", "mart_funding_monthly:months_sum_to_year",
                     "mart_segment_share:segment_shares_sum_to_one", "int_deal_records:gx_expectations",
                     "audit_control_total_mismatches:cn_export_control_totals"):
        assert required in labels
    errors = [f"{c.label}: {r.error}" for c, r in report.results if r.error]
    assert errors == []


def test_same_raw_gives_identical_published_tables(two_runs) -> None:
    warehouse, ((_, first_audit), first), ((second_report, second_audit), second) = two_runs
    assert "fct_deals" in first and "mart_report_figures" in first
    assert first == second
    assert first_audit["content_checksum"] == second_audit["content_checksum"]
    assert first_audit["version"] != second_audit["version"]
    # nothing moved, so the volume checks of the second run compared and found no change
    volume = [r for c, r in second_report.results if c.name == "volume_vs_published"]
    assert volume and all(r.clean and r.outcomes for r in volume)
    with duckdb.connect(str(warehouse / settings.PUBLISHED_DB_NAME), read_only=True) as con:
        runs = con.execute("select version, content_checksum from audit_runs order by published_at").fetchall()
    assert runs == [(first_audit["version"], first_audit["content_checksum"]),
                    (second_audit["version"], second_audit["content_checksum"])]


def test_a_fresh_warehouse_publishes_the_same_tables(two_runs, tmp_path: Path) -> None:
    """Another machine (a new warehouse dir, so other load times) publishes the same content:
    load times are provenance of a run and stay out of the published tables."""
    _, (_, first), _ = two_runs
    build_and_publish(tmp_path / "other_machine")
    other = table_checksums(tmp_path / "other_machine" / settings.PUBLISHED_DB_NAME, exclude=("audit_runs",))
    assert other == first
