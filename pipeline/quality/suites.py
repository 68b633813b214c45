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

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from pipeline.quality.contract import (
    AMOUNT_STATUSES,
    COUNTRY_GROUPS,
    KIND_WORDS,
    PERIOD_TYPES,
    PUBLISHED_TABLES,
    SEGMENTS,
    STAGE_GROUPS,
    TYPES_BY_KIND,
)
from pipeline.quality.gx_runner import (
    SuiteResult,
    columns_of,
    conditions,
    gxe,
    sql_string,
    unexpected_rows,
    validate,
)
from pipeline.quality.tables import TableReader

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

Expectations = list["Expectation"]


# ---------------------------------------------------------------------------------------------
# Layer 1 and 2: contract and column-name rules (any table)


def schema_expectations(table: str) -> Expectations:
    """The contract's columns exist (validated on the table)."""
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
        matches_regex("data_type", TYPES_BY_KIND[kind], f"{column} is {KIND_WORDS[kind]}",
                      where=f"column_name = {sql_string(column)}")
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


def _is_numeric(data_type: str) -> bool:
    return re.match(TYPES_BY_KIND["number"], data_type) is not None


def range_expectations(column_types: pd.DataFrame) -> Expectations:
    """Ranges inferred from column names, for numeric columns only (a text column already fails
    its type expectation)."""
    expectations: Expectations = []
    for column, data_type in zip(column_types["column_name"], column_types["data_type"]):
        if not _is_numeric(data_type):
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


def not_in_future(column: str, today: dt.date) -> Expectation:
    return gxe.ExpectColumnValuesToBeBetween(
        column=column, max_value=today, description=f"{column} is not in the future (≤ {today})"
    )


def in_set(column: str, values: list, what: str = "") -> Expectation:
    return gxe.ExpectColumnValuesToBeInSet(
        column=column, value_set=values, description=f"{column} is one of {', '.join(map(str, values))}{what}"
    )


def matches_regex(column: str, regex: str, description: str, where: str = "true") -> Expectation:
    """Every non-null `column` value (of the rows `where` selects) contains a match of `regex`.
    GX has no regex on DuckDB's dialect: the rows that do not match are found by DuckDB's own
    regexp_matches (RE2, a search like GX's)."""
    pattern = sql_string(regex).replace("{", "{{").replace("}", "}}")  # GX formats the query
    return unexpected_rows(
        f'select * from {{batch}} where ({where}) and "{column}" is not null '
        f'and not regexp_matches("{column}", {pattern})',
        description, column=column,
    )


def references(reader: TableReader, column: str, parent: str, parent_column: str | None = None) -> Expectation:
    """Every non-null `column` value exists in `parent`; a failure shows the missing values (as
    `orphan_<column>`)."""
    parent_column = parent_column or column
    return unexpected_rows(
        f'select *, "{column}" as "orphan_{column}" from {{batch}} where "{column}" is not null and "{column}" not in '
        f'(select "{parent_column}" from {reader.qualified(parent)} where "{parent_column}" is not null)',
        f"every {column} exists in {parent}", column=f"orphan_{column}", columns=[column],
    )


def not_null(*columns: str) -> Expectations:
    return [gxe.ExpectColumnValuesToNotBeNull(column=c, description=f"{c} is never null") for c in columns]


# ---------------------------------------------------------------------------------------------
# Layer 3: rules of one table. Each returns extra expectations; those that need more than one
# column of a row, or another table, are SQL queries over the table (`unexpected_rows`).

TableRules = Callable[[TableReader], Expectations]


