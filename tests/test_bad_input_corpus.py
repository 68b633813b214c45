"""A corpus of bad input, written by the tests themselves, across every raw source: each case says
which file and line it breaks and what must come of it — a quarantine reason at that file and
physical line, a value staged verbatim, an ingest error naming the file, or no publish at all.

Cost is kept down by grouping: every row-level case lives in one raw dir (the cases do not
interfere: each breaks its own line), built once with the ingest and `dbt build` of staging,
intermediate and the core marts. The file-level cases only need the ingest. Only the cases that
must not publish run the real Dagster job: one module-scoped baseline on a copy of the shipped
sample, into which row-level problems are mixed (they must not stop the publish), then each bad
raw dir against a copy of that warehouse, and published.duckdb must stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipeline import settings
from pipeline.ingest.files import RawFileError
from pipeline.ingest.load import load_source
from pipeline.ingest.sources import SOURCES
from tests.test_dbt_models import TRANSFORM_SELECTION, run_dbt
from tests.test_ingest import CN_HEADER, cn_row, write

ORG_HEADER = ("uuid,name,legal_name,country_code,region,city,short_description,category_list,"
              "category_groups_list,founded_on,alias1,alias2,alias3")
ROUNDS_HEADER = ("uuid,name,org_uuid,org_name,investment_type,announced_on,raised_amount,"
                 "raised_amount_currency_code,raised_amount_usd,post_money_valuation_usd,investor_count,"
                 "lead_investor_uuids")
UNICORN_HEADER = "Company,Valuation ($B),Date Joined,Country,City,Industry,Select Investors"
MANUAL_HEADER = "company_name,country_code,announced_on,round_type,amount,currency,investors,description,note"
SQL_NAME = "Robert'); DROP TABLE fct_deals;--"
HTML_NAME = "<script>alert('x')</script> Labs"
CN_SQL_NAME = "'; DELETE FROM deals; -- 科技"
CN_HTML_NAME = "<img src=x onerror=alert(1)>智能"


@dataclass(frozen=True)
class Case:
    """One bad input. `kind`:
      quarantined   the raw row at (file, row) is in audit_quarantine with `expect` in its reason
      staged        `sql` (over the working file) returns `expect`: the value came through verbatim
      ingest_error  loading `file` fails with `expect` in the message (the file is written by `write`)
    `must_not_publish`: the input stops the run; the Dagster cases below check that the published
    file stays byte-identical."""

    name: str
    file: str
    expect: object
    kind: str = "quarantined"
    row: int | None = None
    sql: str | None = None
    must_not_publish: bool = False
    write: Callable[[Path], None] | None = None


# ---------------------------------------------------------------------------------------------
# The row-level corpus: one raw dir, each case on its own line

def round_line(uuid: str, date: str = "2024-05-01", amount: str = "1000000", currency: str = "USD",
               usd: str = "", org: str = "o1", kind: str = "series_a", name: str = "Series A - Acme AI",
               post_money: str = "") -> str:
    return f"{uuid},{name},{org},Acme AI,{kind},{date},{amount},{currency},{usd},{post_money},2,"


FR = "crunchbase/funding_rounds.csv"
ROUND_LINES = 1205  # physical lines of funding_rounds.csv, header included
# physical line -> the text there (a text with a line break fills the next line too)
ROUND_OVERRIDES = {
    10: round_line("r0010", amount="NaN"),
    11: round_line("r0011", amount="inf"),
    12: round_line("r0012", amount="-inf"),
    13: round_line("r0013", amount="", currency="", usd="1e400"),
    14: round_line("r0014", date="1900-01-01", amount="", currency=""),
    15: round_line("r0015", currency="XYZ"),
    16: round_line("r0016", amount="-5"),
    17: round_line("r0017", date="2031-05-01"),
    18: round_line("r0018", date="2024-03-05", currency="EUR"),
    19: "r0019,Series A - Acme AI,o1",
    20: round_line("r0020") + ",extra,cells",
    21: round_line("r0021", amount="50000000000"),
    22: round_line("r0022", kind="series_z"),
    23: round_line("r0023", org="org-ghost"),
    24: round_line("r0024", date="2024-06-01"),
    25: round_line("r0024", date="2024-06-01"),  # the same line again: one record, two copies
    26: round_line("r0026", date="yesterday"),
    27: round_line("r0027", post_money="NaN"),
    30: "",
    31: "",
    40: round_line("r0040", name='"Series A\n- Split Co"'),  # a record spanning lines 40-41 of an LF file
    1000: round_line("r1000", name='"Series A - Broken'),  # a stray quote
    ROUND_LINES: ",,,,Exported from Crunchbase,,,,,,,",  # a footer
}


def funding_rounds_text() -> str:
    lines, number = [ROUNDS_HEADER], 2
    while number <= ROUND_LINES:
        text = ROUND_OVERRIDES.get(number)
        if text is None:
            day = dt.date(2024, 1, 1) + dt.timedelta(days=number % 400)
            text = round_line(f"r{number:04d}", date=day.isoformat())
        lines.append(text)
        number += 1 + text.count("\n")
    return "\n".join(lines) + "\n"


CN = "cn_export/corpus.csv"
CN_LINES = [
    cn_row(公司名称="甲智能", 地点="北京-海淀区", 行业="人工智能", 子行业="大模型", 融资时间="2024-01-10",
           轮次="A轮", 融资金额="1000万人民币"),                                     # 2 good
    cn_row(融资时间="2024-01-11", 轮次="B轮", 融资金额="数万亿人民币"),             # 3 3万亿元
    cn_row(融资时间="1900-01-01", 轮次="天使轮", 融资金额="未透露"),                # 4
    cn_row(融资时间="2024-01-12", 轮次="A轮", 融资金额="5000万比特币"),             # 5
    cn_row(融资时间="2024-01-13", 轮次="A轮", 融资金额="-100万人民币"),             # 6
    cn_row(融资时间="2031-05-01", 轮次="A轮", 融资金额="1000万人民币"),             # 7
    cn_row(融资时间="2024-01-14", 轮次="A轮", 融资金额="5000万越南盾"),             # 8 no VND rate
    cn_row(公司名称=CN_SQL_NAME, 地点="上海-浦东新区", 行业="人工智能", 融资时间="2024-02-01",
           轮次="A轮", 融资金额="2000万人民币"),                                     # 9
    cn_row(公司名称=CN_HTML_NAME, 地点="上海-浦东新区", 行业="人工智能", 融资时间="2024-02-02",
           轮次="A轮", 融资金额="3000万人民币"),                                     # 10
    cn_row(融资时间="2024-02-30", 轮次="A轮", 融资金额="1000万人民币"),             # 11
    cn_row(融资时间="2024-02-03", 轮次="Z轮", 融资金额="1000万人民币"),             # 12
    cn_row(融资时间="2024-02-04", 轮次="A轮", 融资金额="约合三千万"),               # 13
]


ROW_CASES = [
    # crunchbase funding_rounds
    Case("NaN amount", FR, "non-finite number in raised_amount: 'NaN'", row=10),
    Case("inf amount", FR, "non-finite number in raised_amount: 'inf'", row=11),
    Case("-inf amount", FR, "non-finite number in raised_amount: '-inf'", row=12),
    Case("1e400 amount (USD fallback)", FR, "non-finite number in raised_amount: '1e400'", row=13),
    Case("1900-01-01 round without an amount", FR,
         "date before 1990-01-01 in announced_on: '1900-01-01' (var min_announced_date)", row=14),
    Case("unknown currency", FR, "unknown currency in raised_amount_currency_code: 'XYZ'", row=15),
    Case("negative amount", FR, "negative amount in raised_amount: '-5'", row=16),
    Case("future date", FR, "date in the future in announced_on: '2031-05-01'", row=17),
    Case("no FX rate for the month", FR, "no FX rate for EUR in 2024-03", row=18),
    Case("too few fields", FR, "wrong number of fields: 3, the header has 12", row=19),
    Case("too many fields", FR, "wrong number of fields: 14, the header has 12", row=20),
    Case("$500亿 round above the ceiling", FR,
         "implausible amount in raised_amount: '50000000000' is 355,000,000,000 CNY, above the ceiling of "
         "200,000,000,000 CNY per round (var max_round_amount_cny)", row=21),
    Case("unknown round type", FR, "unknown round type in investment_type: 'series_z'", row=22),
    Case("round of an unknown organization", FR, "unknown organization in org_uuid: 'org-ghost'", row=23),
    Case("duplicate identical rows are one record, two copies", FR, [(1, 2)], kind="staged",
         sql="select count(*), max(copy_count) from intermediate.int_deal_records_collapsed where source_record_key = 'r0024'"),
    Case("unparseable date", FR, "unparseable date in announced_on: 'yesterday'", row=26),
    Case("NaN post-money valuation", FR, "non-finite number in post_money_valuation_usd: 'NaN'", row=27),
    Case("blank lines keep physical line numbers", FR, [(32,), (33,)], kind="staged",
         sql="select source_row from staging.stg_crunchbase__funding_rounds where funding_round_uuid in ('r0032', 'r0033') order by 1"),
    Case("multi-line record in an LF file: first line", FR, "malformed CSV line", row=40),
    Case("multi-line record in an LF file: second line", FR, "wrong number of fields: 11, the header has 12", row=41),
    Case("the line after a multi-line record is staged", FR, [(42,)], kind="staged",
         sql="select source_row from staging.stg_crunchbase__funding_rounds where funding_round_uuid = 'r0042' and reject_reason is null"),
    Case("stray quote at line 1000", FR, "malformed CSV line: a quote opens a field that does not close on this line", row=1000),
    Case("only line 1000 is lost to the stray quote", FR, [(0,)], kind="staged",
         sql=f"select count(*) from marts.audit_quarantine where source_file = '{FR}' and source_row between 42 and {ROUND_LINES - 1} and source_row not in (50, 1000)"),
    Case("lines after the stray quote are staged", FR, [(1001, "r1001"), (1002, "r1002"), (ROUND_LINES - 1, f"r{ROUND_LINES - 1}")],
         kind="staged",
         sql=f"select source_row, funding_round_uuid from staging.stg_crunchbase__funding_rounds where source_row in (1001, 1002, {ROUND_LINES - 1}) and reject_reason is null order by 1"),
    Case("footer row", FR, "not a data row: none of uuid, org_uuid has a value", row=ROUND_LINES),
    # crunchbase organizations and investments
    Case("SQL-like organization name staged verbatim", "crunchbase/organizations.csv", [(SQL_NAME,)], kind="staged",
         sql="select org_name from staging.stg_crunchbase__organizations where org_uuid = 'o2' and reject_reason is null"),
    Case("HTML-like organization name staged verbatim", "crunchbase/organizations.csv", [(HTML_NAME,)], kind="staged",
         sql="select org_name from staging.stg_crunchbase__organizations where org_uuid = 'o3' and reject_reason is null"),
    Case("Latin-1 file: Müller Söhne AG decoded right", "crunchbase/organizations_de.csv", [("Müller Söhne AG", "Köln", "cp1252")],
         kind="staged",
         sql="select s.org_name, s.city, r._encoding from staging.stg_crunchbase__organizations as s "
             "join raw.crunchbase_organizations as r on r._source_file = s.source_file and r._source_row = s.source_row where s.org_uuid = 'o5'"),
    Case("organization without a name", "crunchbase/organizations.csv", "missing name", row=5),
    Case("investment without an investor name", "crunchbase/investments.csv", "missing investor_name", row=3),
    Case("HTML-like investor name staged verbatim", "crunchbase/investments.csv", [("<b>Bold</b> Capital",)], kind="staged",
         sql="select investor_name from staging.stg_crunchbase__investments where investment_uuid = 'i3' and reject_reason is null"),
    # cn_export
    Case("数万亿人民币 above the ceiling", CN,
         "implausible amount in 融资金额: '数万亿人民币' is 3,000,000,000,000 CNY, above the ceiling of "
         "200,000,000,000 CNY per round (var max_round_amount_cny)", row=3),
    Case("1900-01-01 round (undisclosed)", CN, "date before 1990-01-01 in 融资时间: '1900-01-01'", row=4),
    Case("unknown currency word", CN, "unknown currency '比特币' in 融资金额: '5000万比特币'", row=5),
    Case("negative 融资金额", CN, "negative amount in 融资金额: '-100万人民币'", row=6),
    Case("future 融资时间", CN, "date in the future in 融资时间: '2031-05-01'", row=7),
    Case("currency without a rate", CN, "no FX rate for VND in 2024-01", row=8),
    Case("SQL-like company name staged verbatim", CN, [(CN_SQL_NAME,)], kind="staged",
         sql="select company_name from intermediate.int_cn_export_rounds_amounts_parsed where source_file = 'cn_export/corpus.csv' and source_row = 9 and reject_reason is null"),
    Case("HTML-like company name staged verbatim", CN, [(CN_HTML_NAME,)], kind="staged",
         sql="select company_name from intermediate.int_cn_export_rounds_amounts_parsed where source_file = 'cn_export/corpus.csv' and source_row = 10 and reject_reason is null"),
    Case("impossible date", CN, "unparseable date in 融资时间: '2024-02-30'", row=11),
    Case("unknown 轮次", CN, "unknown round type in 轮次: 'Z轮'", row=12),
    Case("unknown amount form", CN, "unknown amount form in 融资金额: '约合三千万'", row=13),
    Case("orphan continuation row", "cn_export/orphan.csv", "orphan continuation row: no company row above it", row=2),
    Case("an unnamed empty column is kept aside", "cn_export/unnamed.csv", [("乙智能", 1)], kind="staged",
         sql="select s.company_name, f.unnamed_columns from intermediate.int_cn_export_rounds_amounts_parsed as s "
             "join raw._ingest_files as f on f.file = s.source_file where s.source_file = 'cn_export/unnamed.csv' and s.reject_reason is null"),
    # unicorns
    Case("negative valuation", "unicorns/unicorns.csv", "negative valuation in Valuation ($B): '-$5'", row=3),
    Case("valuation above the ceiling", "unicorns/unicorns.csv",
         "implausible valuation in Valuation ($B): '$35,000' is 35,000,000,000,000 USD, above the ceiling of "
         "10,000,000,000,000 USD (var max_unicorn_valuation_usd)", row=4),
    Case("unreadable valuation", "unicorns/unicorns.csv", "unparseable valuation in Valuation ($B): 'n/a'", row=5),
    Case("unicorn joined 1900", "unicorns/unicorns.csv", "date before 1990-01-01 in Date Joined: '1900-01-01'", row=6),
    Case("repeated unicorn row is one unicorn with two copies", "unicorns/unicorns.csv", [(7, 1, 2), (8, 2, 2)], kind="staged",
         sql="select source_row, copy_number, copy_count from staging.stg_unicorns__unicorns where company_name = 'Cohere' order by 1"),
    Case("UTF-16 file", "unicorns/utf16.csv", [("Noël", "Paris")], kind="staged",
         sql="select company_name, city from staging.stg_unicorns__unicorns where source_file = 'unicorns/utf16.csv' and reject_reason is null"),
    Case(".xlsx with the header in row 3 and an unnamed column", "unicorns/vendor.xlsx", [(4, "ByteDance", 225e9)], kind="staged",
         sql="select source_row, company_name, valuation_usd from staging.stg_unicorns__unicorns where source_file = 'unicorns/vendor.xlsx' and reject_reason is null"),
    Case(".xlsx footer row", "unicorns/vendor.xlsx", "not a data row", row=6),
    # fx_rates
    Case("NaN rate", "reference/fx_rates.csv", "non-finite number in cny_per_unit: 'NaN'", row=2),
    Case("unreadable month", "reference/fx_rates.csv", "unparseable month in month: '2024-13'", row=3),
    Case("negative rate", "reference/fx_rates.csv", "non-positive rate in cny_per_unit: '-1'", row=4),
    # manual additions and exclusions
    Case("manual NaN amount", "manual/additions.csv", "non-finite number in amount: 'NaN'", row=3),
    Case("manual 1e400 amount", "manual/additions.csv", "non-finite number in amount: '1e400'", row=4),
    Case("manual amount above the ceiling", "manual/additions.csv",
         "implausible amount in amount: '3000000000000' is 3,000,000,000,000 CNY", row=5),
    Case("manual 1900 date", "manual/additions.csv", "date before 1990-01-01 in announced_on: '1900-01-01'", row=6),
    Case("manual unknown currency", "manual/additions.csv", "unknown currency in currency: 'XYZ'", row=7),
    Case("manual negative amount", "manual/additions.csv", "negative amount in amount: '-1000'", row=8),
    Case("manual unknown country", "manual/additions.csv", "unknown country in country_code: 'ZZ'", row=9),
    Case("exclusion matching nothing", "manual/exclusions.csv",
         "exclusion matches no crunchbase record with key 'does-not-exist'", row=2),
    Case("excluded record (the only other quarantined line after 41)", FR,
         "excluded by analyst: duplicate of a press release", row=50),
    Case("exclusion without a reason", "manual/exclusions.csv", "missing reason", row=4),
]


def _xlsx(path: Path, rows: list[list[object]]) -> None:
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Unicorns")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                sheet.write(r, c, value)
    workbook.close()


def write_row_corpus(raw: Path) -> None:
    write(raw / "crunchbase/organizations.csv", "\n".join([
        ORG_HEADER,
        "o1,Acme AI,Acme AI Inc.,USA,California,San Francisco,Generative AI models,Artificial Intelligence,Artificial Intelligence,2019-01-01,,,",
        f'o2,"{SQL_NAME}",,USA,California,San Francisco,AI agents,Artificial Intelligence,Artificial Intelligence,2020-01-01,,,',
        f"o3,{HTML_NAME},,USA,California,San Francisco,AI agents,Artificial Intelligence,Artificial Intelligence,2020-01-01,,,",
        "o4,,,USA,California,San Francisco,,,,,,,",
    ]) + "\n", encoding="utf-8", newline="\n")
    write(raw / "crunchbase/organizations_de.csv", "\n".join([
        ORG_HEADER, "o5,Müller Söhne AG,Müller Söhne AG,DEU,NRW,Köln,Maschinelles Lernen für Fabriken,Artificial Intelligence,,2015-01-01,,,",
    ]) + "\n", encoding="cp1252", newline="\r\n")
    write(raw / FR, funding_rounds_text(), encoding="utf-8", newline="\n")
    write(raw / "crunchbase/investments.csv", "\n".join([
        "uuid,funding_round_uuid,investor_uuid,investor_name,investor_type,is_lead_investor",
        "i1,r0002,v1,Sequoia Capital,investment_partner,true",
        "i2,r0002,v2,,investment_partner,false",
        "i3,r0003,v3,<b>Bold</b> Capital,investment_partner,false",
    ]) + "\n", encoding="utf-8", newline="\n")
    write(raw / CN, "\n".join([CN_HEADER, *CN_LINES]), encoding="utf-8-sig", newline="\r\n")
    write(raw / "cn_export/orphan.csv", "\n".join([
        CN_HEADER, cn_row(融资时间="2024-03-01", 轮次="A轮", 融资金额="1000万人民币")]) + "\n",
        encoding="utf-8-sig", newline="\r\n")
    write(raw / "cn_export/unnamed.csv", "\n".join([
        "," + CN_HEADER, "," + cn_row(公司名称="乙智能", 地点="北京-海淀区", 行业="人工智能", 融资时间="2024-03-02",
                                      轮次="A轮", 融资金额="500万人民币")]) + "\n", encoding="utf-8-sig", newline="\r\n")
    write(raw / "unicorns/unicorns.csv", "\n".join([
        UNICORN_HEADER,
        "Acme AI,$2.5,1/5/2021,United States,San Francisco,Artificial intelligence,Sequoia",
        "Lambda Neg,-$5,1/6/2021,United States,Austin,Fintech,X",
        "Mu Huge,\"$35,000\",1/7/2021,United States,Austin,Fintech,X",
        "Nu Unknown,n/a,1/8/2021,United States,Austin,Fintech,X",
        "Xi Old,$1,1900-01-01,United States,Austin,Fintech,X",
        "Cohere,$5.5,2/2/2022,Canada,Toronto,Artificial intelligence,Index",
        "Cohere,$5.5,2/2/2022,Canada,Toronto,Artificial intelligence,Index",
    ]) + "\n", encoding="utf-8", newline="\n")
    write(raw / "unicorns/utf16.csv", UNICORN_HEADER + "\nNoël,$2,1/6/2021,France,Paris,Fintech,X\n",
          encoding="utf-16", newline="\r\n")
    _xlsx(raw / "unicorns/vendor.xlsx", [
        [None, "The Complete List of Unicorn Companies"], [],
        [None, *UNICORN_HEADER.split(",")],
        [None, "ByteDance", 225, "4/7/2017", "China", "Beijing", "Media & Entertainment", "Sequoia"],
        [],
        ["Source: CB Insights"],
    ])
    rates = ["month,currency,cny_per_unit", "2024-06,GBP,NaN", "2024-13,USD,7.1", "2024-07,GBP,-1"]
    rates += [f"{y}-{m:02d},USD,7.1" for y in range(2019, 2027) for m in range(1, 13)]
    rates += ["2024-01,EUR,7.8"]
    write(raw / "reference/fx_rates.csv", "\n".join(rates) + "\n", encoding="utf-8", newline="\n")
    write(raw / "manual/additions.csv", "\n".join([
        MANUAL_HEADER,
        "Acme AI,US,2024-08-01,series_b,20000000,USD,,,press release",
        "Acme AI,US,2024-08-02,series_b,NaN,USD,,,",
        "Acme AI,US,2024-08-03,series_b,1e400,USD,,,",
        "Acme AI,US,2024-08-04,series_b,3000000000000,CNY,,,",
        "Acme AI,US,1900-01-01,series_b,,,,,",
        "Acme AI,US,2024-08-06,series_b,1000,XYZ,,,",
        "Acme AI,US,2024-08-07,series_b,-1000,USD,,,",
        "Acme AI,ZZ,2024-08-08,series_b,1000,USD,,,",
    ]) + "\n", encoding="utf-8", newline="\n")
    write(raw / "manual/exclusions.csv", "\n".join([
        "source,source_record_key,reason",
        "crunchbase,does-not-exist,typo in the key",
        "crunchbase,r0050,duplicate of a press release",
        "crunchbase,r0051,",
    ]) + "\n", encoding="utf-8", newline="\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working file after ingest + dbt build (staging, intermediate, core marts) of the corpus."""
    root = tmp_path_factory.mktemp("bad_input_corpus")
    write_row_corpus(root / "raw")
    with duckdb.connect(str(root / "warehouse.duckdb")) as con:
        for name in SOURCES:
            load_source(con, name, root / "raw")
    result = run_dbt(["build", "--select", *TRANSFORM_SELECTION], root)
    assert result.returncode == 0, result.stdout[-6000:]
    return root / "warehouse.duckdb"


