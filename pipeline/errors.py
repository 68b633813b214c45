"""Errors as an analyst should read them: the real cause ("No space left on device", "Permission
denied", the run lock) and the path, not "Error occurred while executing op …" with the cause
three levels down a traceback."""

from __future__ import annotations

import errno
import os


def os_error_text(exc: OSError) -> str:
    """'No space left on device: /wh/published/.staging-….duckdb' from an OSError."""
    reason = exc.strerror or (os.strerror(exc.errno) if exc.errno else str(exc))
    paths = [p for p in (exc.filename, exc.filename2) if p]
    text = f"{reason}: {' → '.join(map(str, paths))}" if paths else reason
    hint = HINTS.get(exc.errno or 0)
    return f"{text} ({hint})" if hint else text


HINTS = {
    errno.ENOSPC: "the disk is full: free space in the warehouse dir and run again",
    errno.EDQUOT: "the disk quota is used up: free space in the warehouse dir and run again",
    errno.EACCES: "this user may not write there: fix the permissions or choose another warehouse dir",
    errno.EROFS: "the file system is read-only: choose another warehouse dir",
}


def error_info_text(error) -> str:
    """The most telling line of a Dagster SerializableErrorInfo: the description of a Failure the
    code raised on purpose when there is one, else the innermost cause
    ('OSError: [Errno 28] No space left on device: …')."""
    chain = []
    while error is not None and len(chain) < 20:
        chain.append(error)
        error = error.cause or getattr(error, "context", None)
    if not chain:
        return ""
    for item in chain:
        if item.message.startswith(FAILURE_PREFIX):
            return item.message[len(FAILURE_PREFIX):].strip()
    return _strip_class(chain[-1].message.strip())


FAILURE_PREFIX = "dagster._core.definitions.events.Failure: "


def _strip_class(message: str) -> str:
    """'dagster._core.definitions.events.Failure: text' → 'text' (the class name is noise)."""
    for prefix in (FAILURE_PREFIX, "dagster_dbt.errors.DagsterDbtCliRuntimeError: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message
