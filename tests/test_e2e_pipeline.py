"""End to end: materialise the real Definitions on the shipped raw/ into a temporary warehouse dir,
then check the raw layer against the files and query the published file as an analyst would."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_RAW = REPO_ROOT / "raw"

# raw table → (files that feed it, a column its header has): the same globs as
# pipeline/ingest/sources.py, written out again here so the test does not trust the code under test
RAW_FILES = {
    "cn_export": (["cn_export/*.csv", "cn_export/*.xlsx"], "公司名称"),
    "crunchbase_organizations": (["crunchbase/organizations*.csv"], "uuid"),
    "crunchbase_funding_rounds": (["crunchbase/funding_rounds*.csv"], "uuid"),
    "crunchbase_investments": (["crunchbase/investments*.csv"], "uuid"),
    "unicorns": (["unicorns/*.csv", "unicorns/*.xlsx"], "Company"),
}


def _rows_of(path: Path) -> list[list[str]]:
    if path.suffix == ".xlsx":
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_name(workbook.sheet_names[0])
        return [["" if v is None else str(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    return list(csv.reader(io.StringIO(text, newline="")))


def records_in(path: Path, header_column: str) -> int:
    """Lines below the header (title rows above it skipped) that are not blank: each one is a raw
    row, a record or a line kept for quarantine (a footer)."""
    rows = _rows_of(path)
    header = next(i for i, r in enumerate(rows) if header_column in [c.strip() for c in r])
    return sum(1 for r in rows[header + 1:] if any(c.strip() for c in r))


@pytest.fixture(scope="module")
def pipeline_run(shipped_sample_run):
    """The whole job on the shipped sample (the session's one run: tests/conftest.py)."""
    _, warehouse, result = shipped_sample_run
    return result, warehouse


def test_run_succeeds_and_publishes(pipeline_run) -> None:
    result, warehouse = pipeline_run
    failures = [e.message for e in result.all_events if e.is_step_failure]
    assert result.success, failures
    assert (warehouse / "published.duckdb").exists()


def test_raw_row_counts_equal_rows_in_the_files(pipeline_run) -> None:
    _, warehouse = pipeline_run
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        for table, (patterns, column) in RAW_FILES.items():
            files = sorted(f for pattern in patterns for f in SHIPPED_RAW.glob(pattern))
            assert files, f"the sample has no {patterns}"
            counts = {f.relative_to(SHIPPED_RAW).as_posix(): records_in(f, column) for f in files}
            got = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
            assert got == sum(counts.values()), table
            per_file = dict(con.execute(f"select _source_file, count(*) from raw.{table} group by 1").fetchall())
            assert per_file == {f: n for f, n in counts.items() if n}


def test_published_file_answers_an_analysts_questions(pipeline_run) -> None:
    _, warehouse = pipeline_run
    with duckdb.connect(str(warehouse / "published.duckdb"), read_only=True) as con:
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()}
        for required in ("fct_deals", "fct_deal_sources", "dim_companies", "mart_funding_yearly",
                         "mart_funding_monthly", "mart_report_figures", "audit_quarantine", "audit_runs"):
            assert required in tables
        # every deal traces back to at least one raw record
        orphans = con.execute(
            "select count(*) from fct_deals d where not exists (select 1 from fct_deal_sources s where s.deal_id = d.deal_id)"
        ).fetchone()[0]
        assert orphans == 0
        # the report's named deals are findable at deal level (R24)
        names = {r[0] for r in con.execute("select distinct company_name from fct_deals where is_counted").fetchall()}
        for company in ("OpenAI", "xAI", "Anthropic", "CoreWeave", "Waymo"):
            assert any(company.lower() in n.lower() for n in names), company
        # the 2024 total is the sum of its counted deals, in yuan
        total_2024 = con.execute("select amount_cny from mart_funding_yearly where year = 2024").fetchone()[0]
        from_deals = con.execute(
            "select sum(amount_cny) from fct_deals where is_counted and year = 2024"
        ).fetchone()[0]
        assert total_2024 == pytest.approx(from_deals, rel=1e-9)
        # tables carry descriptions for BI users
        undocumented = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' and (comment is null or comment = '')"
        ).fetchall()
        assert undocumented == []


def test_r25_a16z_ai_share_lands_on_the_reports_numbers(pipeline_run) -> None:
    """The sample is calibrated to the report's 18 % (2023) and 57 % (2024) for a16z, found through
    any of its names (a16z, 安德森·霍洛维茨, Andreessen Horowitz), with the report's number beside it."""
    _, warehouse = pipeline_run
    with duckdb.connect(str(warehouse / "published.duckdb"), read_only=True) as con:
        rows = {year: (share, reference, change, change_reference) for year, share, reference, change, change_reference
                in con.execute("""
                    select year, ai_count_share, reference_ai_count_share, ai_count_share_change_pp, reference_change_pp
                    from mart_featured_investors where featured_investor = 'a16z'""").fetchall()}
        aliases = con.execute(
            "select aliases from dim_investors where investor_name = 'Andreessen Horowitz'").fetchone()[0]
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()}
    for year, report in ((2023, 0.18), (2024, 0.57)):
        share, reference, _, _ = rows[year]
        assert reference == pytest.approx(report)
        assert abs(share - report) <= 0.01, (year, share)  # within 1 pp, as calibrated
    _, _, change, change_reference = rows[2024]
    assert change_reference == 39 and abs(change - change_reference) <= 2
    assert {"a16z", "安德森·霍洛维茨", "Andreessen Horowitz"} <= set(aliases.split(" | "))
    assert {"dim_investors", "fct_deal_investors", "mart_investor_activity", "mart_investor_league",
            "mart_featured_investors"} <= tables