@pytest.fixture()
def con(corpus: Path):
    c = duckdb.connect(str(corpus), read_only=True)
    yield c
    c.close()


@pytest.mark.dbt
@pytest.mark.parametrize("case", ROW_CASES, ids=lambda c: c.name)
def test_row_case(case: Case, con) -> None:
    if case.kind == "staged":
        assert con.execute(case.sql).fetchall() == case.expect
        return
    reasons = [r[0] for r in con.execute(
        "select reason from marts.audit_quarantine where source_file = ? and source_row = ?",
        [case.file, case.row]).fetchall()]
    assert reasons and any(str(case.expect) in r for r in reasons), \
        f"{case.file}:{case.row}: expected a reason with {case.expect!r}, got {reasons}"


@pytest.mark.dbt
def test_quarantined_rows_keep_the_raw_line(con) -> None:
    raw = json.loads(con.execute(
        f"select raw_record from marts.audit_quarantine where source_file = '{FR}' and source_row = 1000").fetchone()[0])
    assert raw["raw_line"] == ROUND_OVERRIDES[1000]
    record = json.loads(con.execute(
        f"select raw_record from marts.audit_quarantine where source_file = '{CN}' and source_row = 3").fetchone()[0])
    assert record["融资金额"] == "数万亿人民币"


