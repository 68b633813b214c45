"""Where published versions live, and how one becomes the file analysts read.

    <warehouse>/published.duckdb                 what BI tools open, read-only
    <warehouse>/published/versions/<id>.duckdb   private copies of the last N versions
    <warehouse>/published/.staging-<id>.duckdb   a version being built (never read by anyone)
    <warehouse>/published/.lock                  one publisher or rollback at a time

Readers are never blocked and never broken: the pipeline never opens published.duckdb for writing.
A new version is built complete in a staging file (checkpointed, closed, fsynced) and moved onto
published.duckdb with one atomic rename (os.replace). A reader holding the old file keeps reading
the old inode until it disconnects; its next connection opens the new file. A run killed at any
moment leaves published.duckdb as the old version or the new one, never a mix: the rename is the
only step that touches that name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline import settings
from pipeline.errors import os_error_text
from pipeline.publish.build import (
    AUDIT_RUNS_COLUMNS,
    DEFAULT_STORAGE_VERSION,
    BuildResult,
    GateSummary,
    build_published_file,
)

DEFAULT_KEEP_VERSIONS = 5


class PublishError(RuntimeError):
    """A publish or rollback that cannot proceed, with a message for the analyst."""


@dataclass(frozen=True)
class PublishedVersion:
    version: str
    path: Path
    published_at: dt.datetime
    size_bytes: int
    is_current: bool = False

    def __str__(self) -> str:
        current = "  <- current (published.duckdb)" if self.is_current else ""
        return (f"{self.version}  published {self.published_at:%Y-%m-%d %H:%M:%S} UTC  "
                f"{self.size_bytes / 1e6:.1f} MB{current}")


def published_path(warehouse_dir: Path) -> Path:
    return Path(warehouse_dir) / settings.PUBLISHED_DB_NAME


def _store_dir(warehouse_dir: Path) -> Path:
    return Path(warehouse_dir) / "published"


def versions_dir(warehouse_dir: Path) -> Path:
    return _store_dir(warehouse_dir) / "versions"


def new_version_id(now: dt.datetime) -> str:
    """UTC time to the millisecond (ids sort by time; publishes are serialised by the lock) and
    a random suffix, e.g. 20250401T070012.345Z-3fa9c1."""
    return f"{now:%Y%m%dT%H%M%S}.{now.microsecond // 1000:03d}Z-{uuid.uuid4().hex[:6]}"


def _version_time(version: str) -> dt.datetime:
    return dt.datetime.strptime(version.split("-")[0], "%Y%m%dT%H%M%S.%fZ")


def _fsync(path: Path, directory: bool = False) -> None:
    """Flush a file's bytes, or a directory's entries (a rename is durable once its folder is)."""
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _publish_lock(warehouse_dir: Path) -> Iterator[None]:
    """One publisher or rollback at a time, across processes. The lock is a separate file: the
    published file itself is never locked by the pipeline."""
    store = _store_dir(warehouse_dir)
    versions_dir(warehouse_dir).mkdir(parents=True, exist_ok=True)
    with open(store / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_leftovers(warehouse_dir: Path) -> None:
    """Staging files of runs that were killed (safe: we hold the publish lock)."""
    for leftover in _store_dir(warehouse_dir).glob(".staging-*"):
        leftover.unlink(missing_ok=True)
    for leftover in versions_dir(warehouse_dir).glob(".*.tmp"):
        leftover.unlink(missing_ok=True)


def _read_audit_runs(path: Path) -> pd.DataFrame | None:
    """audit_runs of a published file, or None if it cannot be read (missing, locked by a writer)."""
    if not path.exists():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute("select * from audit_runs order by published_at").df()
    except duckdb.Error:
        return None


def current_version(warehouse_dir: Path) -> str | None:
    """The version now in published.duckdb: the last row of its own audit_runs."""
    runs = _read_audit_runs(published_path(warehouse_dir))
    if runs is None or runs.empty or "version" not in runs:
        return None
    return str(runs["version"].iloc[-1])


def _version_file(warehouse_dir: Path, version: str) -> Path:
    return versions_dir(warehouse_dir) / f"{version}.duckdb"


def list_versions(warehouse_dir: Path) -> list[PublishedVersion]:
    """Kept versions, newest first."""
    current = current_version(warehouse_dir)
    found = []
    for path in versions_dir(warehouse_dir).glob("*.duckdb"):
        version = path.stem
        try:
            published_at = _version_time(version)
        except ValueError:
            continue  # not ours
        found.append(PublishedVersion(version, path, published_at, path.stat().st_size, version == current))
    return sorted(found, key=lambda v: v.version, reverse=True)


def _previous_history(warehouse_dir: Path) -> pd.DataFrame:
    """audit_runs of the version analysts are reading now; if that file cannot be opened read-only
    (someone holds it for writing), the newest kept version's."""
    runs = _read_audit_runs(published_path(warehouse_dir))
    if runs is None:
        for kept in list_versions(warehouse_dir):
            runs = _read_audit_runs(kept.path)
            if runs is not None:
                break
    return runs if runs is not None else pd.DataFrame(columns=list(AUDIT_RUNS_COLUMNS))


