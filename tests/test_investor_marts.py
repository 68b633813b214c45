"""Investor resolution and the investor marts on the hand-checkable exports of
tests/investor_exports.py, against an independent Python computation of the definitions in
docs/figures.md (investors) and docs/transform.md (investor resolution).

dbt builds the transform and the investor marts on the fixture with top_investors_n = 2 (so the
cut-off matters); the period is derived from the data: report year 2024 (the latest year with a
December deal), as of 2025-02-10 (the latest announcement). A second build of the featured-
investor mart on the same warehouse names other investors and another report year.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest.load import load_source
from pipeline.ingest.sources import SOURCES
from tests import investor_exports as fx
from tests.test_dbt_models import run_dbt

pytestmark = pytest.mark.dbt

TOP_N = 2
SELECTION = ["path:seeds", "path:models/staging", "path:models/intermediate", "path:models/marts/core",
             "path:models/marts/investors"]
REPORT_YEAR, AS_OF = 2024, fx.LATEST_DATE
# What dim_investors calls each investor: the seed's name when the seed knows it, else the
# Crunchbase name, else the name written most often (ties: the first in order).
NAMES = {"a16z": "Andreessen Horowitz", "hongshan": "HongShan", "lelviom": "Lelviom Capital", "msft": "Microsoft",
         "smith1": "John Smith", "smith2": "John Smith", "smith_cn": "John Smith",
         "beijing_ai_fund": "Beijing Artificial Intelligence Industry Investment Fund", "chengyuan": "澄源创投"}
COUNTRIES = {"a16z": "US", "hongshan": "CN", "msft": "US", "beijing_ai_fund": "CN", "chengyuan": "CN"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("investor_marts")
    raw = fx.write_raw(root)
    wh = root / "warehouse"
    wh.mkdir()
    with duckdb.connect(str(wh / "warehouse.duckdb")) as con:
        for name in SOURCES:
            load_source(con, name, raw)
    result = run_dbt(["build", "--select", *SELECTION, "--exclude", "resource_type:unit_test",
                      "--vars", json.dumps({"top_investors_n": TOP_N})], wh)
    assert result.returncode == 0, result.stdout[-6000:]
    return wh


def query(warehouse: Path, sql: str) -> list[dict]:
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


@pytest.fixture(scope="module")
def ids(warehouse: Path) -> dict[str, str]:
    """Investor key of the truth -> investor_id, from the mentions (checked one to one)."""
    got = {(r["source_file"], r["source_row"], r["investor_name"]): r["investor_id"] for r in query(warehouse, """
        select m.source_file, m.source_row, m.investor_name, r.investor_id
        from intermediate.int_investor_mentions_keyed as m
        join intermediate.int_investor_mentions_resolved as r using (mention_ref)""")}
    truth = fx.mentions()
    assert set(got) == {(f, row, name) for f, row, name, _ in truth}
    by_key: dict[str, set[str]] = defaultdict(set)
    for f, row, name, key in truth:
        by_key[key].add(got[(f, row, name)])
    assert all(len(v) == 1 for v in by_key.values()), dict(by_key)  # no investor split in two
    key_of = {next(iter(v)): k for k, v in by_key.items()}
    assert len(key_of) == len(by_key), dict(by_key)  # no two investors merged
    return {k: next(iter(v)) for k, v in by_key.items()}


# ---------------------------------------------------------------------------------------------
# The independent computation

def deal_investors() -> dict[tuple[str, str], bool | None]:
    """(deal, investor key) -> is_lead: Crunchbase's flag, null when only cn_export names it."""
    out: dict[tuple[str, str], bool | None] = {}
    for deal_id, (_, _, _, _, records) in fx.DEALS.items():
        for rec in records:
            if rec[0] == "crunchbase":
                for key, lead in rec[4]:
                    out[(deal_id, key)] = bool(out.get((deal_id, key))) or lead
            else:
                for key, _ in rec[3]:
                    out.setdefault((deal_id, key), None)
    return out


