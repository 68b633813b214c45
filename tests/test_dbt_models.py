"""The transform (dbt staging → intermediate → core marts) on the hand-made fixture exports of
tests/dbt_fixtures/raw: every rule of docs/raw-formats.md that a line there exercises is checked here
against the built tables. The dbt unit tests (in the model YAML) run as part of the build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest.load import load_source
from pipeline.ingest.sources import SOURCES

pytestmark = pytest.mark.dbt

REPO = Path(__file__).resolve().parent.parent
DBT_DIR = REPO / "dbt_project"
FIXTURE_RAW = Path(__file__).resolve().parent / "dbt_fixtures" / "raw"
TRANSFORM_SELECTION = ["path:seeds", "path:models/staging", "path:models/intermediate", "path:models/marts/core"]


def run_dbt(args: list[str], warehouse: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DO_NOT_TRACK": "1", "DEALS_WAREHOUSE_DIR": str(warehouse)}
    return subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), *args, "--target-path", str(warehouse / "dbt_target")],
        cwd=DBT_DIR, env=env, capture_output=True, text=True,
    )


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wh = tmp_path_factory.mktemp("dbt_fixture_wh")
    con = duckdb.connect(str(wh / "warehouse.duckdb"))
    for name in SOURCES:
        load_source(con, name, FIXTURE_RAW)
    con.close()
    result = run_dbt(["build", "--select", *TRANSFORM_SELECTION], wh)
    assert result.returncode == 0, result.stdout[-6000:]
    # kept: later dbt commands of this module overwrite run_results.json
    shutil.copy(wh / "dbt_target" / "run_results.json", wh / "fixture_build_results.json")
    return wh


def test_the_fixture_build_runs_every_unit_test_of_its_models(warehouse: Path):
    """Production builds skip dbt unit tests (pipeline/defs/transform.py); CI runs them here (the
    staging, intermediate and core models) and in test_marts_metrics.py (the metrics marts)."""
    manifest = json.loads((warehouse / "dbt_target" / "manifest.json").read_text())
    expected = {uid for uid, node in manifest["unit_tests"].items()
                if not node["original_file_path"].startswith("models/marts/metrics")}
    results = json.loads((warehouse / "fixture_build_results.json").read_text())["results"]
    ran = {r["unique_id"]: r["status"] for r in results if r["unique_id"].startswith("unit_test.")}
    assert expected and set(ran) == expected
    assert set(ran.values()) == {"pass"}, ran


@pytest.fixture()
def con(warehouse: Path):
    c = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    yield c
    c.close()


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_every_raw_row_is_staged_or_quarantined(con):
    accounting = rows(con, "select raw_table, rows_in, rows_staged, rows_quarantined from marts.audit_source_rows")
    assert {r[0] for r in accounting} == set(SOURCES)
    for raw_table, rows_in, staged, quarantined in accounting:
        assert rows_in == staged + quarantined, raw_table
    cn = {r[0]: r[1:] for r in accounting}["cn_export"]
    # 14 rows of export_2024a/b (6 quarantined), 29 of export_2024c_forms (约合三千万, 比特币 and
    # 越南盾 without a rate quarantined), 2 of export_2024d_ambiguous (both quarantined)
    assert cn == (45, 34, 11)


def test_quarantine_names_file_row_field_and_value(con):
    reasons = dict(rows(con, "select source_file || ':' || source_row, reason from marts.audit_quarantine"))
    assert reasons["cn_export/export_2024b.csv:2"] == "orphan continuation row: no company row above it in the file"
    assert reasons["cn_export/export_2024b.csv:5"] == "unknown round type in 轮次: 'D+轮' (not in seed round_types)"
    assert reasons["cn_export/export_2024b.csv:6"] == "unknown amount form in 融资金额: 'abc人民币'"
    assert reasons["cn_export/export_2024a.csv:7"] == "date in the future in 融资时间: '2031-05-01'"
    assert reasons["cn_export/export_2024a.csv:8"] == "unparseable date in 融资时间: '2024-13-45'"
    # 泰铢 is a currency of seed currency_names (THB), but the fixture has no THB rate
    assert reasons["cn_export/export_2024a.csv:10"] == "no FX rate for THB in 2024-06"
    assert reasons["cn_export/export_2024c_forms.csv:22"] == "unknown amount form in 融资金额: '约合三千万'"
    assert reasons["cn_export/export_2024c_forms.csv:23"] == "unknown currency '比特币' in 融资金额: '5000万比特币'"
    assert reasons["cn_export/export_2024c_forms.csv:24"] == "no FX rate for VND in 2024-01"
    assert reasons["unicorns/unicorns_2024.csv:14"] == "missing valuation in Valuation ($B): ''"
    assert reasons["unicorns/unicorns_2024.csv:18"] == "unparseable date in Date Joined: '2017-13-45'"
    assert reasons["crunchbase/funding_rounds.csv:8"] == "unknown round type in investment_type: 'series_z' (not in seed round_types)"
    assert reasons["crunchbase/funding_rounds.csv:9"] == "negative amount in raised_amount: '-5'"
    # a currency and month without a rate: quarantined naming both, never a null amount
    assert reasons["crunchbase/funding_rounds.csv:10"] == "no FX rate for EUR in 2024-03"
    assert reasons["crunchbase/funding_rounds.csv:11"] == "unknown organization in org_uuid: 'org-ghost' (not in organizations)"
    assert reasons["crunchbase/funding_rounds.csv:6"] == "excluded by analyst: test exclusion"
    assert reasons["manual/exclusions.csv:3"] == "exclusion matches no crunchbase record with key 'does-not-exist'"
    assert reasons["unicorns/unicorns_2024.csv:5"] == "unparseable valuation in Valuation ($B): 'abc'"
    raw = json.loads(rows(con, "select raw_record from marts.audit_quarantine where source_file = 'cn_export/export_2024a.csv' and source_row = 10")[0][0])
    assert raw["融资金额"] == "5000万泰铢" and raw["公司名称"] == "外币公司"


def test_cross_source_dedup_and_overlapping_files(con):
    # Moonshot's B round: cn_export (in both overlapping files) + Crunchbase = one deal, three lines
    deal = rows(con, """
        select deal_id, source_count, record_count, raw_row_count, amount_status, amount_usd, country_group, segment
        from marts.fct_deals where company_name = 'Moonshot AI'""")
    assert len(deal) == 1
    deal_id, source_count, record_count, raw_row_count, status, usd, group, segment = deal[0]
    assert (source_count, record_count, raw_row_count, status, usd, group, segment) == (2, 2, 3, "exact", 1e9, "CN", "aigc")
    lines = rows(con, f"select source, source_file, source_row from marts.fct_deal_sources where deal_id = '{deal_id}' order by 2, 3")
    assert lines == [
        ("cn_export", "cn_export/export_2024a.csv", 2),
        ("cn_export", "cn_export/export_2024b.csv", 3),
        ("crunchbase", "crunchbase/funding_rounds.csv", 2),
    ]
    # CoreWeave's two May rounds 16 days apart are two deals; OpenAI's manual duplicate is not a second deal
    assert rows(con, "select count(*) from marts.fct_deals where company_name = 'CoreWeave'") == [(2,)]
    assert rows(con, "select count(*), max(sources) from marts.fct_deals where company_name = 'OpenAI'") == [(1, "crunchbase,manual")]
    # the manual addition Crunchbase lacks is a deal of the same company as the export records
    neolix = rows(con, "select announced_date::varchar, amount_cny, sources from marts.fct_deals where company_name = 'Neolix' order by 1")
    # a Chinese company: the cn_export date is the reference (seed source_priority)
    assert neolix == [("2024-10-08", 1e8, "cn_export,crunchbase"), ("2025-02-20", 1e9, "manual")]


def test_fuzzy_amounts_are_estimated_by_the_rule_seed(con):
    got = dict(rows(con, """
        select s.amount_raw, d.amount_cny from marts.fct_deal_sources s join marts.fct_deals d using (deal_id)
        where s.source = 'cn_export' and d.amount_status = 'estimated'"""))
    usd_2024_01 = 7.1  # fixture rate of the January 2024 rounds
    assert got == pytest.approx({
        "数千万人民币": 3e7, "数百万人民币": 3e6, "近亿人民币": 1e8, "超亿人民币": 1e8,
        # export_2024c_forms: every fuzzy form (seed fuzzy_amount_rules: 数X = 3X, the others = X)
        "数十万人民币": 3e5, "数十亿人民币": 3e9, "数百亿人民币": 3e10, "逾5亿人民币": 5e8,
        "过亿人民币": 1e8, "近3亿美元": 3e8 * usd_2024_01, "超10亿人民币": 1e9, "千万级人民币": 1e7,
        "亿级美元": 1e8 * usd_2024_01, "百万级": 1e6, "1000余万人民币": 1e7, "3000多万人民币": 3e7,
        "5亿以上人民币": 5e8,
    })


def test_undisclosed_with_a_currency_is_a_deal_without_amount(con):
    got = rows(con, """
        select s.amount_raw, d.amount_status, d.amount_cny from marts.fct_deal_sources s join marts.fct_deals d using (deal_id)
        where s.source_file = 'cn_export/export_2024c_forms.csv' and s.amount_raw like '未透露%' order by 1""")
    assert got == [("未透露人民币", "undisclosed", None), ("未透露欧元", "undisclosed", None), ("未透露美元", "undisclosed", None)]


def test_exact_amount_forms(con):
    got = dict((r[0], r[1:]) for r in rows(con, """
        select source_row, amount_status, amount_original, currency from intermediate.int_cn_export_rounds_amounts_parsed
        where source_file = 'cn_export/export_2024c_forms.csv' and source_row between 5 and 8 or source_row = 25"""))
    assert got == {
        5: ("exact", 1e7, "CNY"),     # 1,000万人民币
        6: ("exact", 1e7, "CNY"),     # 1，000万 (a bare quantity is 人民币)
        7: ("exact", 1.5e8, "USD"),   # １．５亿美元 (full width)
        8: ("exact", 2e7, "CNY"),     # tab-padded
        25: ("exact", 5e6, "USD"),    # 500万usd
    }


def test_date_order_is_decided_per_file_and_column(con):
    orders = {(r[0], r[1]): r[2:] for r in rows(con, """
        select source_file, column_name, date_order, order_status, order_basis from intermediate.int_date_orders_detected""")}
    assert orders[("unicorns/unicorn_list_dayfirst.csv", "Date Joined")] == (
        "dmy", "detected", "a value with day > 12 at line 3: 13-04-2017")
    assert orders[("unicorns/unicorns_2024.csv", "Date Joined")][:2] == ("mdy", "detected")
    assert orders[("unicorns/unicorn_list_ambiguous.csv", "Date Joined")] == (
        "mdy", "default", "every value ambiguous: source default mdy")
    assert orders[("unicorns/unicorn_list_mixed.csv", "Date Joined")][:2] == ("dmy", "inconsistent")
    assert orders[("cn_export/export_2024c_forms.csv", "融资时间")][:2] == ("dmy", "detected")
    assert orders[("crunchbase/funding_rounds.csv", "announced_on")][1] == "no_year_last_values"
    joined = dict(rows(con, "select company_name, date_joined::varchar from staging.stg_unicorns__unicorns"))
    assert joined["Dayfirst One"] == "2017-04-07"      # 07-04-2017 in a day-first file
    assert joined["Dayfirst Two"] == "2017-04-13"
    assert joined["Dayfirst Three"] == "2017-04-07"    # 7.4.2017
    assert joined["Ambiguous One"] == "2021-03-04"     # 3/4/2021, source default mdy
    assert joined["Mixed Four"] == "2020-04-03"        # 3/4/2020 read by the majority (dmy)
    assert joined["Serial Date Co"] == "2017-04-07"    # Excel serial 42832
    assert joined["Tab Date Co"] == "2021-03-15"
    assert joined["Two Digit Year Co"] == "2021-12-25"  # 12/25/21
    reasons = dict(rows(con, "select source_file || ':' || source_row, reason from marts.audit_quarantine"))
    assert reasons["unicorns/unicorn_list_mixed.csv:4"].startswith(
        "day/month order conflict in Date Joined: '5/20/2021' is month-first, but this file's Date Joined is read day-first (inconsistent: 2 day-first (first at line 2: 13/5/2019)")
    assert reasons["cn_export/export_2024d_ambiguous.csv:2"] == (
        "ambiguous day/month order in 融资时间: '3/4/2024' (every value ambiguous, and source default ymd names no day/month order)")
    cn_dates = dict(rows(con, """select source_row, announced_date::varchar from staging.stg_cn_export__rounds
                                 where source_file = 'cn_export/export_2024c_forms.csv' and source_row >= 26"""))
    assert cn_dates == {26: "2024-01-26", 27: "2024-01-29", 28: "2024-02-05", 29: "2024-02-06", 30: "2024-02-07"}
    cb_dates = dict(rows(con, "select funding_round_uuid, announced_date::varchar from staging.stg_crunchbase__funding_rounds where funding_round_uuid like 'fr-bk-%'"))
    assert cb_dates == {"fr-bk-ts": "2024-05-20", "fr-bk-serial": "2024-06-03", "fr-bk-iso": "2024-10-05"}


def test_labels_compare_by_case_width_and_spacing(con):
    cn = dict(rows(con, """select source_row, round_type from staging.stg_cn_export__rounds
                           where source_file = 'cn_export/export_2024c_forms.csv' and source_row in (3, 6, 26)"""))
    assert cn == {3: "series_a", 6: "series_b", 26: "pre_series_a"}  # ' a轮', 'Ｂ轮', 'Pre-a轮'
    cb = dict(rows(con, "select funding_round_uuid, round_type from staging.stg_crunchbase__funding_rounds where funding_round_uuid in ('fr-bk-ts', 'fr-bk-serial')"))
    assert cb == {"fr-bk-ts": "series_b", "fr-bk-serial": "seed"}  # 'Series_B ', 'SEED'
    manual = rows(con, "select country_code, round_type, amount_original, currency, reject_reason from staging.stg_manual__additions where company_name = 'Bread & Co'")
    assert manual == [("GB", "series_unknown", 1e6, "USD", None)]  # 'gb', ' Series_Unknown ', ' 1,000,000 ', 'usd'
    industries = rows(con, """select distinct industry_key from staging.stg_unicorns__unicorns
                              where company_name in ('Branch', 'Fabric', 'Cohere') and industry_key like 'artificial%'""")
    assert industries == [("artificial intelligence",)]


def test_unicorn_identity_is_company_country_and_city(con):
    got = rows(con, """
        select company_name, count(distinct unicorn_key), count(*), max(copy_count)
        from staging.stg_unicorns__unicorns where company_name in ('Branch', 'Fabric', 'Cohere')
        group by 1 order by 1""")
    # two US 'Branch' (Redwood City, Columbus) and two 'Fabric' (US, Israel) are four unicorns;
    # Cohere's repeated row is one unicorn with two copies
    assert got == [("Branch", 2, 2, 1), ("Cohere", 1, 2, 2), ("Fabric", 2, 2, 1)]


def test_same_named_unicorns_stay_separate_companies(con):
    got = rows(con, """
        select d.company_name, d.company_id, s.city, d.unicorn_joined_date::varchar, d.country_code
        from marts.dim_companies as d
        join intermediate.int_company_mentions_resolved as r using (company_id)
        join staging.stg_unicorns__unicorns as s
            on r.mention_source = 'unicorns' and s.unicorn_key = r.mention_ref and s.copy_number = 1
        where d.company_name in ('Branch', 'Fabric', 'Cohere')
        order by 1, 4""")
    assert [r[0::2] for r in got] == [
        # the Redwood City Branch is the Crunchbase organization of that city; the Columbus one
        # (another city) and the Israeli Fabric (another country) are companies of their own
        ("Branch", "Redwood City", "US"), ("Branch", "Columbus", "US"),
        ("Cohere", "Toronto", "CA"),
        ("Fabric", "New York", "US"), ("Fabric", "Tel Aviv", "IL"),
    ]
    assert [r[3] for r in got] == ["2018-05-09", "2022-03-01", "2022-02-02", "2021-08-10", "2022-11-23"]
    assert len({r[1] for r in got}) == 5
    # Cohere's two rows are one company, the same as its Crunchbase organization
    assert rows(con, "select count(*), max(sources) from marts.dim_companies where company_name = 'Cohere'") == [
        (1, "crunchbase,unicorns")]
    # every unicorn identity of staging is exactly one company (none merged, none split)
    identities, companies = rows(con, """
        select count(distinct s.unicorn_key), count(distinct r.company_id)
        from staging.stg_unicorns__unicorns as s
        join intermediate.int_company_mentions_resolved as r on r.mention_source = 'unicorns' and r.mention_ref = s.unicorn_key
        where s.reject_reason is null""")[0]
    assert identities == companies
    assert rows(con, "select count(*) from marts.dim_companies where unicorn_joined_date is not null") == [(identities,)]


def test_mart_unicorns_counts_each_unicorn_once_per_year(warehouse: Path, tmp_path: Path):
    """R14 (mart_unicorns, a metrics mart: built here on a copy of the fixture warehouse)."""
    import shutil

    shutil.copyfile(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    result = run_dbt(["run", "--select", "mart_unicorns"], tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as c:
        per_year = dict(c.execute(
            "select year, new_unicorns from marts.mart_unicorns where country_group = 'all'").fetchall())
        us = dict(c.execute(
            "select year, new_unicorns from marts.mart_unicorns where country_group = 'US'").fetchall())
        identities = dict(c.execute("""
            select year(date_joined), count(distinct unicorn_key) from staging.stg_unicorns__unicorns
            where reject_reason is null group by 1""").fetchall())
    # each staged unicorn identity is one new unicorn in the year it joined
    assert {y: n for y, n in per_year.items() if n} == identities
    # 2018: the Redwood City Branch; 2022: the Columbus Branch, Cohere (listed twice), the Israeli
    # Fabric and Ambiguous Two
    assert (per_year[2018], per_year[2022]) == (1, 4)
    # US 2021: the New York Fabric, Tab Date Co, Two Digit Year Co; US 2022: the Columbus Branch
    assert (us[2018], us[2021], us[2022]) == (1, 3, 1)


def test_companies_resolved_across_sources_and_languages(con):
    moonshot = rows(con, "select aliases, company_name_zh, unicorn_joined_date::varchar, latest_valuation_usd from marts.dim_companies where company_name = 'Moonshot AI'")
    assert len(moonshot) == 1
    aliases, zh, joined, valuation = moonshot[0]
    assert set(aliases.split(" | ")) == {"Moonshot AI", "月之暗面", "北京月之暗面科技有限公司"}
    assert (zh, joined, valuation) == ("月之暗面", "2024-02-19", 3.3e9)
    # 新石器 (cn_export, manual) and Neolix (Crunchbase) meet through seed company_aliases
    assert rows(con, "select count(*) from marts.dim_companies where aliases like '%新石器%'") == [(1,)]
    # a '-' company is a company without deals, not an error
    assert rows(con, "select deal_count, is_ai from marts.dim_companies where company_name = '无融资公司'") == [(0, False)]


def test_classification_and_investors(con):
    got = dict((r[0], r[1:]) for r in rows(con, "select company_name, is_ai, segment, sub_segment from marts.dim_companies"))
    assert got["CoreWeave"] == (True, "infrastructure", "cloud_compute")  # a GPU cloud tagged Generative AI
    assert got["OpenAI"] == (True, "aigc", "foundation_models")
    assert got["渊亭科技"] == (True, "technology", "knowledge_decision")
    assert got["Bread & Co"] == (False, None, None)
    # an analyst's override (seed company_segment_overrides) wins over the rules (Autonomous Vehicles)
    assert got["Neolix"] == (True, "application", "unmanned_devices")
    assert rows(con, "select classified_by from marts.dim_companies where company_name = 'Neolix'")[0][0].startswith("override: ")
    assert got["某餐饮连锁"] == (False, None, None)
    state = rows(con, "select has_state_capital, investor_types from marts.fct_deals where company_name = '渊亭科技'")
    assert state == [(True, "state_capital")]
    counted = rows(con, "select count(*) filter (where is_counted), count(*) filter (where not is_ai) from marts.fct_deals")
    # not AI: 某餐饮连锁's two rounds, 金额样例's 26 staged rounds (export_2024c_forms), Bread & Co's
    # three later Crunchbase rounds and its manual addition
    assert counted == [(8, 32)]


def test_control_totals_list_the_companies_that_differ(con):
    mismatches = dict(rows(con, "select company_name, pipeline_total_cny from marts.audit_control_total_mismatches"))
    # 月之暗面: 10亿美元 ≈ 71.9亿元 against its 融资总额 79.1亿; 渊亭科技 4亿 = 4亿 is not listed
    assert "月之暗面" in mismatches and "渊亭科技" not in mismatches
    assert mismatches["月之暗面"] == pytest.approx(7.19e9)


def test_company_name_key_normalisation(warehouse: Path):
    cases = {
        "Moonshot AI, Inc.": "moonshotai",
        "ＭｏｏｎｓｈｏｔＡＩ": "moonshotai",
        "Bread & Co., Ltd.": "bread",
        "渊亭科技": "渊亭",
        "厦门渊亭科技有限公司": "厦门渊亭",
        "渊亭科技（厦门）有限公司": "渊亭",
        "〔北京〕智谱华章科技股份有限公司": "智谱华章",
        "Société Générale SA": "societegenerale",
        "科技": "科技",
    }
    selects = "-- depends_on: {{ ref('company_name_suffixes') }}\n" + " union all ".join(
        f"select '{name}' as name, {{{{ company_name_key(\"'{name}'\") }}}} as k" for name in cases
    )
    result = run_dbt(["show", "--inline", selects, "--limit", "50", "--output", "json", "--log-format", "json"], warehouse)
    assert result.returncode == 0, result.stdout[-3000:]
    shown = {}
    for line in result.stdout.splitlines():
        event = json.loads(line)
        preview = event.get("data", {}).get("preview")
        if preview:
            shown = {r["name"]: r["k"] for r in json.loads(preview)}
    assert shown == cases


def test_unit_test_pattern_copy_matches_the_seeds(warehouse: Path):
    """The cn amount pattern given to the dbt unit tests equals the one the seeds produce."""
    compiled = (warehouse / "dbt_target" / "compiled" / "ai_deals" / "models" / "intermediate"
                / "int_cn_export_rounds_amounts_parsed.sql").read_text()
    from_seeds = re.search(r"'(\^\(未透露[^']*\$)'", compiled).group(1)
    yml = (DBT_DIR / "models" / "intermediate" / "int_cn_export_rounds_amounts_parsed.yml").read_text()
    copies = re.findall(r"cn_amount_pattern: '([^']*)'", yml)
    assert copies and all(copy == from_seeds for copy in copies)


def test_source_health_counts_shares_and_reason_families(con):
    health = {(r[0], r[1]): r[2:] for r in rows(con, """
        select raw_table, coalesce(source_file, '*'), rows_in, rows_staged, rows_quarantined, rows_excluded,
               round(quarantine_share, 4), top_reasons, status
        from marts.audit_source_health""")}
    # cn_export: 45 rows in four files, 11 quarantined; a family drops the quoted values
    assert health[("cn_export", "*")][:5] == (45, 34, 11, 0, 0.2444)
    assert health[("cn_export", "cn_export/export_2024a.csv")][:4] == (9, 6, 3, 0)
    assert health[("cn_export", "cn_export/export_2024b.csv")][:4] == (5, 2, 3, 0)
    assert health[("cn_export", "cn_export/export_2024a.csv")][5] == (
        "date in the future in 融资时间 ×1; no FX rate for THB ×1; unparseable date in 融资时间 ×1")
    # the analyst's exclusion is quarantined but does not count towards the share; the FX month is dropped
    rounds = health[("crunchbase_funding_rounds", "*")]
    assert rounds[:5] == (13, 8, 5, 1, 0.3077)
    assert "no FX rate for EUR ×1" in rounds[5] and "excluded by analyst" not in rounds[5]
    assert health[("unicorns", "unicorns/unicorns_2024.csv")][4:] == (
        0.1765, "missing valuation in Valuation ($B) ×1; unparseable date in Date Joined ×1; "
        "unparseable valuation in Valuation ($B) ×1", "block")
    # a clean source is ok; with the default vars this fixture's shares all block
    assert health[("crunchbase_organizations", "*")][6] == "ok"
    assert health[("cn_export", "*")][6] == "block"


def test_source_health_vars_and_required_sources(warehouse: Path, tmp_path: Path):
    """Thresholds and required sources come from dbt vars; a required source without rows blocks,
    an optional one does not (run on a copy whose unicorns and fx_rates tables are emptied)."""
    import shutil

    shutil.copyfile(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as c:
        c.execute("delete from raw.unicorns")
        c.execute("delete from raw.fx_rates")
    vars_ = "{required_sources: [cn_export, unicorns], quarantine_share_warn: 0.2, quarantine_share_block: 0.5}"
    result = run_dbt(["run", "--select", "int_raw_rows_quarantined", "audit_source_rows", "audit_source_health",
                      "--vars", vars_], tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as c:
        status = {(r[0], r[1]): r[2:] for r in c.execute(
            "select raw_table, coalesce(source_file, '*'), rows_in, is_required, status, status_reason "
            "from marts.audit_source_health").fetchall()}
    assert status[("unicorns", "*")] == (0, True, "block", "no rows loaded from a required source (var required_sources)")
    assert status[("fx_rates", "*")] == (0, False, "ok", "no rows loaded (optional source)")
    assert not any(k[0] == "unicorns" and k[1] != "*" for k in status)
    assert status[("cn_export", "*")][2] == "warn"  # 11 of 45 = 24 %: above 20 %, not above 50 %
    assert status[("cn_export", "cn_export/export_2024b.csv")][2:] == (
        "block", "quarantine share above var quarantine_share_block")  # 3 of 5
    assert status[("crunchbase_investments", "*")][2] == "ok"  # 1 of 5 = 20 %: not above 20 %

    typo = run_dbt(["compile", "--select", "audit_source_health", "--vars", "{required_sources: [unicorn]}"], tmp_path)
    assert typo.returncode != 0
    assert "var required_sources names 'unicorn', which is not a raw source" in typo.stdout