@pytest.mark.dbt
def test_line_accounting_holds_for_every_raw_table(con) -> None:
    accounting = con.execute(
        "select raw_table, rows_in, rows_staged, rows_quarantined from marts.audit_source_rows order by 1").fetchall()
    assert {r[0] for r in accounting} == set(SOURCES)
    for raw_table, rows_in, staged, quarantined in accounting:
        assert rows_in > 0 and rows_in == staged + quarantined, raw_table
    # every physical data line of funding_rounds.csv is a raw row: all but the header and the
    # two blank lines (30, 31)
    rows_in = {r[0]: r[1] for r in accounting}["crunchbase_funding_rounds"]
    assert rows_in == ROUND_LINES - 1 - 2


@pytest.mark.dbt
def test_no_bad_value_reaches_the_deals(con) -> None:
    """Nothing non-finite, implausible or too early is staged: fct_deals is clean."""
    worst = con.execute("""
        select count(*) filter (where not isfinite(amount_cny) or not isfinite(amount_usd)),
               count(*) filter (where amount_cny > 2e11), count(*) filter (where announced_date < date '1990-01-01')
        from marts.fct_deals""").fetchone()
    assert worst == (0, 0, 0)
    quarantined_lines = {r[0] for r in con.execute(
        f"select source_row from marts.audit_quarantine where source_file = '{FR}'").fetchall()}
    traced = {r[0] for r in con.execute(
        f"select source_row from marts.fct_deal_sources where source_file = '{FR}'").fetchall()}
    assert not quarantined_lines & traced


