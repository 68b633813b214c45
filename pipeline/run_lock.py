"""One run at a time per warehouse: an exclusive lock on `<warehouse>/.run.lock`.

The lock is `flock` on an open file descriptor, so the kernel releases it when the holding process
ends in any way (exit, exception, SIGKILL, power cut of a container): a killed run can never leave
a warehouse locked. The file's content says who holds it (run id, pid, host, start time, as JSON),
for the message a refused run prints; the holder empties it when it lets go. Content left behind
while nobody holds the lock is the trace of a killed run: the next run takes over and logs it.

Readers of published.duckdb never take this lock. Within one process the lock is re-entrant for
the same run id (the CLI takes it before the run, the Dagster resource again inside the run).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = ".run.lock"
POLL_SECONDS = 0.2


class RunLockBusy(RuntimeError):
    """Another run holds the warehouse; the message names it."""


@dataclass
class _Held:
    fd: int
    run_id: str
    depth: int = 1


_held: dict[Path, _Held] = {}  # lock file -> the lock this process holds on it
_guard = threading.Lock()


def lock_path(warehouse_dir: Path) -> Path:
    return Path(warehouse_dir) / LOCK_NAME


def read_holder(path: Path) -> dict | None:
    """What the lock file says about its holder (None when empty or unreadable)."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not text:
        return None
    try:
        holder = json.loads(text)
    except ValueError:
        return None
    return holder if isinstance(holder, dict) else None


def describe(holder: dict | None) -> str:
    if not holder:
        return "a run whose details are not written yet"
    return (f"run {holder.get('run_id', '?')} started {holder.get('started_at', '?')} "
            f"(pid {holder.get('pid', '?')}{'' if holder.get('host') in (None, socket.gethostname()) else ' on ' + str(holder.get('host'))})")


def _pid_alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise


def _busy_message(path: Path, waited: float) -> str:
    holder = None
    for _ in range(10):  # the holder writes its details right after taking the lock
        holder = read_holder(path)
        if holder:
            break
        time.sleep(0.05)
    waited_text = f" (waited {waited:.0f} s)" if waited >= 1 else ""
    return (f"another run is using this warehouse: {describe(holder)}{waited_text}. "
            f"Warehouse {path.parent}; lock file {path}. Wait for it to finish, or point this run "
            "at another warehouse dir.")


def acquire(warehouse_dir: Path, run_id: str, wait_seconds: float = 0.0,
            log: Callable[[str], None] | None = None) -> None:
    """Take the warehouse's run lock for `run_id`, waiting up to `wait_seconds` for another run
    to finish; raise RunLockBusy naming the holder when it does not."""
    path = lock_path(warehouse_dir).resolve()
    with _guard:
        held = _held.get(path)
        if held is not None:
            if held.run_id != run_id:
                raise RunLockBusy(_busy_message(path, 0))
            held.depth += 1
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    started = time.monotonic()
    try:
        while not _try_flock(fd):
            waited = time.monotonic() - started
            if waited >= wait_seconds:
                raise RunLockBusy(_busy_message(path, waited))
            time.sleep(min(POLL_SECONDS, max(wait_seconds - waited, 0.01)))
        previous = read_holder(path)
        if previous and log is not None:
            # Nobody holds the lock but the file names a run: that run ended without letting go
            # (killed; the kernel dropped its lock).
            alive = _pid_alive(previous.get("pid")) and previous.get("host") == socket.gethostname()
            log(f"took over the warehouse lock left by {describe(previous)}, which ended without "
                f"releasing it{' (its pid is alive but no longer holds the lock)' if alive else ' (process gone: killed?)'}")
        holder = {
            "run_id": run_id,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode(), 0)
    except BaseException:
        os.close(fd)  # closing drops the flock if it was taken
        raise
    with _guard:
        _held[path] = _Held(fd, run_id)


def release(warehouse_dir: Path, run_id: str) -> None:
    """Let go of the lock taken by `acquire` (the outermost release empties the file first)."""
    path = lock_path(warehouse_dir).resolve()
    with _guard:
        held = _held.get(path)
        if held is None or held.run_id != run_id:
            return
        held.depth -= 1
        if held.depth > 0:
            return
        del _held[path]
    try:
        os.ftruncate(held.fd, 0)  # an empty file: nobody holds it (a killed run leaves its JSON)
    except OSError:
        pass  # a full disk must not keep the lock: closing below releases it anyway
    finally:
        os.close(held.fd)


def holds(warehouse_dir: Path, run_id: str | None = None) -> bool:
    """Does this process hold the warehouse's lock (for `run_id`, when given)?"""
    held = _held.get(lock_path(warehouse_dir).resolve())
    return held is not None and (run_id is None or held.run_id == run_id)


@contextlib.contextmanager
def run_lock(warehouse_dir: Path, run_id: str, wait_seconds: float = 0.0,
             log: Callable[[str], None] | None = None) -> Iterator[None]:
    acquire(warehouse_dir, run_id, wait_seconds, log)
    try:
        yield
    finally:
        release(warehouse_dir, run_id)
