"""Ingest adapters on small files made here: encodings, continuation rows, bad files, idempotency."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.ingest.files import RawFileError
from pipeline.ingest.load import load_source
from pipeline.ingest.sources import CN_EXPORT_COLUMNS

pytestmark = pytest.mark.unit

CN_HEADER = ",".join(CN_EXPORT_COLUMNS)


def cn_row(**values: str) -> str:
    return ",".join(f'"{values.get(c, "")}"' if "," in values.get(c, "") else values.get(c, "") for c in CN_EXPORT_COLUMNS)


CN_ROWS = [
    cn_row(公司名称="深瞳智算", 工商名称="北京深瞳智算科技有限公司", 地点="北京-海淀区", 行业="人工智能",
           子行业="大模型", 融资时间="2024-05-10", 轮次="B轮", 融资金额="3亿人民币", 投资方="厦金创新,红杉中国",
           融资总额="3.5亿"),
    cn_row(融资时间="2023/6/1", 轮次="天使轮", 融资金额="数千万人民币", 投资方="-"),
    cn_row(融资时间="2022年3月5日", 轮次="种子轮", 融资金额="未透露", 投资方="未透露"),
    cn_row(公司名称="无融资公司", 地点="广东-深圳", 行业="企业服务", 融资时间="-", 轮次="-", 融资金额="-"),
]


def write(path: Path, text: str, encoding: str = "utf-8-sig", newline: str = "\r\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


@pytest.fixture
def con(tmp_path: Path):
    c = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield c
    c.close()


def table(con, name: str) -> list[dict]:
    df = con.execute(f"select * from raw.{name} order by _source_file, _source_row").df()
    return df.to_dict("records")


def test_cn_export_bom_and_gb18030_with_continuation_rows(tmp_path: Path, con) -> None:
    raw = tmp_path / "raw"
    write(raw / "cn_export/a_utf8.csv", CN_HEADER + "\n" + "\n".join(CN_ROWS) + "\n")
    write(raw / "cn_export/b_gbk.csv", CN_HEADER + "\n" + "\n".join(CN_ROWS[:2]) + "\n", encoding="gb18030")
    report = load_source(con, "cn_export", raw)

    assert [f.rows for f in report.files] == [4, 2]  # raw rows = rows in the files
    assert [f.encoding for f in report.files] == ["utf-8-sig", "gb18030"]
    rows = table(con, "cn_export")
    assert len(rows) == 6
    first = rows[0]
    assert first["公司名称"] == "深瞳智算" and first["投资方"] == "厦金创新,红杉中国"
    assert first["_source_row"] == 2 and first["_is_continuation"] is False
    # continuation rows belong to the company row above them
    assert [r["_company_row"] for r in rows[:4]] == [2, 2, 2, 5]
    assert [r["_company_name"] for r in rows[:3]] == ["深瞳智算"] * 3
    assert rows[1]["_is_continuation"] and rows[1]["融资金额"] == "数千万人民币"
    # the '-' company row is loaded as is (staging decides it is not a deal)
    assert rows[3]["融资时间"] == "-"
    # GB18030 text decodes to the same values, and the same records get the same keys
    gbk = [r for r in rows if r["_source_file"] == "cn_export/b_gbk.csv"]
    assert gbk[0]["公司名称"] == "深瞳智算"
    assert {r["_record_key"] for r in gbk} <= {r["_record_key"] for r in rows[:4]}
    assert report.distinct_records == 4


def test_orphan_continuation_row_is_kept_without_company(tmp_path: Path, con) -> None:
    raw = tmp_path / "raw"
    write(raw / "cn_export/orphan.csv", CN_HEADER + "\n" + CN_ROWS[1] + "\n" + CN_ROWS[0] + "\n")
    load_source(con, "cn_export", raw)
    rows = con.execute(
        "select _source_row, _is_continuation, _company_row from raw.cn_export order by _source_row"
    ).fetchall()
    assert rows == [(2, True, None), (3, False, 3)]  # staging quarantines the orphan (row 2)


def test_extra_and_reordered_columns(tmp_path: Path, con) -> None:
    raw = tmp_path / "raw"
    write(
        raw / "crunchbase/funding_rounds.csv",
        "announced_on,uuid,extra_col,name,org_uuid,org_name,investment_type,raised_amount,"
        "raised_amount_currency_code,raised_amount_usd,post_money_valuation_usd,investor_count,lead_investor_uuids\n"
        '2024-05-01,r1,zzz,Series C - CoreWeave,o1,CoreWeave,series_c,1100000000,USD,1100000000,,4,"a,b"\n',
        encoding="utf-8", newline="\n",
    )
    load_source(con, "crunchbase_funding_rounds", raw)
    (row,) = table(con, "crunchbase_funding_rounds")
    assert row["uuid"] == "r1" and row["announced_on"] == "2024-05-01" and row["lead_investor_uuids"] == "a,b"
    assert row["_record_key"] == "r1"
    assert "extra_col" not in row


def test_missing_required_column_names_file_and_column(tmp_path: Path, con) -> None:
    raw = tmp_path / "raw"
    write(raw / "crunchbase/organizations.csv", "uuid,name,country_code\no1,X,USA\n", encoding="utf-8", newline="\n")
    with pytest.raises(RawFileError, match=r"crunchbase/organizations.csv: missing required column\(s\) legal_name"):
        load_source(con, "crunchbase_organizations", raw)


def test_binary_and_truncated_files_fail_with_the_file_named(tmp_path: Path, con) -> None:
    raw = tmp_path / "raw"
    (raw / "unicorns").mkdir(parents=True)
    (raw / "unicorns/list.csv").write_bytes(b"PK\x03\x04\x00\x00binary zip")
    with pytest.raises(RawFileError, match="unicorns/list.csv: binary file"):
        load_source(con, "unicorns", raw)
    (raw / "unicorns/list.csv").write_text(
        "Company,Valuation ($B),Date Joined,Country,City,Industry,Select Investors\n"
        'Acme,$1,1/2/2024,United States,SF,Fintech,"A, B"\nBeta,$2,1/3/2024,Uni', encoding="utf-8")
    with pytest.raises(RawFileError, match="unicorns/list.csv: truncated file"):
        load_source(con, "unicorns", raw)


def test_a_failed_load_leaves_the_table_as_it_was(tmp_path: Path, con) -> None:
    raw = tmp_path / "raw"
    write(raw / "cn_export/a.csv", CN_HEADER + "\n" + CN_ROWS[0] + "\n")
    load_source(con, "cn_export", raw)
    (raw / "cn_export/z_broken.csv").write_bytes(b"\x00\x01\x02")
    with pytest.raises(RawFileError):
        load_source(con, "cn_export", raw)
    assert con.execute("select count(*) from raw.cn_export").fetchone() == (1,)


def test_empty_and_header_only_files_load_nothing_and_say_so(tmp_path: Path, con) -> None:
    raw = tmp_path / "raw"
    write(raw / "cn_export/empty.csv", "", encoding="utf-8")
    write(raw / "cn_export/header_only.csv", CN_HEADER + "\n")
    report = load_source(con, "cn_export", raw)
    assert report.rows == 0
    assert any("empty.csv: empty file" in n for n in report.notes)
    assert any("header_only.csv: header only" in n for n in report.notes)
    assert con.execute("select count(*) from raw.cn_export").fetchone() == (0,)


def test_no_files_gives_an_empty_table(tmp_path: Path, con) -> None:
    report = load_source(con, "manual_additions", tmp_path / "raw")
    assert report.rows == 0 and report.files == []
    assert con.execute("select count(*) from raw.manual_additions").fetchone() == (0,)


def test_reloading_the_same_files_gives_an_identical_table(tmp_path: Path, con) -> None:
    raw = tmp_path / "raw"
    write(raw / "cn_export/a.csv", CN_HEADER + "\n" + "\n".join(CN_ROWS) + "\n")
    load_source(con, "cn_export", raw)
    first = table(con, "cn_export")
    load_source(con, "cn_export", raw)
    assert table(con, "cn_export") == first  # including _loaded_at, which is the first load time


def test_overlapping_export_repeats_record_keys_not_records(tmp_path: Path, con) -> None:
    raw = tmp_path / "raw"
    write(raw / "cn_export/2024-05.csv", CN_HEADER + "\n" + "\n".join(CN_ROWS[:3]) + "\n")
    load_source(con, "cn_export", raw)
    before = con.execute("select count(distinct _record_key) from raw.cn_export").fetchone()[0]
    write(raw / "cn_export/2024-06.csv", CN_HEADER + "\n" + "\n".join(CN_ROWS[:3]) + "\n")
    report = load_source(con, "cn_export", raw)
    assert report.rows == 6  # raw keeps every line of every file
    assert report.distinct_records == before == 3  # but the overlap adds no new source record


def test_fx_from_file_wins_else_ecb_monthly_averages(tmp_path: Path, con) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    report = load_source(con, "fx_rates", raw)
    assert "ECB" in report.notes[0]
    usd_may = con.execute(
        "select cast(cny_per_unit as double) from raw.fx_rates where month = '2024-05' and currency = 'USD'"
    ).fetchone()[0]
    assert 7.1 < usd_may < 7.3  # the ECB cross rate averaged over May 2024
    write(raw / "reference/fx_rates.csv", "month,currency,cny_per_unit\n2024-05,USD,7.1\n", encoding="utf-8", newline="\n")
    load_source(con, "fx_rates", raw)
    assert table(con, "fx_rates")[0]["cny_per_unit"] == "7.1"
    assert con.execute("select count(*) from raw.fx_rates").fetchone() == (1,)
