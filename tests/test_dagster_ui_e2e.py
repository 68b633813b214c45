"""The real `dagster dev` (webserver + daemon), driven through its GraphQL API as the UI drives it.

One slow, bounded test: start `dagster dev` in the repo root on a free localhost port with a
temporary DAGSTER_HOME, raw dir and warehouse dir; check the code location loads without errors or
warnings, that the schedule, the sensor and the asset groups of the flow are there; launch the job
`deals_pipeline`; wait for success; check the published file, the report and the run's audit tags;
stop every process it started (the whole process group).

Raw data: $DEALS_E2E_RAW_DIR if set, else a small sample from the generator
(`python -m sample_generator`), else the shipped raw/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest

from tests.test_sql_examples import check_examples

pytestmark = pytest.mark.ui

REPO_ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_S = 300
RUN_TIMEOUT_S = 1200
FLOW_GROUPS = {"ingest", "transform", "quality", "publish", "report"}
WARNING_PATTERN = re.compile(r"\b(UserWarning|DeprecationWarning|BetaWarning|PreviewWarning|"
                             r"SupersessionWarning|ExperimentalWarning)\b")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _raw_dir(tmp_path: Path) -> Path:
    if os.environ.get("DEALS_E2E_RAW_DIR"):
        return Path(os.environ["DEALS_E2E_RAW_DIR"])
    if (REPO_ROOT / "pipeline" / "sample" / "__main__.py").exists():
        raw = tmp_path / "raw"
        subprocess.run([sys.executable, "-m", "sample_generator", "--out", str(raw), "--seed", "11",
                        "--scale", "0.05"], cwd=REPO_ROOT, check=True, timeout=600)
        return raw
    shipped = REPO_ROOT / "raw"
    if not any(shipped.glob("*/*.csv")):
        pytest.fail("no raw data: set DEALS_E2E_RAW_DIR, or ship raw/ or the sample generator")
    raw = tmp_path / "raw"
    shutil.copytree(shipped, raw)
    return raw


class GraphQL:
    def __init__(self, port: int):
        self.url = f"http://127.0.0.1:{port}/graphql"

    def __call__(self, query: str, variables: dict | None = None) -> dict:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            payload = json.loads(response.read())
        assert "errors" not in payload, payload["errors"]
        return payload["data"]


LOCATIONS = """
{ workspaceOrError { __typename ... on Workspace { locationEntries {
    name loadStatus
    locationOrLoadError { __typename ... on PythonError { message } }
} } } }
"""
REPOSITORIES = """
{ repositoriesOrError { __typename ... on RepositoryConnection { nodes {
    name location { name }
    jobs { name }
    schedules { name cronSchedule executionTimezone pipelineName defaultStatus scheduleState { status } }
    sensors { name defaultStatus sensorState { status } targets { pipelineName } }
    assetNodes { assetKey { path } groupName owners { __typename ... on TeamAssetOwner { team } } kinds description }
} } } }
"""
LAUNCH = """
mutation($selector: JobOrPipelineSelector!) {
  launchRun(executionParams: {selector: $selector, runConfigData: {}}) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message stack }
    ... on RunConfigValidationInvalid { errors { message } }
  }
}
"""
RUN = """
query($runId: ID!) { runOrError(runId: $runId) { __typename ... on Run {
    status tags { key value }
} } }
"""
RUN_FAILURES = """
query($runId: ID!) { logsForRun(runId: $runId) { __typename ... on EventConnection { events {
    __typename ... on ExecutionStepFailureEvent { stepKey error { message } }
} } } }
"""


def _stop(process: subprocess.Popen) -> None:
    """Stop dagster dev and everything it started: its whole process group."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=45)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def test_dagster_dev_serves_the_code_location_and_runs_the_pipeline(tmp_path: Path):
    raw = _raw_dir(tmp_path)
    warehouse, home = tmp_path / "warehouse", tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "DEALS_RAW_DIR": str(raw),
           "DEALS_WAREHOUSE_DIR": str(warehouse), "DO_NOT_TRACK": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    log_path = tmp_path / "dagster_dev.log"
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "dagster", "dev", "--host", "127.0.0.1", "--port", str(port)],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    gql = GraphQL(port)
    try:
        # 1. The webserver answers and the code location has loaded.
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        entries = []
        while time.monotonic() < deadline:
            assert process.poll() is None, f"dagster dev exited:\n{log_path.read_text()[-4000:]}"
            try:
                entries = gql(LOCATIONS)["workspaceOrError"]["locationEntries"]
                if entries and all(e["loadStatus"] == "LOADED" for e in entries):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(2)
        else:
            pytest.fail(f"code location not loaded in {STARTUP_TIMEOUT_S}s:\n{log_path.read_text()[-4000:]}")
        assert [e["name"] for e in entries] == ["ai_deals"]
        assert entries[0]["locationOrLoadError"]["__typename"] == "RepositoryLocation", entries

        # 2. Schedule, sensor, job and the asset groups of the flow.
        [repo] = gql(REPOSITORIES)["repositoriesOrError"]["nodes"]
        assert "deals_pipeline" in {j["name"] for j in repo["jobs"]}
        schedules = {s["name"]: s for s in repo["schedules"]}
        weekly = schedules["weekly_deals_pipeline"]
        assert (weekly["cronSchedule"], weekly["executionTimezone"], weekly["pipelineName"]) == (
            "0 7 * * 1", "Asia/Shanghai", "deals_pipeline")
        assert weekly["scheduleState"]["status"] == "STOPPED"  # analysts turn it on in the UI
        sensors = {s["name"]: s for s in repo["sensors"]}
        assert [t["pipelineName"] for t in sensors["raw_files_sensor"]["targets"]] == ["deals_pipeline"]
        groups = {node["groupName"] for node in repo["assetNodes"]}
        assert groups >= FLOW_GROUPS, groups
        report = next(n for n in repo["assetNodes"] if n["assetKey"]["path"] == ["ai_investment_report"])
        assert report["groupName"] == "report" and report["description"] and "html" in report["kinds"]
        for node in repo["assetNodes"]:
            if node["groupName"] in FLOW_GROUPS:
                assert node["owners"], f"{node['assetKey']['path']} has no owner"

        # 3. Launch the job as the UI's Launchpad does, and wait for it.
        selector = {"repositoryLocationName": "ai_deals", "repositoryName": repo["name"],
                    "jobName": "deals_pipeline"}
        launched = gql(LAUNCH, {"selector": selector})["launchRun"]
        assert launched["__typename"] == "LaunchRunSuccess", launched
        run_id = launched["run"]["runId"]
        deadline = time.monotonic() + RUN_TIMEOUT_S
        status, tags = None, []
        while time.monotonic() < deadline:
            run = gql(RUN, {"runId": run_id})["runOrError"]
            status, tags = run["status"], run["tags"]
            if status in ("SUCCESS", "FAILURE", "CANCELED"):
                break
            time.sleep(5)
        if status != "SUCCESS":
            events = gql(RUN_FAILURES, {"runId": run_id})["logsForRun"].get("events", [])
            failures = [f"{e['stepKey']}: {e['error']['message'][:500]}" for e in events if e.get("stepKey")]
            pytest.fail(f"run {run_id} ended {status}: {failures}\n{log_path.read_text()[-3000:]}")

        # 4. What the run left: the published file (read-only), the report, the audit tags.
        published = warehouse / "published.duckdb"
        with duckdb.connect(str(published), read_only=True) as con:
            assert con.execute("select count(*) from mart_report_figures").fetchone()[0] > 0
            rows_in, deals = con.execute(
                "select rows_in, deals from audit_runs order by published_at desc limit 1").fetchone()
        tag = {t["key"]: t["value"] for t in tags}
        assert tag.get("deals/rows_in") == str(rows_in) and tag.get("deals/deals") == str(deals), tag
        html = (warehouse / "report" / "report.html").read_text(encoding="utf-8")
        assert "1.1 全球视图" in html and "<svg" in html and "<script" not in html
        assert (warehouse / "report" / "report.md").exists()
        assert check_examples(published), "no SQL example was compared with mart_report_figures"

        # 5. No warning about the code location in dagster dev's own output.
        # (dagster 1.13 itself says `dagster dev` is superseded by `dg dev`: that is about the
        # command, not the code location, and `dagster dev` is what the issue asks for.)
        warnings = [line for line in log_path.read_text(encoding="utf-8").splitlines()
                    if WARNING_PATTERN.search(line) and "Use 'dg dev' instead" not in line]
        assert not warnings, "\n".join(warnings[:20])
    finally:
        _stop(process)
        deadline = time.monotonic() + 30
        while _group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        if _group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
    assert not _group_alive(process.pid), "processes of dagster dev were left running"
