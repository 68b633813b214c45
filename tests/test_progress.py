"""The stage lines of `python -m pipeline run` (pipeline/progress.py) from a stream of events shaped
like the Dagster events of a run: a block per stage, the dbt bar at each quarter (not per node) in
a log and redrawn in place on a terminal, checks counted by outcome, a skipped publish said so."""

from __future__ import annotations

import io
from types import SimpleNamespace

import dagster as dg
import pytest

from pipeline.progress import RunProgress, StepStages

pytestmark = pytest.mark.unit

STAGES = StepStages(
    stage_of_step={"raw__cn_export": "ingest", "raw__unicorns": "ingest", "dbt_models": "transform",
                   "marts__fct_deals_gx": "quality", "marts__late_check": "quality",
                   "published_marts": "publish", "ai_investment_report": "report", "data_docs": "report"},
    dbt_step="dbt_models",
    dbt_total=8,
)


def start(step: str):
    return SimpleNamespace(event_type_value="STEP_START", step_key=step)


def materialized(step: str, key: list[str], **metadata):
    data = SimpleNamespace(materialization=SimpleNamespace(asset_key=dg.AssetKey(key), metadata=metadata))
    return SimpleNamespace(event_type_value="ASSET_MATERIALIZATION", step_key=step, event_specific_data=data)


def checked(step: str, passed: bool, severity=dg.AssetCheckSeverity.ERROR):
    data = SimpleNamespace(passed=passed, severity=severity)
    return SimpleNamespace(event_type_value="ASSET_CHECK_EVALUATION", step_key=step, event_specific_data=data)


def run(events, tty: bool = False) -> str:
    out = io.StringIO()
    progress = RunProgress(STAGES, out, tty=tty)
    for event in events:
        progress.on_event(event)
    progress.finish()
    return out.getvalue()


def a_run(publish: bool = True):
    yield start("raw__cn_export")
    yield materialized("raw__cn_export", ["raw", "cn_export"], files_seen=dg.MetadataValue.int(8),
                       rows=dg.MetadataValue.int(3620))
    yield start("raw__unicorns")
    yield materialized("raw__unicorns", ["raw", "unicorns"], files_seen=1, rows=dg.MetadataValue.int(2748))
    yield start("dbt_models")
    for i in range(3):
        yield materialized("dbt_models", ["marts", f"m{i}"])
    for i in range(5):
        yield checked("dbt_models", passed=i != 4, severity=dg.AssetCheckSeverity.WARN)
    yield start("marts__fct_deals_gx")
    yield checked("marts__fct_deals_gx", passed=True)
    yield checked("marts__fct_deals_gx", passed=False, severity=dg.AssetCheckSeverity.WARN)
    if not publish:
        yield checked("marts__fct_deals_gx", passed=False)
        yield SimpleNamespace(event_type_value="STEP_SKIPPED", step_key="published_marts")
        return
    yield start("published_marts")
    yield materialized("published_marts", ["published_marts"], version="v1",
                       published_file=dg.MetadataValue.path("/wh/published.duckdb"))
    yield start("marts__late_check")  # a non-blocking check the executor ran after the publish
    yield checked("marts__late_check", passed=True)
    yield start("ai_investment_report")
    yield materialized("ai_investment_report", ["ai_investment_report"],
                       html=dg.MetadataValue.path("/wh/report/report.html"), markdown=dg.MetadataValue.path("/wh/report/report.md"))
    yield start("data_docs")
    yield materialized("data_docs", ["data_docs"], docs=dg.MetadataValue.path("/wh/report/docs.html"))


def test_a_block_per_stage_with_files_rows_bar_checks_and_paths() -> None:
    text = run(a_run())
    assert text.splitlines() == [
        "[1/5] ingest",
        "      cn_export                      8 files     3,620 rows",
        "      unicorns                        1 file     2,748 rows",
        "      2 sources: 9 files, 6,368 rows",
        "[2/5] transform",
        "      [..............................] 0/8 dbt models, seeds and tests",
        "      [#######.......................] 2/8 dbt models, seeds and tests",
        "      [###############...............] 4/8 dbt models, seeds and tests",
        "      [######################........] 6/8 dbt models, seeds and tests",
        "      [##############################] 8/8 dbt models, seeds and tests",
        "      3 models and seeds built; 5 tests: 4 passed, 1 warned, 0 failed",
        "[3/5] quality",
        "      2 checks: 1 passed, 1 warning, 0 failed (blocking)",
        "[4/5] publish",
        "      version v1 -> /wh/published.duckdb",
        "[5/5] report",
        "      /wh/report/report.html, /wh/report/report.md",
        "      /wh/report/docs.html",
        "      quality, all checks of the run:",
        "      3 checks: 2 passed, 1 warning, 0 failed (blocking)",
    ]


def test_a_failed_blocking_check_skips_the_publish_and_says_so() -> None:
    text = run(a_run(publish=False))
    assert "      3 checks: 1 passed, 1 warning, 1 failed (blocking)\n[4/5] publish\n" \
           "      skipped: published_marts (an upstream step failed or a blocking check did not pass)\n" in text


def test_on_a_terminal_the_bar_is_redrawn_in_place() -> None:
    text = run(a_run(), tty=True)
    transform = text.split("[2/5] transform\n")[1].split("[3/5]")[0]
    assert transform.count("\r") == transform.count("dbt models, seeds and tests") == 10  # 0..8, then the last
    assert transform.endswith("\r      [##############################] 8/8 dbt models, seeds and tests\n"
                              "      3 models and seeds built; 5 tests: 4 passed, 1 warned, 0 failed\n")
