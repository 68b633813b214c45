"""End to end, no silent loss: the real `deals_pipeline` job on a copy of the shipped raw/ publishes;
then on the same warehouse with a unicorn list whose every row is unreadable as data, and with a
unicorns folder holding no readable file, the run does not publish, published.duckdb stays
byte-identical, and the failure names the source, the file and the reason.

Slow (two full runs, plus the session's run of the shipped sample as the good baseline).
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline import settings
from tests.pipeline_job import run_job

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_RAW = REPO_ROOT / "raw"
UNICORN_FILE = "unicorns/Unicorn_Companies.csv"  # the one file a broken copy's unicorns/ holds


def unicorn_rows() -> list[dict[str, str]]:
    """The data rows of the sample's vendor-style unicorn CSV (below its title rows, above its
    footers), read here without the pipeline's ingest."""
    (path,) = sorted((SHIPPED_RAW / "unicorns").glob("*.csv"))
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    start = next(i for i, line in enumerate(lines) if "Company" in line)
    names = lines[start]
    rows = [dict(zip(names, line)) for line in lines[start + 1:]]
    rows = [{k: v for k, v in r.items() if k} for r in rows if r.get("Company") and r.get("Date Joined")]
    assert len(rows) > 100
    return rows


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_results(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {
        f"{e.event_specific_data.asset_key.path[-1]}:{e.event_specific_data.check_name}": e.event_specific_data
        for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"
    }


@pytest.fixture(scope="module")
def baseline(shipped_sample_run) -> tuple[Path, Path, dg.ExecuteInProcessResult]:
    """(raw dir, warehouse dir, result) of one good run on a copy of the shipped sample (the
    session's one run, tests/conftest.py; the tests below copy both dirs before changing them)."""
    return shipped_sample_run


def rerun_on(baseline, tmp_path: Path, break_raw) -> tuple[Path, str, dg.ExecuteInProcessResult]:
    """A run on a broken copy of the baseline's raw dir, into a copy of its warehouse dir:
    (warehouse dir, sha256 of published.duckdb before the run, result)."""
    raw, warehouse, _ = baseline
    bad_raw, bad_warehouse = tmp_path / "raw", tmp_path / "warehouse"
    shutil.copytree(raw, bad_raw)
    shutil.copytree(warehouse, bad_warehouse)
    break_raw(bad_raw)
    before = sha256(bad_warehouse / settings.PUBLISHED_DB_NAME)
    return bad_warehouse, before, run_job(bad_raw, bad_warehouse)


def assert_not_published(result: dg.ExecuteInProcessResult, warehouse: Path, before: str) -> None:
    assert not result.success
    assert sha256(warehouse / settings.PUBLISHED_DB_NAME) == before
    assert not result.asset_materializations_for_node("published_marts")


def test_the_shipped_sample_publishes_with_its_few_bad_rows_below_the_warn_threshold(baseline) -> None:
    raw, warehouse, result = baseline
    assert result.success, [e.message for e in result.all_events if e.is_step_failure]
    checks = check_results(result)
    assert checks["audit_source_health:source_health"].passed
    warnings = checks["audit_source_health:source_health_warnings"]
    # a file a little above 0.5 % warns, as a real export would; a warning never blocks
    assert warnings.passed or (warnings.severity == dg.AssetCheckSeverity.WARN
                               and "Warn threshold 0.5 % (var quarantine_share_warn)" in warnings.description)
    with duckdb.connect(str(warehouse / settings.PUBLISHED_DB_NAME), read_only=True) as con:
        health = {r[0]: r[1:] for r in con.execute(
            "select raw_table, rows_in, rows_quarantined, quarantine_share, status "
            "from audit_source_health where scope = 'source'").fetchall()}
        statuses = {r[0] for r in con.execute("select distinct status from audit_source_health").fetchall()}
    # the sample's deliberate bad rows are there; a file may warn (as real exports do), none blocks
    assert statuses <= {"ok", "warn"}
    assert health["cn_export"][1] > 0 and health["crunchbase_funding_rounds"][1] > 0
    assert all(share is None or share <= 0.005 for _, _, share, _ in health.values())


def test_a_unicorn_list_with_no_usable_row_does_not_publish(baseline, tmp_path: Path) -> None:
    rows = unicorn_rows()
    n = len(rows)

    def every_date_unreadable(raw: Path) -> None:
        shutil.rmtree(raw / "unicorns")
        (raw / "unicorns").mkdir()
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows({**r, "Date Joined": "n/a"} for r in rows)
        (raw / UNICORN_FILE).write_text(out.getvalue(), encoding="utf-8")

    warehouse, before, result = rerun_on(baseline, tmp_path, every_date_unreadable)
    assert_not_published(result, warehouse, before)
    check = check_results(result)["audit_source_health:source_health"]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.ERROR
    assert check.description.startswith(
        f"unicorns: {n:,} of {n:,} rows quarantined (100 %) in {UNICORN_FILE} — top reasons: "
        f"unparseable date in Date Joined ×{n:,}.")
    assert "Block threshold 5 % (var quarantine_share_block)." in check.description


def test_a_unicorns_folder_without_a_readable_file_does_not_publish(baseline, tmp_path: Path) -> None:
    def only_a_pdf(raw: Path) -> None:
        shutil.rmtree(raw / "unicorns")
        (raw / "unicorns").mkdir()
        (raw / "unicorns" / "Unicorn_Companies.pdf").write_bytes(b"%PDF-1.4 the list as a report, not an export")

    warehouse, before, result = rerun_on(baseline, tmp_path, only_a_pdf)
    assert_not_published(result, warehouse, before)
    check = check_results(result)["audit_source_health:source_health"]
    assert not check.passed
    assert check.description.startswith(
        "unicorns: no rows loaded: unicorns/ holds no readable export, only Unicorn_Companies.pdf: ignored, "
        "matches no source pattern of unicorns/ (*.csv, *.xlsx, *.xls). unicorns is a required source "
        "(var required_sources)")
    assert "make it optional by removing unicorns from required_sources" in check.description
