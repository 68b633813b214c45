"""Load every file of one source into its `raw.<source>` table, replacing it in one transaction.

The table is rebuilt from all files present, so removing a file removes its rows and reloading
the same files gives the same table. `_loaded_at` comes from `raw._load_log`, which remembers when
each file (by content hash) was first loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.ingest.files import RawFileError, list_files, read_csv
from pipeline.ingest.fx import ecb_monthly_rates, ecb_version
from pipeline.ingest.sources import SOURCES, SourceSpec, columns_for_file

PROVENANCE_COLUMNS = ["_extra_fields", "_source_file", "_source_row", "_file_hash", "_encoding", "_record_key"]
CN_EXTRA_COLUMNS = ["_is_continuation", "_company_row", "_company_name"]
# Provenance columns that are not text: (pandas dtype while loading, DuckDB type in the table).
_TYPED_COLUMNS = {"_source_row": ("Int64", "integer"), "_company_row": ("Int64", "integer"),
                  "_is_continuation": ("boolean", "boolean")}


@dataclass
class FileReport:
    file: str
    encoding: str
    rows: int
    sha256: str


@dataclass
class LoadReport:
    source: str
    table: str
    files: list[FileReport] = field(default_factory=list)
    rows: int = 0
    distinct_records: int = 0
    notes: list[str] = field(default_factory=list)


def _table_columns(spec: SourceSpec) -> list[str]:
    extra = CN_EXTRA_COLUMNS if spec.name == "cn_export" else []
    return spec.columns + PROVENANCE_COLUMNS + extra


def _ensure_log(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute(
        "create table if not exists raw._load_log ("
        " file_hash varchar primary key, source varchar, first_file varchar, first_loaded_at timestamp)"
    )


def _read_source_files(spec: SourceSpec, raw_dir: Path, report: LoadReport) -> list[dict[str, list[object]]]:
    parts = []
    for path in list_files(raw_dir / spec.directory, spec.pattern):
        raw = read_csv(path, raw_dir, spec.columns)
        if not raw.header:
            report.notes.append(f"{raw.relative_path}: empty file, nothing loaded")
        elif not raw.records:
            report.notes.append(f"{raw.relative_path}: header only, nothing loaded")
        parts.append(columns_for_file(spec, raw))
        report.files.append(FileReport(raw.relative_path, raw.encoding, raw.row_count, raw.sha256))
    return parts


def _ecb_fx_columns(report: LoadReport) -> dict[str, list[object]]:
    """Fallback FX rows when the raw dir has no reference/fx_rates.csv."""
    label = ecb_version()
    report.notes.append(f"no reference/fx_rates.csv: monthly averages derived from {label}")
    rates = ecb_monthly_rates()
    n = len(rates)
    return {
        "month": [m for m, _, _ in rates], "currency": [c for _, c, _ in rates],
        "cny_per_unit": [f"{r:.6f}" for _, _, r in rates], "_extra_fields": [None] * n,
        "_source_file": [label] * n, "_source_row": [None] * n, "_file_hash": [f"ecb:{label}"] * n,
        "_encoding": [None] * n, "_record_key": [f"{m}|{c}" for m, c, _ in rates],
    }


def load_source(
    con: duckdb.DuckDBPyConnection, name: str, raw_dir: Path, now: dt.datetime | None = None
) -> LoadReport:
    """Load one source. Raises RawFileError (naming the file) if any of its files is unreadable;
    the existing table is then left as it was."""
    spec = SOURCES[name]
    report = LoadReport(source=name, table=f"raw.{name}")
    parts = _read_source_files(spec, Path(raw_dir), report)
    if name == "fx_rates" and not report.files:
        parts = [_ecb_fx_columns(report)]
    columns = _table_columns(spec)
    frame = pd.DataFrame(
        {c: pd.array([v for part in parts for v in part[c]], dtype=_TYPED_COLUMNS.get(c, (object,))[0]) for c in columns}
    )
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)

    _ensure_log(con)
    con.execute("begin transaction")
    try:
        for file_hash, first_file in dict.fromkeys(zip(frame["_file_hash"], frame["_source_file"])):
            con.execute(
                "insert into raw._load_log values (?, ?, ?, ?) on conflict do nothing",
                [file_hash, name, first_file, now],
            )
        con.register("incoming", frame)
        typed = ", ".join(f'i."{c}"::{_TYPED_COLUMNS.get(c, (None, "varchar"))[1]} as "{c}"' for c in columns)
        con.execute(
            f"create or replace table raw.{name} as "
            f"select {typed}, l.first_loaded_at as _loaded_at "
            f"from incoming i left join raw._load_log l on l.file_hash = i._file_hash "
            f"order by _source_file, _source_row"
        )
        con.execute(f"comment on table raw.{name} is '{spec.description.replace(chr(39), chr(39) * 2)}'")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.unregister("incoming")
    report.rows = len(frame)
    report.distinct_records = int(frame["_record_key"].nunique()) if len(frame) else 0
    return report


def preview(con: duckdb.DuckDBPyConnection, name: str, limit: int = 5) -> str:
    """A Markdown preview of the first rows, for the Dagster UI (tabulate comes with dagster)."""
    df = con.execute(f"select * exclude (_file_hash, _extra_fields) from raw.{name} limit {limit}").df()
    return df.to_markdown(index=False)


__all__ = ["LoadReport", "RawFileError", "load_source", "preview", "SOURCES"]