def _fct_deals(reader: TableReader) -> Expectations:
    exp = not_null("company_id", "company_name", "announced_date", "year", "country_group", "round_type",
                   "stage_group", "is_ai", "is_counted", "amount_status", "is_mega", "source_count")
    exp += [
        not_in_future("announced_date", reader.today),
        unexpected_rows(
            "select * from {batch} where not (year is null and announced_date is null) "
            "and year is distinct from year(announced_date)",
            "year is the year of announced_date", columns=["year", "announced_date"]),
        in_set("country_group", COUNTRY_GROUPS),
        in_set("stage_group", STAGE_GROUPS),
        in_set("amount_status", AMOUNT_STATUSES),
        matches_regex("country_code", r"^[A-Z]{2}$", "country_code is ISO alpha-2 (two capitals)"),
        matches_regex("currency", r"^[A-Z]{3}$", "currency is an ISO code (three capitals)"),
        gxe.ExpectColumnValuesToNotBeNull(
            column="amount_cny", row_condition=conditions.Column("amount_status").is_in(["exact", "estimated"]),
            description="a deal with an exact or estimated amount has amount_cny"),
        gxe.ExpectColumnValuesToBeInSet(
            column="is_ai", value_set=[True], row_condition=conditions.Column("is_counted") == True,  # noqa: E712
            description="a counted deal is an AI deal (is_counted ⇒ is_ai)"),
        gxe.ExpectColumnValuesToNotBeNull(
            column="segment", row_condition=conditions.Column("is_ai") == True,  # noqa: E712
            description="every AI deal has a segment"),
        gxe.ExpectColumnValuesToNotBeNull(
            column="sub_segment", row_condition=conditions.Column("is_ai") == True,  # noqa: E712
            description="every AI deal has a sub-segment"),
        in_set("segment", SEGMENTS),
        gxe.ExpectColumnValuesToBeBetween(
            column="source_count", min_value=1, description="every deal has at least one source record"),
    ]
    if reader.has("dim_companies"):
        exp.append(references(reader, "company_id", "dim_companies"))
    if reader.has("fct_deal_sources"):
        exp.append(unexpected_rows(
            'select *, deal_id as untraced_deal_id from {batch} where deal_id is not null and deal_id not in '
            f'(select deal_id from {reader.qualified("fct_deal_sources")} where deal_id is not null)',
            "every deal traces back to a raw record in fct_deal_sources",
            column="untraced_deal_id", columns=["deal_id"]))
    return exp


def _source_lines(reader: TableReader) -> Callable[[list[dict]], list[dict]] | None:
    """Adds `source_line` to offending fct_deals rows: 'file:row' of the deal's anchor record (else
    its first line) in fct_deal_sources, so a failure on fct_deals leads back to the raw file and
    line. Looked up for the few rows a failure quotes."""
    if not reader.has("fct_deal_sources"):
        return None
    columns = set(reader.column_types("fct_deal_sources")["column_name"])
    if not {"deal_id", "source_file"} <= columns:
        return None
    where = "source_row" if "source_row" in columns else "source_record_key"
    order = ", ".join([*(["is_anchor_record desc"] if "is_anchor_record" in columns else []), "source_file", where])
    sql = (f"select deal_id, source_file || ':' || {where} as source_line "
           f"from {reader.qualified('fct_deal_sources')} where deal_id in (select unnest($1)) "
           f"qualify row_number() over (partition by deal_id order by {order}) = 1")

    def annotate(rows: list[dict]) -> list[dict]:
        ids = sorted({r["deal_id"] for r in rows if r.get("deal_id") is not None})
        lines = dict(reader.con.execute(sql, [ids]).fetchall()) if ids else {}
        return [{"deal_id": r.get("deal_id"), "source_line": lines.get(r.get("deal_id")), **r} for r in rows]

    return annotate


# Columns that name an offending row in a failure message besides the table's key: where it came
# from in the raw files (fct_deals gets `source_line` from fct_deal_sources).
TRACE_COLUMNS = ("source_line", "source_file", "source_row")


def _fct_deal_sources(reader: TableReader) -> Expectations:
    # One raw record (source, record key) may appear in several overlapping export files, but it
    # must feed one deal only: otherwise the same money is counted twice.
    exp = not_null("deal_id", "source", "source_file", "source_record_key")
    exp.append(unexpected_rows(
        "select s.*, r._deals_per_record from {batch} as s join ("
        "select source, source_record_key, count(distinct deal_id) as _deals_per_record from {batch} "
        "group by all having count(distinct deal_id) > 1) as r "
        "on s.source is not distinct from r.source and s.source_record_key is not distinct from r.source_record_key",
        "a raw record feeds one deal only (no double counting)",
        column="_deals_per_record", columns=["deal_id", "source", "source_record_key"]))
    if reader.has("fct_deals"):
        exp.append(references(reader, "deal_id", "fct_deals"))
    return exp


def _dim_companies(reader: TableReader) -> Expectations:
    exp = not_null("company_name", "country_group", "is_ai")
    exp += [
        in_set("country_group", COUNTRY_GROUPS),
        in_set("segment", SEGMENTS),
        not_in_future("unicorn_joined_date", reader.today),
        matches_regex("country_code", r"^[A-Z]{2}$", "country_code is ISO alpha-2 (two capitals)"),
    ]
    return exp


def _mart_funding_yearly(reader: TableReader) -> Expectations:
    return [
        *not_null("deal_count", "amount_cny"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="deal_count", column_B="mega_deal_count", or_equal=True,
            description="mega deals are a subset of the year's deals"),
    ]


def _mart_funding_monthly(reader: TableReader) -> Expectations:
    return [
        *not_null("deal_count", "amount_cny", "ytd_amount_cny"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="ytd_amount_cny", column_B="amount_cny", or_equal=True,
            description="the year-to-date amount includes the month's amount"),
    ]


