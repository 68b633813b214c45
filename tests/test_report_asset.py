"""The report asset in Dagster: files in the warehouse dir, Markdown + audit numbers as metadata,
audit numbers as run tags, a clear failure when nothing is published yet; and its place in the
real code location (group, owners, kinds, upstream published_marts, part of deals_pipeline)."""


from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from pipeline.defs.report import PUBLISHED_MARTS, ai_investment_report
from pipeline.resources import WarehouseResource

pytestmark = pytest.mark.unit
from tests.report_published_fixture import build_published_fixture


def _materialise(tmp_path: Path, instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    warehouse = WarehouseResource(raw_dir=str(tmp_path / "raw"), warehouse_dir=str(tmp_path / "warehouse"))
    return dg.materialize([ai_investment_report], resources={"warehouse": warehouse},
                          instance=instance, raise_on_error=False)


def test_report_asset_writes_files_metadata_and_run_tags(tmp_path: Path):
    build_published_fixture(tmp_path / "warehouse" / "published.duckdb")
    instance = dg.DagsterInstance.ephemeral()
    result = _materialise(tmp_path, instance)
    assert result.success
    html = tmp_path / "warehouse" / "report" / "report.html"
    assert html.exists() and (tmp_path / "warehouse" / "report" / "report.md").exists()
    # Nothing written outside the warehouse dir.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse"]

    [mat] = [e.event_specific_data.materialization for e in result.get_asset_materialization_events()]
    meta = mat.metadata
    assert meta["report"].value.startswith("# 2024年全球AI投融资分析")
    assert meta["html"].value == str(html)
    assert meta["report_year"].value == 2024
    # The latest audit_runs row of the fixture (2025-04-08).
    assert (meta["rows_in"].value, meta["rows_staged"].value, meta["rows_quarantined"].value,
            meta["deals"].value, meta["checks_passed"].value) == (5400, 5388, 12, 3620, 151)

    tags = instance.get_run_by_id(result.run_id).tags
    assert tags["deals/rows_in"] == "5400" and tags["deals/rows_quarantined"] == "12"
    assert tags["deals/deals"] == "3620" and tags["deals/checks_passed"] == "151"


def test_report_asset_fails_clearly_without_a_published_file(tmp_path: Path):
    result = _materialise(tmp_path, dg.DagsterInstance.ephemeral())
    assert not result.success
    [failure] = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    message = failure.event_specific_data.error.message
    assert "Cannot render the report" in message and "published.duckdb does not exist" in message


def test_report_asset_in_the_code_location(dbt_manifest):
    from pipeline.definitions import defs

    d = defs()
    graph = d.resolve_asset_graph()
    key = dg.AssetKey(["ai_investment_report"])
    node = graph.get(key)
    assert node.group_name == "report"
    assert PUBLISHED_MARTS in node.parent_keys
    assert "team:analysts" in node.owners
    assert {"html", "markdown"} <= set(node.kinds)
    job = d.resolve_job_def("deals_pipeline")
    assert key in job.asset_layer.selected_asset_keys

