"""Every data line of a file, as fields, with its physical line number: parsed inside DuckDB.

A CSV file is split into lines at its own line terminator, and each line is parsed on its own, so
that `_source_row` is the file's line number and one bad line never swallows the lines after it.
The terminator is the file's: Excel (and IT桔子's own export) ends records with CRLF and writes a
line break inside a cell as a bare LF, so in a CRLF file a bare LF is part of a quoted cell, not
a new line.

Slow and exact (`split_csv_lines`):

- a line with no quote character splits on the delimiter (most lines: fast);
- a line with quotes must be a sequence of fields, each either unquoted (no quote inside) or
  quoted ("a, ""b"" c"); anything else (a stray quote, or a quoted field that opens here and closes
  on a later line: a record spanning lines) is a malformed line, quarantined with its number;
- blank lines (nothing but spaces and delimiters) are skipped and counted.

Fast (`read_csv_fast`): DuckDB's own parallel CSV reader, used when the file is regular: UTF-8,
no blank lines among the data, no line DuckDB rejects (strict mode), and exactly one record per
line. Then record i is line header + i. Any irregularity sends the file down the exact path, so
the fast path can never mis-number a line; it only saves time on the files that need no care.

A spreadsheet (.xlsx) has no lines to mis-parse: its rows arrive as cells (`xlsx.py`) and take the
same path from there. The result is the temp table `_file_fields (line_no, line, fields, malformed)`
that `load.py` turns into raw-table rows.
"""

from __future__ import annotations

import re

import duckdb

FIELDS_TABLE = "_file_fields"  # a temp table or view (line_no, line, fields, malformed, blank)


def drop_fields(con: duckdb.DuckDBPyConnection) -> None:
    """Drop FIELDS_TABLE (a table or a view) and what the fast path keeps behind the view."""
    for kind in ("view", "table"):
        try:
            con.execute(f"drop {kind} if exists {FIELDS_TABLE}")
        except duckdb.CatalogException:  # it is the other kind
            pass
    con.execute("drop table if exists _fast_records")


def _field_patterns(delimiter: str) -> tuple[str, str]:
    """(one field, a whole well-formed line) as RE2 patterns for this delimiter."""
    d = re.escape(delimiter)
    # quoted ("a, ""b"""), or unquoted: not starting with a quote (a quote later on is kept as text)
    field = rf'\s*"(?:[^"]|"")*"\s*|[^"{d}][^{d}]*|'
    return field, rf"(?:{field})(?:{d}(?:{field}))*"


def split_csv_lines(con: duckdb.DuckDBPyConnection, text: str, header_row: int, delimiter: str,
                    terminator: str) -> None:
    """Fill FIELDS_TABLE with the data lines of `text` below the header."""
    field, line_pattern = _field_patterns(delimiter)
    d, rx = delimiter, re.escape(delimiter)  # the delimiter as text, and inside a pattern
    con.execute(
        f"""
        create temp table {FIELDS_TABLE} as
        with split as (
            select string_split(?, ?) as lines
        ),
        numbered as (
            select unnest(generate_series(1, len(lines))) as line_no, unnest(lines) as line,
                   len(lines) as line_count
            from split
        ),
        data_lines as (
            select line_no, rtrim(line, chr(13)) as line
            from numbered
            -- the file's final line terminator ends the last line; it does not start another
            where line_no > ? and not (line_no = line_count and line = '')
        )
        select
            line_no,
            line,
            case
                when not contains(line, '"') then string_split(line, '{d}')
                else list_transform(
                    regexp_extract_all('{d}' || line, '{rx}({field})', 1),
                    lambda f: case when regexp_matches(f, '^\\s*"')
                              then replace(regexp_extract(f, '(?s)^\\s*"(.*)"\\s*$', 1), '""', '"')
                              else f end)
            end as fields,
            contains(line, '"') and not regexp_full_match(line, '{line_pattern}') as malformed,
            regexp_full_match(line, '[\\s{rx}]*') as blank
        from data_lines
        """,
        [text, terminator, header_row],
    )


def read_csv_fast(con: duckdb.DuckDBPyConnection, path: str, header_row: int, columns: int,
                  delimiter: str, expected_records: int) -> bool:
    """Fill FIELDS_TABLE with DuckDB's CSV reader; False (and nothing filled) unless every data
    line came out as exactly one record."""
    names = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(columns))
    try:
        con.execute(
            f"""
            create or replace temp table _fast_records as
            select * from read_csv(?, header = false, skip = ?, columns = {{{names}}}, delim = ?,
                                   quote = '"', escape = '"', strict_mode = true, null_padding = false,
                                   auto_detect = false, store_rejects = true,
                                   rejects_table = '_fast_rejects', rejects_scan = '_fast_scans')
            """,
            [path, header_row, delimiter],
        )
    except duckdb.Error:  # a state DuckDB's strict reader gives up on: the exact path will say which line
        for table in ("_fast_records", "_fast_rejects", "_fast_scans"):
            con.execute(f"drop table if exists {table}")
        return False
    records = con.execute("select count(*) from _fast_records").fetchone()[0]
    rejected = con.execute("select count(*) from _fast_rejects").fetchone()[0]
    ok = rejected == 0 and records == expected_records
    if ok:
        empty = " and ".join(f"coalesce(c{i}, '') = ''" for i in range(columns))
        # A view, not a copy: rowid is the insertion order, which is the file's order. The cells
        # stay columns c0, c1 … (cell_sql, line_sql): a list per row costs seconds at 1M rows.
        con.execute(
            f"""
            create or replace temp view {FIELDS_TABLE} as
            select *, rowid + 1 + {int(header_row)} as line_no, false as malformed,
                   {empty} as blank
            from _fast_records
            """
        )
    for table in ("_fast_rejects", "_fast_scans") if ok else ("_fast_records", "_fast_rejects", "_fast_scans"):
        con.execute(f"drop table if exists {table}")
    return ok


def cell_sql(i: int, fast: bool) -> str:
    """The SQL for cell i (0-based) of a FIELDS_TABLE line ('' for an empty cell on both paths:
    DuckDB's reader gives NULL)."""
    return f"coalesce(c{i}, '')" if fast else f"fields[{i + 1}]"


def line_sql(columns: int | None, delimiter: str) -> str:
    """The SQL for a line's text: the line itself, or (fast path) its cells joined again."""
    if columns is None:
        return "line"
    return f"array_to_string([{', '.join(f'coalesce(c{i}, {chr(39)}{chr(39)})' for i in range(columns))}], '{delimiter}')"


def table_from_rows(con: duckdb.DuckDBPyConnection, rows: list[tuple[int, list[str]]]) -> None:
    """Fill FIELDS_TABLE from spreadsheet rows: (row number, cell texts)."""
    import pandas as pd

    width = max((len(cells) for _, cells in rows), default=0)
    frame = pd.DataFrame({
        "line_no": pd.array([n for n, _ in rows], dtype="Int64"),
        **{f"c{i}": [cells[i] if i < len(cells) else "" for _, cells in rows] for i in range(width)},
    })
    cells = ", ".join(f"c{i}" for i in range(width)) or "''"
    con.register("_sheet_rows", frame)
    try:
        con.execute(
            f"""
            create temp table {FIELDS_TABLE} as
            select
                line_no::bigint as line_no,
                array_to_string([{cells}], ',') as line,
                [{cells}]::varchar[] as fields,
                false as malformed,
                trim(array_to_string([{cells}], '')) = '' as blank
            from _sheet_rows
            """
        )
    finally:
        con.unregister("_sheet_rows")