# ---------------------------------------------------------------------------------------------
# File-level cases: the ingest refuses the file, naming it and the problem

def _write_bytes(path: str, data: bytes) -> Callable[[Path], None]:
    def put(raw: Path) -> None:
        (raw / path).parent.mkdir(parents=True, exist_ok=True)
        (raw / path).write_bytes(data)
    return put


_GOOD_UTF8 = (UNICORN_HEADER + "\n" + "字节跳动,$225,4/7/2017,China,Beijing,Media,Sequoia\n" * 5).encode()

FILE_CASES = [
    Case("binary file", "crunchbase/funding_rounds_2025.csv", "crunchbase/funding_rounds_2025.csv: binary file",
         kind="ingest_error", must_not_publish=True,
         write=_write_bytes("crunchbase/funding_rounds_2025.csv", b"PK\x03\x04\x00\x00\x08\x00binary zip payload")),
    Case("truncated file", "unicorns/cut.csv", "unicorns/cut.csv: truncated file", kind="ingest_error",
         must_not_publish=True,
         write=_write_bytes("unicorns/cut.csv", (UNICORN_HEADER + "\nAcme,$1,1/2/2024,United States,SF,Fintech,\"A, B\"\n"
                                                 "Beta,$2,1/3/2024,Uni").encode())),
    Case("header-broken file", "crunchbase/organizations_2025.csv",
         "crunchbase/organizations_2025.csv: missing required column(s) legal_name", kind="ingest_error",
         must_not_publish=True,
         write=_write_bytes("crunchbase/organizations_2025.csv",
                            (ORG_HEADER.replace("legal_name", "legal name") + "\no9,Nine,,USA,,,,,,,,,\n").encode())),
    Case("damaged UTF-8 names the byte offset", "unicorns/damaged.csv",
         f"unicorns/damaged.csv: mostly UTF-8 but byte {len(_GOOD_UTF8)} (0xff)", kind="ingest_error",
         must_not_publish=True, write=_write_bytes("unicorns/damaged.csv", _GOOD_UTF8 + b"\xff\xfe broken\n")),
]