def investor_deals() -> list[dict]:
    """An investor's deals: financing rounds of counted round types, any sector."""
    rows = []
    for (deal_id, key), lead in deal_investors().items():
        company, day, amount, counted_round, _ = fx.DEALS[deal_id]
        if not counted_round:
            continue
        name, is_ai, segment, sub, group = fx.COMPANIES[company]
        rows.append(dict(key=key, deal_id=deal_id, day=day, year=day.year, is_ai=is_ai, amount=amount,
                         lead=lead, group=group, segment=segment, sub=sub))
    return rows


def money(values) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def ratio(a, b):
    return None if a is None or not b else a / b


def expected_activity() -> dict[tuple[str, int], dict]:
    groups: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for r in investor_deals():
        groups[(r["key"], r["year"])].append(r)
    out = {}
    for k, rs in groups.items():
        ai = [r for r in rs if r["is_ai"]]
        amount, ai_amount = money(r["amount"] for r in rs) or 0.0, money(r["amount"] for r in ai) or 0.0
        out[k] = dict(deal_count=len(rs), ai_deal_count=len(ai), ai_count_share=len(ai) / len(rs),
                      deals_with_amount=sum(r["amount"] is not None for r in rs), amount_cny=amount,
                      ai_amount_cny=ai_amount, ai_amount_share=ratio(ai_amount, amount),
                      led_deal_count=sum(r["lead"] is True for r in rs),
                      led_ai_deal_count=sum(r["lead"] is True for r in ai),
                      deals_with_lead_info=sum(r["lead"] is not None for r in rs))
    return out


def minus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def periods() -> dict[tuple[str, str], tuple[dt.date, dt.date]]:
    """The periods of docs/report-marts.md over every deal's date (counted or not)."""
    days = [d[1] for d in fx.DEALS.values()]
    first, last = min(days), max(days)
    out = {}
    for year in range(first.year, last.year + 1):
        out[("year", str(year))] = (dt.date(year, 1, 1), dt.date(year, 12, 31))
        for q in range(1, 5):
            start = dt.date(year, 3 * q - 2, 1)
            end = (dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)) - dt.timedelta(days=1)
            if start <= last:
                out[("quarter", f"{year}-Q{q}")] = (start, end)
        end = minus_years(AS_OF, AS_OF.year - year)
        out[("ytd", f"{year}-01-01..{end}")] = (dt.date(year, 1, 1), end)
        if year < AS_OF.year:
            out[("since", f"{year}-01-01..{AS_OF}")] = (dt.date(year, 1, 1), AS_OF)
    return out


def cells(r: dict) -> list[tuple[str, str, str]]:
    return [(g, s, sub) for g in (r["group"], "all")
            for s, sub in ((r["segment"], r["sub"]), (r["segment"], "all"), ("all", "all"))]


