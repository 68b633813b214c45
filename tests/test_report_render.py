"""The report rendered from a hand-made published file (tests/report_published_fixture.py): every
section and figure, charts as inline SVG, self-contained HTML, numbers from the marts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest

from pipeline.report import fmt, write_report
from pipeline.report.data import PublishedFileError
from tests.report_published_fixture import FIGURES, build_published_fixture

pytestmark = pytest.mark.unit


@pytest.fixture()
def published(tmp_path: Path) -> Path:
    return build_published_fixture(tmp_path / "warehouse" / "published.duckdb")


@pytest.fixture()
def report(published: Path):
    return write_report(published, published.parent / "report")


def test_report_has_the_original_sections_in_both_formats(report):
    html = report.html_path.read_text(encoding="utf-8")
    md = report.markdown_path.read_text(encoding="utf-8")
    for heading in ["1.1 全球视图", "1.2 中美博弈", "2.1 AIGC", "2.2 AI技术层", "2.3 AI基础层",
                    "2.4 AI应用层", "3 未来发展趋势", "总体分析", "AI细分领域维度分析"]:
        assert heading in html, heading
        assert heading in md, heading
    assert md.startswith("# 2024年全球AI投融资分析及2025趋势预判")
    # The sections come in the original's order.
    positions = [html.index(h) for h in ["1.1 全球视图", "1.2 中美博弈", "2.1 AIGC", "2.4 AI应用层", "3 未来发展趋势"]]
    assert positions == sorted(positions)


def test_every_figure_of_the_marts_is_in_the_report(report):
    html = report.html_path.read_text(encoding="utf-8")
    md = report.markdown_path.read_text(encoding="utf-8")
    for figure_id, *_ in FIGURES:
        assert re.search(rf'<td>{figure_id}(</td>|<div class="sources">)', html), figure_id
        assert f"| {figure_id} |" in md, figure_id
    # Values are formatted by their unit, the report's number beside them.
    assert "| R2b | 2024 | Growth on the prior year — “同比增长113%” | +113.0% | +113.0% |" not in md  # unsigned
    assert "| R2b | 2024 | Growth on the prior year — “同比增长113%” | 113.0% | 113.0% |" in md
    assert "| R3a | 2024 | Peak month — “5月单月爆发” | 5月 (2024-05: 980.0 亿元) | 5月 (May (5月单月爆发)) |" in md
    assert "| R12a | 2024 | US/CN share ratio — “扩大至5.7倍” | 5.6× | 5.7× |" in md


def test_charts_are_inline_svg_for_each_figure_the_issue_names(report):
    html = report.html_path.read_text(encoding="utf-8")
    titles = re.findall(r'<svg class="chart"[^>]*aria-label="([^"]*)"', html)
    expected = ["Monthly AI funding and YoY", "Mega deals", "Stage pyramid", "Share of amount",
                "Average deal", "Segment share of amount, by country", "Infrastructure sub-segments",
                "美国 US 应用层", "中国 CN 应用层"]
    for name in expected:
        assert any(name in t for t in titles), (name, titles)
    # The double peak: May and the Q4 months are drawn as peak bars, the others are not.
    peak_bars = re.findall(r'fill="#d0453a"><title>(2024-\d\d): ', html)
    assert peak_bars == ["2024-05", "2024-10", "2024-11", "2024-12"]


def test_report_files_are_readable_by_others(report):
    assert report.html_path.stat().st_mode & 0o044 == 0o044
    assert not list(report.html_path.parent.glob(".*.tmp")), "no temporary files left behind"


def test_html_is_self_contained(report):
    html = report.html_path.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "<link" not in html
    assert "@import" not in html and "url(" not in html
    # in-page anchors, and the data docs written beside the report (pipeline/docs_site.py)
    assert not re.search(r"""(src|href)\s*=\s*["'](?!#|docs\.html#!/model/model\.\w+\.\w+["'])""", html), \
        "only in-page anchors and the data docs may be linked"
    assert "http://" not in html and "https://" not in html
    # Chinese text is declared and a CJK font stack is asked for.
    assert '<meta charset="utf-8">' in html and 'lang="zh-CN"' in html
    assert "Noto Sans CJK SC" in html and "Microsoft YaHei" in html


def test_numbers_come_from_the_marts_not_from_the_original(published: Path, tmp_path: Path):
    with duckdb.connect(str(published)) as con:
        con.execute("update mart_funding_yearly set amount_cny = 1234.5e8 where year = 2024")
        con.execute("update mart_country_comparison set amount_share = 0.666 where year = 2024 and country_group = 'US'")
    files = write_report(published, tmp_path / "out")
    md = files.markdown
    assert "2024年全球AI领域融资总额 1,234.5 亿元" in md
    assert "2024年美国AI领域融资份额 66.6%" in md
    assert "融资总额 5,995.2 亿元" not in md


def test_labels_follow_the_published_parameters(published: Path, tmp_path: Path):
    """The mega-deal threshold and the top-N in the labels are the build's vars, read from the
    published audit_build_parameters: a 5亿元 threshold and a top-3 are written as such."""
    default = write_report(published, tmp_path / "default").markdown
    assert "十亿级融资事件(≥10亿元)数量占比" in default and "Top10融资事件占总额" in default
    with duckdb.connect(str(published)) as con:
        con.execute("update audit_build_parameters set value_number = 5e8 where parameter = 'mega_deal_threshold_cny'")
        con.execute("update audit_build_parameters set value_number = 3 where parameter = 'top_deals_n'")
    files = write_report(published, tmp_path / "changed")
    md = files.markdown
    # the prose and charts follow (the original's own sentences, quoted beside its numbers, do not)
    assert "5亿元级融资事件(≥5亿元)数量占比" in md and "(≥10亿元)" not in md and "十亿级笔数" not in md
    assert "Top3融资事件占总额 " in md and "Top10融资事件占总额 " not in md and "Top10 占比" not in md
    assert "2024年 Top3 融资事件 · 3 largest deals" in md
    assert len(files.data.top_deals) <= 3


def test_report_year_follows_the_figures_period(published: Path, tmp_path: Path):
    with duckdb.connect(str(published)) as con:
        con.execute("update mart_report_figures set period_label = '2023' where figure_id = 'R1'")
    files = write_report(published, tmp_path / "out")
    assert files.data.focus_year == 2023
    # The trends section still shows 2025 to date (as of 2025-03-23): the title says so.
    assert files.markdown.startswith("# 2023年全球AI投融资分析及2025趋势预判")
    assert "### 1.1 全球视图 · Global view — 2023年 vs 2022年 · 2023 vs 2022" in files.markdown
    assert "### 3 未来发展趋势 · Trends: period to date — 2025年第一季度(截至3月23日) · Q1 2025 (to 2025-03-23)" in files.markdown


def test_report_numbers_only_beside_the_reports_own_periods(published: Path, tmp_path: Path):
    """A figure about another period than the original's shows neither its number nor its sentence."""
    with duckdb.connect(str(published)) as con:
        con.execute("alter table mart_report_figures add column is_report_period boolean default true")
        con.execute("update mart_report_figures set is_report_period = false where figure_id = 'R2b'")
    md = write_report(published, tmp_path / "out").markdown
    assert "| R2b | 2024 | Growth on the prior year | 113.0% | – |" in md
    assert "| R1 | 2024 | Total AI funding in the year — “2024年全球AI领域融资总额达5995.2亿元” |" in md
    assert "beside the figures of the original report's own periods" in md


def test_missing_published_file_and_missing_table_are_named(tmp_path: Path, published: Path):
    with pytest.raises(PublishedFileError, match="does not exist: run the pipeline"):
        write_report(tmp_path / "nowhere" / "published.duckdb", tmp_path / "out")
    with duckdb.connect(str(published)) as con:
        con.execute("drop table mart_unicorns")
    with pytest.raises(PublishedFileError, match="lacks table\\(s\\) mart_unicorns"):
        write_report(published, tmp_path / "out")


def test_report_reads_the_published_file_read_only(published: Path, tmp_path: Path):
    # Another reader holding the file read-only (a BI tool) does not stop the report.
    with duckdb.connect(str(published), read_only=True) as bi_tool:
        files = write_report(published, tmp_path / "out")
        assert bi_tool.execute("select count(*) from mart_report_figures").fetchone()[0] == len(FIGURES)
    assert files.html_path.exists()


def test_figure_values_are_formatted_by_unit():
    assert fmt.figure_value(5995.2, "亿元") == "5,995.2 亿元"
    assert fmt.figure_value(4.46, "%") == "4.46%"
    assert fmt.figure_value(81, "%") == "81.0%"
    assert fmt.figure_value(-18, "pp") == "-18.0pp"
    assert fmt.figure_value(5.7, "x") == "5.7×"
    assert fmt.figure_value(5, "month") == "5月"
    assert fmt.figure_value(4, "quarter") == "Q4"
    assert fmt.figure_value(108, "companies") == "108"
    assert fmt.figure_value(None, "%") == "–"
    assert fmt.figure_value(3.5, "widgets") == "3.5 widgets"
    assert fmt.yi(599_520_000_000) == "5,995.2 亿元"
    assert fmt.pct(0.0446) == "4.46%" and fmt.pct(0.08) == "8.0%"
    assert fmt.pct_change(-23) == "-23.0%"
    assert fmt.period("2024-01-01..2025-03-23") == "2024年以来(截至2025-03-23)"
    assert fmt.period("2025-01-01..2025-03-23") == "2025年1月1日至3月23日"
    assert fmt.period("2024") == "2024"
    assert fmt.period_en("2024-01-01..2025-03-23") == "since 2024 (to 2025-03-23)"
    assert fmt.period_en("2018-01-01..2018-12-25") == "2018 to date (to 2018-12-25)"
    assert fmt.to_date(dt.date(2025, 3, 23)) == ("2025年第一季度(截至3月23日)", "Q1 2025 (to 2025-03-23)")
    assert fmt.to_date(dt.date(2018, 12, 25)) == ("2018年全年(截至12月25日)", "full year 2018 (to 2018-12-25)")


def test_each_figure_links_its_marts_docs_page_and_its_sql_example(report):
    from html import escape

    from pipeline.report.data import figure_number

    html = report.html_path.read_text(encoding="utf-8")
    md = report.markdown_path.read_text(encoding="utf-8")
    for figure_id, *_ in FIGURES:
        sources = re.search(rf'<td>{figure_id}<div class="sources">(.*?)</div></td>', html)
        assert sources, f"{figure_id} has no links"
        # the fixture's mart_report_figures.source_mart is 'fixture'
        assert 'href="docs.html#!/model/model.ai_deals.fixture"' in sources.group(1)
        assert f'href="#sql-R{figure_number(figure_id)}"' in sources.group(1)
    examples = sorted((Path(__file__).parent.parent / "sql" / "examples").glob("R*.sql"))
    assert len(examples) == 23
    for path in examples:
        number, text = int(path.name[1:3]), path.read_text(encoding="utf-8").strip()
        assert f'<h4 id="sql-R{number}">R{number} · sql/examples/{path.name}</h4><pre><code>{escape(text)}</code></pre>' in html
        assert f"```sql\n{text}\n```" in md
