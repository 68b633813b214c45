"""Load every file of one source into its `raw.<source>` table, replacing it in one transaction.

Per file: decode (encoding.py), find the header below any title rows (files.py), split the data
lines into fields inside DuckDB (lines.py) or read the sheet (xlsx.py), then write one raw row per
physical data line. A line that is not a record (malformed CSV, wrong number of fields, a footer
that carries none of the source's key fields) is kept with `_line_error` and its text, for staging
to quarantine: every data line of every file is in the raw table, and the per-file counts are
checked (data lines = rows written) before the table is replaced.

The table is rebuilt from all files present, so removing a file removes its rows and reloading
the same files gives the same table. `_loaded_at` comes from `raw._load_log`, which remembers when
each file (by content hash) was first loaded. What each file held (encoding, header row, title
rows, blank lines, rejected lines, unnamed columns) is kept in `raw._ingest_files`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from pipeline.ingest.encoding import EncodingError, decode_bytes
from pipeline.ingest.files import (
    HEADER_SEARCH_ROWS,
    Header,
    RawFileError,
    find_csv_header,
    find_header,
    header_problem,
    is_spreadsheet,
    source_files,
)
from pipeline.ingest.fx import ecb_currencies, ecb_monthly_rates, ecb_version
from pipeline.ingest.lines import (
    FIELDS_TABLE,
    cell_sql,
    drop_fields,
    line_sql,
    read_csv_fast,
    split_csv_lines,
    table_from_rows,
)
from pipeline.ingest.sources import SOURCES, SourceSpec
from pipeline.ingest.xlsx import read_sheets

PROVENANCE_COLUMNS = ["_extra_fields", "_source_file", "_source_row", "_file_hash", "_encoding",
                      "_line_error", "_raw_line", "_record_key"]
CN_EXTRA_COLUMNS = ["_is_continuation", "_company_row", "_company_name"]


@dataclass
class FileReport:
    """What one file held, as written to raw._ingest_files and shown in the asset's metadata."""

    file: str
    encoding: str
    rows: int  # rows written to the raw table: every data line (records + rejected lines)
    sha256: str
    file_format: str = "csv"
    encoding_confidence: float | None = None
    encoding_basis: str | None = None
    sheet: str | None = None
    delimiter: str | None = None
    header_row: int | None = None
    title_rows_skipped: int = 0
    blank_lines: int = 0
    rejected_lines: int = 0
    unnamed_columns: int = 0
    skipped: str = ""  # in words: what was not loaded as a record, and why
    loaded_at: dt.datetime | None = None  # when this file's content was first loaded


@dataclass
class LoadReport:
    source: str
    table: str
    files: list[FileReport] = field(default_factory=list)
    rows: int = 0
    distinct_records: int = 0
    rejected_lines: int = 0
    notes: list[str] = field(default_factory=list)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute(
        "create table if not exists raw._load_log ("
        " file_hash varchar primary key, source varchar, first_file varchar, first_loaded_at timestamp)"
    )
    sql_types = {int: "integer", float: "double", str: "varchar", dt.datetime: "timestamp"}
    columns = ", ".join(f"{name} {sql_types[kind]}" for name, kind in _INGEST_FILE_COLUMNS)
    con.execute(f"create table if not exists raw._ingest_files (source_table varchar, {columns})")


_INGEST_FILE_COLUMNS = [
    ("file", str), ("encoding", str), ("rows", int), ("sha256", str), ("file_format", str),
    ("encoding_confidence", float), ("encoding_basis", str), ("sheet", str), ("delimiter", str),
    ("header_row", int), ("title_rows_skipped", int), ("blank_lines", int), ("rejected_lines", int),
    ("unnamed_columns", int), ("skipped", str), ("loaded_at", dt.datetime),
]


def _loading_table(spec: SourceSpec) -> str:
    """Where a source's new rows are written before they replace raw.<source> (a rename)."""
    return f'raw."_loading_{spec.name}"'