def expected_league(ids: dict[str, str]) -> dict[tuple, dict]:
    ai_deals = {}
    for deal_id, (company, day, amount, counted_round, _) in fx.DEALS.items():
        name, is_ai, segment, sub, group = fx.COMPANIES[company]
        if is_ai and counted_round:
            ai_deals[deal_id] = dict(day=day, amount=amount, group=group, segment=segment, sub=sub)
    rows = [r for r in investor_deals() if r["is_ai"]]
    out = {}
    for (ptype, label), (start, end) in periods().items():
        totals: dict[tuple, list] = defaultdict(list)
        for d in ai_deals.values():
            if start <= d["day"] <= end:
                for c in cells(d):
                    totals[c].append(d["amount"])
        per: dict[tuple, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for r in rows:
            if start <= r["day"] <= end:
                for c in cells(r):
                    per[c][r["key"]].append(r)
        for c, by_key in per.items():
            stats = []
            for key, rs in by_key.items():
                stats.append(dict(key=key, investor_id=ids[key], name=NAMES[key], deal_count=len(rs),
                                  amount=money(r["amount"] for r in rs), led=sum(r["lead"] is True for r in rs)))
            by_count = sorted(stats, key=lambda s: (-s["deal_count"], -(s["amount"] or -math.inf), s["name"], s["investor_id"]))
            by_amount = sorted((s for s in stats if (s["amount"] or 0) > 0),
                               key=lambda s: (-s["amount"], -s["deal_count"], s["name"], s["investor_id"]))
            cell_amount = money(totals[c])
            for ranking, ranked in (("deal_count", by_count), ("amount_cny", by_amount)):
                for rank, s in enumerate(ranked[:TOP_N], 1):
                    out[(ptype, label, *c, ranking, rank)] = dict(
                        investor_id=s["investor_id"], deal_count=s["deal_count"], amount_cny=s["amount"] or 0.0,
                        led_deal_count=s["led"], deal_share=s["deal_count"] / len(totals[c]),
                        amount_share=ratio(s["amount"], cell_amount), cell_deal_count=len(totals[c]),
                        cell_amount_cny=cell_amount or 0.0)
    return out


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


# ---------------------------------------------------------------------------------------------

def test_one_investor_across_sources_and_languages(ids):
    """a16z / 安德森·霍洛维茨 / Andreessen Horowitz, 红杉中国 / HongShan, Lelviom Capital LLC /
    Lelviom Capital, 澄源创投（有限合伙）/ 澄源创投 are one investor each; the two John Smiths of
    Crunchbase are two, and cn_export's John Smith is neither (the `ids` fixture checks the
    partition of every mention against the truth)."""
    assert len(set(ids.values())) == len(fx.INVESTORS)


def test_dim_investors_names_types_countries(warehouse, ids):
    rows = {r["investor_id"]: r for r in query(warehouse, "select * from marts.dim_investors")}
    assert set(rows) == set(ids.values())
    for key, investor_id in ids.items():
        row = rows[investor_id]
        assert row["investor_name"] == NAMES[key], key
        assert row["investor_type"] == fx.INVESTORS[key][2], key
        assert row["country_code"] == COUNTRIES.get(key), key
        assert (row["crunchbase_uuid"] is not None) == (fx.INVESTORS[key][0] is not None), key
    a16z = rows[ids["a16z"]]
    assert set(a16z["aliases"].split(" | ")) == {"Andreessen Horowitz", "a16z", "安德森·霍洛维茨"}
    assert a16z["sources"] == "cn_export,crunchbase"


def test_fct_deal_investors_is_one_row_per_deal_and_investor(warehouse, ids):
    key_of = {v: k for k, v in ids.items()}
    deal_of = {}
    for deal_id, (company, day, *_rest) in fx.DEALS.items():
        deal_of[(fx.COMPANIES[company][0], day)] = deal_id
    got = {}
    for r in query(warehouse, """
            select d.company_name, d.announced_date, f.investor_id, f.is_lead, f.named_by
            from marts.fct_deal_investors as f join marts.fct_deals as d using (deal_id)"""):
        got[(deal_of[(r["company_name"], r["announced_date"])], key_of[r["investor_id"]])] = r["is_lead"]
    assert got == deal_investors()
    # the deal both databases report is one deal, with the investors of both records
    named = {r["names_written"]: r["named_by"] for r in query(warehouse, """
        select f.names_written, f.named_by from marts.fct_deal_investors as f
        join marts.fct_deals as d using (deal_id) where d.company_name = 'Orbital AI' and d.year = 2024""")}
    assert named == {"Andreessen Horowitz | a16z": "cn_export,crunchbase", "Lelviom Capital LLC": "cn_export",
                     "Microsoft": "crunchbase"}


def test_activity_per_investor_and_year(warehouse, ids):
    key_of = {v: k for k, v in ids.items()}
    got = {(key_of[r["investor_id"]], r["year"]): r for r in query(warehouse, "select * from marts.mart_investor_activity")}
    expected = expected_activity()
    assert set(got) == set(expected)
    bad = [(k, c, got[k][c], v) for k, e in expected.items() for c, v in e.items() if not close(got[k][c], v)]
    assert not bad, bad
    # by hand: a16z 2023 joined Orbital's A (AI) and Freshcart's B and C; 2024 Orbital's B and
    # Chipforge's A (AI) and Bankly's seed, not Bankly's grant
    assert (expected[("a16z", 2023)]["ai_deal_count"], expected[("a16z", 2023)]["deal_count"]) == (1, 3)
    assert (expected[("a16z", 2024)]["ai_deal_count"], expected[("a16z", 2024)]["deal_count"]) == (2, 3)


def test_league_tables(warehouse, ids):
    got = {(r["period_type"], r["period_label"], r["country_group"], r["segment"], r["sub_segment"],
            r["ranking"], r["rank"]): r for r in query(warehouse, "select * from marts.mart_investor_league")}
    expected = expected_league(ids)
    assert set(got) == set(expected), sorted(set(got) ^ set(expected))[:10]
    bad = [(k, c, got[k][c], v) for k, e in expected.items() for c, v in e.items() if not close(got[k][c], v)]
    assert not bad, bad[:10]
    assert {r["top_n"] for r in got.values()} == {TOP_N}
    # by hand: Chinese AI chips since 2024 are Xinghe's B round (5亿: HongShan, 澄源创投) and its
    # strategic round (2亿: the Beijing AI fund); one deal each, so the amount ranks, and the tie
    # of the two B-round investors goes by name: HongShan, 澄源创投 (the fund is third, cut off)
    top = [got[("since", f"2024-01-01..{AS_OF}", "CN", "infrastructure", "ai_chips", "deal_count", rank)]["investor_id"]
           for rank in (1, 2)]
    assert top == [ids["hongshan"], ids["chengyuan"]]


def test_featured_investor_beside_the_reports_number(warehouse, ids):
    rows = {r["year"]: r for r in query(warehouse, "select * from marts.mart_featured_investors")}
    assert set(rows) == {2023, 2024, 2025} and {r["featured_investor"] for r in rows.values()} == {"a16z"}
    activity = expected_activity()
    for year, row in rows.items():
        e = activity[("a16z", year)]
        assert row["investor_ids"] == ids["a16z"] and row["investor_name"] == "Andreessen Horowitz"
        assert (row["deal_count"], row["ai_deal_count"]) == (e["deal_count"], e["ai_deal_count"])
        assert close(row["ai_count_share"], e["ai_count_share"]) and close(row["ai_amount_share"], e["ai_amount_share"])
    assert close(rows[2024]["ai_count_share_change_pp"], (2 / 3 - 1 / 3) * 100)
    assert rows[2023]["ai_count_share_change_pp"] is None  # no year before
    # the report's numbers (seed R25a-c) beside 2023 and 2024, the report's own periods
    assert (rows[2023]["reference_ai_count_share"], rows[2023]["reference_change_pp"]) == (0.18, None)
    assert (rows[2024]["reference_ai_count_share"], rows[2024]["reference_change_pp"]) == (0.57, 39.0)
    assert rows[2024]["is_report_year"] and rows[2024]["is_report_period"]
    assert not rows[2025]["is_report_period"] and rows[2025]["reference_ai_count_share"] is None


def test_other_featured_investors_and_another_period(warehouse, ids, tmp_path):
    """By any name (红杉中国 finds HongShan); a name that finds nobody has zeros; for report year
    2023 the report's 2024 number is not shown."""
    other = tmp_path / "warehouse"
    shutil.copytree(warehouse, other, ignore=shutil.ignore_patterns("dbt_target"))
    result = run_dbt(["run", "--select", "mart_featured_investors", "--vars", json.dumps(
        {"featured_investors": ["红杉中国", "Nobody Capital"], "report_year": 2023})], other)
    assert result.returncode == 0, result.stdout[-4000:]
    rows = {(r["featured_investor"], r["year"]): r for r in query(other, "select * from marts.mart_featured_investors")}
    assert set(rows) == {(n, y) for n in ("红杉中国", "Nobody Capital") for y in (2023, 2024, 2025)}
    hs = expected_activity()
    for year in (2023, 2024, 2025):
        assert rows[("红杉中国", year)]["investor_ids"] == ids["hongshan"]
        assert rows[("红杉中国", year)]["deal_count"] == hs[("hongshan", year)]["deal_count"]
        nobody = rows[("Nobody Capital", year)]
        assert nobody["investor_ids"] is None and nobody["deal_count"] == 0 and nobody["ai_count_share"] is None
    assert not any(r["is_report_period"] for r in rows.values())
    assert rows[("红杉中国", 2023)]["is_report_year"]


def test_a_malformed_featured_investors_var_is_named(warehouse, tmp_path):
    result = run_dbt(["compile", "--select", "mart_featured_investors", "--vars", json.dumps({"featured_investors": 5})],
                     warehouse)
    assert result.returncode != 0
    assert "var featured_investors must be a list of investor names" in result.stdout