SOURCE_OF_DIR = {"crunchbase/funding_rounds": "crunchbase_funding_rounds", "crunchbase/organizations": "crunchbase_organizations",
                 "unicorns/": "unicorns"}


def _source_of(path: str) -> str:
    return next(source for prefix, source in SOURCE_OF_DIR.items() if path.startswith(prefix))


@pytest.mark.unit
@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c.name)
def test_file_case_fails_its_ingest_naming_file_and_problem(case: Case, tmp_path: Path) -> None:
    case.write(tmp_path / "raw")
    with duckdb.connect(str(tmp_path / "w.duckdb")) as c, pytest.raises(RawFileError) as error:
        load_source(c, _source_of(case.file), tmp_path / "raw")
    assert str(case.expect) in str(error.value)


def test_the_corpus_is_large_enough() -> None:
    assert len(ROW_CASES) + len(FILE_CASES) + len(PUBLISH_CASES) >= 40
    files = {c.file.split("/")[0] + "/" + c.file.split("/")[1].split(".")[0].split("_")[0] for c in ROW_CASES}
    for folder in ("crunchbase/organizations", "crunchbase/funding", "crunchbase/investments", "cn_export/corpus",
                   "unicorns/unicorns", "reference/fx", "manual/additions", "manual/exclusions"):
        assert folder in files, folder


