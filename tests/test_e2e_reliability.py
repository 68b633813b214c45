"""Reliability of real runs (`python -m pipeline run` in subprocesses, on the shipped sample):

1. a run killed with SIGKILL while holding the warehouse leaves no lock: the next run takes over
   and says so; while that run works, a second run on the same warehouse is refused at once,
   naming the first run's id, start time and pid; after the run nothing new exists under
   dbt_project/ (dbt's target and logs live in the warehouse dir); the run showed a block per
   stage, not dbt's log;
2. the same warehouse with most cn_export files gone: the change gate blocks the publish, naming
   the source and by how much (the years' rules: tests/test_change_gate.py), and published.duckdb stays byte-identical;
3. the same with --accept-change "reason": published, with the reason in audit_runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.test_run_lock import start_holder

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).resolve().parent.parent
RUN_TIMEOUT = 900


def cli(warehouse: Path, raw: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "DO_NOT_TRACK": "1", "DEALS_RAW_DIR": str(raw), "DEALS_WAREHOUSE_DIR": str(warehouse)}
    env.pop("DAGSTER_HOME", None)
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", "--log-level", "WARNING", *args],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=RUN_TIMEOUT)
    return proc.returncode, out, err


def tree(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*")}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory):
    warehouse = tmp_path_factory.mktemp("reliability_wh")
    killed = start_holder(warehouse, "killed-run")
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(30)
    dbt_before = tree(REPO_ROOT / "dbt_project")

    run = cli(warehouse, REPO_ROOT / "raw")
    holder = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        text = (warehouse / ".run.lock").read_text()
        if text and json.loads(text)["run_id"] != "killed-run":
            holder = json.loads(text)
            break
        time.sleep(0.2)
    assert holder is not None, "the run never took the lock"
    started = time.monotonic()
    second = finish(cli(warehouse, REPO_ROOT / "raw"))
    refused_after = time.monotonic() - started
    first = finish(run)
    return warehouse, holder, first, second, refused_after, dbt_before


def test_a_killed_runs_lock_is_taken_over(first_run) -> None:
    warehouse, holder, (code, out, err), *_ = first_run
    assert code == 0, out[-3000:] + err[-3000:]
    assert "took over the warehouse lock left by run killed-run" in out
    assert f"(run id {holder['run_id']})" in out
    assert (warehouse / ".run.lock").read_text() == ""  # released


def test_a_second_run_is_refused_with_the_holders_run_id(first_run) -> None:
    _, holder, _, (code, _out, err), refused_after, _ = first_run
    assert code == 1
    assert (f"RUN REFUSED: another run is using this warehouse: run {holder['run_id']} started "
            f"{holder['started_at']} (pid {holder['pid']})") in err
    assert refused_after < 30  # at once (default wait 0 s), not after the first run finished


def test_nothing_new_under_dbt_project_after_a_run(first_run) -> None:
    warehouse, *_, dbt_before = first_run
    assert tree(REPO_ROOT / "dbt_project") == dbt_before
    assert (warehouse / "dbt_target" / "manifest.json").exists()
    assert any((warehouse / "dbt_target" / "runs").glob("*/run_results.json"))
    assert any((warehouse / "dbt_logs").iterdir()) or any((warehouse / "dbt_target" / "runs").glob("*/dbt.log"))


def test_the_run_shows_stages_not_dbt_logs(first_run) -> None:
    """python -m pipeline run: a block per stage on stderr, dbt's and Dagster's own log lines in
    <warehouse>/run.log only, and the summary on stdout."""
    warehouse, _, (code, out, err), *_ = first_run
    assert code == 0, err[-3000:]
    stages = [line for line in err.splitlines() if re.match(r"\[\d/5\] ", line)]
    assert stages == ["[1/5] ingest", "[2/5] transform", "[3/5] quality", "[4/5] publish", "[5/5] report"]
    assert re.search(r"\n +cn_export +\d+ files +[\d,]+ rows\n", err)
    assert re.search(r"\n +\d+ sources: \d+ files, [\d,]+ rows\n", err)
    bars = re.findall(r"\[([#.]{30})\] ([\d,]+)/([\d,]+) dbt models, seeds and tests", err)
    assert 2 <= len(bars) <= 6, "not a pipe: a line at the start, each quarter and the end, not one per node"
    assert bars[-1][0] == "#" * 30 and bars[-1][1] == bars[-1][2]
    assert re.search(r"\d+ models and seeds built; [\d,]+ tests: [\d,]+ passed, 0 warned, 0 failed", err)
    assert re.search(r"\d+ checks: \d+ passed, \d+ warnings?, 0 failed \(blocking\)", err)
    assert re.search(r"version \S+ -> .*published\.duckdb", err)
    assert "report.html" in err and "docs.html" in err

    shown = out + err
    assert not re.search(r"\d+ of \d+ (START|OK|PASS)", shown), "dbt's log lines are not shown"
    assert "Running with dbt=" not in shown and " - dagster - " not in shown
    log = (warehouse / "run.log").read_text(encoding="utf-8")
    assert "Running with dbt=" in log and re.search(r"\d+ of \d+ PASS", log)

    assert "Run succeeded" in out and f"Data docs: {warehouse / 'report' / 'docs.html'}" in out
    assert f"Full log: {warehouse / 'run.log'}" in out
    assert "\nwarnings:\n  manual_additions: no file in manual/ matches" in out
    assert "AssetObservation" not in out, "dagster-dbt's bookkeeping is not a warning about the data"


@pytest.fixture(scope="module")
def fewer_exports(first_run, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped raw dir with only the oldest cn_export file left."""
    raw = tmp_path_factory.mktemp("fewer") / "raw"
    shutil.copytree(REPO_ROOT / "raw", raw)
    exports = sorted((raw / "cn_export").iterdir())
    for path in exports:
        if path.name != "itjuzi_export_2023H1.csv":
            path.unlink()
    return raw


def test_a_wholesale_change_blocks_the_publish(first_run, fewer_exports: Path) -> None:
    warehouse = first_run[0]
    before = sha256(warehouse / "published.duckdb")
    code, out, _err = finish(cli(warehouse, fewer_exports))
    assert code == 1, out[-3000:]
    assert "check change_vs_published on marts/audit_source_rows (error)" in out
    assert "cn_export: staged rows " in out and "var max_source_rows_change" in out
    assert '--accept-change "reason"' in out
    assert sha256(warehouse / "published.duckdb") == before


def test_an_accepted_change_publishes_and_is_recorded(first_run, fewer_exports: Path) -> None:
    warehouse = first_run[0]
    code, out, err = finish(cli(warehouse, fewer_exports, "--accept-change", "only the 2023H1 export this time"))
    assert code == 0, out[-3000:] + err[-3000:]
    assert "accepted change (reason: only the 2023H1 export this time)" in out
    with duckdb.connect(str(warehouse / "published.duckdb"), read_only=True) as con:
        accepted, warnings = con.execute(
            "select accepted_change, warnings from audit_runs order by published_at desc limit 1").fetchone()
    assert accepted == "only the 2023H1 export this time"
    assert "audit_source_rows:change_vs_published" in warnings and "cn_export: staged rows" in warnings
