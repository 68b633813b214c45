"""The staged deals suite: every source record that feeds a deal (int_deal_records_collapsed: one row per
(source, record key), typed, converted to CNY and USD, quarantined rows already removed).

A bad value that slipped past staging (a negative amount, a date in the future, an unknown stage)
is caught here, before deduplication spreads it into the marts. All expectations are critical.

Each invariant is checked once: dbt tests own a model's own invariants, so what the model's YAML
already tests (record_id unique and not null; source, company_id, announced_date, stage_group and
amount_status not null; company_id in int_companies_merged) is not repeated here. record_id still names
the offending rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.quality.contract import AMOUNT_STATUSES, STAGE_GROUPS
from pipeline.quality.gx_runner import SuiteResult, columns_of, conditions, gxe, validate
from pipeline.quality.suites import in_set, matches_regex, not_in_future, not_null
from pipeline.quality.tables import TableReader

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation


@dataclass(frozen=True)
class StagedSuite:
    name: str
    model: str
    key: tuple[str, ...]
    description: str


STAGED_SUITES = [
    StagedSuite(
        name="gx_expectations",
        model="int_deal_records_collapsed",
        key=("record_id",),
        description="Great Expectations suite of the staged deal records (every source record that "
        "feeds a deal): one row per (source, record key), provenance present, amounts ≥ 0 and "
        "converted where known, dates not in the future, known stage groups and amount statuses.",
    ),
]


def _expectations(today: dt.date) -> list[Expectation]:
    return [
        *not_null("source_file", "source_row", "source_record_key", "round_type", "is_counted_round"),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=["source", "source_record_key"],
            description="one record per (source, source_record_key): overlapping exports counted once"),
        not_in_future("announced_date", today),
        gxe.ExpectColumnValuesToBeBetween(
            column="announced_date", min_value=dt.date(1990, 1, 1),
            description="announced_date is not before 1990 (an unparsed or mistyped year)"),
        in_set("stage_group", STAGE_GROUPS),
        in_set("amount_status", AMOUNT_STATUSES),
        gxe.ExpectColumnValuesToBeBetween(column="amount_original", min_value=0,
                                          description="amount_original is never negative"),
        gxe.ExpectColumnValuesToBeBetween(column="amount_cny", min_value=0,
                                          description="amount_cny is never negative"),
        gxe.ExpectColumnValuesToBeBetween(column="amount_usd", min_value=0,
                                          description="amount_usd is never negative"),
        gxe.ExpectColumnValuesToNotBeNull(
            column="amount_cny", row_condition=conditions.Column("amount_status").is_in(["exact", "estimated"]),
            description="a record with an exact or estimated amount has amount_cny (it was converted)"),
        matches_regex("currency", r"^[A-Z]{3}$", "currency is an ISO code (three capitals)"),
        gxe.ExpectColumnValuesToBeBetween(column="copy_count", min_value=1,
                                          description="copy_count (raw rows carrying the record) is at least 1"),
    ]


def expectations_for(reader: TableReader, suite: StagedSuite) -> list[Expectation]:
    columns = set(reader.column_types(suite.model)["column_name"])
    return [e for e in _expectations(reader.today) if set(columns_of(e)) <= columns]


def validate_staged(reader: TableReader, suite: StagedSuite) -> SuiteResult:
    if not reader.has(suite.model):
        return SuiteResult(suite=suite.model, error=f"model {suite.model} does not exist")
    return validate(suite.model, reader.table_rows(suite.model), expectations_for(reader, suite),
                    key_columns=[*suite.key, "source_file", "source_row"])
