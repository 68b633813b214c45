"""A hand-made published.duckdb following docs/published-tables.md exactly, with numbers shaped
like the 2024 report (double-peak months, mega deals, stage pyramid, US vs CN). Used by the report
and SQL-example tests so they do not need the whole pipeline; the end-to-end test uses the real one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from pipeline.report.fmt import YI

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
    "2025-01-01..2025-03-23": {"all": [0.55, 0.05, 0.22, 0.18], "US": [0.61, 0.03, 0.22, 0.14],
                               "CN": [0.32, 0.12, 0.26, 0.30]},
    "2024-01-01..2025-03-23": {"all": [0.56, 0.045, 0.23, 0.165], "US": [0.60, 0.03, 0.25, 0.12],
                               "CN": [0.38, 0.11, 0.21, 0.30]},
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
YTD_2025 = "2025-01-01..2025-03-23"  # the report's window ("截至3月23日")
SINCE_2024 = "2024-01-01..2025-03-23"  # "2024年以来"

# mart_report_figures rows: figure_id, period, description, value, unit, reference, value_text,
# reference_text, report_quote.
FIGURES = [
    ("R1", "2024", "Total AI funding in the year", 5995.2, "亿元", 5995.2, None, None, "2024年全球AI领域融资总额达5995.2亿元"),
    ("R2a", "2024", "Change on the prior year", 3180.2, "亿元", 3000, None, "more than 3,000 亿元", "较2023年增长超3000亿元"),
    ("R2b", "2024", "Growth on the prior year", 113.0, "%", 113, None, None, "同比增长113%"),
    ("R3a", "2024", "Peak month", 5, "month", 5, "2024-05: 980.0 亿元", "May (5月单月爆发)", "5月单月爆发"),
    ("R3b", "2024", "Peak quarter", 4, "quarter", 4, "Q4: 3110.2 亿元", None, "第四季度集中放量"),
    ("R4", "2024-04", "Year-to-date growth", -23.98, "%", -23, None, None, "前4个月融资同比下滑23%"),
    ("R5a", "2024", "Mega deals, share of count", 8.0, "%", 8, None, None, "十亿级融资事件数量占比8%"),
    ("R5b", "2024", "Mega deals, share of amount", 81.0, "%", 81, None, None, "但金额占比81%"),
    ("R6a", "2024", "Mean mega deal", 75.5, "亿元", 75.5, None, None, "平均单笔融资额75.5亿元"),
    ("R6b", "2023", "Mean mega deal", 53.6, "亿元", 53.6, None, None, "(2023年为53.6亿元)"),
    ("R7", "2024", "Top-10 deals share", 50.0, "%", 50, None, None, "Top10融资事件占总额50%"),
    ("R8", "2024", "Top-3 companies in the top 10", 69.0, "%", 69, "OpenAI, xAI, Anthropic", "OpenAI, xAI, Anthropic", "三家头部企业占比69%"),
    ("R9a", "2024", "Early-stage count share", 63.0, "%", 63, None, None, "早期融资事件数量占比63%"),
    ("R9b", "2024", "Early-stage count share change", 5.0, "pp", 5, None, None, "比2023年上升了5pp"),
    ("R10a", "2024", "Strategic count share change", -6.0, "pp", -6, None, None, "融资事件数量占比下降6pp"),
    ("R10b", "2024", "Strategic amount share change", -18.0, "pp", -18, None, None, "金额占比下降18pp"),
    ("R11a", "2024", "US share", 78.0, "%", 78, None, None, "美国AI领域融资份额78%"),
    ("R11b", "2024", "CN share", 14.0, "%", 14, None, None, "(中国14%)"),
    ("R12a", "2024", "US/CN share ratio", 5.57, "x", 5.7, None, None, "扩大至5.7倍"),
    ("R12b", "2023", "US/CN share ratio", 2.5, "x", 2.5, None, None, "从2023年的2.5倍"),
    ("R13a", "2024", "CN mean deal", 1.2, "亿元", 1.2, None, None, "单笔均值1.2亿元"),
    ("R13b", "2024", "US mean deal", 15.48, "亿元", 15.5, None, None, "(美国15.5亿元)"),
    ("R14a", "2024", "New unicorns", 108, "companies", 108, None, None, "新晋108家独角兽"),
    ("R14b", "2024", "New AI unicorns", 33, "companies", 33, None, None, "AI领域33家"),
    ("R15a", SINCE_2024, "Top-N AI unicorn funding", 1837, "亿元", 1837, None, None, "全球500强AI独角兽融资1837亿元"),
    ("R16", "2024", "AIGC share", 56.0, "%", 56, None, None, "AIGC领域融资金额在人工智能占比为56%"),
    ("R17a", YTD_2025, "US AIGC share", 61.0, "%", 61, None, None, "融资金额占比提升至61%"),
    ("R17b", YTD_2025, "CN AIGC share", 32.0, "%", 32, None, None, "降至32%"),
    ("R18", "2024", "Technology share", 4.46, "%", 4.46, None, None, "占比仅为4.46%"),
    ("R19a", YTD_2025, "Technology deals with state capital", 11, "deals", None, None, "about as many as in all of the prior year", "投资次数与2024年整年相当"),
    ("R20a", SINCE_2024, "CN ai_chips share of infrastructure deals", 44.0, "%", 44.6, None, None, "近一半(44.6%)投向芯片研发企业"),
    ("R21a", SINCE_2024, "Sub-segments where US > CN", 100.0, "%", 100, "ai_chips: US 1.0 vs CN 0.5 亿元", None, "所有细分领域都落后于美国"),
    ("R22a", SINCE_2024, "US named sub-segments in the top places", 4, "sub-segments", 4, "top by amount: autonomous_driving, unmanned_devices, security, programming_dev", "autonomous_driving, unmanned_devices, security, programming_dev", "美国则更偏好安全服务和编程及开发领域"),
    ("R23a", YTD_2025, "Period-to-date AI funding", 1448.5, "亿元", 1448.5, None, None, "融资额达到1448.5亿元"),
    ("R23b", YTD_2025, "Period-to-date growth", 314.0, "%", 314, None, None, "同比增长率高达314%"),
]


def _month_rows() -> list[tuple]:
    rows = []
    for year, amounts in MONTHLY_YI.items():
        prior = MONTHLY_YI.get(year - 1)
        for m, amount in enumerate(amounts, start=1):
            prior_amount = prior[m - 1] if prior else None
            ytd = sum(amounts[:m])
            prior_ytd = sum(prior[:m]) if prior else None
            rows.append((
                dt.date(year, m, 1), f"{year}-{m:02d}", year, m, 100 + m * 3, amount * YI,
                prior_amount * YI if prior else None,
                (amount / prior_amount - 1) * 100 if prior else None,  # *_pct columns are percent
                ytd * YI, prior_ytd * YI if prior else None,
                (ytd / prior_ytd - 1) * 100 if prior else None,
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
        (2024, 1600, 5995.2e8, 3180.2e8, 113.0, 128, 0.08, 0.81, 75.5e8, 0.50, 'OpenAI, xAI, Anthropic', 0.69),
        (2025, 420, 1448.5e8, null, null, 30, 0.071, 0.78, 70.1e8, 0.55, 'Anthropic, xAI, 智谱AI', 0.62)""")
    con.execute("""create table mart_funding_monthly (month date, month_label varchar, year integer,
        month_of_year integer, deal_count integer, amount_cny double,
        prior_year_amount_cny double, yoy_pct double, ytd_amount_cny double,
        prior_ytd_amount_cny double, ytd_yoy_pct double)""")
    con.executemany("insert into mart_funding_monthly values (?,?,?,?,?,?,?,?,?,?,?)", _month_rows())

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
        amount_cny double, count_share double, amount_share double, segment_count_share double,
        segment_amount_share double)""")
    totals = {"2024": 5995.2e8, "2023": 2815e8, YTD_2025: 1448.5e8, SINCE_2024: 7443.7e8}
    group_share = {"all": 1.0, "US": 0.78, "CN": 0.14}
    for label, by_group in SEGMENT_SHARES.items():
        period_type = {YTD_2025: "ytd", SINCE_2024: "since"}.get(label, "year")
        for group, seg_shares in by_group.items():
            group_total = totals[label] * group_share[group]
            for (segment, subs), seg_share in zip(SEGMENTS.items(), seg_shares, strict=True):
                con.execute("insert into mart_segment_share values (?,?,?,?,?,?,?,?,?,?,?)",
                            [period_type, label, group, segment, "all", 50, seg_share * group_total,
                             0.25, seg_share, 1.0, 1.0])
                weights = SUB_WEIGHTS.get(group, {}).get(segment) or [1 / len(subs)] * len(subs)
                for sub, w in zip(subs, weights, strict=True):
                    con.execute("insert into mart_segment_share values (?,?,?,?,?,?,?,?,?,?,?)",
                                [period_type, label, group, segment, sub, round(50 * w),
                                 seg_share * w * group_total, 0.25 * w, seg_share * w, w, w])

    con.execute("""create table mart_unicorns (year integer, country_group varchar, new_unicorns integer,
        new_ai_unicorns integer, ai_share double)""")
    con.execute("""insert into mart_unicorns values (2024, 'all', 108, 33, 33/108), (2024, 'US', 60, 25, 25/60),
        (2024, 'CN', 15, 3, 3/15), (2024, 'other', 33, 5, 5/33), (2023, 'all', 95, 28, 28/95)""")
    con.execute("""create table mart_top_unicorn_funding (period_type varchar, period_label varchar,
        top_n integer, country_group varchar, amount_cny double, share_of_ai_total double,
        share_of_top_n_amount double)""")
    con.execute(f"""insert into mart_top_unicorn_funding values
        ('since', '{SINCE_2024}', 500, 'all', 1837e8, 0.25, 1.0),
        ('since', '{SINCE_2024}', 500, 'US', 1837e8 * 0.86, 0.25 * 0.86, 0.86),
        ('since', '{SINCE_2024}', 500, 'CN', 1837e8 * 0.08, 0.25 * 0.08, 0.08),
        ('year', '2024', 500, 'all', 1500e8, 0.25, 1.0)""")
    con.execute("""create table mart_state_capital (period_type varchar, period_label varchar,
        segment varchar, deals_with_state_capital integer, deal_count integer)""")
    con.execute(f"""insert into mart_state_capital values ('year', '2024', 'technology', 12, 180),
        ('ytd', '{YTD_2025}', 'technology', 11, 40), ('year', '2024', 'aigc', 20, 300),
        ('ytd', '{YTD_2025}', 'aigc', 9, 80), ('quarter', '2024-Q1', 'aigc', 2, 70)""")
    con.execute("""create table mart_period_to_date (as_of_date date, window_start date,
        country_group varchar, segment varchar, amount_cny double, prior_amount_cny double, yoy_pct double)""")
    con.execute("""insert into mart_period_to_date values
        ('2025-03-23', '2025-01-01', 'all', 'all', 1448.5e8, 349.9e8, 314.0),
        ('2025-03-23', '2025-01-01', 'US', 'all', 1100e8, 250e8, 340.0),
        ('2025-03-23', '2025-01-01', 'CN', 'all', 200e8, 60e8, 233.3),
        ('2025-03-31', '2025-01-01', 'all', 'all', 1500e8, 360e8, 316.7)""")

    # As the dbt model writes it: lettered parts, percent values, the report's quote.
    con.execute("""create table mart_report_figures (figure_id varchar, period_label varchar,
        description varchar, value double, unit varchar, reference_value double, difference double,
        value_text varchar, reference_text varchar, report_quote varchar, source_mart varchar)""")
    con.executemany("insert into mart_report_figures values (?,?,?,?,?,?,?,?,?,?,?)", [
        (fid, period, desc, value, unit, ref, None if value is None or ref is None else value - ref,
         value_text, ref_text, quote, "fixture")
        for fid, period, desc, value, unit, ref, value_text, ref_text, quote in FIGURES
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
    con.execute("""create table audit_build_parameters (parameter varchar, value varchar, value_number double,
        unit varchar, origin varchar, description varchar)""")
    con.execute("""insert into audit_build_parameters values
        ('mega_deal_threshold_cny', '1000000000', 1e9, 'yuan', 'var', 'mega deal'),
        ('top_deals_n', '10', 10, 'deals', 'var', 'top-N deals'),
        ('top_unicorns_n', '500', 500, 'unicorns', 'var', 'top-N unicorns'),
        ('report_year', '2024', 2024, 'year', 'derived from the data', 'report year'),
        ('as_of_date', '2025-03-23', null, 'date', 'derived from the data', 'as-of date')""")
    con.execute("comment on table mart_report_figures is 'One row per figure of the report'")
    con.close()
    return path
