"""One run at a time per warehouse (pipeline/run_lock.py and the warehouse resource):

- a second holder is refused at once, naming the holder's run id, start time and pid; with a wait
  it gets the lock as soon as the first lets go;
- a process holding the lock that is killed with SIGKILL leaves no lock: the next run takes over
  and says so;
- in Dagster, the warehouse resource holds the lock for the whole run (one set-up per run with the
  in-process executor), refuses a run while another process holds it, and lets go afterwards,
  also when a step failed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from pipeline import run_lock
from pipeline.errors import error_info_text
from pipeline.resources import WarehouseResource

pytestmark = pytest.mark.unit

REPO_ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30

HOLDER = r"""
import sys, time
from pathlib import Path
from pipeline import run_lock
run_lock.acquire(Path(sys.argv[1]), sys.argv[2])
print("locked", flush=True)
time.sleep(float(sys.argv[3]))
run_lock.release(Path(sys.argv[1]), sys.argv[2])
"""


def start_holder(warehouse: Path, run_id: str, hold_seconds: float = TIMEOUT) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(warehouse), run_id, str(hold_seconds)],
                            cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_holder_is_refused_with_the_holders_run_id(tmp_path: Path) -> None:
    holder = start_holder(tmp_path, "run-aaa")
    try:
        with pytest.raises(run_lock.RunLockBusy) as refused:
            run_lock.acquire(tmp_path, "run-bbb")
        message = str(refused.value)
        written = json.loads((tmp_path / ".run.lock").read_text())
        assert message.startswith(
            f"another run is using this warehouse: run run-aaa started {written['started_at']} (pid {holder.pid})")
        assert not run_lock.holds(tmp_path)
    finally:
        holder.kill()
        holder.wait(TIMEOUT)


def test_a_waiting_run_gets_the_lock_when_the_holder_finishes(tmp_path: Path) -> None:
    holder = start_holder(tmp_path, "run-first", hold_seconds=1.0)
    try:
        started = time.monotonic()
        run_lock.acquire(tmp_path, "run-second", wait_seconds=TIMEOUT)
        assert 0.3 < time.monotonic() - started < TIMEOUT
        assert json.loads((tmp_path / ".run.lock").read_text())["run_id"] == "run-second"
        run_lock.release(tmp_path, "run-second")
        assert (tmp_path / ".run.lock").read_text() == ""  # released: nobody named
    finally:
        holder.wait(TIMEOUT)


def test_a_run_killed_with_sigkill_leaves_a_lock_the_next_run_takes_over(tmp_path: Path) -> None:
    holder = start_holder(tmp_path, "run-killed")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(TIMEOUT)
    assert json.loads((tmp_path / ".run.lock").read_text())["run_id"] == "run-killed"  # its trace is left
    logged: list[str] = []
    run_lock.acquire(tmp_path, "run-next", log=logged.append)
    try:
        assert json.loads((tmp_path / ".run.lock").read_text())["run_id"] == "run-next"
        assert len(logged) == 1 and "took over the warehouse lock left by run run-killed" in logged[0]
        assert "process gone" in logged[0]
    finally:
        run_lock.release(tmp_path, "run-next")


def test_the_lock_is_reentrant_for_the_same_run_only(tmp_path: Path) -> None:
    run_lock.acquire(tmp_path, "run-1")
    try:
        run_lock.acquire(tmp_path, "run-1")  # the CLI, then the run's resource
        run_lock.release(tmp_path, "run-1")
        assert run_lock.holds(tmp_path, "run-1")  # the outer hold stays
        with pytest.raises(run_lock.RunLockBusy, match="run run-1 started"):
            run_lock.acquire(tmp_path, "run-2")
    finally:
        run_lock.release(tmp_path, "run-1")
    assert not run_lock.holds(tmp_path)


# --- in Dagster --------------------------------------------------------------------------------

def lock_job(warehouse: Path, fail: bool = False) -> dg.JobDefinition:
    seen: list[dict] = []

    @dg.asset
    def first(warehouse: WarehouseResource) -> None:
        seen.append(json.loads((warehouse.warehouse_path / ".run.lock").read_text()))

    @dg.asset(deps=[first])
    def second(context, warehouse: WarehouseResource) -> None:  # (no annotation: __future__ annotations)
        seen.append({**json.loads((warehouse.warehouse_path / ".run.lock").read_text()), "run": context.run.run_id})
        if fail:
            raise OSError(28, "No space left on device", str(warehouse.warehouse_path / "x.duckdb"))

    defs = dg.Definitions(
        assets=[first, second],
        resources={"warehouse": WarehouseResource(raw_dir=str(warehouse), warehouse_dir=str(warehouse))},
        jobs=[dg.define_asset_job("both", selection="*")],
        executor=dg.in_process_executor,
    )
    job = defs.resolve_job_def("both")
    job.seen = seen  # type: ignore[attr-defined]
    return job


def test_a_dagster_run_holds_the_lock_from_first_to_last_step_and_releases_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_acquire = run_lock.acquire
    monkeypatch.setattr(run_lock, "acquire", lambda wh, run_id, *a, **k: (calls.append(run_id), real_acquire(wh, run_id, *a, **k)))
    job = lock_job(tmp_path)
    result = job.execute_in_process(instance=dg.DagsterInstance.ephemeral())
    assert result.success
    assert calls == [result.run_id]  # in-process executor: one resource set-up, one lock, per run
    # both steps saw this run in the lock file: one lock, held across the steps
    assert [s["run_id"] for s in job.seen] == [result.run_id, result.run_id]
    assert job.seen[1]["run"] == result.run_id and job.seen[0]["pid"] == os.getpid()
    assert (tmp_path / ".run.lock").read_text() == "" and not run_lock.holds(tmp_path)


def test_a_failed_dagster_run_releases_the_lock_and_names_the_cause(tmp_path: Path) -> None:
    job = lock_job(tmp_path, fail=True)
    result = job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    assert not result.success
    assert not run_lock.holds(tmp_path) and (tmp_path / ".run.lock").read_text() == ""
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert error_info_text(failure.event_specific_data.error).startswith(
        "OSError: [Errno 28] No space left on device")
    run_lock.acquire(tmp_path, "after")  # free for the next run
    run_lock.release(tmp_path, "after")


def test_a_dagster_run_is_refused_while_another_process_holds_the_warehouse(tmp_path: Path) -> None:
    holder = start_holder(tmp_path, "cli-run-123")
    try:
        job = lock_job(tmp_path)
        result = job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
        assert not result.success and job.seen == []  # no step ran
        errors = [error_info_text(e.event_specific_data.error) for e in result.all_events
                  if getattr(e.event_specific_data, "error", None) is not None]
        assert any(text.startswith("another run is using this warehouse: run cli-run-123 started ")
                   and f"(pid {holder.pid})" in text for text in errors), errors
    finally:
        holder.kill()
        holder.wait(TIMEOUT)
