"""Smoke check of the benchmark harness (benchmarks/): the smallest scale once, no timing
assertion. It must produce a result file with every stage of the real flow, both baselines, and
a pandas baseline equal to the pipeline's published tables."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

# Written out here so the test does not trust the harness's own list.
PIPELINE_STAGES = ["ingest", "dbt", "checks", "publish", "report"]


@pytest.mark.unit
def test_equality_check_tolerates_rounding_only():
    import pandas as pd

    from benchmarks.pandas_baseline.compare import _frame_item, close

    assert close(1e12, 1e12 * (1 + 1e-10)) and close(10.001, 10.0) and close(None, float("nan"))
    assert not close(10.01, 10.0) and not close(None, 0.0)
    ours = pd.DataFrame({"year": [2024, 2025], "deal_count": [3, 4], "amount_cny": [1.5e9, 2.0e9]})
    assert _frame_item("m", ours, ours.copy(), ["year"])["ok"]
    off_by_a_deal = ours.assign(deal_count=[3, 5])
    item = _frame_item("m", ours, off_by_a_deal, ["year"])
    assert not item["ok"] and "deal_count" in item["detail"]
    off_by_ten_yuan = ours.assign(amount_cny=[1.5e9, 2.0e9 + 10])  # 5e-9 relative
    assert not _frame_item("m", ours, off_by_ten_yuan, ["year"])["ok"]


@pytest.mark.unit
def test_steps_are_grouped_into_stages():
    from benchmarks.harness import stage_of, stage_times

    assert [stage_of(k) for k in ["raw__cn_export", "dbt_models", "marts__fct_deals_gx_expectations",
                                  "published_marts", "ai_investment_report"]] == PIPELINE_STAGES
    flow = {"startup_s": 2.0, "steps": [{"key": "raw__fx_rates", "start": 10.0, "end": 11.0},
                                        {"key": "dbt_models", "start": 11.5, "end": 20.0}]}
    times = stage_times(flow, wall_s=15.0)
    assert times["ingest"] == 1.0 and times["dbt"] == 8.5 and times["overhead"] == pytest.approx(3.5)


@pytest.fixture(scope="module")
def sample_result(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict]:
    from benchmarks.__main__ import main

    work = tmp_path_factory.mktemp("bench_sample")
    out = work / "result.json"
    # a budget per child process, so a hung step fails the test instead of the CI run
    code = main(["run", "--scale", "sample", "--work-dir", str(work), "--out", str(out),
                 "--budget", "900", "--profile", "1"])
    assert out.exists(), "the harness wrote no result file"
    return code, json.loads(out.read_text())


@pytest.mark.e2e
def test_result_has_every_stage(sample_result):
    code, result = sample_result
    pipeline = result["pipeline"]
    assert pipeline["success"], pipeline.get("error_tail") or pipeline.get("failures")
    assert code == 0
    for stage in PIPELINE_STAGES:
        assert pipeline["stages"][stage] > 0, f"stage {stage} took no time: its steps were not found in the event log"
    stage_sum = sum(pipeline["stages"].values())
    assert stage_sum == pytest.approx(pipeline["wall_s"], rel=0.05), "stages do not add up to the child's wall time"
    keys = {s["key"] for s in pipeline["steps"]}
    assert {"dbt_models", "published_marts", "ai_investment_report"} <= keys
    assert pipeline["peak_rss_bytes"] > 50 * 2**20, "the RSS sampler saw no process tree"
    assert result["load_before_pipeline"] and result["machine"]["cores"] >= 1


@pytest.mark.e2e
def test_compiled_sql_baseline_builds_the_same_tables(sample_result):
    _, result = sample_result
    sql = result["compiled_sql"]
    assert sql["returncode"] == 0, sql.get("error_tail")
    assert sql["models"] > 20 and sql["models_s"] > 0 and sql["ingest_s"] > 0
    assert sql["row_counts"]["fct_deals"] == result["row_counts"]["fct_deals"]
    profile = sql["profiles"][0]
    assert Path(profile["file"]).exists() and profile["top_operators"], "no operator profile of the slowest model"


@pytest.mark.e2e
def test_pandas_baseline_equals_the_published_tables(sample_result):
    _, result = sample_result
    pandas_result = result["pandas"]
    check = pandas_result["check"]
    failed = [f"{i['name']}: {i['detail']}" for i in check["items"] if not i["ok"]]
    assert check["passed"] and not failed, failed
    names = {i["name"] for i in check["items"]}
    assert {"fct_deals row by row", "mart_funding_yearly", "mart_country_comparison"} <= names
    assert pandas_result["rows"]["fct_deals"] == result["row_counts"]["fct_deals"]