def _mart_stage_structure(reader: TableReader) -> Expectations:
    return [in_set("stage_group", STAGE_GROUPS), *not_null("deal_count", "amount_cny")]


def _mart_country_comparison(reader: TableReader) -> Expectations:
    return [in_set("country_group", COUNTRY_GROUPS), *not_null("deal_count", "amount_cny")]


def _mart_segment_share(reader: TableReader) -> Expectations:
    return [
        in_set("period_type", PERIOD_TYPES),
        in_set("country_group", COUNTRY_GROUPS + ["all"]),
        in_set("segment", SEGMENTS + ["all"]),
        *not_null("deal_count", "amount_cny"),
    ]


def _mart_unicorns(reader: TableReader) -> Expectations:
    return [
        in_set("country_group", COUNTRY_GROUPS + ["all"]),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="new_unicorns", column_B="new_ai_unicorns", or_equal=True,
            description="new AI unicorns are a subset of all new unicorns"),
    ]


def _mart_top_unicorn_funding(reader: TableReader) -> Expectations:
    return [in_set("country_group", COUNTRY_GROUPS + ["all"]),
            gxe.ExpectColumnValuesToBeBetween(column="top_n", min_value=1, description="top_n is at least 1")]


def _mart_state_capital(reader: TableReader) -> Expectations:
    return [
        in_set("segment", SEGMENTS + ["all"]),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="deal_count", column_B="deals_with_state_capital", or_equal=True,
            description="deals with state capital are a subset of the deals"),
    ]


def _mart_period_to_date(reader: TableReader) -> Expectations:
    return [
        in_set("country_group", COUNTRY_GROUPS + ["all"]),
        in_set("segment", SEGMENTS + ["all"]),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="as_of_date", column_B="window_start", or_equal=True,
            description="a window starts on or before its as-of date"),
    ]


def _mart_report_figures(reader: TableReader) -> Expectations:
    return [
        matches_regex("figure_id", r"^R\d+[a-z]?$",
                      "figure_id names a report figure (R1 … R24, parts lettered: R2a)"),
        *not_null("description", "unit"),
    ]


def _audit_quarantine(reader: TableReader) -> Expectations:
    return [
        *not_null("source", "source_file", "reason"),
        gxe.ExpectColumnValuesToBeBetween(
            column="source_row", min_value=2, description="source_row is a data row of the file (header = row 1)"),
    ]


def _audit_source_rows(reader: TableReader) -> Expectations:
    return [
        *not_null("raw_table", "rows_in", "rows_staged", "rows_quarantined"),
        unexpected_rows(
            "select * from {batch} where not (rows_in is null and rows_staged + rows_quarantined is null) "
            "and rows_in is distinct from rows_staged + rows_quarantined",
            "every raw row is staged or quarantined (rows_in = rows_staged + rows_quarantined)",
            columns=["rows_in", "rows_staged", "rows_quarantined"]),
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


def _applicable(expectations: Expectations, columns: set[str]) -> Expectations:
    """Drop column expectations on columns the table lacks (the schema expectation reports those)."""
    return [e for e in expectations if set(columns_of(e)) <= columns]


def table_suite(reader: TableReader, table: str) -> tuple[Expectations, tuple[str, ...]]:
    """The expectations and the key columns (to name failing rows) of one table's rows."""
    column_types = reader.column_types(table)
    contract = PUBLISHED_TABLES.get(table)
    key = contract.key if contract else ()
    expectations = schema_expectations(table) + key_expectations(table, key) + range_expectations(column_types)
    rules = TABLE_RULES.get(table)
    if rules:
        expectations += rules(reader)
    return _applicable(expectations, set(column_types["column_name"])), key


def validate_table(reader: TableReader, table: str) -> SuiteResult:
    """Run the table's suite (types on its catalog rows, the rest on its rows) as one result; a
    missing table is a failure that says so."""
    if not reader.has(table):
        return SuiteResult(suite=table, error=f"table {table} does not exist")
    column_types = reader.column_types(table)
    types = validate(f"{table} types", reader.query_rows(reader.catalog_sql(table)),
                     type_expectations(table, column_types), key_columns=["column_name"])
    expectations, key = table_suite(reader, table)
    rows = reader.table_rows(table)
    names = [*key, *(c for c in TRACE_COLUMNS if c not in key and c in rows.columns)]
    annotate = _source_lines(reader) if table == "fct_deals" else None
    if annotate is not None:
        names.insert(len(key), "source_line")
    result = validate(table, rows, expectations, key_columns=names, annotate=annotate)
    result.outcomes = types.outcomes + result.outcomes
    return result