# ---------------------------------------------------------------------------------------------
# Must not publish: the real Dagster job, against a copy of a good published warehouse

def _every_announced_on_unreadable(raw: Path) -> None:
    """A second funding_rounds export whose every announced_on came out as '#VALUE!'."""
    lines = [ROUNDS_HEADER] + [
        round_line(f"bad-{i:04d}", date="#VALUE!", org=SAMPLE_ORG, name="Series A - Broken Export") for i in range(300)]
    write(raw / "crunchbase/funding_rounds_2025-04.csv", "\n".join(lines) + "\n", encoding="utf-8", newline="\n")


PUBLISH_CASES = [
    Case("every announced_on unreadable", "crunchbase/funding_rounds_2025-04.csv",
         "crunchbase_funding_rounds", kind="blocks", must_not_publish=True, write=_every_announced_on_unreadable),
    *FILE_CASES,
]

SAMPLE_ORG = "placeholder"  # set from the sample by the baseline fixture (a real organization uuid)

# Row-level problems mixed into the sample's large files: they are quarantined, the run publishes.
SAMPLE_BAD_ROUNDS = {"nan": "NaN", "inf": "inf", "1e400": "1e400"}


def _mix_row_problems_into(raw: Path) -> None:
    global SAMPLE_ORG
    with duckdb.connect() as c:
        SAMPLE_ORG = c.execute(
            f"select uuid from read_csv('{raw / 'crunchbase/organizations.csv'}', all_varchar = true) order by uuid limit 1").fetchone()[0]
    path = raw / "crunchbase/funding_rounds.csv"
    text = path.read_text(encoding="utf-8")
    extra = [round_line(f"corpus-{k}", amount=v, org=SAMPLE_ORG) for k, v in SAMPLE_BAD_ROUNDS.items()]
    extra.append(round_line("corpus-1900", date="1900-01-01", amount="", currency="", org=SAMPLE_ORG))
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(extra) + "\n", encoding="utf-8")
    cn = max((raw / "cn_export").glob("*.csv"))
    cn_bytes = cn.read_bytes()
    newline = b"\r\n" if b"\r\n" in cn_bytes else b"\n"
    encoding = "utf-8-sig" if cn_bytes.startswith(b"\xef\xbb\xbf") else ("utf-8" if _is_utf8(cn_bytes) else "gb18030")
    row = cn_row(公司名称="万亿测试科技", 地点="北京-海淀区", 行业="人工智能", 融资时间="2024-06-01", 轮次="A轮",
                 融资金额="数万亿人民币").encode("utf-8" if encoding == "utf-8-sig" else encoding)
    cn.write_bytes(cn_bytes.rstrip(b"\r\n") + newline + row + newline)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def failure_messages(result) -> str:
    """The error messages of the run's failed steps, one per line."""
    return "\n".join(e.step_failure_data.error.to_string() for e in result.all_events if e.is_step_failure)


