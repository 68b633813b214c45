"""The published-file contract (docs: docs/published-tables.md) as data.

Each published table lists the columns other tools rely on, with the kind of value each holds,
and the columns that identify one row (its grain). The expectation suites turn this into schema,
type and key expectations; the fixture-free tests check the real marts against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# DuckDB column types accepted for each kind of column (a regex over duckdb_columns().data_type).
_INTEGER = r"(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)"
TYPES_BY_KIND: dict[str, str] = {
    "text": r"^VARCHAR$",
    "integer": rf"^{_INTEGER}$",
    "number": rf"^({_INTEGER}|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\))$",
    "boolean": r"^BOOLEAN$",
    "date": r"^DATE$",
    "timestamp": r"^TIMESTAMP( WITH TIME ZONE)?$",
}
KIND_WORDS = {"text": "text (VARCHAR)", "integer": "a whole number", "number": "a number",
              "boolean": "true/false", "date": "a DATE", "timestamp": "a TIMESTAMP"}

COUNTRY_GROUPS = ["US", "CN", "other"]
STAGE_GROUPS = ["early", "growth", "late", "strategic", "debt", "other"]
AMOUNT_STATUSES = ["exact", "estimated", "undisclosed"]
SEGMENTS = ["aigc", "technology", "infrastructure", "application"]
# Period types of the period-based marts: calendar year and quarter, year to date, and "since"
# (January 1 of an earlier year to the as-of date, the report's "2024年以来").
PERIOD_TYPES = ["year", "quarter", "ytd", "since"]


@dataclass(frozen=True)
class TableContract:
    name: str
    grain: str
    columns: dict[str, str]  # column -> kind (a key of TYPES_BY_KIND, or "any")
    key: tuple[str, ...]  # the columns that identify one row
    foreign_keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (table, column)


PUBLISHED_TABLES: dict[str, TableContract] = {
    t.name: t
    for t in [
        TableContract(
            "fct_deals",
            "one deduplicated financing event (all sectors, all round types)",
            {
                "deal_id": "text", "company_id": "text", "company_name": "text",
                "announced_date": "date", "year": "integer", "quarter": "text", "month": "text",
                "country_code": "text", "country_group": "text", "round_type": "text",
                "stage_group": "text", "is_ai": "boolean", "is_counted": "boolean",
                "amount_status": "text", "amount_original": "number", "currency": "text",
                "amount_cny": "number", "amount_usd": "number", "is_mega": "boolean",
                "segment": "text", "sub_segment": "text", "investor_names": "any",
                "has_state_capital": "boolean", "source_count": "integer",
            },
            key=("deal_id",),
            foreign_keys={"company_id": ("dim_companies", "company_id")},
        ),
        TableContract(
            "fct_deal_sources",
            "one raw record behind a deal",
            {"deal_id": "text", "source": "text", "source_file": "text", "source_record_key": "text"},
            key=("deal_id", "source", "source_file", "source_record_key"),
            foreign_keys={"deal_id": ("fct_deals", "deal_id")},
        ),
        TableContract(
            "dim_companies",
            "one company",
            {
                "company_id": "text", "company_name": "text", "aliases": "any", "country_code": "text",
                "country_group": "text", "is_ai": "boolean", "segment": "text", "sub_segment": "text",
                "unicorn_joined_date": "date", "latest_valuation_usd": "number",
            },
            key=("company_id",),
        ),
        TableContract(
            "dim_investors",
            "one investor, resolved across sources and languages",
            {
                "investor_id": "text", "investor_name": "text", "investor_name_zh": "text", "aliases": "text",
                "investor_type": "text", "country_code": "text", "country_group": "text",
                "crunchbase_uuid": "text",
            },
            key=("investor_id",),
        ),
        TableContract(
            "fct_deal_investors",
            "one investor of one deal",
            {"deal_id": "text", "investor_id": "text", "investor_name": "text", "is_lead": "boolean",
             "named_by": "text"},
            key=("deal_id", "investor_id"),
            foreign_keys={"deal_id": ("fct_deals", "deal_id"), "investor_id": ("dim_investors", "investor_id")},
        ),
        TableContract(
            "mart_funding_yearly",
            "year",
            {
                "year": "integer", "deal_count": "integer", "amount_cny": "number",
                "amount_change_cny": "number", "amount_change_pct": "number",
                "mega_deal_count": "integer", "mega_count_share": "number",
                "mega_amount_share": "number", "mega_avg_amount_cny": "number",
                "top10_amount_share": "number", "top3_companies": "any",
                "top3_share_of_top10": "number",
            },
            key=("year",),
        ),
        TableContract(
            "mart_funding_monthly",
            "month",
            {
                "month": "date", "deal_count": "integer", "amount_cny": "number",
                "prior_year_amount_cny": "number", "yoy_pct": "number", "ytd_amount_cny": "number",
                "prior_ytd_amount_cny": "number", "ytd_yoy_pct": "number",
            },
            key=("month",),
        ),
        TableContract(
            "mart_stage_structure",
            "year × stage_group",
            {
                "year": "integer", "stage_group": "text", "deal_count": "integer",
                "count_share": "number", "amount_cny": "number", "amount_share": "number",
                "count_share_change_pp": "number", "amount_share_change_pp": "number",
            },
            key=("year", "stage_group"),
        ),
        TableContract(
            "mart_country_comparison",
            "year × country_group",
            {
                "year": "integer", "country_group": "text", "deal_count": "integer",
                "amount_cny": "number", "amount_share": "number", "avg_amount_cny": "number",
                "us_cn_share_ratio": "number",
            },
            key=("year", "country_group"),
        ),
        TableContract(
            "mart_segment_share",
            "period × country_group × segment × sub_segment",
            {
                "period_type": "text", "period_label": "text", "country_group": "text",
                "segment": "text", "sub_segment": "text", "deal_count": "integer",
                "amount_cny": "number", "amount_share": "number",
            },
            key=("period_type", "period_label", "country_group", "segment", "sub_segment"),
        ),
        TableContract(
            "mart_unicorns",
            "year × country_group",
            {
                "year": "integer", "country_group": "text", "new_unicorns": "integer",
                "new_ai_unicorns": "integer", "ai_share": "number",
            },
            key=("year", "country_group"),
        ),
        TableContract(
            "mart_top_unicorn_funding",
            "period × country_group",
            {
                "period_label": "text", "top_n": "integer", "country_group": "text",
                "amount_cny": "number", "share_of_ai_total": "number",
            },
            key=("period_label", "country_group"),
        ),
        TableContract(
            "mart_state_capital",
            "period × segment",
            {
                "period_label": "text", "segment": "text", "deals_with_state_capital": "integer",
                "deal_count": "integer",
            },
            key=("period_label", "segment"),
        ),
        TableContract(
            "mart_period_to_date",
            "as-of date × country_group × segment",
            {
                "as_of_date": "date", "window_start": "date", "country_group": "text",
                "segment": "text", "amount_cny": "number", "prior_amount_cny": "number",
                "yoy_pct": "number",
            },
            key=("as_of_date", "country_group", "segment"),
        ),
        TableContract(
            "mart_investor_activity",
            "investor × year",
            {
                "investor_id": "text", "investor_name": "text", "year": "integer", "deal_count": "integer",
                "ai_deal_count": "integer", "ai_count_share": "number", "amount_cny": "number",
                "ai_amount_cny": "number", "ai_amount_share": "number", "led_deal_count": "integer",
            },
            key=("investor_id", "year"),
            foreign_keys={"investor_id": ("dim_investors", "investor_id")},
        ),
        TableContract(
            "mart_investor_league",
            "period × country_group × segment × sub_segment × ranking × rank",
            {
                "period_type": "text", "period_label": "text", "country_group": "text", "segment": "text",
                "sub_segment": "text", "ranking": "text", "rank": "integer", "top_n": "integer",
                "investor_id": "text", "investor_name": "text", "deal_count": "integer", "amount_cny": "number",
            },
            key=("period_type", "period_label", "country_group", "segment", "sub_segment", "ranking", "rank"),
            foreign_keys={"investor_id": ("dim_investors", "investor_id")},
        ),
        TableContract(
            "mart_featured_investors",
            "featured investor × year (R25)",
            {
                "featured_investor": "text", "investor_ids": "text", "year": "integer", "deal_count": "integer",
                "ai_deal_count": "integer", "ai_count_share": "number", "ai_count_share_change_pp": "number",
                "reference_ai_count_share": "number", "is_report_period": "boolean",
            },
            key=("featured_investor", "year"),
        ),
        TableContract(
            "mart_report_figures",
            "one figure of the report",
            {
                "figure_id": "text", "period_label": "text", "description": "text",
                "value": "number", "unit": "text", "reference_value": "number",
            },
            key=("figure_id", "period_label"),
        ),
        TableContract(
            "audit_quarantine",
            "one rejected raw row",
            {"source": "text", "source_file": "text", "source_row": "integer", "reason": "text",
             "raw_record": "any"},
            key=(),  # a raw row may be rejected for several reasons; no key is promised
        ),
        TableContract(
            "audit_source_rows",
            "one raw table: rows in, staged, quarantined",
            {"raw_table": "text", "rows_in": "integer", "rows_staged": "integer", "rows_quarantined": "integer"},
            key=("raw_table",),
        ),
        TableContract(
            "audit_source_health",
            "one raw table (scope 'source') or one file of it (scope 'file'): rows, quarantine share, status",
            {"raw_table": "text", "scope": "text", "source_file": "text", "is_required": "boolean",
             "rows_in": "integer", "rows_staged": "integer", "rows_quarantined": "integer",
             "rows_excluded": "integer", "quarantine_share": "number", "top_reasons": "text",
             "status": "text", "status_reason": "text"},
            key=(),  # (raw_table, scope, source_file) with source_file null on a source row: a dbt test
        ),
    ]
}

# audit_runs is written by the publish step itself (it accumulates across publishes), not by dbt:
# its columns are defined where it is written (pipeline/publish/build.py, AUDIT_RUNS_COLUMNS).