def _copy_durably(source: Path, target: Path) -> None:
    """Copy to a hidden temporary name, fsync, then rename: `target` is whole or absent."""
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:6]}.tmp")
    shutil.copyfile(source, tmp)
    _fsync(tmp)
    os.replace(tmp, target)
    _fsync(target.parent, directory=True)


def _swap_in(warehouse_dir: Path, complete_file: Path) -> None:
    """The one step that changes what readers see: an atomic rename onto published.duckdb."""
    os.replace(complete_file, published_path(warehouse_dir))
    _fsync(Path(warehouse_dir), directory=True)


def _prune(warehouse_dir: Path, keep: int) -> list[str]:
    """Delete versions beyond the newest `keep`, never the current one."""
    removed = []
    for old in list_versions(warehouse_dir)[keep:]:
        if not old.is_current:
            old.path.unlink(missing_ok=True)
            removed.append(old.version)
    return removed


def publish(
    working_db: Path,
    warehouse_dir: Path,
    gate: GateSummary = GateSummary(),
    keep: int = DEFAULT_KEEP_VERSIONS,
    storage_version: str = DEFAULT_STORAGE_VERSION,
) -> BuildResult:
    """Build a new published version from the working file and make it the one analysts read.

    Call only after the quality gate passed (the Dagster asset does; see pipeline/defs/publish.py).
    """
    working_db = Path(working_db)
    warehouse_dir = Path(warehouse_dir)
    if not working_db.exists():
        raise PublishError(f"working file {working_db} does not exist: run the pipeline first")
    if keep < 1:
        raise PublishError("keep must be at least 1 (the current version is always kept)")
    with _publish_lock(warehouse_dir):
        _remove_leftovers(warehouse_dir)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        version = new_version_id(now)
        staging = _store_dir(warehouse_dir) / f".staging-{version}.duckdb"
        try:
            result = build_published_file(
                working_db, staging, version, history=_previous_history(warehouse_dir),
                gate=gate, storage_version=storage_version, now=now,
            )
            _fsync(staging)
            _copy_durably(staging, _version_file(warehouse_dir, version))
            _swap_in(warehouse_dir, staging)
        except OSError as exc:
            raise PublishError(f"{os_error_text(exc)}. published.duckdb is unchanged.") from exc
        except duckdb.Error as exc:  # DuckDB building the new file: its message names the file and the reason
            raise PublishError(f"building {staging.name}: {type(exc).__name__}: {exc}. "
                               "published.duckdb is unchanged.") from exc
        finally:
            # only left when something failed before the swap (a failed write may leave a WAL)
            for leftover in (staging, staging.with_name(staging.name + ".wal")):
                leftover.unlink(missing_ok=True)
            for leftover in versions_dir(warehouse_dir).glob(f".{version}.duckdb.*.tmp"):
                leftover.unlink(missing_ok=True)
        result.path = published_path(warehouse_dir)
        _prune(warehouse_dir, keep)
    return result


def rollback(warehouse_dir: Path, version: str | None = None) -> str:
    """Put a kept version back into published.duckdb (default: the one before the current).

    Same swap as a publish: the kept copy is copied to a staging file, then renamed onto
    published.duckdb, so readers are not disturbed and the kept copy stays untouched.
    """
    warehouse_dir = Path(warehouse_dir)
    with _publish_lock(warehouse_dir):
        _remove_leftovers(warehouse_dir)
        kept = list_versions(warehouse_dir)
        if not kept:
            raise PublishError(f"no kept versions in {versions_dir(warehouse_dir)}: nothing to roll back to")
        if version is None:
            current = next((v for v in kept if v.is_current), None)
            if current is None:
                raise PublishError(
                    "cannot tell which kept version is current; name one: "
                    + ", ".join(v.version for v in kept))
            older = [v for v in kept if v.version < current.version]
            if not older:
                raise PublishError(f"{current.version} is the oldest kept version: nothing older to roll back to")
            target = older[0]
        else:
            target = next((v for v in kept if v.version == version), None)
            if target is None:
                raise PublishError(f"no kept version {version!r}; kept: " + ", ".join(v.version for v in kept))
        staging = _store_dir(warehouse_dir) / f".staging-rollback-{target.version}.duckdb"
        try:
            shutil.copyfile(target.path, staging)
            _fsync(staging)
            _swap_in(warehouse_dir, staging)
        finally:
            staging.unlink(missing_ok=True)
    return target.version
