"""The report and the data docs of the shipped sample's run, opened from their files in headless
Chromium with no network: nothing is requested but the page itself, nothing fails to load, no
script error; every figure links to its mart's page in the docs and to its SQL example; the docs
show every published table with its columns and descriptions, and the lineage graph.

Screenshots of each page are written to the test's tmp dir (`--basetemp` to keep them somewhere).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from pipeline.docs_site import DOCS_FILE_NAME, project_name
from pipeline.report.data import figure_number
from tests.browser import offline_browser

pytestmark = pytest.mark.ui


@pytest.fixture(scope="module")
def sample(shipped_sample_run) -> Path:
    """The report dir of the session's run of the whole job on the shipped sample."""
    _, warehouse, result = shipped_sample_run
    assert result.success, [e.message for e in result.all_events if e.is_step_failure]
    return warehouse


def _published(warehouse: Path) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]], dict[str, str]]:
    """(table comments, table → [(column, comment)], figure id → source_mart) of the published file."""
    with duckdb.connect(str(warehouse / "published.duckdb"), read_only=True) as con:
        tables = dict(con.execute("select table_name, comment from duckdb_tables() where schema_name = 'main'").fetchall())
        columns: dict[str, list[tuple[str, str]]] = {}
        for table, column, comment in con.execute(
                "select table_name, column_name, coalesce(comment, '') from duckdb_columns() "
                "where schema_name = 'main' order by table_name, column_index").fetchall():
            columns.setdefault(table, []).append((column, comment))
        marts = dict(con.execute("select distinct figure_id, source_mart from mart_report_figures").fetchall())
    return tables, columns, marts


def _words(text: str) -> str:
    return " ".join(text.split())


def test_report_opens_offline_and_every_figure_links_its_mart_and_sql(sample: Path, tmp_path: Path) -> None:
    report = sample / "report" / "report.html"
    tables, _, marts = _published(sample)
    with offline_browser() as (page, log):
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        assert page.title().startswith("2024年全球AI投融资分析")
        page.screenshot(path=tmp_path / "report-top.png")
        rows = page.evaluate("""() => [...document.querySelectorAll('table.figures tbody tr')].map(tr => ({
            id: tr.cells[0].firstChild.textContent.trim(),
            links: [...tr.cells[0].querySelectorAll('a')].map(a => a.getAttribute('href'))}))""")
        anchors = set(page.evaluate("() => [...document.querySelectorAll('[id^=sql-R]')].map(e => e.id)"))
        page.locator("table.figures").first.scroll_into_view_if_needed()
        page.screenshot(path=tmp_path / "report-figures.png")
        page.locator("#sql-examples").scroll_into_view_if_needed()
        page.screenshot(path=tmp_path / "report-sql-examples.png")
    log.assert_offline(report)

    assert len({r["id"] for r in rows}) == len(marts), "every figure of mart_report_figures has a line"
    project = project_name()
    for row in rows:
        mart = marts[row["id"]]
        assert mart in tables, f"{row['id']}: {mart} is not a published table"
        docs_link = f"{DOCS_FILE_NAME}#!/model/model.{project}.{mart}"
        if mart == "mart_featured_investors":
            # R25's SQL is its own mart (one row per investor and year): no example of sql/examples
            assert row["links"] == [docs_link]
            continue
        assert row["links"] == [docs_link, f"#sql-R{figure_number(row['id'])}"]
        assert row["links"][1][1:] in anchors, f"{row['id']}: no SQL example {row['links'][1]} in the report"
    assert len(anchors) == len(list((Path(__file__).parent.parent / "sql" / "examples").glob("R*.sql")))


def test_a_figures_links_open_its_mart_in_the_docs_and_its_sql(sample: Path, tmp_path: Path) -> None:
    report, docs = sample / "report" / "report.html", sample / "report" / DOCS_FILE_NAME
    with offline_browser() as (page, log):
        page.goto(report.as_uri())
        page.locator("a[href='#sql-R3']").first.click()
        in_view = page.evaluate("() => { const r = document.getElementById('sql-R3').getBoundingClientRect();"
                                " return r.top >= 0 && r.top < window.innerHeight; }")
        assert in_view, "the SQL link scrolls to its example"
        assert "from mart_funding_monthly" in page.locator("#sql-R3 + pre").inner_text()

        page.locator("table.figures a[href$='.mart_funding_monthly']").first.click()
        page.wait_for_url(re.compile(re.escape(DOCS_FILE_NAME) + r"#!/model/model\.\w+\.mart_funding_monthly$"))
        page.wait_for_selector("h1:has-text('mart_funding_monthly')")
        page.wait_for_selector("tr.column-row")
        page.screenshot(path=tmp_path / "docs-from-report-link.png")
    log.assert_offline(report, docs)


def test_docs_show_every_published_table_with_its_columns_offline(sample: Path, tmp_path: Path) -> None:
    docs = sample / "report" / DOCS_FILE_NAME
    tables, columns, _ = _published(sample)
    project = project_name()
    dbt_tables = sorted(t for t in tables if t != "audit_runs")  # audit_runs: written by the publish step
    with offline_browser() as (page, log):
        page.goto(docs.as_uri() + "#!/overview")
        page.wait_for_selector("text=AI deals: the data docs")
        assert "audit_runs" in page.inner_text("body"), "the overview names the one table dbt does not build"
        page.screenshot(path=tmp_path / "docs-overview.png")
        for table in dbt_tables:
            page.evaluate(f"() => {{ location.hash = '#!/model/model.{project}.{table}'; }}")
            page.wait_for_selector(f"h1:has-text('{table}')")
            page.wait_for_selector("tr.column-row")
            shown = page.evaluate("""() => [...document.querySelectorAll('tr.column-row')].map(
                tr => [tr.cells[0].innerText.trim(), tr.cells[2].textContent])""")
            assert [name for name, _ in shown] == [c for c, _ in columns[table]], table
            for (name, text), (_, comment) in zip(shown, columns[table]):
                assert comment, f"{table}.{name} has no description in the published file"
                assert _words(text) == _words(comment), f"{table}.{name}"
            assert _words(tables[table])[:80] in _words(page.inner_text(".section-content >> nth=1")), table
        page.screenshot(path=tmp_path / f"docs-{dbt_tables[-1]}.png")

        page.evaluate(f"() => {{ location.hash = '#!/model/model.{project}.fct_deals'; }}")
        page.wait_for_selector("h1:has-text('fct_deals')")
        page.click("[title='View Lineage Graph']")
        page.wait_for_function("() => [...document.querySelectorAll('canvas')].some(c => c.width > 0 && c.offsetParent)")
        page.wait_for_timeout(500)  # the graph lays itself out
        page.screenshot(path=tmp_path / "docs-lineage.png")
    log.assert_offline(docs)
