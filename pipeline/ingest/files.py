"""Finding a source's files and the layout of each: which lines are title rows, where the header is,
which columns it names. Parsing the data lines is `lines.py`'s job; this module only reads the top
of a file (a vendor download carries title rows above the header) and names what it skipped.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.sources import FILE_EXTENSIONS, SOURCES, SourceSpec

# The header is looked for within the first rows (CB Insights' download has it in row 3).
HEADER_SEARCH_ROWS = 30
DELIMITERS = (",", ";", "\t", "|")


class RawFileError(Exception):
    """A raw file that cannot be loaded at all. The message names the file and the problem."""


@dataclass(frozen=True)
class Header:
    row: int  # 1-based line (CSV) or spreadsheet row (xlsx) of the header
    names: list[str]  # cleaned header cells, '' for an unnamed column
    delimiter: str = ","

    @property
    def width(self) -> int:
        """Columns up to the last named one (Excel leaves trailing empty header cells)."""
        named = [i for i, n in enumerate(self.names) if n]
        return named[-1] + 1 if named else 0

    def index(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for i, name in enumerate(self.names[: self.width]):
            if name and name not in out:
                out[name] = i
        return out

    @property
    def unnamed(self) -> list[int]:
        return [i for i, n in enumerate(self.names[: self.width]) if not n]


@dataclass
class SourceFiles:
    """The files of one source, and the files beside them that no source reads (named in the log)."""

    files: list[Path] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # 'path: why', relative to the raw dir


def clean_header_cell(cell: str) -> str:
    """Header text as compared with the required names: BOM, width and spacing differences gone
    ('Valuation ($B) ' and full-width 'Ｃｏｍｐａｎｙ' are found)."""
    text = unicodedata.normalize("NFKC", cell.replace("\ufeff", ""))
    return " ".join(text.split())


def _relative(path: Path, raw_dir: Path) -> str:
    return path.relative_to(raw_dir).as_posix() if path.is_relative_to(raw_dir) else str(path)


def source_files(spec: SourceSpec, raw_dir: Path) -> SourceFiles:
    """The files `spec` reads, sorted so loads are deterministic, and the other files in its folder
    that no source of that folder reads."""
    out = SourceFiles()
    directory = raw_dir / spec.directory
    if not directory.is_dir():
        return out
    siblings = [s for s in SOURCES.values() if s.directory == spec.directory]
    for path in sorted(p for p in directory.iterdir() if p.is_file()):
        relative = _relative(path, raw_dir)
        if path.name.startswith(("~$", ".")):
            out.ignored.append(f"{relative}: ignored (a hidden file or an Excel lock file)")
        elif spec.matches(path.name):
            out.files.append(path)
        elif not any(s.matches(path.name) for s in siblings):
            patterns = ", ".join(p for s in siblings for p in s.patterns)
            out.ignored.append(f"{relative}: ignored, matches no source pattern of {spec.directory}/ ({patterns})")
    return out


def is_spreadsheet(path: Path) -> bool:
    return path.suffix.lower() in FILE_EXTENSIONS and path.suffix.lower() != ".csv"


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:  # a line the csv module refuses is no header
        return []


def find_header(rows: list[list[str]], required: list[str], first_row: int = 1) -> Header | None:
    """The first row (of the first HEADER_SEARCH_ROWS) whose cells include every required column."""
    wanted = set(required)
    for offset, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [clean_header_cell(c) for c in cells]
        if wanted <= set(names):
            return Header(first_row + offset, names)
    return None


def find_csv_header(lines: list[str], required: list[str]) -> Header | None:
    """find_header over the first text lines of a CSV, trying each common delimiter."""
    for delimiter in DELIMITERS:
        header = find_header([_split(line, delimiter) for line in lines[:HEADER_SEARCH_ROWS]], required)
        if header is not None:
            return Header(header.row, header.names, delimiter)
    return None


def header_problem(relative: str, first_rows: list[list[str]], required: list[str]) -> RawFileError:
    """The error for a file whose first rows hold no header with every required column: it names
    the missing columns of the row that came closest."""
    wanted = set(required)
    best = max(first_rows[:HEADER_SEARCH_ROWS], key=lambda r: len(wanted & {clean_header_cell(c) for c in r}), default=[])
    names = [clean_header_cell(c) for c in best]
    missing = [c for c in required if c not in names]
    shown = ", ".join(n for n in names if n) or "(nothing)"
    return RawFileError(
        f"{relative}: missing required column(s) {', '.join(missing)} "
        f"(no header with them in the first {HEADER_SEARCH_ROWS} rows; closest: {shown})"
    )
