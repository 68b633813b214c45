"""The quality gate in Dagster: the asset checks of pipeline/defs/quality.py and the
`published_marts` asset of pipeline/defs/publish.py, run in-process on a hand-made working file
(the dbt models are stand-ins here; test_e2e_pipeline runs the real ones).

A broken input (a share above 1; a negative amount that slipped past staging) fails a blocking
check, the run fails saying which check and why, `published_marts` does not run, and
published.duckdb stays byte-identical. Warnings do not block.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline.defs.publish import PUBLISHED_MARTS, PublishResource, build_published_marts
from pipeline.defs.quality import build_quality_checks
from pipeline.resources import QualityGateResource, WarehouseResource
from tests.quality_fixture_working_db import build_working_db, run_sql

pytestmark = pytest.mark.e2e


def gate_definitions(warehouse: Path) -> dg.Definitions:
    """The real checks and publish asset over stand-ins for the dbt models of the working file."""
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        marts = [r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()]
        models = [r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()]
    return dg.Definitions(
        assets=[*(dg.AssetSpec(m) for m in models), build_published_marts(marts, models)],
        asset_checks=build_quality_checks(marts, models),
        resources={
            "warehouse": WarehouseResource(raw_dir=str(warehouse), warehouse_dir=str(warehouse)),
            "quality_gate": QualityGateResource(),
            "publishing": PublishResource(),
        },
        jobs=[
            dg.define_asset_job("gate_and_publish",
                                selection=dg.AssetSelection.assets(PUBLISHED_MARTS) | dg.AssetSelection.all_asset_checks()),
            dg.define_asset_job("publish_only", selection=dg.AssetSelection.assets(PUBLISHED_MARTS)),
        ],
        executor=dg.in_process_executor,
    )


def run(warehouse: Path, job: str = "gate_and_publish") -> dg.ExecuteInProcessResult:
    return gate_definitions(warehouse).resolve_job_def(job).execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def failed_checks(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {
        f"{e.event_specific_data.asset_key.to_user_string()}:{e.event_specific_data.check_name}": e.event_specific_data
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def published_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dg.ExecuteInProcessResult]:
    """A warehouse dir whose clean working file was gated and published by a Dagster run."""
    warehouse = tmp_path_factory.mktemp("gate")
    build_working_db(warehouse / "warehouse.duckdb")
    return warehouse, run(warehouse)


@pytest.fixture()
def warehouse(published_once, tmp_path: Path) -> Path:
    shutil.copytree(published_once[0], tmp_path / "wh")
    return tmp_path / "wh"


def test_clean_run_publishes_and_warnings_do_not_block(published_once) -> None:
    warehouse, result = published_once
    assert result.success, [e.message for e in result.all_events if e.is_step_failure]
    materialization = result.asset_materializations_for_node("published_marts")[0]
    version = materialization.metadata["version"].value
    with duckdb.connect(str(warehouse / "published.duckdb"), read_only=True) as con:
        audit = con.execute("select version, checks_passed, checks_warned, warnings from audit_runs").fetchall()
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    passed = sum(1 for e in evaluations if e.passed)
    # freshness is relative to the real today, so on this 2025 fixture it warns (and does not block)
    warned = failed_checks(result)
    assert set(warned) == {"fct_deals:freshness"}
    assert warned["fct_deals:freshness"].severity == dg.AssetCheckSeverity.WARN
    assert audit == [(version, passed, 1, "fct_deals:freshness: " + warned["fct_deals:freshness"].description)]
    # the GX result is in each check's metadata, as a Markdown table
    suite = next(e for e in evaluations if e.asset_key == dg.AssetKey(["fct_deals"]) and e.check_name == "gx_expectations")
    assert suite.metadata["summary"].value.startswith("| result | severity | expectation | details |")
    assert "| pass | critical | amount_cny is never negative |" in suite.metadata["summary"].value


def test_share_above_one_blocks_publishing(warehouse: Path) -> None:
    before = sha256(warehouse / "published.duckdb")
    run_sql(warehouse / "warehouse.duckdb",
            "update marts.mart_segment_share set amount_share = 1.25 "
            "where period_label = '2024' and country_group = 'CN' and segment = 'aigc' and sub_segment = 'all'")
    result = run(warehouse)

    assert not result.success
    assert sha256(warehouse / "published.duckdb") == before
    assert not result.asset_materializations_for_node("published_marts")
    failed = failed_checks(result)
    blocking = {k: v for k, v in failed.items() if v.severity == dg.AssetCheckSeverity.ERROR}
    assert set(blocking) == {"mart_segment_share:gx_expectations", "mart_segment_share:segment_shares_sum_to_one"}
    assert blocking["mart_segment_share:gx_expectations"].description.endswith(
        "amount_share is a fraction in [0, 1]: 1 row, e.g. period_type='year', period_label='2024', "
        "country_group='CN', segment='aigc', sub_segment='all' (amount_share=1.25)"
    )
    failures = [e.event_specific_data.error.message for e in result.all_events if e.is_step_failure]
    assert any("mart_segment_share: gx_expectations" in m for m in failures)
    started = {e.step_key for e in result.all_events if e.event_type_value == "STEP_START"}
    assert "published_marts" not in started  # Dagster did not even start it


def test_negative_amount_that_slipped_past_staging_blocks_publishing(warehouse: Path) -> None:
    before = sha256(warehouse / "published.duckdb")
    run_sql(warehouse / "warehouse.duckdb",
            "update intermediate.int_deal_records_collapsed set amount_cny = -amount_cny where record_id = 'cn_export:D0002-1'",
            "update marts.fct_deals set amount_cny = -amount_cny where deal_id = 'D0002'")
    result = run(warehouse)

    assert not result.success
    assert sha256(warehouse / "published.duckdb") == before
    blocking = {k: v for k, v in failed_checks(result).items() if v.severity == dg.AssetCheckSeverity.ERROR}
    assert {"int_deal_records_collapsed:gx_expectations", "fct_deals:gx_expectations"} <= set(blocking)
    assert "amount_cny is never negative: 1 row, e.g. deal_id='D0002', source_line='cn_export/export_1.csv:" in \
        blocking["fct_deals:gx_expectations"].description


def test_a_source_whose_rows_were_all_quarantined_blocks_publishing(warehouse: Path) -> None:
    before = sha256(warehouse / "published.duckdb")
    run_sql(warehouse / "warehouse.duckdb",
            "update marts.audit_source_health set rows_staged = 0, rows_quarantined = rows_in, quarantine_share = 1, "
            "top_reasons = 'unparseable date in 融资时间 ×' || rows_in, status = 'block'")
    result = run(warehouse)

    assert not result.success
    assert sha256(warehouse / "published.duckdb") == before
    blocking = {k: v for k, v in failed_checks(result).items() if v.severity == dg.AssetCheckSeverity.ERROR}
    assert set(blocking) == {"audit_source_health:source_health"}
    message = blocking["audit_source_health:source_health"].description
    assert message.startswith("cn_export: ") and " rows quarantined (100 %) in cn_export/export_" in message
    assert "top reasons: unparseable date in 融资时间 ×" in message
    assert "Block threshold 20 % (var quarantine_share_block)." in message
    started = {e.step_key for e in result.all_events if e.event_type_value == "STEP_START"}
    assert "published_marts" not in started


def test_publish_asset_alone_runs_the_gate_itself(warehouse: Path) -> None:
    before = sha256(warehouse / "published.duckdb")
    run_sql(warehouse / "warehouse.duckdb", "update marts.mart_funding_yearly set mega_count_share = 2 where year = 2024")
    result = run(warehouse, job="publish_only")

    assert not result.success
    assert sha256(warehouse / "published.duckdb") == before
    failure = next(e for e in result.all_events if e.is_step_failure)
    message = failure.event_specific_data.error.message
    assert "Not published: blocking quality checks failed. published.duckdb is unchanged." in message
    assert "mart_funding_yearly:gx_expectations: mart_funding_yearly: 1 of " in message
    assert "mega_count_share is a fraction in [0, 1]: 1 row, e.g. year=2024 (mega_count_share=2)" in message


def test_publish_asset_alone_publishes_a_clean_file(warehouse: Path) -> None:
    before = sha256(warehouse / "published.duckdb")
    result = run(warehouse, job="publish_only")
    assert result.success
    assert sha256(warehouse / "published.duckdb") != before
    with duckdb.connect(str(warehouse / "published.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from audit_runs").fetchone()[0] == 2
