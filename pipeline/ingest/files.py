"""Reading raw export files faithfully: encoding detection, CSV parsing, bad-file errors.

Everything is read as text. Parsing values is staging's job (dbt); this module only guarantees
that every record of a readable file becomes exactly one row, tagged with where it came from.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

# Encodings tried in order. GB18030 is a superset of GBK/GB2312 (Excel on Chinese Windows).
_ENCODINGS = ("utf-8-sig", "gb18030")


class RawFileError(Exception):
    """A raw file that cannot be loaded at all. The message names the file and the problem."""


@dataclass
class RawFile:
    """One parsed export file."""

    path: Path
    relative_path: str  # as shown to analysts and stored in `_source_file`
    encoding: str
    sha256: str
    header: list[str]
    # data records; record i (0-based) sits at spreadsheet row i + 2 (the header is row 1)
    records: list[list[str]] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return len(self.records)


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes, detecting UTF-8 (with or without BOM) or GB18030. Binary files are refused."""
    if b"\x00" in data[:65536]:
        raise RawFileError(f"{path}: binary file (contains NUL bytes), not a CSV export")
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    raise RawFileError(f"{path}: cannot decode as UTF-8 or GB18030 (unreadable text encoding)")


def read_csv(path: Path, raw_dir: Path, required_columns: list[str]) -> RawFile:
    """Read one CSV export as text records.

    Raises RawFileError naming the file for: unreadable/binary files, a missing required column,
    or a truncated file (last record cut off mid-way). Extra and reordered columns are fine.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RawFileError(f"{path}: cannot read file ({exc.strerror})") from exc
    text, encoding = decode(path, data)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    relative = path.relative_to(raw_dir).as_posix() if path.is_relative_to(raw_dir) else str(path)
    raw = RawFile(path, relative, encoding, hashlib.sha256(data).hexdigest(), [], [])
    if not rows:
        return raw  # empty file: nothing to load, reported by the caller
    raw.header = [h.strip() for h in rows[0]]
    missing = [c for c in required_columns if c not in raw.header]
    if missing:
        raise RawFileError(
            f"{relative}: missing required column(s) {', '.join(missing)} "
            f"(header has: {', '.join(raw.header)})"
        )
    records = [r for r in rows[1:] if any(cell.strip() for cell in r)]  # skip blank lines
    if records and not text.endswith(("\n", "\r")) and len(records[-1]) < len(raw.header):
        raise RawFileError(
            f"{relative}: truncated file: last record (row {len(rows)}) has {len(records[-1])} of "
            f"{len(raw.header)} fields and the file does not end with a newline"
        )
    raw.records = records
    return raw


def column_values(raw: RawFile, columns: list[str]) -> list[list[str | None]]:
    """Project each record onto `columns` by header name (absent fields become None).

    Fields beyond the header are kept in a trailing list so nothing is lost."""
    index = {name: i for i, name in enumerate(raw.header)}
    out = []
    width = len(raw.header)
    for rec in raw.records:
        row: list[str | None] = [rec[index[c]] if c in index and index[c] < len(rec) else None for c in columns]
        row.append(",".join(rec[width:]) if len(rec) > width else None)
        out.append(row)
    return out


def list_files(directory: Path, pattern: str) -> list[Path]:
    """Files of a source, sorted so loads are deterministic."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob(pattern) if p.is_file())
