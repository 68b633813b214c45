"""Expectation suites, as code, for every published table: schema and types, keys, ranges, allowed
values and references to other tables.

Each suite is built from three layers:
  1. the contract (contract.py): required columns, their kinds, the grain's key columns;
  2. rules by column name, so a new mart gets sensible checks without code (`*_share` in [0, 1],
     amounts and counts ≥ 0, `*_pp` within ±100, `*_pct` ≥ −100);
  3. rules specific to one table (below), e.g. "a counted deal is an AI deal".

Every expectation here is `critical` (a failure means a wrong number, so it blocks publishing)
unless it says `severity=WARNING`. Descriptions are written for the analyst reading the check.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.expectations.row_conditions import Column

from pipeline.quality.contract import (
    AMOUNT_STATUSES,
    COUNTRY_GROUPS,
    KIND_WORDS,
    PUBLISHED_TABLES,
    SEGMENTS,
    STAGE_GROUPS,
    TYPES_BY_KIND,
)
from pipeline.quality.gx_runner import SuiteResult, validate
from pipeline.quality.tables import TableReader

Expectations = list[gxe.Expectation]

# Period types of the period-based marts: the spec's three plus "since" (Jan 1 of an earlier year
# to the as-of date, the report's "2024年以来").
PERIOD_TYPES = ["year", "quarter", "ytd", "since"]


# ---------------------------------------------------------------------------------------------
# Layer 1 and 2: contract and column-name rules (any table)


def schema_expectations(table: str) -> Expectations:
    """The contract's columns exist (validated on the table's frame)."""
    contract = PUBLISHED_TABLES.get(table)
    if contract is None:
        return []
    return [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=list(contract.columns), exact_match=False,
            description=f"has every column of the published contract ({', '.join(contract.columns)})",
        )
    ]


def type_expectations(table: str, column_types: pd.DataFrame) -> Expectations:
    """Each contract column has a DuckDB type of its kind (validated on the table's catalog rows:
    column_name, data_type), so "amount_cny is a number" fails when it arrives as VARCHAR."""
    contract = PUBLISHED_TABLES.get(table)
    if contract is None:
        return []
    present = set(column_types["column_name"])
    return [
        gxe.ExpectColumnValuesToMatchRegex(
            column="data_type", regex=TYPES_BY_KIND[kind], row_condition=Column("column_name") == column,
            description=f"{column} is {KIND_WORDS[kind]}",
        )
        for column, kind in contract.columns.items()
        if kind != "any" and column in present
    ]


def key_expectations(table: str, key: tuple[str, ...]) -> Expectations:
    """The grain's key columns are never null and identify one row."""
    expectations: Expectations = [
        gxe.ExpectColumnValuesToNotBeNull(column=c, description=f"{c} is never null") for c in key
    ]
    if len(key) == 1:
        expectations.append(gxe.ExpectColumnValuesToBeUnique(column=key[0], description=f"{key[0]} is unique"))
    elif key:
        expectations.append(
            gxe.ExpectCompoundColumnsToBeUnique(
                column_list=list(key), description=f"one row per ({', '.join(key)})"
            )
        )
    return expectations


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _is_date(series: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(series)


def range_expectations(frame: pd.DataFrame) -> Expectations:
    """Ranges inferred from column names, for numeric columns only (a text column already fails
    its type expectation)."""
    expectations: Expectations = []
    for column in frame.columns:
        if not _is_numeric(frame[column]):
            continue
        name = column.lower()
        if name.endswith("_share") or name == "share":
            expectations.append(gxe.ExpectColumnValuesToBeBetween(
                column=column, min_value=0, max_value=1, description=f"{column} is a fraction in [0, 1]"))
        elif name.endswith("_pp"):
            expectations.append(gxe.ExpectColumnValuesToBeBetween(
                column=column, min_value=-100, max_value=100,
                description=f"{column} (percentage points) is within ±100"))
        elif name.endswith("_pct") and "difference" not in name:
            expectations.append(gxe.ExpectColumnValuesToBeBetween(
                column=column, min_value=-100,
                description=f"{column} (percent change) is not below −100 %"))
        elif "change" in name or "difference" in name:
            continue  # changes and differences may be negative
        elif re.search(r"(amount|_cny$|_usd$|valuation)", name) or re.search(r"(count|^deals_|unicorns$|_ratio$|^top_n$)", name):
            expectations.append(gxe.ExpectColumnValuesToBeBetween(
                column=column, min_value=0, description=f"{column} is never negative"))
    return expectations


def not_in_future(column: str, today: pd.Timestamp) -> gxe.Expectation:
    return gxe.ExpectColumnValuesToBeBetween(
        column=column, max_value=today, description=f"{column} is not in the future (≤ {today.date()})"
    )


def in_set(column: str, values: list, what: str = "") -> gxe.Expectation:
    return gxe.ExpectColumnValuesToBeInSet(
        column=column, value_set=values, description=f"{column} is one of {', '.join(map(str, values))}{what}"
    )


def references(frame: pd.DataFrame, column: str, parent_values: list, parent: str) -> tuple[pd.DataFrame, gxe.Expectation]:
    """Every non-null `column` value exists among `parent_values`. The lookup is done in pandas (a
    GX value set of thousands of keys is slow); the frame gets a helper column holding the values
    that are missing, so a failure shows them."""
    helper = f"orphan_{column}"
    missing = frame[column].notna() & ~frame[column].isin(set(parent_values))
    frame = frame.assign(**{helper: frame[column].where(missing)})
    return frame, gxe.ExpectColumnValuesToBeNull(column=helper, description=f"every {column} exists in {parent}")


def not_null(*columns: str) -> Expectations:
    return [gxe.ExpectColumnValuesToNotBeNull(column=c, description=f"{c} is never null") for c in columns]


# ---------------------------------------------------------------------------------------------
# Layer 3: rules of one table. Each returns (frame to validate, extra expectations); the frame may
# carry helper columns derived from the table (named `_...`).

TableRules = Callable[[TableReader, pd.DataFrame], tuple[pd.DataFrame, Expectations]]


def _fct_deals(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    today = pd.Timestamp(reader.today)
    frame = frame.assign(_announced_year=frame["announced_date"].dt.year.astype("Int64"))
    exp = not_null("company_id", "company_name", "announced_date", "year", "country_group", "round_type",
                   "stage_group", "is_ai", "is_counted", "amount_status", "is_mega", "source_count")
    exp += [
        not_in_future("announced_date", today),
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="year", column_B="_announced_year", description="year is the year of announced_date"),
        in_set("country_group", COUNTRY_GROUPS),
        in_set("stage_group", STAGE_GROUPS),
        in_set("amount_status", AMOUNT_STATUSES),
        gxe.ExpectColumnValuesToMatchRegex(
            column="country_code", regex=r"^[A-Z]{2}$", description="country_code is ISO alpha-2 (two capitals)"),
        gxe.ExpectColumnValuesToMatchRegex(
            column="currency", regex=r"^[A-Z]{3}$", description="currency is an ISO code (three capitals)"),
        gxe.ExpectColumnValuesToNotBeNull(
            column="amount_cny", row_condition=Column("amount_status").is_in(["exact", "estimated"]),
            description="a deal with an exact or estimated amount has amount_cny"),
        gxe.ExpectColumnValuesToBeInSet(
            column="is_ai", value_set=[True], row_condition=Column("is_counted") == True,  # noqa: E712
            description="a counted deal is an AI deal (is_counted ⇒ is_ai)"),
        gxe.ExpectColumnValuesToNotBeNull(
            column="segment", row_condition=Column("is_ai") == True,  # noqa: E712
            description="every AI deal has a segment"),
        gxe.ExpectColumnValuesToNotBeNull(
            column="sub_segment", row_condition=Column("is_ai") == True,  # noqa: E712
            description="every AI deal has a sub-segment"),
        in_set("segment", SEGMENTS),
        gxe.ExpectColumnValuesToBeBetween(
            column="source_count", min_value=1, description="every deal has at least one source record"),
    ]
    if reader.has("dim_companies"):
        frame, expectation = references(frame, "company_id", reader.distinct_values("dim_companies", "company_id"),
                                        "dim_companies")
        exp.append(expectation)
    if reader.has("fct_deal_sources"):
        frame = frame.assign(source_line=frame["deal_id"].map(_source_lines(reader)))
        traced = frame["deal_id"].isin(set(reader.distinct_values("fct_deal_sources", "deal_id")))
        frame = frame.assign(untraced_deal_id=frame["deal_id"].where(~traced))
        exp.append(gxe.ExpectColumnValuesToBeNull(
            column="untraced_deal_id", description="every deal traces back to a raw record in fct_deal_sources"))
    return frame, exp


def _source_lines(reader: TableReader) -> dict[str, str]:
    """deal_id -> 'file:row' of its anchor record (else its first line), so a failure on fct_deals
    leads back to the raw file and line."""
    sources = reader.frame("fct_deal_sources")
    if not {"deal_id", "source_file"} <= set(sources.columns):
        return {}
    where = "source_row" if "source_row" in sources.columns else "source_record_key"
    order = [c for c in ("is_anchor_record", "source_file", where) if c in sources.columns]
    first = sources.sort_values(["deal_id", *order], ascending=[True, *(c != "is_anchor_record" for c in order)])
    first = first.drop_duplicates("deal_id")
    line = first[where].astype("Int64") if where == "source_row" else first[where]
    return dict(zip(first["deal_id"], first["source_file"].astype(str) + ":" + line.astype(str)))


# Columns that name an offending row in a failure message besides the table's key: where it came
# from in the raw files (fct_deals gets `source_line` from fct_deal_sources).
TRACE_COLUMNS = ("source_line", "source_file", "source_row")


def _fct_deal_sources(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    # One raw record (source, record key) may appear in several overlapping export files, but it
    # must feed one deal only: otherwise the same money is counted twice.
    deals_per_record = frame.groupby(["source", "source_record_key"], dropna=False)["deal_id"].transform("nunique")
    frame = frame.assign(_deals_per_record=deals_per_record)
    exp = not_null("deal_id", "source", "source_file", "source_record_key")
    exp.append(gxe.ExpectColumnValuesToBeBetween(
        column="_deals_per_record", max_value=1,
        description="a raw record feeds one deal only (no double counting)"))
    if reader.has("fct_deals"):
        frame, expectation = references(frame, "deal_id", reader.distinct_values("fct_deals", "deal_id"), "fct_deals")
        exp.append(expectation)
    return frame, exp


def _dim_companies(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    exp = not_null("company_name", "country_group", "is_ai")
    exp += [
        in_set("country_group", COUNTRY_GROUPS),
        in_set("segment", SEGMENTS),
        not_in_future("unicorn_joined_date", pd.Timestamp(reader.today)),
        gxe.ExpectColumnValuesToMatchRegex(
            column="country_code", regex=r"^[A-Z]{2}$", description="country_code is ISO alpha-2 (two capitals)"),
    ]
    return frame, exp


def _mart_funding_yearly(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [
        *not_null("deal_count", "amount_cny"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="deal_count", column_B="mega_deal_count", or_equal=True,
            description="mega deals are a subset of the year's deals"),
    ]


def _mart_funding_monthly(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [
        *not_null("deal_count", "amount_cny", "ytd_amount_cny"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="ytd_amount_cny", column_B="amount_cny", or_equal=True,
            description="the year-to-date amount includes the month's amount"),
    ]


def _mart_stage_structure(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [in_set("stage_group", STAGE_GROUPS), *not_null("deal_count", "amount_cny")]


def _mart_country_comparison(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [in_set("country_group", COUNTRY_GROUPS), *not_null("deal_count", "amount_cny")]


def _mart_segment_share(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [
        in_set("period_type", PERIOD_TYPES),
        in_set("country_group", COUNTRY_GROUPS + ["all"]),
        in_set("segment", SEGMENTS + ["all"]),
        *not_null("deal_count", "amount_cny"),
    ]


def _mart_unicorns(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [
        in_set("country_group", COUNTRY_GROUPS + ["all"]),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="new_unicorns", column_B="new_ai_unicorns", or_equal=True,
            description="new AI unicorns are a subset of all new unicorns"),
    ]


def _mart_top_unicorn_funding(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [in_set("country_group", COUNTRY_GROUPS + ["all"]),
                   gxe.ExpectColumnValuesToBeBetween(column="top_n", min_value=1, description="top_n is at least 1")]


def _mart_state_capital(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [
        in_set("segment", SEGMENTS + ["all"]),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="deal_count", column_B="deals_with_state_capital", or_equal=True,
            description="deals with state capital are a subset of the deals"),
    ]


def _mart_period_to_date(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [
        in_set("country_group", COUNTRY_GROUPS + ["all"]),
        in_set("segment", SEGMENTS + ["all"]),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="as_of_date", column_B="window_start", or_equal=True,
            description="a window starts on or before its as-of date"),
    ]


def _mart_report_figures(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [
        gxe.ExpectColumnValuesToMatchRegex(
            column="figure_id", regex=r"^R\d+[a-z]?$", description="figure_id names a report figure (R1 … R24, parts lettered: R2a)"),
        *not_null("description", "unit"),
    ]


def _audit_quarantine(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    return frame, [
        *not_null("source", "source_file", "reason"),
        gxe.ExpectColumnValuesToBeBetween(
            column="source_row", min_value=2, description="source_row is a data row of the file (header = row 1)"),
    ]


def _audit_source_rows(reader: TableReader, frame: pd.DataFrame) -> tuple[pd.DataFrame, Expectations]:
    frame = frame.assign(_staged_plus_quarantined=frame["rows_staged"] + frame["rows_quarantined"])
    return frame, [
        *not_null("raw_table", "rows_in", "rows_staged", "rows_quarantined"),
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="rows_in", column_B="_staged_plus_quarantined",
            description="every raw row is staged or quarantined (rows_in = rows_staged + rows_quarantined)"),
    ]


TABLE_RULES: dict[str, TableRules] = {
    "fct_deals": _fct_deals,
    "fct_deal_sources": _fct_deal_sources,
    "dim_companies": _dim_companies,
    "mart_funding_yearly": _mart_funding_yearly,
    "mart_funding_monthly": _mart_funding_monthly,
    "mart_stage_structure": _mart_stage_structure,
    "mart_country_comparison": _mart_country_comparison,
    "mart_segment_share": _mart_segment_share,
    "mart_unicorns": _mart_unicorns,
    "mart_top_unicorn_funding": _mart_top_unicorn_funding,
    "mart_state_capital": _mart_state_capital,
    "mart_period_to_date": _mart_period_to_date,
    "mart_report_figures": _mart_report_figures,
    "audit_quarantine": _audit_quarantine,
    "audit_source_rows": _audit_source_rows,
}


def _applicable(expectations: Expectations, frame: pd.DataFrame) -> Expectations:
    """Drop column expectations on columns the table lacks (the schema expectation reports those)."""
    kept = []
    for e in expectations:
        kwargs = e.configuration.kwargs
        columns = [kwargs.get("column"), kwargs.get("column_A"), kwargs.get("column_B"), *(kwargs.get("column_list") or [])]
        if all(c is None or c in frame.columns for c in columns):
            kept.append(e)
    return kept


def table_suite(reader: TableReader, table: str) -> tuple[pd.DataFrame, Expectations, tuple[str, ...]]:
    """The frame, the expectations and the key columns (to name failing rows) for one table."""
    frame = reader.frame(table)
    contract = PUBLISHED_TABLES.get(table)
    key = contract.key if contract else ()
    expectations = schema_expectations(table) + key_expectations(table, key) + range_expectations(frame)
    rules = TABLE_RULES.get(table)
    if rules:
        frame, extra = rules(reader, frame)
        expectations += extra
    return frame, _applicable(expectations, frame), key


def validate_table(reader: TableReader, table: str) -> SuiteResult:
    """Run the table's suite (types on its catalog rows, the rest on its rows) as one result; a
    missing table is a failure that says so."""
    if not reader.has(table):
        return SuiteResult(suite=table, error=f"table {table} does not exist")
    column_types = reader.column_types(table)
    types = validate(f"{table} types", column_types, type_expectations(table, column_types),
                     key_columns=["column_name"])
    frame, expectations, key = table_suite(reader, table)
    names = [*key, *(c for c in TRACE_COLUMNS if c in frame.columns and c not in key)]
    result = validate(table, frame, expectations, key_columns=names)
    result.outcomes = types.outcomes + result.outcomes
    return result