def _create_loading_table(con: duckdb.DuckDBPyConnection, spec: SourceSpec) -> None:
    columns = [f"{_q(c)} varchar" for c in spec.columns]
    columns += ["_extra_fields varchar", "_source_file varchar", "_source_row integer", "_file_hash varchar",
                "_encoding varchar", "_line_error varchar", "_raw_line varchar", "_record_key varchar"]
    if spec.name == "cn_export":
        columns += ["_is_continuation boolean", "_company_row integer", "_company_name varchar"]
    columns.append("_loaded_at timestamp")
    con.execute(f"create or replace table {_loading_table(spec)} ({', '.join(columns)})")


def _cn_continuations(rows: str) -> str:
    """cn_export's company ownership over one file's rows (a SQL query): a record line with no
    company name continues the nearest company line above it. A rejected line breaks the chain:
    the lines below it belong to no company (orphans, which staging quarantines)."""
    return f"""
        with named as (
            select *, nullif(trim("公司名称"), '') as _name from ({rows})
        ),
        owned as (
            select *,
                last_value(case when _name is not null or _line_error is not null
                                then {{'row': _source_row, 'name': case when _line_error is null then _name end}}
                           end ignore nulls)
                    over (order by _source_row rows between unbounded preceding and current row) as _owner
            from named
        )
        select * exclude (_name, _owner),
            _line_error is null and _name is null as _is_continuation,
            case when _line_error is null and _owner.name is not null then _owner.row end as _company_row,
            case when _line_error is null then _owner.name end as _company_name
        from owned
    """


def _insert_file_lines(con: duckdb.DuckDBPyConnection, spec: SourceSpec, header: Header,
                       report: FileReport, fast_columns: int | None) -> tuple[int, int, int]:
    """Write FIELDS_TABLE's lines as raw rows. Returns (data lines, blank lines, rejected lines).
    `fast_columns`: the fixed number of cells per line when DuckDB's reader parsed the file."""
    fast = fast_columns is not None
    index = header.index()
    width = header.width
    value = {c: cell_sql(index[c], fast) for c in spec.columns if c in index}
    keys = [value[c] for c in spec.key_columns if c in value]
    has_key_value = " or ".join(f"coalesce(trim({k}), '') <> ''" for k in keys) or "false"
    extra = (
        "nullif(concat_ws('; ', "
        + ", ".join(f"case when coalesce(trim({cell_sql(i, fast)}), '') <> '' "
                    f"then 'column {i + 1}: ' || {cell_sql(i, fast)} end" for i in header.unnamed)
        + "), '')"
    ) if header.unnamed else "null"
    key_names = ", ".join(c for c in spec.key_columns if c in value)
    if fast:  # every line has fast_columns cells: only cells beyond the header's width can be wrong
        beyond = " or ".join(f"coalesce(trim(c{i}), '') <> ''" for i in range(width, fast_columns)) or "false"
        wrong_count = f"{beyond}"
    else:
        wrong_count = f"len(fields) < {width} or len(list_filter(fields[{width + 1}:], lambda f: trim(f) <> '')) > 0"
    error = f"""
        case
            when malformed
                then 'malformed CSV line: a quote opens a field that does not close on this line '
                     || '(a stray quote, or a record spanning lines)'
            when not ({has_key_value})
                then 'not a data row: none of {key_names} has a value'
            when {"false" if fast else f"len(fields) < {width} and len(list_filter(fields, lambda f: trim(f) <> '')) <= 1"}
                then 'not a data row: a line of text with fewer fields than the header'
            when {wrong_count}
                then 'wrong number of fields: ' || {fast_columns if fast else "len(fields)"} || ', the header has {width}'
        end"""
    # A rejected line keeps its cells as they fell (staging reads records only; _raw_line is the text)
    values = ", ".join(f"{value[c]} as {_q(c)}" if c in value else f"null::varchar as {_q(c)}" for c in spec.columns)
    rows = f"""
        select {values}, case when _line_error is null then _extra end as _extra_fields,
               $file as _source_file, line_no::integer as _source_row, $hash as _file_hash,
               $encoding as _encoding, _line_error,
               case when _line_error is not null then {line_sql(fast_columns, header.delimiter)} end as _raw_line
        from (
            select *, {error} as _line_error, {extra} as _extra
            from {FIELDS_TABLE}
            where not blank
        )
    """
    if spec.name == "cn_export":
        rows = _cn_continuations(rows)
    extras = ", _is_continuation, _company_row, _company_name" if spec.name == "cn_export" else ""
    columns = ", ".join(_q(c) for c in spec.columns)
    con.execute(
        f"""
        insert into {_loading_table(spec)}
        select {columns}, _extra_fields, _source_file, _source_row, _file_hash, _encoding, _line_error,
               _raw_line, {spec.record_key_sql} as _record_key{extras}, $loaded_at as _loaded_at
        from ({rows})
        {"order by _source_row" if spec.name == "cn_export" else ""}
        """,
        {"file": report.file, "hash": report.sha256, "encoding": report.encoding, "loaded_at": report.loaded_at},
    )
    data_lines, blank = con.execute(
        f"select count(*) filter (where not blank), count(*) filter (where blank) from {FIELDS_TABLE}"
    ).fetchone()
    written, rejected = con.execute(
        f"select count(*), count(*) filter (where _line_error is not null) from {_loading_table(spec)} "
        f"where _source_file = ?", [report.file],
    ).fetchone()
    if written != data_lines:  # the promise of this module: every data line becomes one raw row
        raise RawFileError(f"{report.file}: {data_lines} data lines but {written} raw rows written (ingest bug)")
    return data_lines, blank, rejected


