"""The ingest on files written here in the forms real exports take (seen in public copies of an
IT桔子 export, CB Insights' unicorn list and its re-saves, and Crunchbase exports; none of their
data is copied here): CRLF records with line breaks inside cells, no newline at the end, title
and footer rows, an unnamed first column, .xlsx sheets with the header in row 3 and dates as Excel
dates or serial numbers, Latin-1 and UTF-16 files, semicolons, stray quotes, blank lines.

Every data line must end up as one raw row with its physical line number: a record, or a line
with `_line_error` that staging quarantines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest.files import RawFileError
from pipeline.ingest.load import load_source
from pipeline.ingest.sources import CN_EXPORT_COLUMNS
from tests.test_ingest import CN_HEADER, cn_row, write

pytestmark = pytest.mark.unit

UNICORN_HEADER = "Company,Valuation ($B),Date Joined,Country,City,Industry,Select Investors"
ROUNDS_HEADER = ("uuid,name,org_uuid,org_name,investment_type,announced_on,raised_amount,"
                 "raised_amount_currency_code,raised_amount_usd,post_money_valuation_usd,investor_count,"
                 "lead_investor_uuids")


@pytest.fixture
def con(tmp_path: Path):
    c = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield c
    c.close()


def rows(con, table: str, columns: str = "*") -> list[tuple]:
    return con.execute(f"select {columns} from raw.{table} order by _source_file, _source_row").fetchall()


def round_line(uuid: str, date: str = "2024-05-01", name: str = "Series A - X") -> str:
    return f"{uuid},{name},o1,X,series_a,{date},1000000,USD,1000000,,2,"


def test_itjuzi_export_crlf_records_with_line_breaks_inside_cells_and_no_final_newline(tmp_path, con):
    """IT桔子's own export: UTF-8 with BOM, CRLF between records, a bare LF inside a quoted 公司简介
    (Excel's way of writing a line break in a cell), and no terminator after the last record."""
    company = cn_row(公司名称="深瞳智算", 地点="北京-海淀区", 融资时间="2018-05-03", 轮次="A轮",
                     融资金额="未透露人民币", 公司简介="DESCRIPTION").replace("DESCRIPTION", '"第一行介绍\n第二行介绍"')
    continuation = cn_row(融资时间="2017-01-02", 轮次="天使轮", 融资金额="数百万人民币")
    text = "\r\n".join([CN_HEADER, company, continuation])
    (tmp_path / "raw/cn_export").mkdir(parents=True)
    (tmp_path / "raw/cn_export/公司列表_2条.csv").write_bytes(text.encode("utf-8-sig"))

    report = load_source(con, "cn_export", tmp_path / "raw")

    got = rows(con, "cn_export", '_source_row, "公司名称", "公司简介", _is_continuation, _company_row, _line_error')
    assert got == [
        (2, "深瞳智算", "第一行介绍\n第二行介绍", False, 2, None),
        (3, None, None, True, 2, None),
    ] or got == [
        (2, "深瞳智算", "第一行介绍\n第二行介绍", False, 2, None),
        (3, "", "", True, 2, None),
    ]
    assert report.files[0].encoding == "utf-8-sig" and report.rejected_lines == 0


def test_a_stray_quote_costs_its_own_line_only(tmp_path, con):
    """A quote opening a field at line 4, never closed, used to swallow the lines after it into
    one field. A quote inside an unquoted field is unambiguous and kept as text."""
    lines = [ROUNDS_HEADER, round_line("r1"), round_line("r2", name='Series A - 5\'11" Co'),
             round_line("r3", name='"Series A - Quoted Co'), round_line("r4"), round_line("r5")]
    write(tmp_path / "raw/crunchbase/funding_rounds.csv", "\n".join(lines) + "\n", encoding="utf-8", newline="\n")

    load_source(con, "crunchbase_funding_rounds", tmp_path / "raw")

    got = rows(con, "crunchbase_funding_rounds", "_source_row, uuid, _line_error")
    assert [(r[0], r[1]) for r in got if r[2] is None] == [(2, "r1"), (3, "r2"), (5, "r4"), (6, "r5")]
    (bad,) = [r for r in got if r[2] is not None]
    assert bad[0] == 4 and "malformed CSV line" in bad[2]
    raw_line = con.execute("select _raw_line from raw.crunchbase_funding_rounds where _source_row = 4").fetchone()[0]
    assert raw_line == lines[3]


def test_a_record_spanning_lines_in_an_lf_file_is_quarantined_line_by_line(tmp_path, con):
    lines = [ROUNDS_HEADER, round_line("r1"), round_line("r2", name='"Series A\n- Split Co"'), round_line("r3")]
    write(tmp_path / "raw/crunchbase/funding_rounds.csv", "\n".join(lines) + "\n", encoding="utf-8", newline="\n")

    report = load_source(con, "crunchbase_funding_rounds", tmp_path / "raw")

    got = rows(con, "crunchbase_funding_rounds", "_source_row, uuid, _line_error is not null")
    assert [(r[0], r[1]) for r in got if not r[2]] == [(2, "r1"), (5, "r3")]
    assert [r[0] for r in got if r[2]] == [3, 4]  # both physical lines of the broken record
    assert report.rows == 4 and report.rejected_lines == 2


def test_blank_lines_keep_physical_line_numbers_and_are_counted(tmp_path, con):
    text = "\n".join([ROUNDS_HEADER, round_line("r1"), "", round_line("r2"), ",,,,,,,,,,,", round_line("r3")]) + "\n\n"
    write(tmp_path / "raw/crunchbase/funding_rounds.csv", text, encoding="utf-8", newline="\n")

    report = load_source(con, "crunchbase_funding_rounds", tmp_path / "raw")

    assert rows(con, "crunchbase_funding_rounds", "_source_row, uuid") == [(2, "r1"), (4, "r2"), (6, "r3")]
    assert report.files[0].blank_lines == 3  # the empty line, the line of commas, the empty last line
    assert "blank line" in report.files[0].skipped


def test_regular_and_irregular_files_give_the_same_records(tmp_path, con):
    """The fast reader (DuckDB's) and the exact line-by-line path agree on every value."""
    values = [round_line(f"r{i}", name=f'"Series A - Co, {i} ""Ltd"""') for i in range(1, 6)]
    write(tmp_path / "a/crunchbase/funding_rounds.csv", "\n".join([ROUNDS_HEADER, *values]) + "\n",
          encoding="utf-8", newline="\n")
    write(tmp_path / "b/crunchbase/funding_rounds.csv", "\n".join([ROUNDS_HEADER, "", *values]) + "\n",
          encoding="utf-8", newline="\n")  # a blank line sends this file down the exact path
    columns = "uuid, name, announced_on, raised_amount, lead_investor_uuids, _record_key"
    load_source(con, "crunchbase_funding_rounds", tmp_path / "a")
    fast = rows(con, "crunchbase_funding_rounds", columns)
    load_source(con, "crunchbase_funding_rounds", tmp_path / "b")
    exact = rows(con, "crunchbase_funding_rounds", columns)
    assert fast == exact
    assert fast[0][1] == 'Series A - Co, 1 "Ltd"'


def test_wrong_number_of_fields_is_a_rejected_line_but_trailing_empty_cells_are_fine(tmp_path, con):
    text = "\n".join([
        ROUNDS_HEADER,
        round_line("r1") + ",,",  # Excel's trailing empty cells
        "r2,Series A - Y,o1,Y,series_a,2024-05-01",  # cut short
        round_line("r3") + ",surplus",  # a value beyond the header
    ]) + "\n"
    write(tmp_path / "raw/crunchbase/funding_rounds.csv", text, encoding="utf-8", newline="\n")

    load_source(con, "crunchbase_funding_rounds", tmp_path / "raw")

    got = dict((r[0], r[1]) for r in rows(con, "crunchbase_funding_rounds", "_source_row, _line_error"))
    assert got[2] is None
    assert got[3] == "wrong number of fields: 6, the header has 12"
    assert got[4] == "wrong number of fields: 13, the header has 12"


def test_vendor_unicorn_csv_with_title_rows_unnamed_column_and_footers(tmp_path, con):
    """CB Insights' CSV download: two title rows, an empty unnamed first column, '$350.00 '
    valuations, and address/link rows under the data."""
    lines = [
        ",The Complete List of Unicorn Companies,,,,,,",
        ",,,,,,,",
        "," + UNICORN_HEADER,
        ',SpaceX,$350.00 ,12/1/2012,United States,Hawthorne,Industrials,"Founders Fund, Draper Fisher Jurvetson"',
        ',Branch,$1.05 ,8/6/2018,United States,Redwood City,Consumer & Retail,"Playground Global"',
        ',Branch,$1.00 ,1/25/2022,United States,Columbus,Financial Services,"Greylock"',
        ",,,,,,,",
        "CB Insights 498 Seventh Ave New York NY,,,,,,,",
        "https://www.cbinsights.com/research-unicorn-companies,,,,,,,",
    ]
    write(tmp_path / "raw/unicorns/CB-Insights_Global-Unicorn-Club.csv", "\n".join(lines) + "\n",
          encoding="utf-8", newline="\r\n")

    report = load_source(con, "unicorns", tmp_path / "raw")

    got = rows(con, "unicorns", '_source_row, "Company", "Valuation ($B)", _line_error')
    assert [(r[0], r[1], r[2]) for r in got if r[3] is None] == [
        (4, "SpaceX", "$350.00 "), (5, "Branch", "$1.05 "), (6, "Branch", "$1.00 ")]
    footers = [r for r in got if r[3] is not None]
    assert [r[0] for r in footers] == [8, 9]
    assert all(r[3].startswith("not a data row") for r in footers)
    (f,) = report.files
    assert (f.header_row, f.title_rows_skipped, f.unnamed_columns, f.blank_lines) == (3, 2, 1, 1)
    keys = [r[0] for r in rows(con, "unicorns", "_record_key") if r[0]]
    assert len(set(keys[:3])) == 3  # the two Branches are two companies


def test_same_unicorn_twice_has_one_record_key_whatever_the_spacing(tmp_path, con):
    lines = [UNICORN_HEADER,
             'Cohere,$5.5,5/4/2022,Canada,Toronto,Artificial intelligence,"Index Ventures"',
             'Cohere ,$5.5,5/4/2022,canada,Toronto,Artificial Intelligence,"Index Ventures"']
    write(tmp_path / "raw/unicorns/list.csv", "\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    report = load_source(con, "unicorns", tmp_path / "raw")
    assert report.rows == 2 and report.distinct_records == 1


def _xlsx(path: Path, rows_: list[list[object]], sheet: str = "Sheet1", date_cells: dict | None = None,
          extra_sheet_first: bool = False) -> Path:
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    if extra_sheet_first:
        workbook.add_worksheet("Notes").write(0, 0, "About this download")
    ws = workbook.add_worksheet(sheet)
    date_format = workbook.add_format({"num_format": "m/d/yyyy"})
    for r, values in enumerate(rows_):
        for c, value in enumerate(values):
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, date_format)
            elif value is not None:
                ws.write(r, c, value)
    workbook.close()
    return path


def test_vendor_unicorn_xlsx_header_in_row_three_dates_as_excel_dates_and_serials(tmp_path, con):
    header = [None, *UNICORN_HEADER.split(",")]
    _xlsx(tmp_path / "raw/unicorns/CB-Insights_Global-Unicorn-Club_2025.xlsx", [
        [None, "The Complete List of Unicorn Companies\n(as of March 2025)"],
        [],
        header,
        [None, "ByteDance", 225, dt.datetime(2017, 4, 7), "China", "Beijing", "Media & Entertainment", "Sequoia"],
        [None, "SpaceX", "$350.00 ", 41244, "United States", "Hawthorne", "Industrials", "Founders Fund"],
        [None, "Anthropic", 61.5, dt.datetime(2023, 2, 3, 14, 30), "United States", "San Francisco",
         "Enterprise Tech", "Google"],
        [],
        ["Source: CB Insights"],
    ], sheet="Unicorns", extra_sheet_first=True)

    report = load_source(con, "unicorns", tmp_path / "raw")

    got = rows(con, "unicorns", '_source_row, "Company", "Valuation ($B)", "Date Joined", _line_error')
    assert [r[:4] for r in got if r[4] is None] == [
        (4, "ByteDance", "225", "2017-04-07"),
        (5, "SpaceX", "$350.00 ", "41244"),  # a plain number: staging reads Excel serials
        (6, "Anthropic", "61.5", "2023-02-03 14:30:00"),
    ]
    assert [(r[0], r[4][:14]) for r in got if r[4] is not None] == [(8, "not a data row")]
    (f,) = report.files
    assert (f.file_format, f.sheet, f.header_row, f.encoding) == ("xlsx", "Unicorns", 3, "xlsx")


def test_cn_export_as_xlsx_with_continuation_rows(tmp_path, con):
    header = CN_EXPORT_COLUMNS
    def row(**values):
        return [values.get(c, "") for c in header]
    _xlsx(tmp_path / "raw/cn_export/itjuzi_2018.xlsx", [
        ["IT桔子 公司列表"],
        header,
        row(公司名称="新石器", 地点="江苏-盐城", 融资时间=dt.datetime(2018, 5, 3), 轮次="A轮", 融资金额="未透露美元"),
        row(融资时间="2017-01-02", 轮次="天使轮", 融资金额="数百万人民币"),
    ])
    load_source(con, "cn_export", tmp_path / "raw")
    got = rows(con, "cn_export", '_source_row, "融资时间", "融资金额", _is_continuation, _company_row, _company_name')
    assert got == [(3, "2018-05-03", "未透露美元", False, 3, "新石器"), (4, "2017-01-02", "数百万人民币", True, 3, "新石器")]


def test_a_workbook_without_the_header_names_the_missing_columns_and_sheets(tmp_path, con):
    _xlsx(tmp_path / "raw/unicorns/list.xlsx", [["Company", "Valuation"], ["X", 1]])
    with pytest.raises(RawFileError, match=r"unicorns/list.xlsx: missing required column\(s\) Valuation \(\$B\).*sheets: Sheet1"):
        load_source(con, "unicorns", tmp_path / "raw")


def test_latin1_utf16_and_semicolon_files(tmp_path, con):
    write(tmp_path / "raw/unicorns/latin1.csv",
          UNICORN_HEADER + "\nMüller Söhne AG,$1.2,1/5/2021,Germany,Köln,Fintech,\"Café Ventures\"\n",
          encoding="cp1252", newline="\r\n")
    write(tmp_path / "raw/unicorns/utf16.csv", UNICORN_HEADER + "\nNoël,$2,1/6/2021,France,Paris,Fintech,X\n",
          encoding="utf-16", newline="\r\n")
    write(tmp_path / "raw/unicorns/semicolon.csv",
          UNICORN_HEADER.replace(",", ";") + "\nAcme;$3;1/7/2021;United States;Austin;Fintech;A, B\n",
          encoding="utf-8", newline="\n")

    report = load_source(con, "unicorns", tmp_path / "raw")

    assert rows(con, "unicorns", '"Company", "City", "Select Investors"') == [
        ("Müller Söhne AG", "Köln", "Café Ventures"), ("Acme", "Austin", "A, B"), ("Noël", "Paris", "X")]
    by_file = {f.file: f for f in report.files}
    assert by_file["unicorns/latin1.csv"].encoding == "cp1252"
    assert by_file["unicorns/utf16.csv"].encoding == "utf-16"
    assert by_file["unicorns/semicolon.csv"].delimiter == ";"


def test_a_damaged_utf8_file_fails_with_the_first_bad_byte(tmp_path, con):
    good = (UNICORN_HEADER + "\n" + "字节跳动,$225,4/7/2017,China,Beijing,Media,Sequoia\n" * 5).encode()
    (tmp_path / "raw/unicorns").mkdir(parents=True)
    (tmp_path / "raw/unicorns/list.csv").write_bytes(good + b"\xff\xfe broken\n")
    with pytest.raises(RawFileError, match=rf"unicorns/list.csv: mostly UTF-8 but byte {len(good)} \(0xff\)"):
        load_source(con, "unicorns", tmp_path / "raw")


def test_stray_files_and_lock_files_are_named(tmp_path, con):
    write(tmp_path / "raw/unicorns/list.csv", UNICORN_HEADER + "\n", encoding="utf-8")
    (tmp_path / "raw/unicorns/~$list.xlsx").write_bytes(b"lock")
    (tmp_path / "raw/unicorns/notes.txt").write_text("from the vendor")
    report = load_source(con, "unicorns", tmp_path / "raw")
    assert any("unicorns/notes.txt: ignored, matches no source pattern" in n for n in report.notes)
    assert any("unicorns/~$list.xlsx: ignored (a hidden file or an Excel lock file)" in n for n in report.notes)


def test_header_cells_with_full_width_letters_and_spaces_are_found(tmp_path, con):
    header = "Ｃｏｍｐａｎｙ, Valuation ($B) ,Date  Joined,Country,City,Industry,Select Investors"
    write(tmp_path / "raw/unicorns/list.csv", header + "\nAcme,$1,1/2/2024,United States,SF,Fintech,X\n",
          encoding="utf-8", newline="\n")
    load_source(con, "unicorns", tmp_path / "raw")
    assert rows(con, "unicorns", '"Company", "Date Joined"') == [("Acme", "1/2/2024")]


def test_a_rejected_company_line_leaves_its_continuation_rows_orphans(tmp_path, con):
    lines = [CN_HEADER,
             cn_row(公司名称="甲公司", 融资时间="2024-01-02", 轮次="A轮", 融资金额="1亿人民币"),
             cn_row(公司名称='"乙公司', 融资时间="2024-02-03", 轮次="B轮", 融资金额="2亿人民币"),
             cn_row(融资时间="2023-02-03", 轮次="A轮", 融资金额="5000万人民币")]
    write(tmp_path / "raw/cn_export/a.csv", "\n".join(lines) + "\n")
    load_source(con, "cn_export", tmp_path / "raw")
    got = rows(con, "cn_export", "_source_row, _line_error is not null, _is_continuation, _company_row")
    # line 3 is malformed; line 4 must not be credited to 甲公司 (line 2)
    assert got == [(2, False, False, 2), (3, True, False, None), (4, False, True, None)]


def test_ingest_files_metadata_says_what_was_skipped(tmp_path, con):
    write(tmp_path / "raw/unicorns/list.csv",
          "Unicorn list\n" + UNICORN_HEADER + "\nAcme,$1,1/2/2024,United States,SF,Fintech,X\n\nSource: CB Insights\n",
          encoding="utf-8", newline="\n")
    load_source(con, "unicorns", tmp_path / "raw")
    (meta,) = con.execute(
        "select file, header_row, title_rows_skipped, blank_lines, rows, rejected_lines, skipped "
        "from raw._ingest_files where source_table = 'unicorns'").fetchall()
    assert meta[:6] == ("unicorns/list.csv", 2, 1, 1, 2, 1)
    assert "1 row(s) above the header (row 2)" in meta[6] and "1 line(s) not a record" in meta[6]


def test_a_file_with_mixed_line_ends_is_read_by_lf(tmp_path, con):
    """A CRLF export with LF lines appended by another tool: the bare LFs outside quotes are line
    ends, not line breaks inside cells."""
    text = (UNICORN_HEADER + "\r\n" + 'Acme,$1,1/2/2024,United States,SF,Fintech,"A, B"\r\n'
            + "Beta,$2,1/3/2024,United States,NYC,Fintech,X\n" + "Gamma,$3,1/4/2024,China,Beijing,Fintech,Y\n")
    (tmp_path / "raw/unicorns").mkdir(parents=True)
    (tmp_path / "raw/unicorns/list.csv").write_bytes(text.encode())
    load_source(con, "unicorns", tmp_path / "raw")
    assert rows(con, "unicorns", '_source_row, "Company", "City"') == [
        (2, "Acme", "SF"), (3, "Beta", "NYC"), (4, "Gamma", "Beijing")]
