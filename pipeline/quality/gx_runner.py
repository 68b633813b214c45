"""Run one Great Expectations suite on one batch of a DuckDB file, inside DuckDB, and summarise the
result for people: which expectation failed, how many rows, and which rows (by their key columns).

GX validates through its SQL datasource (SQLAlchemy + duckdb-engine, duckdb_sql.py) on the
reader's read-only connection, one query asset per batch: a whole table (`select * from
"marts"."fct_deals"`, see TableReader.table_rows) or a computed frame (a reconciliation's
comparisons, a table's catalog rows). The rows stay in DuckDB; only counts and at most five
offending rows per failed expectation come back to Python.

Query assets rather than GX table assets: a table asset makes GX reflect the table's columns
through SQLAlchemy's PostgreSQL reflection, which duckdb-engine 0.17 cannot serve on SQLAlchemy
2.1 (it queries pg_collation), and whose fallback drops the schema name; a query asset's columns
come from the query itself. DuckDB plans `select *` under GX's metric queries like the table.

GX runs in an ephemeral context: nothing is written to disk, no GX project folder is needed.
Severity is carried by each expectation (GX 1.x `severity`): `critical` failures block publishing,
`warning` failures are reported and let the publish go on.

Importing GX takes seconds, and the Dagster code location imports this package without running a
check: GX is imported when a suite is first built (`gxe`, `conditions`) or run.
"""

from __future__ import annotations

import datetime as dt
import decimal
import importlib
import math
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no usage statistics sent anywhere

CRITICAL = "critical"
WARNING = "warning"
MAX_EXAMPLES = 5  # offending rows quoted per failed expectation


class _Lazy:
    """A module imported on first attribute access (see the module doc)."""

    def __init__(self, module: str) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self._module), name)


gxe = _Lazy("great_expectations.expectations")
conditions = _Lazy("great_expectations.expectations.row_conditions")  # conditions.Column("is_ai") == True


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's result, in words an analyst can act on."""

    description: str
    severity: str  # CRITICAL or WARNING
    success: bool
    unexpected_count: int | None = None
    observed: str = ""
    examples: tuple[str, ...] = ()

    @property
    def detail(self) -> str:
        parts = []
        if self.unexpected_count:
            parts.append(f"{self.unexpected_count} row{'s' if self.unexpected_count != 1 else ''}")
        if self.examples:
            parts.append("e.g. " + "; ".join(self.examples))
        elif self.observed:
            parts.append(f"observed {self.observed}")
        return ", ".join(parts)


@dataclass
class SuiteResult:
    """The outcome of one suite on one table (or on one reconciliation frame)."""

    suite: str
    outcomes: list[ExpectationOutcome] = field(default_factory=list)
    error: str | None = None  # the suite could not run at all (table missing, query failed)
    row_count: int | None = None
    note: str | None = None  # why there was nothing to check (e.g. no published version yet)
    details: pd.DataFrame | None = None  # the full list behind a failure, when it is a list (control totals)

    @property
    def failed(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success]

    @property
    def blocking_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.failed if o.severity == CRITICAL]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        return [o for o in self.failed if o.severity != CRITICAL]

    @property
    def passed(self) -> bool:
        """True when nothing blocking failed (warnings do not fail a suite)."""
        return self.error is None and not self.blocking_failures

    @property
    def clean(self) -> bool:
        return self.error is None and not self.failed

    def headline(self) -> str:
        """One line for the check's description and the run log."""
        if self.error:
            return f"{self.suite}: could not run: {self.error}"
        if not self.outcomes and self.note:
            return f"{self.suite}: {self.note}"
        if self.clean:
            return f"{self.suite}: all {len(self.outcomes)} expectations passed"
        failed = self.failed
        listed = " | ".join(f"{o.description}: {o.detail}" if o.detail else o.description for o in failed)
        return f"{self.suite}: {len(failed)} of {len(self.outcomes)} expectations failed: {listed}"

    def markdown(self) -> str:
        """The whole result as a Markdown table (shown in the Dagster UI as check metadata)."""
        if self.error:
            return f"**Could not run**: {self.error}"
        if not self.outcomes:
            return self.note or "nothing to check"
        lines = ["| result | severity | expectation | details |", "|---|---|---|---|"]
        order = sorted(self.outcomes, key=lambda o: (o.success, o.severity != CRITICAL))
        for o in order:
            mark = "pass" if o.success else ("**FAIL**" if o.severity == CRITICAL else "warn")
            lines.append(f"| {mark} | {o.severity} | {_cell(o.description)} | {_cell(o.detail)} |")
        return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def frame_markdown(frame: pd.DataFrame, max_rows: int = 50) -> str:
    """A frame as a Markdown table (for check metadata), at most `max_rows` rows."""
    lines = ["| " + " | ".join(map(str, frame.columns)) + " |", "|" + "---|" * len(frame.columns)]
    for row in frame.head(max_rows).itertuples(index=False):
        lines.append("| " + " | ".join(_cell(_format_value(v)) for v in row) + " |")
    if len(frame) > max_rows:
        lines.append(f"\n… and {len(frame) - max_rows} more rows")
    return "\n".join(lines)


