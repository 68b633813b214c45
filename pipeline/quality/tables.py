"""Read-only access to the tables the checks validate, as pandas frames.

The checks read the working file's `marts` schema; the same code reads a published file's `main`
schema (the volume check and the tests do). Connections are always read-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

MARTS_SCHEMA = "marts"  # where dbt builds the marts in the working file
PUBLISHED_SCHEMA = "main"  # where the publish step puts them in published.duckdb


WORKING_SCHEMAS = (MARTS_SCHEMA, "intermediate", "staging")  # where dbt models live, by layer


@dataclass
class TableReader:
    """Frames and small facts about the tables of one DuckDB connection. Names are looked up in
    `schemas` in order (dbt model names are unique across schemas)."""

    con: duckdb.DuckDBPyConnection
    schemas: tuple[str, ...] = WORKING_SCHEMAS
    today: dt.date = field(default_factory=dt.date.today)
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _located: dict[str, str] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: Path | str, schemas: tuple[str, ...] = WORKING_SCHEMAS,
             today: dt.date | None = None) -> TableReader:
        con = duckdb.connect(str(path), read_only=True)
        return cls(con=con, schemas=schemas, today=today or dt.date.today())

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> TableReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _relations(self) -> dict[str, str]:
        """name -> schema, for tables and views (dbt builds some models as views)."""
        if self._located is None:
            rows = self.con.execute(
                "select table_schema, table_name from information_schema.tables "
                "where table_catalog = current_database()"
            ).fetchall()
            located: dict[str, str] = {}
            for schema in reversed(self.schemas):  # earlier schemas win
                located.update({name: s for s, name in rows if s == schema})
            self._located = located
        return self._located

    def relations(self) -> list[str]:
        return sorted(self._relations())

    def tables(self, schema: str | None = None) -> list[str]:
        """Base tables (not views) of one schema, by default the first."""
        rows = self.con.execute(
            "select table_name from duckdb_tables() where schema_name = ? and database_name = current_database() "
            "order by table_name",
            [schema or self.schemas[0]],
        ).fetchall()
        return [r[0] for r in rows]

    def has(self, table: str) -> bool:
        return table in self._relations()

    def qualified(self, table: str) -> str:
        return f'"{self._relations()[table]}"."{table}"'

    def frame(self, table: str) -> pd.DataFrame:
        """The whole table as a frame (cached: several suites read the same table)."""
        if table not in self._frames:
            self._frames[table] = self.con.execute(f"select * from {self.qualified(table)}").df()
        return self._frames[table]

    def query(self, sql: str) -> pd.DataFrame:
        """A query whose `{name}` placeholders are replaced by the schema-qualified table names."""
        names = {t: self.qualified(t) for t in self._relations()}
        return self.con.execute(sql.format(**names)).df()

    def distinct_values(self, table: str, column: str) -> list:
        return self.frame(table)[column].dropna().unique().tolist()

    def row_count(self, table: str) -> int:
        return int(self.con.execute(f"select count(*) from {self.qualified(table)}").fetchone()[0])

    def column_types(self, table: str) -> pd.DataFrame:
        """One row per column: column_name, data_type (DuckDB's type name)."""
        return self.con.execute(
            "select column_name, data_type from duckdb_columns() where database_name = current_database() "
            "and schema_name = ? and table_name = ? order by column_index",
            [self._relations()[table], table],
        ).df()

    def comments(self, table: str) -> pd.DataFrame:
        """The table's and its columns' descriptions (COMMENT ON), one row each."""
        schema = self._relations()[table]
        return self.con.execute(
            """
            select '(table)' as object, comment from duckdb_tables()
            where database_name = current_database() and schema_name = $1 and table_name = $2
            union all
            select * from (
                select column_name, comment from duckdb_columns()
                where database_name = current_database() and schema_name = $1 and table_name = $2
                order by column_index
            )
            """,
            [schema, table],
        ).df()
