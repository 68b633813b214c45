"""SQLAlchemy on an open, read-only DuckDB connection, for Great Expectations' SQL datasource.

Two things make duckdb-engine's stock dialect unusable for GX:

- duckdb-engine runs every statement of a connection on one DuckDB cursor, and SQLAlchemy ends a
  connection's implicit transaction with a ROLLBACK when GX hands the connection back, before GX
  fetches the rows (it reads a result after closing its connection). On DuckDB that ROLLBACK
  discards the pending result, and every metric comes back empty. The checks only read, so this
  dialect opens no transaction at all.
- DuckDB refuses a second connection to a file with another configuration than the first, and
  duckdb-engine adds its own. So the engine opens no file: each pooled connection is a cursor of
  the reader's connection, which was opened read-only: GX cannot write to the working file.
"""

from __future__ import annotations

import duckdb
from duckdb_engine import ConnectionWrapper, Dialect
from sqlalchemy.dialects import registry

DIALECT = "duckdb+readonly"


class ReadOnlyDuckDBDialect(Dialect):
    """duckdb-engine without transactions (read-only checks need none)."""

    def do_begin(self, dbapi_connection: object) -> None:
        pass

    def do_commit(self, dbapi_connection: object) -> None:
        pass

    def do_rollback(self, dbapi_connection: object) -> None:
        pass


registry.register(DIALECT.replace("+", "."), __name__, ReadOnlyDuckDBDialect.__name__)


def connection_string(name: str) -> str:
    """A URL for the dialect; `name` only labels it (the connections come from `engine_kwargs`)."""
    return f"{DIALECT}:///{name}"


def engine_kwargs(con: duckdb.DuckDBPyConnection) -> dict:
    """create_engine() arguments whose connections are cursors of `con` (see the module doc)."""
    return {"creator": lambda: ConnectionWrapper(con.cursor())}