def _format_value(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT:
        return "null"
    if isinstance(value, decimal.Decimal):
        value = float(value)
    if isinstance(value, float):
        # amounts are in yuan: 76,026,800,000 reads better than 7.60268e+10
        return f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:.6g}"
    if isinstance(value, dt.datetime):  # pd.Timestamp too
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value) if isinstance(value, str) else str(value)


def sql_string(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def values_query(frame: pd.DataFrame) -> str:
    """A small frame made in Python (a comparison with the published file) as a query of its rows,
    so GX validates it in DuckDB like everything else."""

    def literal(value: object) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return "null"
        if isinstance(value, (bool, np.bool_)):
            return "true" if value else "false"
        if isinstance(value, (int, np.integer)):
            return str(int(value))
        if isinstance(value, (float, np.floating)):
            return f"{sql_string(repr(float(value)))}::double"  # inf and -inf too
        return sql_string(str(value))

    names = ", ".join(f'"{c}"' for c in frame.columns)
    rows = [tuple(row) for row in frame.itertuples(index=False)] or [(None,) * len(frame.columns)]
    values = ", ".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)
    return f"select * from (values {values}) as frame({names})" + (" where false" if frame.empty else "")


def unexpected_rows(query: str, description: str, column: str | None = None, columns: Sequence[str] = (),
                    severity: str = CRITICAL) -> Expectation:
    """GX's UnexpectedRowsExpectation: `query` (over `{batch}`) returns the offending rows. Used
    where an expectation needs another table or a function GX lacks on DuckDB (regex). `column`
    is the value quoted beside the key columns in a failure; `columns` the ones the query needs
    (the suite drops it when the table lacks one, as it does for column expectations)."""
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=query, description=description, severity=severity,
        meta={"column": column, "columns": list(columns or ([column] if column else []))},
    )


def columns_of(expectation: Expectation) -> list[str]:
    """The columns an expectation reads."""
    kwargs = expectation.configuration.kwargs
    columns = [kwargs.get("column"), kwargs.get("column_A"), kwargs.get("column_B"), *(kwargs.get("column_list") or [])]
    columns += (expectation.meta or {}).get("columns") or []
    return [c for c in columns if c]


@dataclass(frozen=True)
class Rows:
    """What one suite validates: a GX batch of a table or a query, and its columns."""

    batch: Any
    columns: tuple[str, ...]
    count: Callable[[], int]
    # the same rows in a fixed order (by these columns, then all), for quoting offending rows: the
    # examples of a failure are then the same in every run
    ordered: Callable[[Sequence[str]], Any] | None = None


