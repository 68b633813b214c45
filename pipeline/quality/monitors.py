"""Warnings: signs that something may be off, which do not stop a publish.

- volume: a table's row count moved more than ±50 % (configurable) against the version analysts
  are reading now (published.duckdb); a first publish has nothing to compare with and passes;
- freshness: the latest deal is older than a configurable number of days;
- cn_export control totals: companies whose own 融资总额 differs from the sum of their rounds.

All are GX expectations with `severity=warning`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from pipeline.quality.gx_runner import WARNING, SuiteResult, gxe, validate, values_query
from pipeline.quality.tables import TableReader


@dataclass(frozen=True)
class MonitorSettings:
    freshness_max_age_days: int = 120
    volume_max_change: float = 0.5  # ±50 %


def validate_volume(
    reader: TableReader, table: str, rows_now: int, rows_published: int | None, max_change: float = 0.5
) -> SuiteResult:
    """Row count against the published version: outside [1 − max_change, 1 + max_change] × the
    published count is a warning."""
    suite = f"{table} volume"
    if rows_published is None:
        return SuiteResult(suite=suite, row_count=rows_now, note="no published version to compare with yet")
    frame = pd.DataFrame(
        {"table": [table], "rows_now": [rows_now], "rows_published": [rows_published]}
    )
    frame["rows_change"] = (
        (frame["rows_now"] - frame["rows_published"]) / frame["rows_published"]
        if rows_published
        else (0.0 if rows_now == 0 else float("inf"))
    )
    expectation = gxe.ExpectColumnValuesToBeBetween(
        column="rows_change",
        min_value=-max_change,
        max_value=max_change,
        severity=WARNING,
        description=f"row count within ±{max_change:.0%} of the published version ({rows_published} rows)",
    )
    return validate(suite, reader.query_rows(values_query(frame)), [expectation],
                    key_columns=["table", "rows_now", "rows_published"])


def validate_freshness(reader: TableReader, max_age_days: int) -> SuiteResult:
    """The latest announced deal is at most `max_age_days` old (relative to today)."""
    oldest_allowed = reader.today - dt.timedelta(days=max_age_days)
    latest = reader.con.execute(f"select max(announced_date) from {reader.qualified('fct_deals')}").fetchone()[0]
    expectation = gxe.ExpectColumnMaxToBeBetween(
        column="announced_date",
        min_value=oldest_allowed,
        severity=WARNING,
        description=(
            f"the latest deal is at most {max_age_days} days old (announced on or after "
            f"{oldest_allowed}; latest is {latest if latest is not None else 'none'})"
        ),
    )
    return validate("fct_deals freshness", reader.table_rows("fct_deals"), [expectation])


def validate_documented(reader: TableReader, table: str) -> SuiteResult:
    """The table and every column carry a description (dbt persist_docs → COMMENT ON)."""
    comments = f"select object, nullif(trim(comment), '') as comment from ({reader.comments_sql(table)})"
    expectation = gxe.ExpectColumnValuesToNotBeNull(
        column="comment", severity=WARNING,
        description="the table and each column have a description (add it to the model's .yml)",
    )
    return validate(f"{table} documentation", reader.query_rows(comments), [expectation], key_columns=["object"])


# The cn_export control totals: dbt's audit_control_total_mismatches lists the companies whose own
# 融资总额 differs from the pipeline's sum of their rounds beyond var control_total_tolerance.
CONTROL_TOTALS_MODEL = "audit_control_total_mismatches"
CONTROL_TOTALS_READS = (CONTROL_TOTALS_MODEL,)


def validate_control_totals(reader: TableReader) -> SuiteResult:
    """A warning listing every mismatching company (the mart holds only mismatches)."""
    mismatches = f"select *, false as within_tolerance from {reader.qualified(CONTROL_TOTALS_MODEL)}"
    expectation = gxe.ExpectColumnValuesToBeInSet(
        column="within_tolerance", value_set=[True], severity=WARNING,
        description="each cn_export company's 融资总额 equals the sum of its rounds "
        "(within dbt var control_total_tolerance)",
    )
    result = validate("cn_export control totals", reader.query_rows(mismatches), [expectation],
                      key_columns=["company_name", "export_total_cny", "pipeline_total_cny"])
    result.details = reader.frame(CONTROL_TOTALS_MODEL)  # the list itself: one row per mismatching company
    return result
