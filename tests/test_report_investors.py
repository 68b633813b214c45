"""The report's investors section (2.5) from a hand-made published file: the league tables of the
report year, the state-capital investors of the period, and R25 beside the report's number; a
file published before the investor tables existed gets the report without the section."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.report import write_report
from pipeline.report.fmt import YI
from tests.report_published_fixture import build_published_fixture

pytestmark = pytest.mark.unit

# investor_id, name, Chinese name, type
INVESTORS = [
    ("i_a16z", "Andreessen Horowitz", None, "vc_pe"),
    ("i_nvda", "NVIDIA", None, "corporate"),
    ("i_xjcx", "厦金创新", "厦金创新", "state_capital"),
    ("i_szcg", "Shenzhen Capital Group", "深创投", "state_capital"),
]


def add_investor_tables(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("""create table dim_investors (investor_id varchar, investor_name varchar,
            investor_name_zh varchar, investor_type varchar)""")
        con.executemany("insert into dim_investors values (?, ?, ?, ?)", INVESTORS)
        # the fixture's deals: d0 OpenAI 2024-10, d1 xAI 2024-05, d10 渊亭科技 2024-05 (state capital)
        con.execute("create table fct_deal_investors (deal_id varchar, investor_id varchar, is_lead boolean)")
        con.executemany("insert into fct_deal_investors values (?, ?, ?)", [
            ("d0", "i_nvda", False), ("d1", "i_a16z", True), ("d1", "i_nvda", False),
            ("d10", "i_xjcx", None), ("d10", "i_szcg", None), ("d9", "i_szcg", None)])
        con.execute("""create table mart_investor_league (period_type varchar, period_label varchar,
            country_group varchar, segment varchar, sub_segment varchar, ranking varchar, rank integer,
            top_n integer, investor_id varchar, investor_name varchar, investor_type varchar,
            deal_count integer, amount_cny double, led_deal_count integer, deal_share double)""")
        con.executemany("insert into mart_investor_league values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
            ("year", "2024", "all", "all", "all", "deal_count", 1, 2, "i_nvda", "NVIDIA", "corporate", 2, 900 * YI, 0, 0.02),
            ("year", "2024", "all", "all", "all", "deal_count", 2, 2, "i_a16z", "Andreessen Horowitz", "vc_pe", 1, 430 * YI, 1, 0.01),
            ("year", "2024", "all", "all", "all", "amount_cny", 1, 2, "i_nvda", "NVIDIA", "corporate", 2, 900 * YI, 0, 0.02),
            ("year", "2024", "all", "all", "all", "amount_cny", 2, 2, "i_a16z", "Andreessen Horowitz", "vc_pe", 1, 430 * YI, 1, 0.01),
            ("year", "2023", "all", "all", "all", "deal_count", 1, 2, "i_szcg", "Shenzhen Capital Group", "state_capital", 9, 1 * YI, 0, 0.1),
        ])
        con.execute("""create table mart_featured_investors (featured_investor varchar, investor_ids varchar,
            investor_name varchar, year integer, deal_count integer, ai_deal_count integer,
            ai_count_share double, ai_count_share_change_pp double, ai_amount_share double,
            is_report_period boolean, reference_ai_count_share double, reference_change_pp double)""")
        con.executemany("insert into mart_featured_investors values (?,?,?,?,?,?,?,?,?,?,?,?)", [
            ("a16z", "i_a16z", "Andreessen Horowitz", 2023, 28, 5, 5 / 28, None, 0.41, True, 0.18, None),
            ("a16z", "i_a16z", "Andreessen Horowitz", 2024, 42, 24, 24 / 42, (24 / 42 - 5 / 28) * 100, 0.99, True, 0.57, 39.0),
            ("a16z", "i_a16z", "Andreessen Horowitz", 2025, 9, 5, 5 / 9, (5 / 9 - 24 / 42) * 100, 0.88, False, None, None),
        ])


@pytest.fixture()
def published(tmp_path: Path) -> Path:
    path = build_published_fixture(tmp_path / "warehouse" / "published.duckdb")
    add_investor_tables(path)
    return path


def section(markdown: str) -> str:
    start = markdown.index("### 2.5 投资方 · Investors")
    return markdown[start:markdown.index("### 3 ", start)]


def test_league_tables_of_the_report_year(published):
    md = section(write_report(published, published.parent / "report").markdown)
    assert "2024年参与AI融资事件最多的投资方:NVIDIA(2 笔)、Andreessen Horowitz(1 笔)。" in md
    assert "| 1 | NVIDIA | 产业资本 Corporate | 2 | 2.0% | 900.0 亿元 | 0 |" in md
    assert "| 2 | Andreessen Horowitz | VC/PE | 1 | 1.0% | 430.0 亿元 | 1 |" in md
    assert "Shenzhen Capital Group | 国资" not in md  # the 2023 table is not the report year's


def test_state_capital_investors_of_the_period(published):
    md = section(write_report(published, published.parent / "report").markdown)
    # 渊亭科技 (d10, 2024) has both; 月之暗面 (d9, 2024) Shenzhen Capital Group only
    assert "2024,2 家国资投资方参与AI融资事件,参与最多的是 Shenzhen Capital Group(2 笔)、厦金创新(1 笔)。" in md
    assert "| Shenzhen Capital Group | 深创投 | 2 | 1 |" in md
    assert "| 厦金创新 |  | 1 | 1 |" in md
    # the as-of year to date (2025 to 03-23) has none in this file
    assert "2025年1月1日至3月23日:没有国资参与的AI融资事件" in md


def test_r25_beside_the_reports_number(published):
    md = section(write_report(published, published.parent / "report").markdown)
    assert "a16z(Andreessen Horowitz):AI投资占其投资事件的比例从2023年的 17.9% 变为2024年的 57.1%(+39.3pp)" in md
    assert "原报告:2023年 18.0% → 2024年 57.0%" in md
    assert "| 2024 | 42 | 24 | 57.1% | +39.3pp | 99.0% | 57.0% (+39.0pp) |" in md
    assert "| 2025 | 9 | 5 | 55.6% | -1.6pp | 88.0% | – |" in md


def test_a_file_without_investor_tables_has_no_investors_section(tmp_path):
    path = build_published_fixture(tmp_path / "warehouse" / "published.duckdb")
    md = write_report(path, tmp_path / "report").markdown
    assert "2.5 投资方" not in md and "### 3 未来发展趋势" in md