def _terminator(text: str) -> str:
    """The file's line terminator: CRLF when every line end is CRLF except bare LFs inside quoted
    cells (Excel's way of writing a line break in a cell); else LF (a file edited by several
    tools, with mixed line ends, is read by LF and trailing CRs are dropped)."""
    crlf, lf = text.count("\r\n"), text.count("\n")
    if not crlf:
        return "\n"
    for segment in text.split("\r\n") if lf > crlf else []:
        start = 0
        while (at := segment.find("\n", start)) >= 0:
            if segment.count('"', 0, at) % 2 == 0:  # outside a quoted cell: a real line end
                return "\n"
            start = at + 1
    return "\r\n"


def _data_line_count(data: bytes, header_row: int, terminator: str) -> tuple[int, int]:
    """(non-empty lines, empty lines) below the header, counted on the bytes."""
    term = terminator.encode()
    start = 0
    for _ in range(header_row):
        found = data.find(term, start)
        if found < 0:
            return 0, 0
        start = found + len(term)
    body = data[start:].rstrip(b"\r\n")
    if not body:
        return 0, 0
    lines = body.count(term) + 1
    empty = len(re.findall(re.escape(term) + b"(?=" + re.escape(term) + b")", body))
    return lines - empty, empty


def _load_csv(con: duckdb.DuckDBPyConnection, spec: SourceSpec, path: Path, relative: str,
              data: bytes, sha256: str, loaded_at: dt.datetime) -> FileReport:
    try:
        decoded = decode_bytes(data)
    except EncodingError as exc:
        raise RawFileError(f"{relative}: {exc}") from None
    text = decoded.text
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")  # classic Mac line ends
    report = FileReport(relative, decoded.encoding, 0, sha256, "csv", decoded.confidence, decoded.basis,
                        loaded_at=loaded_at)
    if not text.strip():
        report.skipped = "empty file, nothing loaded"
        return report
    terminator = _terminator(text)
    first_lines = [line.rstrip("\r") for line in text[:1_000_000].split(terminator, HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]]
    header = find_csv_header(first_lines, spec.columns)
    if header is None:
        raise header_problem(relative, list(csv.reader(first_lines)), spec.columns)
    fast = False
    if decoded.encoding in ("utf-8", "utf-8-sig"):
        records, empty = _data_line_count(data, header.row, terminator)
        fast = empty == 0 and read_csv_fast(con, str(path), header.row, len(header.names), header.delimiter, records)
    if not fast:  # DuckDB's strict reader would have refused a cut-off last line
        split_csv_lines(con, text, header.row, header.delimiter, terminator)
        _check_not_truncated(con, text, header, relative)
    return _finish(con, spec, header, report, len(header.names) if fast else None)


