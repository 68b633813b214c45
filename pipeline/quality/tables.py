"""Read-only access to the tables the checks validate: GX batches that stay in DuckDB, and small
facts (catalog rows, row counts, the few rows of an audit table) as Python values.

The checks read the working file's dbt schemas; the same code reads a published file's `main`
schema (the volume and change checks and the tests do). Connections are always read-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.settings import WORKING_SCHEMAS


@dataclass
class TableReader:
    """Batches and small facts about the tables of one DuckDB connection. Names are looked up in
    `schemas` in order (dbt model names are unique across schemas)."""

    con: duckdb.DuckDBPyConnection
    schemas: tuple[str, ...] = WORKING_SCHEMAS
    today: dt.date = field(default_factory=dt.date.today)
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _types: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    _located: dict[str, str] | None = field(default=None, repr=False)
    _gx: object | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: Path | str, schemas: tuple[str, ...] = WORKING_SCHEMAS,
             today: dt.date | None = None) -> TableReader:
        con = duckdb.connect(str(path), read_only=True)
        return cls(con=con, schemas=schemas, today=today or dt.date.today())

    def close(self) -> None:
        if self._gx is not None:
            self._gx.close()
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

    def schema_of(self, table: str) -> str:
        return self._relations()[table]

    def qualified(self, table: str) -> str:
        return f'"{self._relations()[table]}"."{table}"'

    def sql(self, text: str) -> str:
        """`text` with its `{name}` placeholders replaced by the schema-qualified table names."""
        return text.format(**{t: self.qualified(t) for t in self._relations()})

    def frame(self, table: str) -> pd.DataFrame:
        """A small table (an audit table, a parameter list: one row per source, file or year) as a
        frame (cached). Large tables are validated where they are, through `table_rows`."""
        if table not in self._frames:
            self._frames[table] = self.con.execute(f"select * from {self.qualified(table)}").df()
        return self._frames[table]

    def row_count(self, table: str) -> int:
        return int(self.con.execute(f"select count(*) from {self.qualified(table)}").fetchone()[0])

    def column_types(self, table: str) -> pd.DataFrame:
        """One row per column: column_name, data_type (DuckDB's type name), comment (cached)."""
        if table not in self._types:
            self._types[table] = self.con.execute(self.catalog_sql(table)).df()
        return self._types[table]

    def catalog_sql(self, table: str) -> str:
        """A query of the table's catalog rows: column_name, data_type, comment (in column order)."""
        return (
            "select column_name, data_type, comment from duckdb_columns() "
            f"where database_name = current_database() and schema_name = '{self.schema_of(table)}' "
            f"and table_name = '{table}' order by column_index"
        )

    def comments_sql(self, table: str) -> str:
        """A query of the table's and its columns' descriptions (COMMENT ON), one row each."""
        return (
            "select '(table)' as object, comment from duckdb_tables() "
            f"where database_name = current_database() and schema_name = '{self.schema_of(table)}' "
            f"and table_name = '{table}' "
            f"union all select * from (select column_name, comment from ({self.catalog_sql(table)}))"
        )

    # GX batches (the rows stay in DuckDB) -------------------------------------------------------

    def _source(self):
        from pipeline.quality.gx_runner import GxSource

        if self._gx is None:
            self._gx = GxSource(self.con)
        return self._gx

    def table_rows(self, table: str):
        """The whole table as a GX batch. A NaN (DuckDB's 0/0 in a share) is a missing value, as it
        is for pandas; GX's SQL engine would compare it as greater than any number, so floating
        point columns are read with NaN as null."""
        types = self.column_types(table)
        floats = [c for c, t in zip(types["column_name"], types["data_type"]) if t in ("FLOAT", "DOUBLE")]
        nan_as_null = ", ".join(f'case when isnan("{c}") then null else "{c}" end as "{c}"' for c in floats)
        return self._source().query(f"select * {f'replace ({nan_as_null}) ' if floats else ''}from {self.qualified(table)}")

    def query_rows(self, sql: str):
        """A query's rows as a GX batch (`sql` names tables in full: see `sql()`)."""
        return self._source().query(sql)
