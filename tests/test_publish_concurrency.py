"""Publishing with real readers and real crashes, in separate processes (bounded in time):

- a process reading published.duckdb in a loop while versions are published sees no error, and
  its connections opened after a publish see the new version;
- a process holding one read-only connection across a publish keeps reading the old version
  without error, and sees the new one once it reconnects;
- a publish succeeds even when another process holds published.duckdb open read-write;
- a publish killed with SIGKILL at any moment leaves a published file that opens and holds the
  previous version or the new one, never a mix, and the next publish cleans up after it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.publish import publish, table_checksums
from tests.quality_fixture_working_db import build_working_db, fixture_deals

REPO_ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60  # seconds any child process may live

LOOPING_READER = r"""
import json, sys, time, duckdb
from pathlib import Path
path, stop = sys.argv[1], Path(sys.argv[2])
deadline = time.monotonic() + 50
while not stop.exists() and time.monotonic() < deadline:
    try:
        with duckdb.connect(path, read_only=True) as con:
            version = con.execute("select version from audit_runs order by published_at desc limit 1").fetchone()[0]
            deals = con.execute("select count(*) from fct_deals").fetchone()[0]
        print(json.dumps({"version": version, "deals": deals}), flush=True)
    except Exception as exc:
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
    time.sleep(0.005)
"""

HOLDING_READER = r"""
import json, sys, time, duckdb
from pathlib import Path
path, stop = sys.argv[1], Path(sys.argv[2])
deadline = time.monotonic() + 50
held = duckdb.connect(path, read_only=True)
while not stop.exists() and time.monotonic() < deadline:
    try:
        version = held.execute("select version from audit_runs order by published_at desc limit 1").fetchone()[0]
        total = held.execute("select sum(amount_cny) from fct_deals").fetchone()[0]
        print(json.dumps({"held": version, "total": total}), flush=True)
    except Exception as exc:
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
    time.sleep(0.005)
held.close()
with duckdb.connect(path, read_only=True) as con:
    version = con.execute("select version from audit_runs order by published_at desc limit 1").fetchone()[0]
print(json.dumps({"reconnected": version}), flush=True)
"""

WRITER_HOLDER = r"""
import sys, time, duckdb
from pathlib import Path
con = duckdb.connect(sys.argv[1])  # read-write: an exclusive lock on the file
print("holding", flush=True)
deadline = time.monotonic() + 50
while not Path(sys.argv[2]).exists() and time.monotonic() < deadline:
    time.sleep(0.01)
"""

PUBLISHER = r"""
import sys
from pathlib import Path
from pipeline.publish import publish
print("publishing", flush=True)
publish(Path(sys.argv[1]), Path(sys.argv[2]))
print("done", flush=True)
"""


def child(code: str, *args: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )


def wait_for_line(proc: subprocess.Popen, timeout: float = TIMEOUT) -> str:
    """The child's first stdout line (it is started with line-buffered prints)."""
    deadline = time.monotonic() + timeout
    line = proc.stdout.readline()
    if not line or time.monotonic() > deadline:
        proc.kill()
        raise AssertionError(f"child gave no output: {proc.stderr.read()}")
    return line


