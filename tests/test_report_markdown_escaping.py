"""Company names are data: a name like `<script>alert(1)</script>`, `<img src=x onerror=…>` or a
Markdown link to `javascript:` must come out as inert text in report.md (as in report.html), even
for a Markdown renderer that passes inline HTML through (CommonMark with html on)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from markdown_it import MarkdownIt

from pipeline.report import write_report
from tests.report_published_fixture import build_published_fixture

pytestmark = pytest.mark.unit

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[click me](javascript:alert(1))"


@pytest.fixture()
def report(tmp_path: Path):
    published = build_published_fixture(tmp_path / "warehouse" / "published.duckdb")
    with duckdb.connect(str(published)) as con:
        first, second = [r[0] for r in con.execute(
            "select deal_id from fct_deals order by amount_cny desc, deal_id limit 2").fetchall()]
        con.execute("update fct_deals set company_name = ? where deal_id = ?", [SCRIPT, first])
        con.execute("update fct_deals set company_name = ? where deal_id = ?", [IMG + " & Co", second])
        con.execute("update mart_funding_yearly set top3_companies = ? where year = 2024", [f"{LINK}, {SCRIPT}"])
    return write_report(published, published.parent / "report")


def test_markdown_shows_hostile_names_as_text(report) -> None:
    md = report.markdown_path.read_text(encoding="utf-8")
    for raw in (SCRIPT, IMG, LINK):
        assert raw not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; Co" in md
    assert "\\[click me\\](javascript:alert(1))" in md


def test_rendered_markdown_has_no_active_html(report) -> None:
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(
        report.markdown_path.read_text(encoding="utf-8"))
    assert "<script" not in html and "<img" not in html and 'href="javascript:' not in html
    # the names are still there, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "[click me](javascript:alert(1))" in html


def test_html_report_escapes_them_too(report) -> None:
    html = report.html_path.read_text(encoding="utf-8")
    assert SCRIPT not in html and IMG not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
