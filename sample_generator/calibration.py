"""Calibration targets of the sample: what the shipped sample (seed 42, scale 1) aims at, and why.

The report's figures (R1–R23, defined in docs/report-marts.md) are not all mutually consistent, and the
real deals (data/real_ai_deals_2024_2025q1.csv, which the sample must contain with their real
amounts) fix a large part of 2024 on their own. So the sample cannot hit every figure; this table
says which it aims at. Values are in 亿元 (1e8 CNY) unless a unit says otherwise.

Favoured (hit within rounding):
  R1 total, R2 growth, R4 Jan–Apr YoY, R5 amount share of mega deals, R6 mean mega deal, R9 early
  share, R10 strategic shifts, R11 country shares, R12 US/CN ratio, R13 per-deal means, R14
  unicorns, R16 AIGC share (see below), R17, R18, R19, R20, R21, R22, R23, and R3 (peaks).

Given up, and why:
  R5 count share (8 %): R1 + R5 amount share + R6 imply 4,856 / 75.5 ≈ 64 mega deals, and 8 % of
     deals would make only ~800 deals in 2024; but R11 + R13 need 4,676 / 15.5 ≈ 302 US and
     839 / 1.2 ≈ 700 Chinese deals with an amount, i.e. > 1,000 deals. The country figures are the
     report's main theme and the issue asks for 1,000–3,000 deals a year, so R13 wins: the mega
     count share lands near 4.5 %.
  R7 top-10 share (50 %): the ten largest real 2024 deals (Databricks, CoreWeave, OpenAI, xAI ×2,
     Waymo, Anthropic ×2, CoreWeave, Wayve) alone are ~3,650 亿 = 61 % of R1's 5,995 亿.
  R8 OpenAI/xAI/Anthropic = 69 % of the top 10: with the real amounts they are ~50 %, and the three
     companies raising most inside the top 10 are xAI, Databricks and CoreWeave.
  R15 top-500 AI unicorns raised 1,837 亿: OpenAI + xAI + Anthropic + Databricks + CoreWeave alone
     raised more than twice that since 2024 (real deals); the sample's value is whatever the real
     unicorns raise (their US share does land near the report's 86 %).
  R16 AIGC share 56 % is only just reachable: the real non-AIGC deals (Databricks, CoreWeave, Waymo
     …) are 42 % of 2024 and R18 fixes technology at 4.46 %, so the synthetic non-AIGC long tail
     (R20–R22 need some of it) is kept lean; the sample lands at ~55.8 %.

Interpretations (where the report is ambiguous):
  R14: "美国以新晋25家绝对领先,中国仅新晋3家" counts new AI unicorns (25 US + 3 CN of the 33);
     the sample has 108 new unicorns in 2024 (all sectors), 33 of them AI: US 25, CN 3, other 5.
  R15 and R20 "2024年以来" = 2024-01-01 … 2025-03-23 (the report's as-of date).
  R19: technology-layer deals with a state-capital investor, 2025 YTD ≈ all of 2024 (16 and 16).
  R22: ranks by amount in 2024: both groups' top two are autonomous_driving, unmanned_devices;
     then CN healthcare, robotics; US security, programming_dev.

The plan below turns these targets into budgets for the synthetic long tail (per year × country
group × segment / sub-segment); plan.py fills them. Every number printed by
`python -m sample_generator` is computed back from the truth events (sample_truth/events.csv), not
from the plan.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sample_generator.model import YI

AS_OF = dt.date(2025, 3, 23)  # the report's period-to-date end


@dataclass(frozen=True)
class Target:
    id: str
    metric: str
    report: str  # the report's value
    target: str  # what the sample aims at
    favoured: bool
    why: str


TARGETS: list[Target] = [
    Target("R1", "AI funding 2024 (亿元)", "5995.2", "5995.2", True, "headline"),
    Target("R2", "2023 total / YoY", "≈2815 / +113%", "2814.6 / +113%", True, "2023 = R1 / 2.13"),
    Target("R3", "peak months 2024", "May, Q4", "May + Q4 months on top", True, "real mega deals fall there"),
    Target("R4", "Jan–Apr 2024 YoY", "-23%", "-23%", True, "2024 Jan–Apr 650 亿, 2023 844 亿"),
    Target("R5", "mega deals: count / amount share", "8% / 81%", "~4.5% / 81%", False, "count share conflicts with R13 (see doc)"),
    Target("R6", "mean mega deal 2024 (2023)", "75.5 (53.6)", "75.5 (53.6)", True, "64 mega deals in 2024, 30 in 2023"),
    Target("R7", "top-10 share", "50%", "computed (~61%)", False, "real top 10 alone exceed 50%"),
    Target("R8", "top-3 companies in top 10", "69% OpenAI/xAI/Anthropic", "computed", False, "real amounts give ~60% xAI/Databricks/CoreWeave"),
    Target("R9", "early share 2024 / change", "63% / +5pp", "63% / +5pp", True, ""),
    Target("R10", "strategic count / amount share change", "-6pp / -18pp", "-6pp / -18pp", True, "2023 13%/28.3%, 2024 7%/10.3%"),
    Target("R11", "US / CN amount share 2024", "78% / 14%", "78.3% / 13.74%", True, "chosen so that R12 = 5.7"),
    Target("R12", "US/CN share ratio 2024 (2023)", "5.7 (2.5)", "5.7 (2.5)", True, ""),
    Target("R13", "mean deal CN / US 2024", "1.2 / 15.5", "1.2 / 15.5", True, "sets the deal counts"),
    Target("R14", "new unicorns 2024: all / AI / US AI / CN AI", "108 / 33 / 25 / 3", "108 / 33 / 25 / 3", True, "US/CN read as AI unicorns"),
    Target("R15", "top-500 AI unicorns raised since 2024", "1837 (25%), US 86%, CN 8%", "computed", False, "real unicorns alone raise more"),
    Target("R16", "AIGC share 2024", "56%", "~55.8%", True, "just reachable, see doc"),
    Target("R17", "AIGC share 2025 YTD: US / CN", "61% / 32%", "61% / 32%", True, ""),
    Target("R18", "technology share 2024", "4.46%", "4.46%", True, ""),
    Target("R19", "state-capital tech deals: 2024 / 2025 YTD", "≈ equal", "16 / 16", True, ""),
    Target("R20", "CN infra since 2024: chips count share / amount", "44.6% / >50", "44.6% / ~52", True, "29 of 65 deals"),
    Target("R21", "infra sub-segments US > CN", "US ahead in all", "US ahead in all", True, ""),
    Target("R22", "application top-4 by amount (2024)", "both AD, UD; CN health, robotics; US security, prog", "same", True, ""),
    Target("R23", "2025 YTD (to 03-23) / YoY", "1448.5 / +314%", "1448.5 / +314%", True, "2024 window = 349.9"),
    Target("R25", "a16z: AI share of its deals 2023 → 2024", "18% → 57%", "18% → 57%", True,
           "step 11 moves a16z between synthetic rounds (own stream); its real 2024 deals stay"),
]

# ---------------------------------------------------------------------------------------------
# The plan for the synthetic long tail (plan.py). Amounts in 亿元 of `amount_cny`.
# ---------------------------------------------------------------------------------------------

YEAR_TOTAL = {2023: 2814.6, 2024: 5995.2, 2025: 1448.5}  # 2025 = Jan 1 … Mar 23
COUNTRY_SHARE = {
    2023: {"US": 0.635, "CN": 0.254, "other": 0.111},
    2024: {"US": 0.783, "CN": 0.1374, "other": 0.0796},
    2025: {"US": 0.74, "CN": 0.17, "other": 0.09},
}
MEAN_DISCLOSED = {  # mean amount per deal with an amount -> the number of such deals
    2023: {"US": 9.0, "CN": 1.0, "other": 2.0},
    2024: {"US": 15.5, "CN": 1.2, "other": 2.5},
    2025: {"US": 12.0, "CN": 1.3, "other": 2.2},
}
UNDISCLOSED = {  # deals without any amount, per year and group
    2023: {"US": 10, "CN": 200, "other": 17},
    2024: {"US": 16, "CN": 194, "other": 21},
    2025: {"US": 5, "CN": 55, "other": 7},
}

# Synthetic budgets by segment (aigc = the rest of the group's total). Infrastructure and
# application are given per sub-segment (R20–R22), technology per segment.
_APP = ("autonomous_driving", "unmanned_devices", "healthcare", "robotics", "security", "programming_dev",
        "finance", "education", "enterprise_services", "industrial", "other_application")


def _app(*v: float) -> dict[str, float]:
    return dict(zip(_APP, v))


BUDGET: dict[int, dict[str, dict]] = {
    2024: {
        "US": {"technology": 95.0, "infrastructure": {"ai_chips": 62, "cloud_compute": 4, "data_services": 3},
               "application": _app(2, 74, 3, 2, 63, 55, 2, 1, 3, 1, 1)},
        "CN": {"technology": 58.0, "infrastructure": {"ai_chips": 38, "cloud_compute": 5, "data_services": 2},
               "application": _app(23, 18, 15, 13, 2, 1.5, 5, 3.5, 5.5, 3, 0.5)},
        "other": {"technology": 110.4, "infrastructure": {"ai_chips": 3, "cloud_compute": 3, "data_services": 2},
                  "application": _app(2, 2, 4, 3, 3, 2, 2, 0.5, 1, 0.3, 0.2)},
    },
    2023: {
        "US": {"technology": 0.08, "infrastructure": {"ai_chips": 0.07, "cloud_compute": 0.05, "data_services": 0.03},
               "application": _app(.05, .03, .04, .03, .02, .02, .01, .005, .01, .003, .002)},
        "CN": {"technology": 0.14, "infrastructure": {"ai_chips": 0.08, "cloud_compute": 0.025, "data_services": 0.015},
               "application": _app(.09, .05, .08, .07, .02, .01, .03, .03, .04, .03, .01)},
        "other": {"technology": 0.20, "infrastructure": {"ai_chips": 0.04, "cloud_compute": 0.02, "data_services": 0.02},
                  "application": _app(.06, .03, .06, .04, .04, .03, .03, .01, .02, .01, .01)},
    },
    2025: {
        "US": {"technology": 60.0, "infrastructure": {"ai_chips": 25, "cloud_compute": 90, "data_services": 35},
               "application": _app(20, 45, 25, 18, 35, 30, 10, 5, 12, 5, 3)},
        "CN": {"technology": 30.0, "infrastructure": {"ai_chips": 14, "cloud_compute": 4, "data_services": 2},
               "application": _app(30, 18, 22, 20, 3, 2, 4, 3, 3, 2, 0.4)},
        "other": {"technology": 19.6, "infrastructure": {"ai_chips": 4, "cloud_compute": 4, "data_services": 2.4},
                  "application": _app(8, 5, 7, 6, 5, 4, 2, 1, 2, 1, 0.7)},
    },
}
# 2023 values are shares of the group's total (no real deals that year); 2024/2025 are 亿元.
BUDGET_IS_SHARE = {2023: True, 2024: False, 2025: False}
# 2025: AIGC share of the group's total (R17) instead of "the rest"
AIGC_SHARE_2025 = {"US": 0.61, "CN": 0.32, "other": 0.45}

# Synthetic mega deals (>= 10 亿): year -> total amount and per cell counts
MEGA_SUM = {2023: 30 * 53.6, 2024: None, 2025: 175.0}  # 2024: 64 * 75.5 minus the real mega deals
MEGA_2024_TOTAL = 64 * 75.5
MEGA_CELLS = {
    2023: [("US", "aigc", None, 13), ("US", "technology", None, 2), ("US", "infrastructure", "ai_chips", 2),
           ("US", "infrastructure", "cloud_compute", 1), ("US", "application", "autonomous_driving", 2),
           ("US", "application", "healthcare", 1), ("US", "application", "robotics", 1),
           ("CN", "aigc", None, 3), ("CN", "infrastructure", "ai_chips", 1), ("CN", "technology", None, 1),
           ("CN", "application", "autonomous_driving", 1), ("other", "aigc", None, 2)],
    2024: [("US", "aigc", None, 14), ("US", "application", "unmanned_devices", 1), ("US", "application", "security", 1),
           ("US", "application", "programming_dev", 1), ("US", "technology", None, 2), ("US", "infrastructure", "ai_chips", 1),
           ("CN", "aigc", None, 12), ("CN", "infrastructure", "ai_chips", 1), ("CN", "application", "autonomous_driving", 1),
           ("other", "aigc", None, 6), ("other", "technology", None, 3)],
    2025: [("US", "aigc", None, 4), ("US", "infrastructure", "cloud_compute", 2), ("US", "application", "security", 1),
           ("US", "application", "unmanned_devices", 1), ("CN", "aigc", None, 1), ("other", "aigc", None, 1)],
}

# Deal counts by segment (shares of a group's deals), sub-segment weights inside a segment
COUNT_SEGMENT = {"US": {"aigc": 32, "infrastructure": 9, "technology": 9, "application": 50},
                 "CN": {"aigc": 12, "infrastructure": 6, "technology": 13, "application": 69},
                 "other": {"aigc": 22, "infrastructure": 6, "technology": 18, "application": 54}}
COUNT_SUB = {
    "aigc": {"foundation_models": 22, "generative_content": 40, "ai_agents": 38},
    "infrastructure": {"ai_chips": 35, "cloud_compute": 30, "data_services": 35},
    "technology": {"computer_vision": 38, "speech_nlp": 24, "machine_learning": 18, "knowledge_decision": 20},
    "application_CN": _app(9, 7, 15, 17, 5, 4, 9, 8, 13, 9, 4),
    "application": _app(5, 6, 15, 9, 10, 11, 9, 6, 17, 6, 6),
}
# Largest mean amount of the non-mega deals of one cell (亿元): cells get at least budget / this
# many deals with an amount (taken from the other cells, so the group's count holds)
MAX_CELL_MEAN = {"US": 3.0, "CN": 1.5, "other": 2.5}
# R20: Chinese infrastructure deal counts (all, disclosed or not) per year: chips 29 of 65 since 2024
CN_INFRA_COUNTS = {2024: {"ai_chips": 23, "cloud_compute": 16, "data_services": 13},
                   2025: {"ai_chips": 6, "cloud_compute": 4, "data_services": 3}}

# Stage groups: count shares and the strategic amount share per year (R9, R10)
STAGE_COUNT_SHARE = {
    2023: {"early": 0.58, "growth": 0.19, "late": 0.06, "strategic": 0.13, "debt": 0.015, "other": 0.025},
    2024: {"early": 0.63, "growth": 0.17, "late": 0.065, "strategic": 0.07, "debt": 0.02, "other": 0.045},
    2025: {"early": 0.60, "growth": 0.18, "late": 0.07, "strategic": 0.08, "debt": 0.02, "other": 0.05},
}
STRATEGIC_AMOUNT_SHARE = {2023: 0.283, 2024: 0.103, 2025: 0.14}

# Period windows (R4, R23): synthetic + real amounts per window, by year
WINDOWS = {
    2023: [((1, 1), (3, 23), 620.0), ((3, 24), (4, 30), 224.2), ((5, 1), (12, 31), None)],
    2024: [((1, 1), (3, 23), 349.9), ((3, 24), (4, 30), 300.1), ((5, 1), (12, 31), None)],
    2025: [((1, 1), (3, 23), None)],
}
MONTH_COUNT_WEIGHT = {1: 0.85, 2: 0.75, 3: 1.0, 4: 1.0, 5: 1.1, 6: 1.0, 7: 1.0, 8: 0.9, 9: 1.0, 10: 1.0, 11: 1.05, 12: 1.1}

# R19: Chinese technology-layer deals with a state-capital investor (including 渊亭科技 in 2024)
STATE_TECH_DEALS = {2023: 9, 2024: 16, 2025: 16}
STATE_PROB = {"aigc": 0.15, "ai_chips": 0.5, "infrastructure": 0.25, "application": 0.07}

# R25: the AI share (by deal count) of a featured investor's financing rounds per year; its
# rounds are every counted round type of any sector (docs/figures.md). Step 11 (investors.py)
# moves the investor in or out of synthetic rounds until each year's share lands on the target.
FEATURED_AI_SHARE = {"Andreessen Horowitz": {2023: 0.18, 2024: 0.57}}

# R14: new unicorns per year joined (all sectors, AI), 2024 AI split by group
UNICORNS_PER_YEAR = {2013: (6, 1), 2014: (25, 2), 2015: (45, 5), 2016: (30, 3), 2017: (50, 6), 2018: (95, 10),
                     2019: (100, 12), 2020: (105, 15), 2021: (480, 55), 2022: (230, 40), 2023: (75, 25),
                     2024: (108, 33), 2025: (22, 10)}
UNICORNS_2024_AI = {"US": 25, "CN": 3, "other": 5}
UNICORNS_2024_NON_AI = {"US": 33, "CN": 9, "other": 33}


# ---------------------------------------------------------------------------------------------
# Figures computed from the truth (events.csv / companies.csv rows as dicts of strings)
# ---------------------------------------------------------------------------------------------

def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def compute(events: list[dict], companies: list[dict]) -> list[tuple[str, str, str, str]]:
    """Rows (id, metric, report value, sample value) for R1–R23 and R25, from the truth."""
    counted = [e for e in events if e["is_ai"] == "true" and e["stage_group"] != "excluded"]
    for e in counted:
        e["_d"] = _d(e["announced_date"])
        e["_a"] = float(e["amount_cny"]) / YI if e["amount_cny"] else None

    def year(y):
        return [e for e in counted if e["_d"].year == y]

    def amt(es):
        return sum(e["_a"] or 0.0 for e in es)

    def window(start, end):
        return [e for e in counted if start <= e["_d"] <= end]

    rows = []
    y23, y24, y25 = year(2023), year(2024), year(2025)
    t23, t24 = amt(y23), amt(y24)
    rows.append(("R1", "AI funding 2024 (亿元)", "5995.2", f"{t24:.1f}  ({len(y24)} deals)"))
    rows.append(("R2", "2023 total, change, YoY", "≈2815, >+3000, +113%",
                 f"{t23:.1f}, {t24 - t23:+.1f}, {_pct(t24 / t23 - 1)}"))
    monthly = defaultdict(float)
    for e in y24:
        monthly[e["_d"].month] += e["_a"] or 0
    top = sorted(monthly, key=lambda m: -monthly[m])[:4]
    rows.append(("R3", "top months 2024 by amount", "May, Q4",
                 ", ".join(f"{m}月 {monthly[m]:.0f}" for m in top)))
    ja24 = amt(window(dt.date(2024, 1, 1), dt.date(2024, 4, 30)))
    ja23 = amt(window(dt.date(2023, 1, 1), dt.date(2023, 4, 30)))
    rows.append(("R4", "Jan–Apr 2024 vs 2023", "-23%", f"{ja24:.1f} vs {ja23:.1f}: {_pct(ja24 / ja23 - 1)}"))

    def mega(es):
        return [e for e in es if (e["_a"] or 0) >= 10]

    m24, m23 = mega(y24), mega(y23)
    rows.append(("R5", "mega deals count / amount share", "8% / 81%",
                 f"{_pct(len(m24) / len(y24))} ({len(m24)}) / {_pct(amt(m24) / t24)}"))
    rows.append(("R6", "mean mega deal 2024 (2023)", "75.5 (53.6)",
                 f"{amt(m24) / len(m24):.1f} ({amt(m23) / max(len(m23), 1):.1f})"))
    top10 = sorted((e for e in y24 if e["_a"]), key=lambda e: -e["_a"])[:10]
    rows.append(("R7", "top-10 deals share", "50%", _pct(amt(top10) / t24)))
    by_co = defaultdict(float)
    for e in top10:
        by_co[e["company_name"]] += e["_a"]
    top3 = sorted(by_co, key=lambda c: -by_co[c])[:3]
    oxa = sum(v for c, v in by_co.items() if c in ("OpenAI", "xAI", "Anthropic"))
    rows.append(("R8", "top-3 companies' share of top 10", "69% (OpenAI, xAI, Anthropic)",
                 f"{_pct(sum(by_co[c] for c in top3) / amt(top10))} ({', '.join(top3)}); "
                 f"OpenAI+xAI+Anthropic {_pct(oxa / amt(top10))}"))

    def share(es, pred, by_amount=False):
        if by_amount:
            return amt([e for e in es if pred(e)]) / amt(es)
        return sum(1 for e in es if pred(e)) / len(es)

    early24, early23 = share(y24, lambda e: e["stage_group"] == "early"), share(y23, lambda e: e["stage_group"] == "early")
    rows.append(("R9", "early share 2024, change", "63%, +5pp", f"{_pct(early24)}, {100 * (early24 - early23):+.1f}pp"))
    st = lambda e: e["stage_group"] == "strategic"  # noqa: E731
    rows.append(("R10", "strategic count / amount share change", "-6pp / -18pp",
                 f"{100 * (share(y24, st) - share(y23, st)):+.1f}pp / "
                 f"{100 * (share(y24, st, True) - share(y23, st, True)):+.1f}pp "
                 f"({_pct(share(y23, st))}→{_pct(share(y24, st))}, {_pct(share(y23, st, True))}→{_pct(share(y24, st, True))})"))
    g = lambda grp: (lambda e: e["country_group"] == grp)  # noqa: E731
    us24, cn24 = share(y24, g("US"), True), share(y24, g("CN"), True)
    us23, cn23 = share(y23, g("US"), True), share(y23, g("CN"), True)
    rows.append(("R11", "US / CN share 2024", "78% / 14%", f"{_pct(us24)} / {_pct(cn24)}"))
    rows.append(("R12", "US/CN ratio 2024 (2023)", "5.7 (2.5)", f"{us24 / cn24:.2f} ({us23 / cn23:.2f})"))

    def mean(es):
        d = [e for e in es if e["_a"] is not None]
        return amt(d) / len(d)

    rows.append(("R13", "mean deal CN / US 2024", "1.2 / 15.5",
                 f"{mean([e for e in y24 if g('CN')(e)]):.2f} / {mean([e for e in y24 if g('US')(e)]):.2f}"))
    uni = [c for c in companies if c["unicorn_joined_date"]]
    new24 = [c for c in uni if c["unicorn_joined_date"].startswith("2024")]
    ai24 = [c for c in new24 if c["is_ai"] == "true"]
    rows.append(("R14", "new unicorns 2024: all / AI (share) / US AI / CN AI", "108 / 33 (30.6%) / 25 / 3",
                 f"{len(new24)} / {len(ai24)} ({_pct(len(ai24) / max(len(new24), 1))}) / "
                 f"{sum(1 for c in ai24 if c['country_group'] == 'US')} / {sum(1 for c in ai24 if c['country_group'] == 'CN')}"))
    ai_uni = sorted((c for c in uni if c["is_ai"] == "true"), key=lambda c: -float(c["valuation_usd"] or 0))[:500]
    keys = {c["company_key"] for c in ai_uni}
    since = window(dt.date(2024, 1, 1), AS_OF)
    u = [e for e in since if e["company_key"] in keys]
    ua = amt(u)
    rows.append(("R15", "top-500 AI unicorns raised since 2024 (share; US, CN)", "1837 (25%; 86%, 8%)",
                 f"{ua:.0f} ({_pct(ua / amt(since))}; {_pct(share(u, g('US'), True))}, {_pct(share(u, g('CN'), True))})"))
    seg = lambda s: (lambda e: e["segment"] == s)  # noqa: E731
    rows.append(("R16", "AIGC share 2024", "56%", _pct(share(y24, seg("aigc"), True))))
    us25 = [e for e in y25 if g("US")(e)]
    cn25 = [e for e in y25 if g("CN")(e)]
    rows.append(("R17", "AIGC share 2025 YTD: US / CN", "61% / 32%",
                 f"{_pct(share(us25, seg('aigc'), True))} / {_pct(share(cn25, seg('aigc'), True))}"))
    rows.append(("R18", "technology share 2024", "4.46%", f"{100 * share(y24, seg('technology'), True):.2f}%"))
    stc = lambda es: sum(1 for e in es if e["segment"] == "technology" and e["has_state_capital"] == "true")  # noqa: E731
    rows.append(("R19", "state-capital tech deals 2024 / 2025 YTD", "2025 YTD ≈ 2024", f"{stc(y24)} / {stc(y25)}"))
    cn_inf = [e for e in since if g("CN")(e) and e["segment"] == "infrastructure"]
    chips = [e for e in cn_inf if e["sub_segment"] == "ai_chips"]
    rows.append(("R20", "CN infra since 2024: chips count share / amount", "44.6% / >50",
                 f"{_pct(len(chips) / max(len(cn_inf), 1))} ({len(chips)}/{len(cn_inf)}) / {amt(chips):.1f}"))
    parts = []
    for sub in ("ai_chips", "cloud_compute", "data_services"):
        a_us = amt([e for e in since if g("US")(e) and e["sub_segment"] == sub])
        a_cn = amt([e for e in since if g("CN")(e) and e["sub_segment"] == sub])
        parts.append(f"{sub} {a_us:.0f}/{a_cn:.0f}")
    rows.append(("R21", "infra US/CN since 2024", "US ahead in all", "; ".join(parts)))
    for grp in ("US", "CN"):
        app = defaultdict(float)
        for e in y24:
            if g(grp)(e) and e["segment"] == "application":
                app[e["sub_segment"]] += e["_a"] or 0
        rank = sorted(app, key=lambda s: -app[s])[:4]
        ref = ("autonomous_driving, unmanned_devices, security, programming_dev" if grp == "US"
               else "autonomous_driving, unmanned_devices, healthcare, robotics")
        rows.append(("R22", f"application top 4 {grp} 2024", ref, ", ".join(f"{s} {app[s]:.0f}" for s in rank)))
    p25 = amt(window(dt.date(2025, 1, 1), AS_OF))
    p24 = amt(window(dt.date(2024, 1, 1), dt.date(2024, 3, 23)))
    rows.append(("R23", "2025-01-01..03-23 amount, YoY", "1448.5, +314%", f"{p25:.1f}, {_pct(p25 / p24 - 1)} (2024: {p24:.1f})"))
    for name, targets in FEATURED_AI_SHARE.items():
        shares = []
        for y in sorted(targets):
            rounds = [e for e in events if e["announced_date"].startswith(str(y)) and e["stage_group"] != "excluded"
                      and name in e["investors"].split("|")]
            ai = sum(1 for e in rounds if e["is_ai"] == "true")
            shares.append(f"{y}: {_pct(ai / len(rounds)) if rounds else '–'} ({ai}/{len(rounds)})")
        rows.append(("R25", f"{name}: AI share of its rounds", " → ".join(f"{100 * v:.0f}%" for _, v in sorted(targets.items())),
                     ", ".join(shares)))
    for e in counted:
        e.pop("_d", None)
        e.pop("_a", None)
    return rows


def format_table(rows: list[tuple[str, str, str, str]]) -> str:
    w1 = max(len(r[1]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    out = [f"{'id':<4} {'figure':<{w1}}  {'report':<{w2}}  sample", "-" * (w1 + w2 + 40)]
    for r in rows:
        out.append(f"{r[0]:<4} {r[1]:<{w1}}  {r[2]:<{w2}}  {r[3]}")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    import csv
    import sys
    from pathlib import Path

    d = Path(sys.argv[1] if len(sys.argv) > 1 else "sample_truth")
    with open(d / "events.csv", encoding="utf-8", newline="") as f:
        ev = list(csv.DictReader(f))
    with open(d / "companies.csv", encoding="utf-8", newline="") as f:
        co = list(csv.DictReader(f))
    print(format_table(compute(ev, co)))
