"""A small raw dir in the real export formats (IT桔子-style cn_export, Crunchbase organizations /
funding_rounds / investments, an FX table) for the investor models, written into a temporary
folder by tests/test_investor_marts.py, with the truth beside it in plain Python: which
investor every written name is, and each deal as the pipeline must find it.

What it exercises: one investor under several names across sources and languages (Crunchbase
'Andreessen Horowitz' = cn_export 'a16z' and '安德森·霍洛维茨' through seed investor_aliases;
'HongShan' = '红杉中国'), legal forms ('Lelviom Capital LLC' = 'Lelviom Capital', '澄源创投（有限合伙）'
= '澄源创投'), two people named John Smith with two Crunchbase uuids (two investors, and the cn
export's 'John Smith' is given to neither), two deals reported by both databases (one deal each,
its investors from both), non-AI deals (a16z's AI share), a grant (not an investor's deal), an
undisclosed amount, a state fund, and Crunchbase's lead flags (cn_export has none).

USD converts at 7 yuan in every month, so every amount is easy to check by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from pipeline.report.fmt import YI

USD_CNY = 7.0

CN_HEADER = ["公司名称", "工商名称", "公司网址", "成立时间", "地点", "运营状态", "行业", "子行业", "融资时间",
             "轮次", "融资金额", "投资方", "融资总额", "估值", "团队", "公司简介", "详细地址", "公开电话",
             "公开邮箱", "笔记"]
ORG_HEADER = ["uuid", "name", "legal_name", "country_code", "region", "city", "short_description",
              "category_list", "category_groups_list", "founded_on", "homepage_url", "alias1", "alias2", "alias3"]
ROUND_HEADER = ["uuid", "name", "org_uuid", "org_name", "investment_type", "announced_on", "raised_amount",
                "raised_amount_currency_code", "raised_amount_usd", "post_money_valuation_usd",
                "investor_count", "lead_investor_uuids"]
INVESTMENT_HEADER = ["uuid", "funding_round_uuid", "investor_uuid", "investor_name", "investor_type",
                     "is_lead_investor"]

# The investors: truth key -> (Crunchbase uuid or None, Crunchbase investor_type, expected type).
INVESTORS = {
    "a16z": ("inv-a16z", "organization", "vc_pe"),
    "hongshan": ("inv-hongshan", "organization", "vc_pe"),
    "lelviom": ("inv-lelviom", "organization", "vc_pe"),
    "msft": ("inv-msft", "organization", "corporate"),
    "smith1": ("inv-smith-1", "person", "vc_pe"),
    "smith2": ("inv-smith-2", "person", "vc_pe"),
    "smith_cn": (None, None, "vc_pe"),  # cn_export's John Smith: which of the two is unknown
    "beijing_ai_fund": (None, None, "state_capital"),
    "chengyuan": (None, None, "vc_pe"),
}
CB_NAMES = {"a16z": "Andreessen Horowitz", "hongshan": "HongShan", "lelviom": "Lelviom Capital",
            "msft": "Microsoft", "smith1": "John Smith", "smith2": "John Smith"}

# Companies: key -> (name, is_ai, segment, sub_segment, country_group, where it is listed)
COMPANIES = {
    "orbital": ("Orbital AI", True, "aigc", "foundation_models", "US"),
    "chipforge": ("Chipforge", True, "infrastructure", "ai_chips", "US"),
    "freshcart": ("Freshcart", False, None, None, "US"),
    "bankly": ("Bankly", False, None, None, "US"),
    "xinghe": ("Xinghe AI", True, "infrastructure", "ai_chips", "CN"),
    "qinghe": ("青禾大模型", True, "aigc", "foundation_models", "CN"),
    "xianguo": ("鲜果电商", False, None, None, "CN"),
}

# Crunchbase organizations: key -> (uuid, name, ISO3, region, city, description, categories, aliases)
ORGS = {
    "orbital": ("org-orbital", "Orbital AI", "USA", "California", "San Francisco",
                "Orbital AI builds large language models (LLM) for enterprises.",
                "Artificial Intelligence (AI),Generative AI", ("", "", "")),
    "chipforge": ("org-chipforge", "Chipforge", "USA", "California", "San Jose",
                  "Chipforge designs AI chips and inference accelerators.",
                  "Artificial Intelligence (AI),Semiconductor", ("", "", "")),
    "freshcart": ("org-freshcart", "Freshcart", "USA", "New York", "New York",
                  "Freshcart delivers groceries to homes.", "E-Commerce,Food and Beverage", ("", "", "")),
    "bankly": ("org-bankly", "Bankly", "USA", "Texas", "Austin",
               "Bankly offers checking accounts to small businesses.", "Banking,FinTech", ("", "", "")),
    "xinghe": ("org-xinghe", "Xinghe AI", "CHN", "Beijing", "Beijing",
               "Xinghe AI designs AI chips for data centers.", "Artificial Intelligence (AI),Semiconductor",
               ("星河智算", "", "")),
}

# cn_export companies: key -> (公司名称, 工商名称, 地点, 行业, 子行业, 公司简介)
CN_COMPANIES = {
    "orbital": ("Orbital AI", "Orbital AI, Inc.", "北美洲-美国", "人工智能", "大模型", "Orbital AI研发企业级大模型。"),
    "xinghe": ("星河智算", "北京星河智算科技有限公司", "北京-海淀区", "人工智能", "AI芯片", "星河智算研发AI芯片与算力芯片。"),
    "qinghe": ("青禾大模型", "杭州青禾智能科技有限公司", "浙江-杭州", "人工智能", "大模型", "青禾研发通用大模型。"),
    "xianguo": ("鲜果电商", "上海鲜果电子商务有限公司", "上海", "电子商务", "生鲜电商", "鲜果电商提供生鲜水果配送。"),
}

# The deals as the pipeline must find them: id -> (company, announced date, amount in yuan or None,
# counted round type?, records). A record is ('crunchbase', uuid, investment_type, USD or None,
# [(investor key, is_lead)]) or ('cn_export', 轮次, 融资金额, [(investor key, name as written)]).
# A deal with two records is one event in both databases; its amount and date are the ones the
# pipeline keeps (the reference source: Crunchbase for a US company, cn_export for a Chinese one).
DEALS = {
    "d01": ("orbital", dt.date(2023, 3, 10), 20e6 * USD_CNY, True, [
        ("crunchbase", "fr-orbital-a", "series_a", 20e6, [("a16z", True), ("lelviom", False)])]),
    "d02": ("orbital", dt.date(2024, 6, 15), 100e6 * USD_CNY, True, [
        ("crunchbase", "fr-orbital-b", "series_b", 100e6, [("a16z", True), ("msft", False)]),
        ("cn_export", "B轮", "1亿美元", [("a16z", "a16z"), ("lelviom", "Lelviom Capital LLC")])]),
    "d03": ("chipforge", dt.date(2024, 12, 5), 50e6 * USD_CNY, True, [
        ("crunchbase", "fr-chipforge-a", "series_a", 50e6, [("smith1", False), ("a16z", True)])]),
    "d04": ("freshcart", dt.date(2023, 5, 1), 30e6 * USD_CNY, True, [
        ("crunchbase", "fr-freshcart-b", "series_b", 30e6, [("a16z", True)])]),
    "d05": ("freshcart", dt.date(2023, 9, 1), 60e6 * USD_CNY, True, [
        ("crunchbase", "fr-freshcart-c", "series_c", 60e6, [("a16z", False), ("smith2", True)])]),
    "d06": ("bankly", dt.date(2024, 2, 1), 5e6 * USD_CNY, True, [
        ("crunchbase", "fr-bankly-seed", "seed", 5e6, [("a16z", True)])]),
    "d07": ("bankly", dt.date(2024, 11, 20), 1e6 * USD_CNY, False, [  # a grant: not an investor's deal
        ("crunchbase", "fr-bankly-grant", "grant", 1e6, [("a16z", False)])]),
    "d08": ("orbital", dt.date(2025, 2, 10), None, True, [  # the latest announcement: the as-of date
        ("crunchbase", "fr-orbital-c", "series_c", None, [("a16z", True), ("hongshan", False)])]),
    "d09": ("xinghe", dt.date(2023, 6, 1), 1 * YI, True, [
        ("cn_export", "A轮", "1亿人民币", [("hongshan", "红杉中国"), ("beijing_ai_fund", "北京市人工智能产业投资基金")])]),
    "d10": ("xinghe", dt.date(2024, 8, 8), 5 * YI, True, [
        ("cn_export", "B轮", "5亿人民币", [("hongshan", "红杉中国"), ("chengyuan", "澄源创投（有限合伙）")]),
        ("crunchbase", "fr-xinghe-b", "series_b", 70e6, [("hongshan", True)])]),
    "d11": ("qinghe", dt.date(2024, 3, 3), 0.2 * YI, True, [
        ("cn_export", "天使轮", "2000万人民币", [("smith_cn", "John Smith"), ("chengyuan", "澄源创投")])]),
    "d12": ("qinghe", dt.date(2025, 1, 20), None, True, [
        ("cn_export", "A轮", "未透露人民币", [("a16z", "安德森·霍洛维茨"), ("hongshan", "红杉中国")])]),
    "d13": ("xianguo", dt.date(2024, 5, 5), 0.3 * YI, True, [
        ("cn_export", "A轮", "3000万人民币", [("hongshan", "红杉中国")])]),
    "d14": ("xinghe", dt.date(2024, 12, 20), 2 * YI, True, [
        ("cn_export", "战略投资", "2亿人民币", [("beijing_ai_fund", "北京市人工智能产业投资基金")])]),
}
LATEST_DATE = max(d[1] for d in DEALS.values())


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _cn_rows() -> list[list[str]]:
    """One block per company: the company row with its latest round, earlier rounds below it on
    continuation rows (company columns empty), as IT桔子 exports them."""
    rows = []
    for key, (name, legal, place, industry, sub, desc) in CN_COMPANIES.items():
        rounds = sorted(((deal[1], rec) for deal in DEALS.values() if deal[0] == key
                         for rec in deal[4] if rec[0] == "cn_export"), key=lambda r: r[0], reverse=True)
        for i, (day, (_, round_cn, amount, investors)) in enumerate(rounds):
            company = [name, legal, "", "2020-01", place, "运营中", industry, sub] if i == 0 else [""] * 8
            tail = ["-", "未透露", "", desc, "", "", "", ""] if i == 0 else [""] * 8
            rows.append(company + [day.isoformat(), round_cn, amount, ",".join(n for _, n in investors)] + tail)
    return rows


def write_raw(root: Path) -> Path:
    """Write the raw dir under `root` and return it."""
    raw = root / "raw"
    _write(raw / "cn_export" / "investor_fixture.csv", CN_HEADER, _cn_rows())
    _write(raw / "crunchbase" / "organizations.csv", ORG_HEADER, [
        [uuid, name, "", iso3, region, city, desc, cats, "Artificial Intelligence (AI)" if "(AI)" in cats else "",
         "2020-01-01", "", *aliases]
        for uuid, name, iso3, region, city, desc, cats, aliases in ORGS.values()])
    rounds, investments = [], []
    for company, day, _, _, records in DEALS.values():
        for rec in records:
            if rec[0] != "crunchbase":
                continue
            org_uuid, org_name = ORGS[company][0], ORGS[company][1]
            _, uuid, kind, usd, investors = rec
            amount = "" if usd is None else f"{usd:.0f}"
            leads = [INVESTORS[k][0] for k, lead in investors if lead]
            rounds.append([uuid, f"{kind} - {org_name}", org_uuid, org_name, kind, day.isoformat(), amount,
                           "USD" if amount else "", amount, "", str(len(investors)), ",".join(leads)])
            for i, (k, lead) in enumerate(investors, 1):
                investments.append([f"{uuid}-inv{i}", uuid, INVESTORS[k][0], CB_NAMES[k], INVESTORS[k][1],
                                    "true" if lead else "false"])
    _write(raw / "crunchbase" / "funding_rounds.csv", ROUND_HEADER, rounds)
    _write(raw / "crunchbase" / "investments.csv", INVESTMENT_HEADER, investments)
    months = [f"{y}-{m:02d}" for y in (2022, 2023, 2024, 2025) for m in range(1, 13)]
    _write(raw / "reference" / "fx_rates.csv", ["month", "currency", "cny_per_unit"],
           [[m, "USD", f"{USD_CNY}"] for m in months])
    return raw


def mentions() -> list[tuple[str, int, str, str]]:
    """Every investor mention the raw files hold, as (file, spreadsheet row, name as written,
    investor key): the truth the resolution is checked against."""
    out = []
    for i, row in enumerate(_cn_rows(), start=2):
        written = [n for n in row[11].split(",") if n]
        day = dt.date.fromisoformat(row[8])
        deal = next(d for d in DEALS.values() if d[1] == day and any(r[0] == "cn_export" for r in d[4]))
        rec = next(r for r in deal[4] if r[0] == "cn_export")
        assert [n for _, n in rec[3]] == written
        out += [("cn_export/investor_fixture.csv", i, name, key) for key, name in rec[3]]
    row = 2
    for _, _, _, _, records in DEALS.values():
        for rec in records:
            if rec[0] == "crunchbase":
                for key, _ in rec[4]:
                    out.append(("crunchbase/investments.csv", row, CB_NAMES[key], key))
                    row += 1
    return out
