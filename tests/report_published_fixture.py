"""A hand-made published.duckdb following docs/spec published-marts.md exactly, with numbers shaped
like the 2024 report (double-peak months, mega deals, stage pyramid, US vs CN). Used by the report
and SQL-example tests so they do not need the whole pipeline; the end-to-end test uses the real one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

YI = 100_000_000  # 1 亿元 in yuan

# 2023 and 2024 monthly amounts (亿元): 2024 has the report's double peak (May, Q4) and a weak
# Jan-Apr (-23 % vs 2023). 2025 has Jan-Mar only.
MONTHLY_YI = {
    2023: [230, 250, 240, 260, 220, 215, 230, 240, 225, 235, 230, 240],
    2024: [170, 190, 185, 200, 980, 260, 300, 280, 320, 900, 950, 1260.2],
    2025: [420, 460, 568.5],
}
SEGMENTS = {
    "aigc": ["foundation_models", "generative_content", "ai_agents"],
    "technology": ["computer_vision", "speech_nlp", "machine_learning", "knowledge_decision"],
    "infrastructure": ["ai_chips", "cloud_compute", "data_services"],
    "application": ["autonomous_driving", "unmanned_devices", "healthcare", "robotics", "security",
                    "programming_dev", "finance", "other_application"],
}

# (country_group, segment) amount shares of the country's total, per period.
SEGMENT_SHARES = {
    "2024": {"all": [0.56, 0.0446, 0.2354, 0.16], "US": [0.60, 0.03, 0.25, 0.12], "CN": [0.40, 0.10, 0.20, 0.30]},
    "2023": {"all": [0.45, 0.06, 0.25, 0.24], "US": [0.50, 0.05, 0.25, 0.20], "CN": [0.38, 0.12, 0.20, 0.30]},
    "2025": {"all": [0.55, 0.05, 0.22, 0.18], "US": [0.61, 0.03, 0.22, 0.14], "CN": [0.32, 0.12, 0.26, 0.30]},
}
# Sub-segment weights inside a segment for US and CN (the report: CN behind in every infra
# sub-segment; CN leans to healthcare and robotics, US to security and programming tools).
SUB_WEIGHTS = {
    "US": {"infrastructure": [0.25, 0.60, 0.15],
           "application": [0.30, 0.18, 0.06, 0.05, 0.16, 0.15, 0.05, 0.05]},
    "CN": {"infrastructure": [0.45, 0.35, 0.20],
           "application": [0.24, 0.20, 0.18, 0.20, 0.04, 0.03, 0.06, 0.05]},
}

TOP_DEALS_2024 = [  # company, country, month, amount_usd, segment, sub_segment, round
    ("OpenAI", "US", "2024-10-02", 6.6e9, "aigc", "foundation_models", "series_unknown"),
    ("xAI", "US", "2024-05-26", 6.0e9, "aigc", "foundation_models", "series_b"),
    ("xAI", "US", "2024-12-23", 6.0e9, "aigc", "foundation_models", "series_c"),
    ("Waymo", "US", "2024-10-25", 5.6e9, "application", "autonomous_driving", "series_unknown"),
    ("CoreWeave", "US", "2024-05-17", 7.5e9, "infrastructure", "cloud_compute", "debt_financing"),
    ("Anthropic", "US", "2024-11-22", 4.0e9, "aigc", "foundation_models", "corporate_round"),
    ("Anthropic", "US", "2024-03-27", 2.75e9, "aigc", "foundation_models", "corporate_round"),
    ("CoreWeave", "US", "2024-05-01", 1.1e9, "infrastructure", "cloud_compute", "series_c"),
    ("Databricks", "US", "2024-12-17", 10e9, "infrastructure", "data_services", "series_j"),
    ("月之暗面", "CN", "2024-02-19", 1.0e9, "aigc", "foundation_models", "series_b"),
    ("渊亭科技", "CN", "2024-05-20", 4 * YI / 7.1, "technology", "knowledge_decision", "series_c"),
    ("Small AI Co", "CN", "2024-06-03", 3e6, "application", "healthcare", "series_a"),
]
USD_CNY = 7.1


def _month_rows() -> list[tuple]:
    rows = []
    for year, amounts in MONTHLY_YI.items():
        prior = MONTHLY_YI.get(year - 1)
        for m, amount in enumerate(amounts, start=1):
            prior_amount = prior[m - 1] if prior else None
            ytd = sum(amounts[:m])
            prior_ytd = sum(prior[:m]) if prior else None
            rows.append((
                dt.date(year, m, 1), 100 + m * 3, amount * YI,
                prior_amount * YI if prior else None,
                (amount / prior_amount - 1) if prior else None,
                ytd * YI, prior_ytd * YI if prior else None,
                (ytd / prior_ytd - 1) if prior else None,
            ))
    return rows


def build_published_fixture(path: Path) -> Path:
    """Write the fixture published file at `path` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute("""
        create table mart_funding_yearly (year integer, deal_count integer, amount_cny double,
            amount_change_cny double, amount_change_pct double, mega_deal_count integer,
            mega_count_share double, mega_amount_share double, mega_avg_amount_cny double,
            top10_amount_share double, top3_companies varchar, top3_share_of_top10 double)""")
    con.execute("""insert into mart_funding_yearly values
        (2023, 1500, 2815e8, null, null, 105, 0.07, 0.72, 53.6e8, 0.45, 'OpenAI, Anthropic, Inflection AI', 0.60),
        (2024, 1600, 5995.2e8, 3180.2e8, 1.13, 128, 0.08, 0.81, 75.5e8, 0.50, 'OpenAI, xAI, Anthropic', 0.69),
        (2025, 420, 1448.5e8, null, null, 30, 0.071, 0.78, 70.1e8, 0.55, 'Anthropic, xAI, 智谱AI', 0.62)""")
    con.execute("""create table mart_funding_monthly (month date, deal_count integer, amount_cny double,
        prior_year_amount_cny double, yoy_pct double, ytd_amount_cny double,
        prior_ytd_amount_cny double, ytd_yoy_pct double)""")
    con.executemany("insert into mart_funding_monthly values (?,?,?,?,?,?,?,?)", _month_rows())

    con.execute("""create table mart_stage_structure (year integer, stage_group varchar, deal_count integer,
        count_share double, amount_cny double, amount_share double, count_share_change_pp double,
        amount_share_change_pp double)""")
    stages = {  # stage: (2023 count share, 2023 amount share, 2024 count share, 2024 amount share)
        "early": (0.58, 0.07, 0.63, 0.08), "growth": (0.19, 0.18, 0.18, 0.20),
        "late": (0.05, 0.25, 0.06, 0.55), "strategic": (0.14, 0.28, 0.08, 0.10),
        "debt": (0.02, 0.20, 0.02, 0.05), "other": (0.02, 0.02, 0.03, 0.02),
    }
    for stage, (c23, a23, c24, a24) in stages.items():
        con.execute("insert into mart_stage_structure values (2023,?,?,?,?,?,null,null)",
                    [stage, round(c23 * 1500), c23, a23 * 2815e8, a23])
        con.execute("insert into mart_stage_structure values (2024,?,?,?,?,?,?,?)",
                    [stage, round(c24 * 1600), c24, a24 * 5995.2e8, a24,
                     round((c24 - c23) * 100, 2), round((a24 - a23) * 100, 2)])

    con.execute("""create table mart_country_comparison (year integer, country_group varchar,
        deal_count integer, amount_cny double, amount_share double, avg_amount_cny double,
        us_cn_share_ratio double)""")
    for year, total, shares, counts in [
        (2023, 2815e8, {"US": 0.60, "CN": 0.24, "other": 0.16}, {"US": 500, "CN": 700, "other": 300}),
        (2024, 5995.2e8, {"US": 0.78, "CN": 0.14, "other": 0.08}, {"US": 302, "CN": 700, "other": 598}),
    ]:
        ratio = shares["US"] / shares["CN"]
        for group, share in shares.items():
            con.execute("insert into mart_country_comparison values (?,?,?,?,?,?,?)",
                        [year, group, counts[group], share * total, share,
                         share * total / counts[group], ratio])

    con.execute("""create table mart_segment_share (period_type varchar, period_label varchar,
        country_group varchar, segment varchar, sub_segment varchar, deal_count integer,
        amount_cny double, amount_share double)""")
    totals = {"2024": 5995.2e8, "2023": 2815e8, "2025": 1448.5e8}
    group_share = {"all": 1.0, "US": 0.78, "CN": 0.14}
    for label, by_group in SEGMENT_SHARES.items():
        period_type = "ytd" if label == "2025" else "year"
        for group, seg_shares in by_group.items():
            group_total = totals[label] * group_share[group]
            for (segment, subs), seg_share in zip(SEGMENTS.items(), seg_shares, strict=True):
                con.execute("insert into mart_segment_share values (?,?,?,?,?,?,?,?)",
                            [period_type, label, group, segment, "all", 50, seg_share * group_total, seg_share])
                weights = SUB_WEIGHTS.get(group, {}).get(segment) or [1 / len(subs)] * len(subs)
                for sub, w in zip(subs, weights, strict=True):
                    con.execute("insert into mart_segment_share values (?,?,?,?,?,?,?,?)",
                                [period_type, label, group, segment, sub, 10,
                                 seg_share * w * group_total, seg_share * w])

    con.execute("""create table mart_unicorns (year integer, country_group varchar, new_unicorns integer,
        new_ai_unicorns integer, ai_share double)""")
    con.execute("""insert into mart_unicorns values (2024, 'all', 108, 33, 33/108), (2024, 'US', 60, 25, 25/60),
        (2024, 'CN', 15, 3, 3/15), (2024, 'other', 33, 5, 5/33), (2023, 'all', 95, 28, 28/95)""")
    con.execute("""create table mart_top_unicorn_funding (period_label varchar, top_n integer,
        country_group varchar, amount_cny double, share_of_ai_total double)""")
    con.execute("""insert into mart_top_unicorn_funding values ('2024-01-01..2025-03-23', 500, 'all', 1837e8, 0.25),
        ('2024-01-01..2025-03-23', 500, 'US', 1837e8 * 0.86, 0.25 * 0.86),
        ('2024-01-01..2025-03-23', 500, 'CN', 1837e8 * 0.08, 0.25 * 0.08)""")
    con.execute("""create table mart_state_capital (period_label varchar, segment varchar,
        deals_with_state_capital integer, deal_count integer)""")
    con.execute("""insert into mart_state_capital values ('2024', 'technology', 12, 180),
        ('2025 YTD', 'technology', 11, 40), ('2024', 'aigc', 20, 300), ('2025 YTD', 'aigc', 9, 80)""")
    con.execute("""create table mart_period_to_date (as_of_date date, window_start date,
        country_group varchar, segment varchar, amount_cny double, prior_amount_cny double, yoy_pct double)""")
    con.execute("""insert into mart_period_to_date values
        ('2025-03-23', '2025-01-01', 'all', 'all', 1448.5e8, 349.9e8, 3.14),
        ('2025-03-23', '2025-01-01', 'US', 'all', 1100e8, 250e8, 3.4),
        ('2025-03-23', '2025-01-01', 'CN', 'all', 200e8, 60e8, 2.33)""")

    con.execute("""create table mart_report_figures (figure_id varchar, period_label varchar,
        description varchar, value double, unit varchar, reference_value double)""")
    con.executemany("insert into mart_report_figures values (?,?,?,?,?,?)", [
        ("R1", "2024", "AI funding total", 5995.2, "亿元", 5995.2),
        ("R2", "2024", "change vs prior year", 3180.2, "亿元", 3000),
        ("R2", "2024", "change vs prior year, relative", 1.13, "share", 1.13),
        ("R3", "2024", "peak month amount (May)", 980, "亿元", None),
        ("R4", "2024", "Jan-Apr YoY", -0.23, "share", -0.23),
        ("R5", "2024", "mega deals, share of count", 0.08, "share", 0.08),
        ("R5", "2024", "mega deals, share of amount", 0.81, "share", 0.81),
        ("R6", "2024", "mean mega-deal amount", 75.5, "亿元", 75.5),
        ("R7", "2024", "top-10 deals share", 0.50, "share", 0.50),
        ("R8", "2024", "top-3 companies share of top 10", 0.69, "share", 0.69),
        ("R9", "2024", "early-stage count share", 0.63, "share", 0.63),
        ("R9", "2024", "early-stage count share change", 5.0, "pp", 5.0),
        ("R10", "2024", "strategic count share change", -6.0, "pp", -6.0),
        ("R10", "2024", "strategic amount share change", -18.0, "pp", -18.0),
        ("R11", "2024", "US share of amount", 0.78, "share", 0.78),
        ("R11", "2024", "CN share of amount", 0.14, "share", 0.14),
        ("R12", "2024", "US/CN share ratio", 5.57, "x", 5.7),
        ("R13", "2024", "CN mean deal", 1.2, "亿元", 1.2),
        ("R13", "2024", "US mean deal", 15.5, "亿元", 15.5),
        ("R14", "2024", "new AI unicorns", 33, "count", 33),
        ("R15", "2024-01-01..2025-03-23", "top-500 AI unicorn funding", 1837, "亿元", 1837),
        ("R16", "2024", "AIGC share", 0.56, "share", 0.56),
        ("R17", "2025 YTD", "US AIGC share", 0.61, "share", 0.61),
        ("R17", "2025 YTD", "CN AIGC share", 0.32, "share", 0.32),
        ("R18", "2024", "technology share", 0.0446, "share", 0.0446),
        ("R19", "2025 YTD", "technology deals with state capital", 11, "count", None),
        ("R20", "2024-01-01..2025-03-23", "CN infrastructure deals in ai_chips", 0.446, "share", 0.446),
        ("R21", "2024", "infrastructure sub-segments where US > CN", 3, "count", 3),
        ("R22", "2024", "top CN application sub-segment: autonomous_driving", 1, "count", None),
        ("R23", "2025-01-01..2025-03-23", "period-to-date AI funding", 1448.5, "亿元", 1448.5),
    ])

    con.execute("""create table fct_deals (deal_id varchar, company_id varchar, company_name varchar,
        announced_date date, year integer, quarter integer, month integer, country_code varchar,
        country_group varchar, round_type varchar, stage_group varchar, is_ai boolean,
        is_counted boolean, amount_status varchar, amount_original double, currency varchar,
        amount_cny double, amount_usd double, is_mega boolean, segment varchar,
        sub_segment varchar, investor_names varchar, has_state_capital boolean, source_count integer)""")
    for i, (name, group, date, usd, segment, sub, round_type) in enumerate(TOP_DEALS_2024):
        d = dt.date.fromisoformat(date)
        cny = usd * USD_CNY
        con.execute("insert into fct_deals values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
            f"d{i}", f"c{name}", name, d, d.year, (d.month - 1) // 3 + 1, d.month,
            "US" if group == "US" else "CN", group, round_type,
            "strategic" if round_type == "corporate_round" else "late", True, True, "exact",
            usd, "USD", cny, usd, cny >= 10 * YI, segment, sub, "Investor A, Investor B",
            name == "渊亭科技", 1])
    con.execute("""create table fct_deal_sources (deal_id varchar, source varchar, source_file varchar,
        source_record_key varchar)""")
    con.execute("insert into fct_deal_sources select deal_id, 'crunchbase', 'crunchbase/funding_rounds.csv', deal_id from fct_deals")
    con.execute("""create table dim_companies (company_id varchar, company_name varchar, aliases varchar,
        country_code varchar, country_group varchar, is_ai boolean, segment varchar, sub_segment varchar,
        unicorn_joined_date date, latest_valuation_usd double)""")
    con.execute("""insert into dim_companies select distinct company_id, company_name, null, country_code,
        country_group, true, segment, sub_segment, null, null from fct_deals""")
    con.execute("""create table audit_quarantine (source varchar, source_file varchar, source_row integer,
        reason varchar, raw_record varchar)""")
    con.execute("""insert into audit_quarantine values ('cn_export', 'cn_export/a.csv', 7,
        'unparseable date', '{}')""")
    con.execute("""create table audit_runs (published_at timestamp, raw_files integer, rows_in integer,
        rows_staged integer, rows_quarantined integer, deals integer, checks_passed integer)""")
    con.execute("""insert into audit_runs values ('2025-04-01 08:00:00', 9, 5200, 5190, 10, 3500, 140),
        ('2025-04-08 07:00:00', 10, 5400, 5388, 12, 3620, 151)""")
    con.execute("comment on table mart_report_figures is 'One row per figure of the report'")
    con.close()
    return path
