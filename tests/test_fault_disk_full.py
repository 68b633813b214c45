"""A full disk says so: "No space left on device" and the path reach the publish error, the
Dagster step failure and the CLI's run summary (not "Error occurred while executing op …"), and
published.duckdb stays byte-identical.

Two ways: a write in the publish or ingest path monkeypatched to raise ENOSPC, and a real full
disk (a small tmpfs mounted as the warehouse dir; skipped where mounting is not allowed).
"""

from __future__ import annotations

import errno
import hashlib
import shutil
import subprocess
from pathlib import Path

import dagster as dg
import pytest

from pipeline.__main__ import _event_errors
from pipeline.defs import ingest as ingest_defs
from pipeline.publish import PublishError, publish, store
from pipeline.resources import WarehouseResource
from tests.quality_fixture_working_db import build_working_db
from tests.test_publish_gate import gate_definitions

REPO_ROOT = Path(__file__).resolve().parent.parent


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def disk_full(path: Path):
    def write(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))
    return write


@pytest.fixture()
def published(tmp_path: Path) -> Path:
    build_working_db(tmp_path / "warehouse.duckdb")
    publish(tmp_path / "warehouse.duckdb", tmp_path)
    return tmp_path


@pytest.mark.unit
def test_publish_on_a_full_disk_names_the_cause_and_leaves_the_file(published: Path, monkeypatch) -> None:
    before = sha256(published / "published.duckdb")
    target = published / "published" / "versions" / "x.duckdb"
    monkeypatch.setattr(store, "_copy_durably", lambda source, dest: disk_full(target)())
    with pytest.raises(PublishError) as failed:
        publish(published / "warehouse.duckdb", published)
    assert str(failed.value).startswith(f"No space left on device: {target} (the disk is full")
    assert str(failed.value).endswith("published.duckdb is unchanged.")
    assert sha256(published / "published.duckdb") == before
    assert not list((published / "published").glob(".staging-*"))  # nothing left behind


@pytest.mark.e2e
def test_the_dagster_step_and_the_cli_summary_show_the_cause(published: Path, monkeypatch) -> None:
    before = sha256(published / "published.duckdb")
    target = published / "published" / "versions" / "x.duckdb"
    monkeypatch.setattr(store, "_copy_durably", lambda source, dest: disk_full(target)())
    result = gate_definitions(published).resolve_job_def("gate_and_publish").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert failure.step_key == "published_marts"
    assert failure.event_specific_data.user_failure_data.description.startswith(
        f"Not published: No space left on device: {target}")
    summary = _event_errors(result)
    assert summary == [(f"  step published_marts: Not published: No space left on device: {target} (the disk is "
                        "full: free space in the warehouse dir and run again). published.duckdb is unchanged.")]
    assert sha256(published / "published.duckdb") == before


def ingest_job(warehouse: Path, raw: Path) -> dg.JobDefinition:
    asset = next(a for a in ingest_defs.ingest_assets if a.key.path[-1] == "cn_export")
    return dg.Definitions(
        assets=[asset],
        resources={"warehouse": WarehouseResource(raw_dir=str(raw), warehouse_dir=str(warehouse))},
        jobs=[dg.define_asset_job("ingest_cn", selection="*")],
        executor=dg.in_process_executor,
    ).resolve_job_def("ingest_cn")


@pytest.mark.unit
def test_ingest_on_a_full_disk_names_the_cause(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "warehouse.duckdb"
    monkeypatch.setattr(ingest_defs, "load_source", disk_full(target))
    result = ingest_job(tmp_path, REPO_ROOT / "raw").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    assert _event_errors(result) == [
        (f"  step raw__cn_export: Cannot load source cn_export: No space left on device: {target} (the disk is "
         "full: free space in the warehouse dir and run again)")]


# --- a real full disk ---------------------------------------------------------------------------

@pytest.fixture()
def tiny_disk(tmp_path: Path):
    """A tmpfs of 64 MB mounted at a temporary dir (root only; skipped where mount is refused)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount_point)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path, leave_bytes: int) -> None:
    """Fill the disk until about `leave_bytes` are free."""
    free = shutil.disk_usage(disk).free
    with open(disk / "filler", "wb") as handle:
        handle.write(b"\0" * max(free - leave_bytes, 0))


@pytest.mark.unit
def test_publish_on_a_really_full_disk(tiny_disk: Path, tmp_path: Path) -> None:
    working = build_working_db(tmp_path / "warehouse.duckdb")
    publish(working, tiny_disk)  # the first version fits
    before = sha256(tiny_disk / "published.duckdb")
    fill(tiny_disk, leave_bytes=64 * 1024)
    with pytest.raises(PublishError, match="No space left on device") as failed:
        publish(working, tiny_disk)
    assert str(failed.value).endswith("published.duckdb is unchanged.")
    assert sha256(tiny_disk / "published.duckdb") == before
    assert not list((tiny_disk / "published").glob(".staging-*"))  # the failed build is cleaned up


@pytest.mark.unit
def test_ingest_on_a_really_full_disk(tiny_disk: Path) -> None:
    fill(tiny_disk, leave_bytes=256 * 1024)
    result = ingest_job(tiny_disk, REPO_ROOT / "raw").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    assert not result.success
    (line,) = _event_errors(result)
    assert line.startswith("  step raw__cn_export: Cannot load source cn_export")
    assert "No space left on device" in line and "Error occurred while executing" not in line