def _check_not_truncated(con: duckdb.DuckDBPyConnection, text: str, header: Header, relative: str) -> None:
    """A file cut off mid-record (no final newline, last line short of fields) fails as a whole:
    it is a broken copy, not a bad line."""
    if text.endswith(("\n", "\r")):
        return
    last = con.execute(f"select line_no, len(fields), blank from {FIELDS_TABLE} order by line_no desc limit 1").fetchone()
    if last and not last[2] and last[1] < header.width:
        raise RawFileError(
            f"{relative}: truncated file: last record (line {last[0]}) has {last[1]} of {header.width} "
            "fields and the file does not end with a newline"
        )


def _load_spreadsheet(con: duckdb.DuckDBPyConnection, spec: SourceSpec, path: Path, relative: str,
                      sha256: str, loaded_at: dt.datetime) -> FileReport:
    try:
        sheets = read_sheets(path)
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        raise RawFileError(f"{relative}: cannot read as a spreadsheet ({type(exc).__name__}: {exc})") from None
    for sheet in sheets:
        header = find_header([cells for _, cells in sheet.rows[:HEADER_SEARCH_ROWS]], spec.columns)
        if header is None:
            continue
        report = FileReport(relative, "xlsx", 0, sha256, path.suffix.lower().lstrip("."), sheet=sheet.name,
                            loaded_at=loaded_at)
        table_from_rows(con, [r for r in sheet.rows if r[0] > header.row])
        return _finish(con, spec, header, report)
    first = sheets[0].rows if sheets else []
    error = header_problem(relative, [cells for _, cells in first[:HEADER_SEARCH_ROWS]], spec.columns)
    sheet_names = ", ".join(s.name for s in sheets) or "none"
    raise RawFileError(f"{error} — in no sheet of the workbook (sheets: {sheet_names})")


def _finish(con: duckdb.DuckDBPyConnection, spec: SourceSpec, header: Header, report: FileReport,
            fast_columns: int | None = None) -> FileReport:
    data_lines, blank, rejected = _insert_file_lines(con, spec, header, report, fast_columns)
    report.rows = data_lines
    report.header_row = header.row
    report.delimiter = header.delimiter if report.file_format == "csv" else None
    report.title_rows_skipped = header.row - 1
    report.blank_lines = blank
    report.rejected_lines = rejected
    report.unnamed_columns = len(header.unnamed)
    skipped = [] if data_lines else ["header only, nothing loaded"]
    if report.title_rows_skipped:
        skipped.append(f"{report.title_rows_skipped} row(s) above the header (row {header.row})")
    if blank:
        skipped.append(f"{blank} blank line(s)")
    if header.unnamed:
        skipped.append(f"{len(header.unnamed)} unnamed column(s) ({', '.join(str(i + 1) for i in header.unnamed)})")
    if rejected:
        skipped.append(f"{rejected} line(s) not a record, kept for quarantine")
    report.skipped = "; ".join(skipped)
    return report


def _first_loaded(con: duckdb.DuckDBPyConnection, sha256: str, now: dt.datetime) -> dt.datetime:
    row = con.execute("select first_loaded_at from raw._load_log where file_hash = ?", [sha256]).fetchone()
    return row[0] if row else now


def _load_file(con: duckdb.DuckDBPyConnection, spec: SourceSpec, path: Path, raw_dir: Path,
               now: dt.datetime) -> FileReport:
    relative = path.relative_to(raw_dir).as_posix() if path.is_relative_to(raw_dir) else str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RawFileError(f"{relative}: cannot read file ({exc.strerror})") from exc
    sha256 = hashlib.sha256(data).hexdigest()
    loaded_at = _first_loaded(con, sha256, now)
    drop_fields(con)
    try:
        if is_spreadsheet(path):
            return _load_spreadsheet(con, spec, path, relative, sha256, loaded_at)
        return _load_csv(con, spec, path, relative, data, sha256, loaded_at)
    finally:
        drop_fields(con)


