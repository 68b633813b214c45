"""cn_export control totals take each company's 融资总额 from the latest export by the export's
own date (the date in its file name, else its latest 融资时间), never by file-name order: the same
exports under other names give the same control totals.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest.load import load_source
from pipeline.ingest.sources import SOURCES

pytestmark = pytest.mark.dbt

REPO = Path(__file__).resolve().parent.parent
HEADER = ("公司名称,工商名称,公司网址,成立时间,地点,运营状态,行业,子行业,融资时间,轮次,融资金额,投资方,融资总额,估值,"
          "团队,公司简介,详细地址,公开电话,公开邮箱,笔记")


def company(name: str, total: str, rounds: list[tuple[str, str, str]]) -> list[str]:
    """A company row carrying its first round, then continuation rows (the export's form)."""
    (date, kind, amount), *more = rounds
    lines = [f"{name},{name}有限公司,,2020,北京-海淀区,运营中,人工智能,大模型,{date},{kind},{amount},某资本,{total},未透露,,大模型研发,,,,"]
    lines += [f",,,,,,,,{d},{k},{a},某资本,,,,,,,," for d, k, a in more]
    return lines


A1 = ("2024-01-10", "A轮", "1亿人民币")
A2 = ("2024-05-20", "B轮", "2亿人民币")
EXPORTS = {
    # 甲: the June export (listing both rounds, 3亿 in all) sorts first by name but is the later one
    "a_2024-06.csv": company("甲科技", "3亿", [A1, A2]),
    "b_2024-03.csv": company("甲科技", "1亿", [A1]),
    # 乙: no dates in the names: the export with the later rounds is the later one
    "first.csv": company("乙智能", "5亿", [("2023-03-01", "天使轮", "1亿人民币"), ("2024-02-01", "A轮", "4亿人民币")]),
    "second.csv": company("乙智能", "1亿", [("2023-03-01", "天使轮", "1亿人民币")]),
    # the other name forms
    "q_2024Q3.csv": company("丙数据", "2亿", [("2024-08-01", "A轮", "2亿人民币")]),
    "h_2024H1.csv": company("丁芯片", "2亿", [("2024-03-01", "A轮", "2亿人民币")]),
    "d_20241105.csv": company("戊机器人", "2亿", [("2024-10-01", "A轮", "2亿人民币")]),
}
RENAMED = {  # every file under a name that sorts the other way round, dates kept
    "a_2024-06.csv": "z_2024-06.csv",
    "b_2024-03.csv": "c_2024-03.csv",
    "first.csv": "zz_first.csv",
    "second.csv": "aa_second.csv",
    "q_2024Q3.csv": "export_2024Q3.csv",
    "h_2024H1.csv": "export_2024H1.csv",
    "d_20241105.csv": "export_2024-11-05.csv",
}


def build(tmp: Path, names: dict[str, str]) -> list[tuple]:
    raw, warehouse = tmp / "raw", tmp / "warehouse"
    (raw / "cn_export").mkdir(parents=True)
    warehouse.mkdir()
    for name, lines in EXPORTS.items():
        (raw / "cn_export" / names.get(name, name)).write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    with duckdb.connect(str(warehouse / "warehouse.duckdb")) as con:
        for source in SOURCES:
            load_source(con, source, raw)
    env = {**os.environ, "DO_NOT_TRACK": "1", "DEALS_WAREHOUSE_DIR": str(warehouse)}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "build", "--select", "+int_cn_export_control_totals_reconciled",
         "--exclude-resource-type", "test", "unit_test",
         "--target-path", str(warehouse / "dbt_target"), "--log-path", str(warehouse / "dbt_logs")],
        cwd=REPO / "dbt_project", env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(
            "select company_name, source_file, export_date::varchar, export_total_cny, pipeline_total_cny, is_mismatch "
            "from intermediate.int_cn_export_control_totals_reconciled order by company_name").fetchall()


@pytest.fixture(scope="module")
def totals(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple], list[tuple]]:
    return (build(tmp_path_factory.mktemp("names"), {}),
            build(tmp_path_factory.mktemp("renamed"), RENAMED))


def test_the_latest_export_is_the_one_with_the_latest_date(totals) -> None:
    by_company = {row[0]: row[1:] for row in totals[0]}
    assert by_company["甲科技"] == ("cn_export/a_2024-06.csv", "2024-06-30", 3e8, 3e8, False)
    assert by_company["乙智能"] == ("cn_export/first.csv", "2024-02-01", 5e8, 5e8, False)
    assert by_company["丙数据"][:2] == ("cn_export/q_2024Q3.csv", "2024-09-30")
    assert by_company["丁芯片"][:2] == ("cn_export/h_2024H1.csv", "2024-06-30")
    assert by_company["戊机器人"][:2] == ("cn_export/d_20241105.csv", "2024-11-05")


def test_renaming_the_files_changes_no_control_total(totals) -> None:
    named, renamed = totals
    rename = {f"cn_export/{old}": f"cn_export/{new}" for old, new in RENAMED.items()}
    assert [(r[0], rename[r[1]], *r[2:]) for r in named] == renamed