class GxSource:
    """One ephemeral GX context with one SQL datasource on a read-only DuckDB connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        from pipeline.quality import duckdb_sql

        self._con = con
        self._context = gx.get_context(mode="ephemeral")
        self._context.variables.progress_bars = ProgressBarsConfig(globally=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._datasource = self._context.data_sources.add_sql(
                "working", connection_string=duckdb_sql.connection_string("working"),
                kwargs=duckdb_sql.engine_kwargs(con),
            )
        self._assets = 0

    def query(self, sql: str) -> Rows:
        """The rows of a query (which must start with `select`)."""
        return Rows(self._batch(sql), self._columns(f"({sql})"), lambda: self._count(f"({sql})"),
                    ordered=lambda columns: self._batch(_ordered_sql(sql, columns)))

    def _batch(self, sql: str) -> Any:
        self._assets += 1
        asset = self._datasource.add_query_asset(f"rows_{self._assets}", query=sql)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return asset.add_batch_definition_whole_table("whole").get_batch()

    def _columns(self, relation: str) -> tuple[str, ...]:
        return tuple(d[0] for d in self._con.execute(f"select * from {relation} limit 0").description)

    def _count(self, relation: str) -> int:
        return int(self._con.execute(f"select count(*) from {relation}").fetchone()[0])

    def close(self) -> None:
        """Close the cursors GX holds (the reader's connection is closed by the reader)."""
        engines = [self._datasource.get_engine(), self._datasource.get_execution_engine().engine]
        for engine in engines:
            engine.dispose()


def describe(expectation: Expectation) -> str:
    """The expectation's own description, else its type and main arguments."""
    if expectation.description:
        return expectation.description
    kwargs = {k: v for k, v in expectation.configuration.kwargs.items() if k not in ("batch_id",)}
    return f"{expectation.expectation_type} {kwargs}"


def _unique(expectations: list[Expectation]) -> list[Expectation]:
    """Drop repeats (GX keeps one of two equal expectations; layers of a suite may overlap)."""
    seen, unique = set(), []
    for e in expectations:
        signature = (e.expectation_type, repr(sorted(e.configuration.kwargs.items(), key=lambda kv: kv[0])))
        if signature not in seen:
            seen.add(signature)
            unique.append(e)
    return unique


def _exception(info: dict | None) -> str | None:
    """The first error message of a result (GX keys SQL metric errors by metric)."""
    if not info:
        return None
    entries = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    for entry in entries:
        if entry.get("raised_exception"):
            return (entry.get("exception_message") or "error").splitlines()[0]
    return None


def _is_query_expectation(expectation: Expectation) -> bool:
    return expectation.expectation_type == "unexpected_rows_expectation"


def _examples(items: list[dict], column: str | None, key_columns: Sequence[str]) -> tuple[str, ...]:
    """Offending rows, named by their key columns, with the offending value beside them."""
    examples: list[str] = []
    # a key column that is itself the offending one is named first
    names = [column, *(k for k in key_columns if k != column)] if column in key_columns else list(key_columns)
    for item in items[:MAX_EXAMPLES]:
        named = ", ".join(f"{k}={_format_value(item[k])}" for k in names if k in item)
        value = item.get(column) if column else None
        hide_value = (not column or column in key_columns or column not in item
                      or isinstance(value, (bool, np.bool_)) or value is None or value != value)
        shown = named if hide_value else f"{named} ({column}={_format_value(value)})"
        if shown not in examples:
            examples.append(shown)
    return tuple(examples)


def _value_examples(values: list) -> tuple[str, ...]:
    """Offending values where GX names no rows (a compound key: the repeated combinations)."""
    shown = [", ".join(f"{k}={_format_value(v)}" for k, v in value.items()) if isinstance(value, dict)
             else _format_value(value) for value in values[:MAX_EXAMPLES]]
    return tuple(dict.fromkeys(shown))


def _observed(result: dict) -> str:
    if "details" in result and isinstance(result["details"], dict) and "mismatched" in result["details"]:
        mismatched = result["details"]["mismatched"]
        missing = mismatched.get("missing") or []
        return f"missing columns {missing}" if missing else str(mismatched)
    if "observed_value" in result:
        return _format_value(result["observed_value"])
    return ""


# Adds columns that name a row (e.g. the raw file and line behind a deal) to offending rows
Annotate = Callable[[list[dict]], list[dict]]


def _run(batch: Any, expectations: list[Expectation], result_format: dict) -> dict[int, Any]:
    import great_expectations as gx

    suite = gx.ExpectationSuite(name="suite")
    for expectation in expectations:
        suite.add_expectation(expectation)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GX deprecation chatter; results carry the real problems
        validation = batch.validate(suite, result_format=result_format)
    return {r.expectation_config.meta["position"]: r for r in validation.results}


def _ordered_sql(sql: str, columns: Sequence[str]) -> str:
    keys = ", ".join(f'"{c}"' for c in columns)
    return f"select * from ({sql}) as rows order by {keys or 'all'}"


def validate(
    suite_name: str,
    rows: Rows,
    expectations: list[Expectation],
    key_columns: Sequence[str] = (),
    annotate: Annotate | None = None,
) -> SuiteResult:
    """Validate `rows` against `expectations`; failures name offending rows by `key_columns` (and
    by the columns `annotate` adds).

    Two passes: every expectation first asks for its verdict only, which GX answers with one
    aggregate query per domain; the few that failed run again for their counts and offending rows
    (SUMMARY: at most five rows each; a query expectation's rows need COMPLETE)."""
    # GX reports results in its own order and ephemeral suites give no ids: number them in `meta`.
    numbered = [e.copy(update={"meta": {**(e.meta or {}), "position": i}}) for i, e in enumerate(_unique(expectations))]
    verdicts = _run(rows.batch, numbered, {"result_format": "BOOLEAN_ONLY"}) if numbered else {}
    failed = [e for e in numbered if not verdicts[e.meta["position"]].success
              and not _exception(verdicts[e.meta["position"]].exception_info)]
    index_columns = [c for c in key_columns if c in rows.columns]
    summary: dict = {"result_format": "SUMMARY", "partial_unexpected_count": MAX_EXAMPLES}
    if index_columns:
        summary["unexpected_index_column_names"] = index_columns
    details: dict[int, Any] = {}
    # the failed ones again, on the rows in key order: the same offending rows quoted in every run
    batch = rows.ordered(index_columns) if failed and rows.ordered else rows.batch
    for group, result_format in (([e for e in failed if not _is_query_expectation(e)], summary),
                                 ([e for e in failed if _is_query_expectation(e)], {"result_format": "COMPLETE"})):
        if group:
            details.update(_run(batch, group, result_format))
    outcomes = [_outcome(e, details.get(e.meta["position"]) or verdicts[e.meta["position"]], key_columns, annotate)
                for e in numbered]
    return SuiteResult(suite=suite_name, outcomes=outcomes, row_count=rows.count())


def _outcome(expectation: Expectation, r: Any, key_columns: Sequence[str], annotate: Annotate | None,
             ) -> ExpectationOutcome:
    severity = CRITICAL if str(getattr(expectation.severity, "value", expectation.severity)) == CRITICAL else WARNING
    error = _exception(r.exception_info)
    if error:
        return ExpectationOutcome(describe(expectation), severity, False, observed=f"error: {error}")
    if r.success:
        return ExpectationOutcome(describe(expectation), severity, True)
    if _is_query_expectation(expectation):
        items = [dict(row) for row in ((r.result.get("details") or {}).get("unexpected_rows") or [])[:MAX_EXAMPLES]]
        examples = _examples(annotate(items) if annotate and items else items, expectation.meta.get("column"),
                             key_columns)
        return ExpectationOutcome(describe(expectation), severity, False,
                                  unexpected_count=r.result.get("observed_value"), examples=examples)
    items = [dict(item) for item in r.result.get("partial_unexpected_index_list") or []]
    examples = _examples(annotate(items) if annotate and items else items,
                         expectation.configuration.kwargs.get("column"), key_columns)
    if not examples:
        examples = _value_examples(r.result.get("partial_unexpected_list") or [])
    return ExpectationOutcome(
        description=describe(expectation), severity=severity, success=False,
        unexpected_count=r.result.get("unexpected_count"), observed=_observed(r.result), examples=examples,
    )
