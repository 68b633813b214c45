"""`python -m pipeline export`: the published figures and deal list (and any other published table)
for spreadsheets, as one .xlsx workbook (a sheet per table, and an `about` sheet naming the
published version) or one CSV file per table.

Reads the published file only, read-only: an export never touches the working file or blocks a run,
and shows exactly what SQL clients see.

Spreadsheet-safe: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would
be taken for a formula by Excel (a company named `=HYPERLINK(…)`), so it is escaped the way Excel
escapes text typed with a leading apostrophe: in CSV the cell gets a `'` prefix; in .xlsx it is
written as a string (never as a formula) with Excel's quote-prefix style, which shows the text as
it is and keeps it text when the cell is edited. Numbers, dates and booleans stay what they are.
CSV files are UTF-8 with a byte-order mark, so Excel shows the Chinese names correctly.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

FIGURES_TABLE = "mart_report_figures"
DEALS_TABLE = "fct_deals"
DEFAULT_TABLES = [FIGURES_TABLE, DEALS_TABLE]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what a spreadsheet may evaluate
XLSX_NAME = "ai_deals.xlsx"
XLSX_MAX_ROWS = 1_048_576 - 1  # an Excel sheet's rows, less the header
BATCH_ROWS = 10_000

# The order rows come out in: the figures in report order (R1, R2a … R23b), every other table by
# all its columns (deterministic: the same published file gives the same export).
ORDER_BY = {
    FIGURES_TABLE: "try_cast(regexp_extract(figure_id, '\\d+') as integer), figure_id, period_label",
}


T = TypeVar("T")


class ExportError(Exception):
    """The published file is missing or has no such table, or a table does not fit the format."""


@dataclass(frozen=True)
class ExportedTable:
    table: str
    rows: int
    path: Path


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> str:
    """A value as CSV text: numbers as numbers, dates in ISO form, formula-like text escaped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, decimal.Decimal)):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    text = _text(value)
    return "'" + text if is_formula_like(text) else text


def _text(value: object) -> str:
    if isinstance(value, (list, dict, tuple)):  # DuckDB lists, maps, structs
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _connect(published: Path) -> duckdb.DuckDBPyConnection:
    if not published.is_file():
        raise ExportError(f"no published file at {published}: run `python -m pipeline run` first, or point "
                          "--warehouse-dir (or DEALS_WAREHOUSE_DIR) at the warehouse that holds it")
    try:
        return duckdb.connect(str(published), read_only=True)
    except duckdb.Error as exc:
        raise ExportError(f"cannot open the published file {published}: {exc}") from None


def published_tables(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """{table: its description} of the published file (schema main), by name."""
    rows = con.execute("select table_name, coalesce(comment, '') from duckdb_tables() "
                       "where schema_name = 'main' order by table_name").fetchall()
    return dict(rows)


def _tables(con: duckdb.DuckDBPyConnection, published: Path, asked: Iterable[str]) -> list[str]:
    available = published_tables(con)
    wanted = list(dict.fromkeys([*DEFAULT_TABLES, *asked]))
    unknown = [t for t in wanted if t not in available]
    if unknown:
        raise ExportError(f"{published} has no table {', '.join(unknown)}; its tables: {', '.join(available)}")
    return wanted


def _query(table: str) -> str:
    order = ORDER_BY.get(table, "all")
    return f'select * from main."{table}" order by {order}'


def _batches(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], Iterator[list[tuple]]]:
    """The table's column names and its rows, a batch at a time (a large table is never held whole)."""
    cursor = con.execute(_query(table))
    columns = [d[0] for d in cursor.description]

    def batches() -> Iterator[list[tuple]]:
        while rows := cursor.fetchmany(BATCH_ROWS):
            yield rows

    return columns, batches()