@pytest.fixture(scope="module")
def published_baseline(tmp_path_factory: pytest.TempPathFactory, dbt_manifest):
    from tests.pipeline_job import run_job

    root = tmp_path_factory.mktemp("corpus_publish")
    raw = root / "raw"
    shutil.copytree(Path(__file__).resolve().parent.parent / "raw", raw)
    _mix_row_problems_into(raw)
    warehouse = root / "warehouse"
    return raw, warehouse, run_job(raw, warehouse)


@pytest.mark.e2e
def test_row_level_problems_do_not_stop_the_publish(published_baseline) -> None:
    _, warehouse, result = published_baseline
    assert result.success, failure_messages(result)
    with duckdb.connect(str(warehouse / settings.PUBLISHED_DB_NAME), read_only=True) as c:
        reasons = dict(c.execute(
            "select json_extract_string(raw_record, '$.uuid'), reason from audit_quarantine "
            "where source_file = 'crunchbase/funding_rounds.csv' and raw_record like '%corpus-%'").fetchall())
        assert reasons == {
            "corpus-nan": "non-finite number in raised_amount: 'NaN'",
            "corpus-inf": "non-finite number in raised_amount: 'inf'",
            "corpus-1e400": "non-finite number in raised_amount: '1e400'",
            "corpus-1900": "date before 1990-01-01 in announced_on: '1900-01-01' (var min_announced_date)",
        }
        (cn_reason,) = c.execute("select reason from audit_quarantine where raw_record like '%万亿测试科技%'").fetchone()
        assert cn_reason.startswith("implausible amount in 融资金额: '数万亿人民币' is 3,000,000,000,000 CNY")
        assert c.execute("select count(*) from fct_deals where company_name = '万亿测试科技'").fetchone() == (0,)
        assert c.execute("select bool_and(isfinite(amount_cny)) from mart_funding_yearly").fetchone() == (True,)