def finish(proc: subprocess.Popen) -> list[dict]:
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0, err
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def current(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select version from audit_runs order by published_at desc limit 1").fetchone()[0]


@pytest.fixture(scope="module")
def working_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two working files with different deals, big enough that a publish takes a moment."""
    root = tmp_path_factory.mktemp("concurrency")
    return (build_working_db(root / "a.duckdb", fixture_deals(n=20000, seed=1)),
            build_working_db(root / "b.duckdb", fixture_deals(n=20000, seed=2)))


@pytest.mark.unit
def test_readers_keep_working_during_publishes_and_see_the_new_version(working_files, tmp_path: Path) -> None:
    a, b = working_files
    published = tmp_path / "published.duckdb"
    stop = tmp_path / "stop"
    v1 = publish(a, tmp_path).audit_row["version"]

    looping = child(LOOPING_READER, published, stop)
    holding = child(HOLDING_READER, published, stop)
    try:
        first_loop, first_held = json.loads(wait_for_line(looping)), json.loads(wait_for_line(holding))
        assert first_loop["version"] == v1 and first_held["held"] == v1
        # the publishes happen while both readers are mid-loop; none of them may fail
        v2 = publish(b, tmp_path).audit_row["version"]
        v3 = publish(a, tmp_path).audit_row["version"]
        time.sleep(0.5)  # let the looping reader open a few connections to the final version
    finally:
        stop.touch()
    loop_lines, held_lines = finish(looping), finish(holding)

    assert [line for line in loop_lines + held_lines if "error" in line] == []
    seen = [line["version"] for line in [first_loop, *loop_lines]]
    assert seen[0] == v1 and seen[-1] == v3
    # versions only move forward for a reader that reconnects
    order = {v1: 0, v2: 1, v3: 2}
    assert [order[v] for v in seen] == sorted(order[v] for v in seen)
    # the held connection read the version it opened, consistently, through both publishes
    held = [line for line in [first_held, *held_lines] if "held" in line]
    assert {line["held"] for line in held} == {v1}
    assert len({line["total"] for line in held}) == 1
    assert held_lines[-1] == {"reconnected": v3}


@pytest.mark.unit
def test_publish_succeeds_while_another_process_holds_the_file_read_write(working_files, tmp_path: Path) -> None:
    a, b = working_files
    first = publish(a, tmp_path).audit_row["version"]
    stop = tmp_path / "stop"
    holder = child(WRITER_HOLDER, tmp_path / "published.duckdb", stop)
    try:
        assert wait_for_line(holder).strip() == "holding"
        second = publish(b, tmp_path).audit_row  # history comes from the kept copy of `first`
    finally:
        stop.touch()
        holder.communicate(timeout=TIMEOUT)
    assert current(tmp_path / "published.duckdb") == second["version"]
    with duckdb.connect(str(tmp_path / "published.duckdb"), read_only=True) as con:
        assert [r[0] for r in con.execute("select version from audit_runs order by published_at").fetchall()] == \
            [first, second["version"]]


@pytest.mark.e2e
def test_sigkill_during_publish_leaves_the_old_or_the_new_version(working_files, tmp_path: Path) -> None:
    a, b = working_files
    expected = {}
    for name, working in (("a", a), ("b", b)):  # the content each working file publishes
        scratch = tmp_path / f"scratch_{name}"
        publish(working, scratch)
        expected[name] = table_checksums(scratch / "published.duckdb", exclude=("audit_runs",))
    assert expected["a"] != expected["b"]

    warehouse = tmp_path / "warehouse"
    publish(a, warehouse)
    published = warehouse / "published.duckdb"
    killed_mid_publish = 0
    outcomes = []
    for attempt in range(10):
        was = "a" if table_checksums(published, exclude=("audit_runs",)) == expected["a"] else "b"
        other = "b" if was == "a" else "a"
        proc = child(PUBLISHER, b if other == "b" else a, warehouse)
        assert wait_for_line(proc).strip() == "publishing"
        time.sleep(0.15 * attempt)  # from "right away" to "after the swap" across attempts
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=TIMEOUT)
        if proc.returncode == -signal.SIGKILL and "done" not in out:
            killed_mid_publish += 1

        now = table_checksums(published, exclude=("audit_runs",))  # opens: never a partial file
        assert now in (expected[was], expected[other]), f"attempt {attempt}: neither version"
        outcomes.append("old" if now == expected[was] else "new")
        with duckdb.connect(str(published), read_only=True) as con:
            tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        assert {"fct_deals", "mart_funding_yearly", "audit_runs"} <= tables

    # the delays span the publish: some kills land before the swap (old), some after (new)
    assert killed_mid_publish >= 3, outcomes
    # the next publish cleans up whatever the killed ones left and succeeds
    publish(a, warehouse)
    assert not list((warehouse / "published").glob(".staging-*"))
    assert table_checksums(published, exclude=("audit_runs",)) == expected["a"]
