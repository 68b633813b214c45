"""Build a complete published DuckDB file from the working file, at a path nobody reads yet.

Every table of the working file's `marts` schema is copied into the new file's `main` schema (so a
new mart is published without code changes), rows in a fixed order, with the table and column
comments dbt wrote (persist_docs). `audit_runs` is the previous published file's history plus one
row for this build. The file is checkpointed and closed, so it is complete on disk and has no WAL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.publish.checksums import content_checksum, table_checksums_on
from pipeline.settings import MARTS_SCHEMA

# DuckDB >= 1.0 clients (BI drivers lag behind the Python package) can open files written with
# this storage version; "latest" would lock out every client older than the writer.
DEFAULT_STORAGE_VERSION = "v1.0.0"

AUDIT_RUNS_COMMENT = (
    "One row per publish of this file's lineage: when, from how many raw files and rows, how many "
    "rows were staged or quarantined, how many deals, and what the quality gate said."
)
AUDIT_RUNS_COLUMNS: dict[str, tuple[str, str]] = {  # column -> (DuckDB type, comment)
    "version": ("VARCHAR", "Published version id (UTC timestamp and a random suffix); "
                "`python -m pipeline rollback --to <version>` puts it back."),
    "published_at": ("TIMESTAMP", "When this version was published (UTC)."),
    "raw_files": ("INTEGER", "Raw export files read (a reference/fx_rates.csv included)."),
    "rows_in": ("BIGINT", "Raw rows loaded, over every raw file (audit_source_rows)."),
    "rows_staged": ("BIGINT", "Raw rows staged (audit_source_rows; rows_in = staged + quarantined)."),
    "rows_quarantined": ("BIGINT", "Raw rows rejected into audit_quarantine, each with its reason."),
    "deals": ("BIGINT", "Rows of fct_deals (deduplicated financing events, all sectors)."),
    "counted_deals": ("BIGINT", "Deals the metrics count (is_counted)."),
    "checks_passed": ("INTEGER", "Quality checks that passed (a version is only published when no "
                      "blocking check failed)."),
    "checks_warned": ("INTEGER", "Non-blocking checks that raised a warning."),
    "warnings": ("VARCHAR", "The warnings, one per line (volume, freshness, control totals …)."),
    "tables": ("INTEGER", "Tables published in this version."),
    "content_checksum": ("VARCHAR", "md5 over the content of every published table except "
                         "audit_runs: equal checksums mean equal data."),
    "accepted_change": ("VARCHAR", ("The analyst's reason for accepting a wholesale change against the "
                                    "previous version (python -m pipeline run --accept-change \"reason\"); "
                                    "what changed is in warnings. Null: no change was accepted.")),
}


@dataclass(frozen=True)
class GateSummary:
    """What the quality gate said about the build being published."""

    checks_passed: int = 0
    checks_warned: int = 0
    warnings: tuple[str, ...] = ()
    accepted_change: str | None = None  # the reason an analyst gave to let a wholesale change through


@dataclass
class BuildResult:
    path: Path
    tables: list[str] = field(default_factory=list)
    audit_row: dict = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def marts_tables(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    rows = con.execute(
        "select table_name from duckdb_tables() where database_name = ? and schema_name = ? order by table_name",
        [database, MARTS_SCHEMA],
    ).fetchall()
    return [r[0] for r in rows]


def _raw_files(con: duckdb.DuckDBPyConnection) -> int:
    """Distinct raw files over every raw table that carries provenance (the ECB rates the pipeline
    derives itself when there is no fx_rates.csv are not a file)."""
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_columns() where database_name = 'working' and schema_name = 'raw' "
            "and column_name = '_file_hash' order by 1"
        ).fetchall()
    ]
    if not tables:
        return 0
    union = " union all ".join(
        f"select _source_file, _file_hash from working.raw.{_ident(t)}" for t in tables)
    return int(con.execute(
        f"select count(distinct _source_file) from ({union}) where _file_hash not like 'ecb:%'").fetchone()[0])


def _row_accounting(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """(rows in, staged, quarantined) from dbt's audit_source_rows (its own test and the GX suite
    check rows in = staged + quarantined); without it, raw rows and audit_quarantine."""
    try:
        rows_in, staged, quarantined = con.execute(
            f"select sum(rows_in), sum(rows_staged), sum(rows_quarantined) from working.{MARTS_SCHEMA}.audit_source_rows"
        ).fetchone()
        return int(rows_in or 0), int(staged or 0), int(quarantined or 0)
    except duckdb.Error:
        pass
    tables = [r[0] for r in con.execute(
        "select table_name from duckdb_columns() where database_name = 'working' and schema_name = 'raw' "
        "and column_name = '_source_file' order by 1").fetchall()]
    rows_in = sum(_count(con, f"working.raw.{_ident(t)}") or 0 for t in tables)
    quarantined = _count(con, f"working.{MARTS_SCHEMA}.audit_quarantine") or 0
    return rows_in, rows_in - quarantined, quarantined


def _count(con: duckdb.DuckDBPyConnection, table: str, where: str = "") -> int | None:
    try:
        return int(con.execute(f"select count(*) from {table} {where}").fetchone()[0])
    except duckdb.Error:
        return None


def _copy_comments(con: duckdb.DuckDBPyConnection, table: str) -> None:
    comment = con.execute(
        "select comment from duckdb_tables() where database_name = 'working' and schema_name = ? and table_name = ?",
        [MARTS_SCHEMA, table],
    ).fetchone()[0]
    if comment:
        con.execute(f"comment on table pub.main.{_ident(table)} is {_quote(comment)}")
    for column, col_comment in con.execute(
        "select column_name, comment from duckdb_columns() where database_name = 'working' and schema_name = ? "
        "and table_name = ? and comment is not null and comment <> '' order by column_index",
        [MARTS_SCHEMA, table],
    ).fetchall():
        con.execute(f"comment on column pub.main.{_ident(table)}.{_ident(column)} is {_quote(col_comment)}")


def _write_audit_runs(con: duckdb.DuckDBPyConnection, history: pd.DataFrame, row: dict) -> None:
    columns = ", ".join(f"{_ident(c)} {t}" for c, (t, _) in AUDIT_RUNS_COLUMNS.items())
    con.execute(f"create table pub.main.audit_runs ({columns})")
    placeholders = ", ".join("?" for _ in AUDIT_RUNS_COLUMNS)
    if len(history):
        # Earlier versions may lack later-added columns: keep what they have, null the rest.
        kept = history.reindex(columns=list(AUDIT_RUNS_COLUMNS))
        for record in kept.itertuples(index=False):
            con.execute(f"insert into pub.main.audit_runs values ({placeholders})",
                        [None if pd.isna(v) else v for v in record])
    con.execute(f"insert into pub.main.audit_runs values ({placeholders})",
                [row.get(c) for c in AUDIT_RUNS_COLUMNS])
    con.execute(f"comment on table pub.main.audit_runs is {_quote(AUDIT_RUNS_COMMENT)}")
    for column, (_, comment) in AUDIT_RUNS_COLUMNS.items():
        con.execute(f"comment on column pub.main.audit_runs.{_ident(column)} is {_quote(comment)}")


def build_published_file(
    working_db: Path,
    target: Path,
    version: str,
    history: pd.DataFrame | None = None,
    gate: GateSummary = GateSummary(),
    storage_version: str = DEFAULT_STORAGE_VERSION,
    now: dt.datetime | None = None,
) -> BuildResult:
    """Write the published file at `target` (which must not exist) from `working_db`."""
    if target.exists():
        raise FileExistsError(f"{target} exists; a published file is always built from scratch")
    history = history if history is not None else pd.DataFrame(columns=list(AUDIT_RUNS_COLUMNS))
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    result = BuildResult(path=target)

    con = duckdb.connect()  # in-memory: the two files are attached, nothing else is opened
    try:
        con.execute(f"attach {_quote(str(working_db))} as working (read_only)")
        con.execute(f"attach {_quote(str(target))} as pub (storage_version {_quote(storage_version)})")
        result.tables = marts_tables(con, "working")
        if not result.tables:
            raise ValueError(f"{working_db} has no tables in schema {MARTS_SCHEMA}: nothing to publish")
        for table in result.tables:
            # A fixed row order: two builds from the same data give the same tables.
            con.execute(
                f"create table pub.main.{_ident(table)} as "
                f"select * from working.{MARTS_SCHEMA}.{_ident(table)} order by all"
            )
            _copy_comments(con, table)

        result.checksums = table_checksums_on(con, "pub", result.tables)
        rows_in, staged, quarantined = _row_accounting(con)
        row = {
            "version": version,
            "published_at": now,
            "raw_files": _raw_files(con),
            "rows_in": rows_in,
            "rows_staged": staged,
            "rows_quarantined": quarantined,
            "deals": _count(con, f"working.{MARTS_SCHEMA}.fct_deals"),
            "counted_deals": _count(con, f"working.{MARTS_SCHEMA}.fct_deals", "where is_counted"),
            "checks_passed": gate.checks_passed,
            "checks_warned": gate.checks_warned,
            "warnings": "\n".join(gate.warnings) or None,
            "tables": len(result.tables) + 1,
            "content_checksum": content_checksum(result.checksums),
            "accepted_change": gate.accepted_change,
        }
        _write_audit_runs(con, history, row)
        result.audit_row = row
        con.execute("checkpoint pub")
        con.execute("detach pub")
        con.execute("detach working")
    finally:
        con.close()
    return result