def _replace_atomically(path: Path, write: Callable[[Path], T]) -> T:
    """`write(temporary file beside path)`, then rename it to `path`: never half a file there."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        result = write(Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return result


# --- CSV -----------------------------------------------------------------------------------------

def _write_csv(path: Path, columns: list[str], batches: Iterator[list[tuple]]) -> int:
    count = 0
    # utf-8-sig: the byte-order mark tells Excel the file is UTF-8 (else it guesses a local code
    # page and the Chinese names come out garbled)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for rows in batches:
            writer.writerows([csv_cell(v) for v in row] for row in rows)
            count += len(rows)
    return count


def export_csv(published: Path, out_dir: Path, tables: Iterable[str] = ()) -> list[ExportedTable]:
    exported = []
    with _connect(published) as con:
        wanted = _tables(con, published, tables)
        out_dir.mkdir(parents=True, exist_ok=True)
        for table in wanted:
            path = out_dir / f"{table}.csv"
            columns, batches = _batches(con, table)
            count = _replace_atomically(path, lambda tmp, c=columns, b=batches: _write_csv(tmp, c, b))
            exported.append(ExportedTable(table, count, path))
    return exported


# --- xlsx ----------------------------------------------------------------------------------------

def _write_cell(sheet, formats: dict, row: int, col: int, value: object) -> None:
    """One value as the cell type it is; text never as a formula."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float, decimal.Decimal)):
        number = float(value)
        if math.isfinite(number):
            sheet.write_number(row, col, number)
        else:  # Excel has no NaN or infinity
            sheet.write_string(row, col, str(value))
    elif isinstance(value, dt.datetime):
        sheet.write_datetime(row, col, value, formats["timestamp"])
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, value, formats["date"])
    else:
        text = _text(value)
        # Excel's quote prefix on text it would evaluate: shown as is, still text when edited
        sheet.write_string(row, col, text, formats["quoted"] if is_formula_like(text) else None)


def _write_sheet(workbook, formats: dict, name: str, columns: list[str], rows: Iterable[tuple],
                 widths: list[int] | None = None) -> int:
    sheet = workbook.add_worksheet(name[:31])  # Excel's limit on sheet names
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column, formats["header"])
        width = widths[col] if widths else min(max(len(column) + 2, 10), 40)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    count = 0
    for row in rows:
        count += 1
        for col, value in enumerate(row):
            _write_cell(sheet, formats, count, col, value)
    if count:
        sheet.autofilter(0, 0, count, len(columns) - 1)
    return count


def _write_xlsx(path: Path, con: duckdb.DuckDBPyConnection, published: Path, tables: list[str]) -> list[int]:
    import xlsxwriter

    descriptions, about = published_tables(con), _about(con)
    # strings_to_*: False: a string is written as a string, never turned into a formula, a link or a number
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
               "constant_memory": True, "remove_timezone": True}
    with xlsxwriter.Workbook(str(path), options) as workbook:
        formats = {
            "header": workbook.add_format({"bold": True, "bg_color": "#F0F3F6", "bottom": 1}),
            "quoted": workbook.add_format({"quote_prefix": True}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "timestamp": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
        }
        counts = []
        for table in tables:
            columns, batches = _batches(con, table)
            counts.append(_write_sheet(workbook, formats, table, columns, (r for rows in batches for r in rows)))
        lines = [("published file", str(published), ""), *((k, v, "") for k, v in about.items()), ("", "", ""),
                 *((t, n, descriptions.get(t, "")) for t, n in zip(tables, counts))]
        _write_sheet(workbook, formats, "about", ["table", "rows", "description"], lines, widths=[30, 28, 100])
    return counts


def export_xlsx(published: Path, out_dir: Path, tables: Iterable[str] = ()) -> list[ExportedTable]:
    path = out_dir / XLSX_NAME
    with _connect(published) as con:
        wanted = _tables(con, published, tables)
        for table in wanted:
            rows = con.execute(f'select count(*) from main."{table}"').fetchone()[0]
            if rows > XLSX_MAX_ROWS:
                raise ExportError(f"{table} has {rows:,} rows, more than an Excel sheet holds "
                                  f"({XLSX_MAX_ROWS:,}): export it with --format csv")
        out_dir.mkdir(parents=True, exist_ok=True)
        counts = _replace_atomically(path, lambda tmp: _write_xlsx(tmp, con, published, wanted))
    return [ExportedTable(t, n, path) for t, n in zip(wanted, counts)]


def _about(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """The published version this export is of (the latest audit_runs row), if the file has one."""
    if "audit_runs" not in published_tables(con):
        return {}
    present = {c for (c,) in con.execute("select column_name from duckdb_columns() "
                                         "where schema_name = 'main' and table_name = 'audit_runs'").fetchall()}
    wanted = [c for c in ("version", "published_at", "content_checksum") if c in present]
    if "published_at" not in wanted:
        return {}
    row = con.execute(f"select {', '.join(wanted)} from audit_runs order by published_at desc limit 1").fetchone()
    return dict(zip(wanted, row)) if row else {}


def export(published: Path, out_dir: Path, fmt: str, tables: Iterable[str] = ()) -> list[ExportedTable]:
    if fmt == "csv":
        return export_csv(published, out_dir, tables)
    if fmt == "xlsx":
        return export_xlsx(published, out_dir, tables)
    raise ExportError(f"unknown format {fmt!r}: xlsx or csv")