@pytest.mark.e2e
@pytest.mark.parametrize("case", PUBLISH_CASES, ids=lambda c: c.name)
def test_must_not_publish(case: Case, published_baseline, tmp_path: Path) -> None:
    from tests.pipeline_job import run_job
    from tests.test_e2e_source_health import check_results, sha256

    raw, warehouse, baseline = published_baseline
    assert baseline.success
    bad_raw, bad_warehouse = tmp_path / "raw", tmp_path / "warehouse"
    shutil.copytree(raw, bad_raw)
    shutil.copytree(warehouse, bad_warehouse)
    case.write(bad_raw)
    before = sha256(bad_warehouse / settings.PUBLISHED_DB_NAME)

    result = run_job(bad_raw, bad_warehouse)

    assert not result.success
    assert sha256(bad_warehouse / settings.PUBLISHED_DB_NAME) == before
    assert not result.asset_materializations_for_node("published_marts")
    if case.kind == "ingest_error":
        assert str(case.expect) in failure_messages(result)
    else:
        health = check_results(result)["audit_source_health:source_health"]
        assert not health.passed
        assert case.expect in health.description and case.file in health.description
        assert "unparseable date in announced_on" in health.description


# ---------------------------------------------------------------------------------------------
# A failing dbt test names the table, the rule and the rows (dagster-dbt gives it no description)

@pytest.mark.dbt
def test_a_failing_dbt_test_is_described_by_table_rule_and_rows(corpus: Path, tmp_path: Path) -> None:
    from pipeline.quality.dbt_tests import describe_failed_tests

    shutil.copy(corpus, tmp_path / "warehouse.duckdb")
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as c:
        deal_id = c.execute("select deal_id from marts.fct_deals where amount_cny is not null order by deal_id limit 1").fetchone()[0]
        c.execute("update marts.fct_deals set amount_cny = null where deal_id = ?", [deal_id])
        line = c.execute("select source_file || ':' || source_row from marts.fct_deal_sources where deal_id = ? "
                         "order by is_anchor_record desc, source_file, source_row limit 1", [deal_id]).fetchone()[0]
    result = run_dbt(["test", "--select", "fct_deals,test_type:data"], tmp_path)
    assert result.returncode != 0

    described = describe_failed_tests(tmp_path / "dbt_target", tmp_path / "warehouse.duckdb")

    (description,) = [d for d in described.values() if "expression_is_true" in d]
    assert description.startswith("fct_deals: dbt test failed: expression_is_true (expression=")
    assert f"1 row, e.g. deal_id='{deal_id}'" in description and f"source_line='{line}'" in description