def _insert_ecb_fx(con: duckdb.DuckDBPyConnection, spec: SourceSpec, report: LoadReport, now: dt.datetime) -> None:
    """Fallback FX rows when the raw dir has no reference/fx_rates.csv."""
    label = ecb_version()
    report.notes.append(f"no reference/fx_rates.csv: monthly averages derived from {label}")
    file_hash = f"ecb:{label}"
    loaded_at = _first_loaded(con, file_hash, now)
    import pandas as pd

    ecb_rows = pd.DataFrame(  # one insert of a frame: executemany of ~4,000 rows took seconds
        [(m, c, f"{r:.6f}", label, file_hash, f"{m}|{c}", loaded_at) for m, c, r in ecb_monthly_rates(currencies=ecb_currencies())],
        columns=["month", "currency", "cny_per_unit", "_source_file", "_file_hash", "_record_key", "_loaded_at"],
    )
    con.register("ecb_rows", ecb_rows)
    try:
        con.execute(f"insert into {_loading_table(spec)} by name select * from ecb_rows")
    finally:
        con.unregister("ecb_rows")


def load_source(
    con: duckdb.DuckDBPyConnection, name: str, raw_dir: Path, now: dt.datetime | None = None
) -> LoadReport:
    """Load one source. Raises RawFileError (naming the file) if any of its files is unreadable;
    the existing table is then left as it was."""
    spec = SOURCES[name]
    raw_dir = Path(raw_dir)
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    report = LoadReport(source=name, table=f"raw.{name}")
    listing = source_files(spec, raw_dir)
    report.notes.extend(listing.ignored)
    _ensure_tables(con)
    _create_loading_table(con, spec)
    try:
        for path in listing.files:
            file_report = _load_file(con, spec, path, raw_dir, now)
            report.files.append(file_report)
            if file_report.skipped:
                report.notes.append(f"{file_report.file}: {file_report.skipped}")
        if name == "fx_rates" and not report.files:
            _insert_ecb_fx(con, spec, report, now)
    except BaseException:
        con.execute(f"drop table if exists {_loading_table(spec)}")
        raise

    con.execute("begin transaction")
    try:
        con.execute(
            f"insert into raw._load_log select _file_hash, ?, min(_source_file), min(_loaded_at) "
            f"from {_loading_table(spec)} group by _file_hash on conflict do nothing", [name],
        )
        con.execute(f"drop table if exists raw.{name}")
        con.execute(f'alter table {_loading_table(spec)} rename to "{name}"')
        con.execute(f"comment on table raw.{name} is '{spec.description.replace(chr(39), chr(39) * 2)}'")
        con.execute("delete from raw._ingest_files where source_table = ?", [name])
        for f in report.files:
            values = asdict(f)
            con.execute(
                f"insert into raw._ingest_files values (?, {', '.join('?' for _ in _INGEST_FILE_COLUMNS)})",
                [name, *(values[c] for c, _ in _INGEST_FILE_COLUMNS)],
            )
        con.execute("commit")
    except BaseException as exc:
        _rollback_keeping(con, exc)
        con.execute(f"drop table if exists {_loading_table(spec)}")
        raise
    report.rows, report.distinct_records, report.rejected_lines = con.execute(
        f"select count(*), count(distinct _record_key) filter (where _line_error is null), "
        f"count(*) filter (where _line_error is not null) from raw.{name}"
    ).fetchone()
    return report


def _rollback_keeping(con: duckdb.DuckDBPyConnection, original: BaseException) -> None:
    """Roll back without burying the real error (a full disk must say 'No space left on device',
    not that the rollback failed too)."""
    try:
        con.execute("rollback")
    except Exception as rollback_error:  # the original error is what the analyst needs
        original.add_note(f"(the rollback also failed: {rollback_error})")


def preview(con: duckdb.DuckDBPyConnection, name: str, limit: int = 5) -> str:
    """A Markdown preview of the first records, for the Dagster UI (tabulate comes with dagster)."""
    df = con.execute(
        f"select * exclude (_file_hash, _extra_fields, _line_error, _raw_line) from raw.{name} "
        f"where _line_error is null limit {limit}"
    ).df()
    return df.to_markdown(index=False)


__all__ = ["LoadReport", "RawFileError", "load_source", "preview", "SOURCES"]
