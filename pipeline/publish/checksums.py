"""Content checksums of tables: equal checksums mean equal rows, whatever the row order or the
file's bytes (DuckDB files carry block layout and version stamps, so bytes are no measure)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb


def table_checksums_on(con: duckdb.DuckDBPyConnection, database: str, tables: list[str], schema: str = "main") -> dict[str, str]:
    """md5 over the sorted md5s of each row's text form, per table."""
    sums = {}
    for table in tables:
        name = f'"{database}"."{schema}"."{table}"'
        row_hashes = f"select md5(cast(t as varchar)) as h from {name} as t"
        sums[table] = con.execute(
            f"select md5(coalesce(string_agg(h, '' order by h), '')) || ':' || count(*) from ({row_hashes})"
        ).fetchone()[0]
    return sums


def table_checksums(path: Path, exclude: tuple[str, ...] = ()) -> dict[str, str]:
    """Checksums of every table in a published file's `main` schema (opened read-only)."""
    with duckdb.connect(str(path), read_only=True) as con:
        database = con.execute("select current_database()").fetchone()[0]
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'main' and database_name = ? order by 1",
                [database],
            ).fetchall()
            if r[0] not in exclude
        ]
        return table_checksums_on(con, database, tables)


def content_checksum(checksums: dict[str, str]) -> str:
    """One checksum over several tables' checksums."""
    text = "\n".join(f"{table}={checksum}" for table, checksum in sorted(checksums.items()))
    return hashlib.md5(text.encode()).hexdigest()
