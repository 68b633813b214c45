"""A small raw dir for 2017–2018 only, in the real export formats (IT桔子-style cn_export with
continuation rows, Crunchbase organizations / funding_rounds / investments, a CB Insights-style
unicorn list), written into a temporary folder by the tests. No fx_rates.csv: amounts convert at
the ECB reference rates the pipeline falls back on.

It is what an analyst with a 2018 export has: every report figure can be computed for 2018 against
2017 (deals in both years for every YoY, mega deals in both, state capital in technology in both,
US and CN in every segment the report compares, new AI unicorns of 2018 in the US and CN). The
latest announcement is 2018-12-28 (so the derived as-of date), December 2018 has deals (so the
derived report year is 2018).
"""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

LATEST_DATE = "2018-12-28"

CN_HEADER = ["公司名称", "工商名称", "公司网址", "成立时间", "地点", "运营状态", "行业", "子行业", "融资时间",
             "轮次", "融资金额", "投资方", "融资总额", "估值", "团队", "公司简介", "详细地址", "公开电话",
             "公开邮箱", "笔记"]

# 公司名称, 工商名称, 地点, 行业, 子行业, 公司简介, 融资总额, rounds (latest first: 融资时间, 轮次, 融资金额, 投资方)
CN_COMPANIES = [
    ("澜图智能", "北京澜图智能科技有限公司", "北京", "人工智能", "计算机视觉",
     "澜图智能是一家计算机视觉公司，提供人脸识别与图像识别平台。", "11亿",
     [(LATEST_DATE, "战略投资", "2亿元", "北京市产业投资基金"),
      ("2018-02-05", "C轮", "6亿元", "国投创业,高瓴资本"),
      ("2017-03-10", "B轮", "3亿元", "北京市政府引导基金,红杉中国")]),
    ("智语科技", "合肥智语科技有限公司", "安徽-合肥", "人工智能", "智能语音",
     "智语科技是一家智能语音公司，提供语音识别与语音合成。", "1.5亿",
     [("2018-03-18", "A轮", "1.2亿元", "合肥市产投"),
      ("2017-09-01", "天使轮", "3000万元", "某天使基金")]),
    ("芯擎科技", "上海芯擎科技有限公司", "上海", "人工智能", "AI芯片",
     "芯擎科技研发AI芯片与算力芯片，服务智能终端。", "13亿",
     [("2018-05-20", "B轮", "12亿元", "国家集成电路产业投资基金"),
      ("2017-06-15", "A轮", "1亿元", "深创投")]),
    ("算云智能", "杭州算云智能科技有限公司", "浙江-杭州", "人工智能", "算力服务",
     "算云智能提供智算中心与算力服务。", "1亿",
     [("2018-09-03", "A轮", "8000万元", "云启资本"),
      ("2017-11-11", "天使轮", "2000万元", "某天使基金")]),
    ("康医智能", "深圳康医智能科技有限公司", "广东-深圳", "医疗健康", "AI医疗",
     "康医智能是一家AI医疗公司，提供AI医疗影像诊断。", "6500万",
     [("2018-10-08", "A轮", "5000万元", "启明创投"),
      ("2017-04-01", "天使轮", "1500万元", "某天使基金")]),
    ("灵犀机器人", "苏州灵犀机器人有限公司", "江苏-苏州", "人工智能", "机器人",
     "灵犀机器人研发人工智能服务机器人。", "3亿",
     [("2018-11-20", "B轮", "3亿元", "经纬中国")]),
    ("绘梦AI", "北京绘梦科技有限公司", "北京", "文娱传媒", "AIGC",
     "绘梦AI提供AI绘画与文生图工具。", "3000万",
     [("2018-07-07", "天使轮", "3000万元", "真格基金")]),
    ("智驾科技", "北京智驾科技有限公司", "北京", "汽车交通", "自动驾驶",
     "智驾科技是一家自动驾驶公司，研发人工智能无人驾驶系统。", "12亿",
     [("2018-04-12", "B轮", "10亿元", "蔚来资本"),
      ("2017-08-08", "A轮", "2亿元", "某创投")]),
]

ORG_HEADER = ["uuid", "name", "legal_name", "country_code", "region", "city", "short_description",
              "category_list", "category_groups_list", "founded_on", "homepage_url", "alias1", "alias2", "alias3"]
ROUND_HEADER = ["uuid", "name", "org_uuid", "org_name", "investment_type", "announced_on", "raised_amount",
                "raised_amount_currency_code", "raised_amount_usd", "post_money_valuation_usd",
                "investor_count", "lead_investor_uuids"]
INVESTMENT_HEADER = ["uuid", "funding_round_uuid", "investor_uuid", "investor_name", "investor_type",
                     "is_lead_investor"]

# name, country_code, short_description, category_list, rounds (investment_type, announced_on, USD, investor)
US_ORGS = [
    ("Nimbus Compute", "USA", "Nimbus Compute runs a GPU cloud for AI training and inference.",
     "Artificial Intelligence (AI),Cloud Computing",
     [("series_b", "2017-05-10", 200e6, "Summit Partners"), ("debt_financing", "2018-01-15", 100e6, "Big Bank"),
      ("series_c", "2018-06-01", 500e6, "Tiger Global")]),
    ("Tensora", "USA", "Tensora designs AI chips and inference chips for data centers.",
     "Artificial Intelligence (AI),Semiconductor",
     [("series_a", "2017-02-20", 50e6, "Sequoia Capital"), ("series_b", "2018-03-05", 150e6, "Intel Capital")]),
    ("Wayfront", "USA", "Wayfront builds self-driving trucks with AI.",
     "Artificial Intelligence (AI),Autonomous Vehicles",
     [("series_b", "2017-09-12", 300e6, "Andreessen Horowitz"), ("series_c", "2018-08-20", 1000e6, "SoftBank")]),
    ("Painterly AI", "USA", "Painterly AI offers AI image generation for designers.",
     "Artificial Intelligence (AI),Generative AI",
     [("pre_seed", "2017-12-01", 1e6, "Angel Squad"), ("seed", "2018-04-25", 5e6, "Y Combinator")]),
    ("Sentinel Labs", "USA", "Sentinel Labs uses AI for cyber security and fraud detection.",
     "Artificial Intelligence (AI),Cyber Security",
     [("seed", "2017-01-20", 8e6, "Accel"), ("series_a", "2018-10-30", 40e6, "Accel")]),
    ("CodeCraft", "USA", "CodeCraft offers AI code generation for developers.",
     "Artificial Intelligence (AI),Developer Tools",
     [("series_a", "2018-12-10", 30e6, "Benchmark")]),
    ("Cortex Vision", "USA", "Cortex Vision builds a computer vision platform for retailers.",
     "Artificial Intelligence (AI),Computer Vision",
     [("corporate_round", "2017-07-07", 20e6, "Microsoft"), ("corporate_round", "2018-02-14", 80e6, "Nvidia")]),
    ("Lumen Robotics", "GBR", "Lumen Robotics builds AI warehouse robots.",
     "Artificial Intelligence (AI),Robotics",
     [("series_a", "2018-09-09", 20e6, "Balderton Capital")]),
    ("Basket Foods", "USA", "Basket Foods delivers groceries to homes.",
     "E-Commerce,Food and Beverage",
     [("series_b", "2018-05-05", 60e6, "General Catalyst")]),
]

UNICORN_HEADER = ["Company", "Valuation ($B)", "Date Joined", "Country", "City", "Industry", "Select Investors"]
UNICORNS = [
    ("Wayfront", "$5", "8/20/2018", "United States", "San Francisco", "Artificial intelligence", "SoftBank"),
    ("Nimbus Compute", "$4", "2018-06-01", "United States", "Seattle", "Artificial intelligence", "Tiger Global"),
    ("Basket Foods", "$1.2", "5/5/2018", "United States", "Austin", "E-commerce & direct-to-consumer",
     "General Catalyst"),
    ("澜图智能", "$3", "2018-02-05", "China", "Beijing", "Artificial intelligence", "国投创业, 高瓴资本"),
    ("智驾科技", "$2", "4/12/2018", "China", "Beijing", "Artificial intelligence", "蔚来资本"),
    ("Tensora", "$1.5", "3/1/2017", "United States", "Austin", "Artificial intelligence", "Intel Capital"),
]


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))


def _write(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _cn_rows(until: str = "9999") -> list[list[str]]:
    """The export as it stood at the end of year `until`: rounds up to then."""
    rows = []
    for name, legal, place, industry, sub, intro, total, all_rounds in CN_COMPANIES:
        rounds = [r for r in all_rounds if r[0][:4] <= until]
        for i, (date, round_type, amount, investors) in enumerate(rounds):
            record = dict.fromkeys(CN_HEADER, "")
            record.update({"融资时间": date, "轮次": round_type, "融资金额": amount, "投资方": investors})
            if i == 0:  # the company row; earlier rounds follow on continuation rows
                record.update({"公司名称": name, "工商名称": legal, "公司网址": "-", "成立时间": "2015-06",
                               "地点": place, "运营状态": "运营中", "行业": industry, "子行业": sub,
                               "融资总额": total, "估值": "未透露", "公司简介": intro})
            rows.append([record[c] for c in CN_HEADER])
    return rows


def write_raw_2018(root: Path) -> Path:
    """Write the 2017–2018 exports below `root` (created) and return it."""
    # cn_export: two overlapping exports (2017 alone, then both years), as monthly exports overlap.
    _write(root / "cn_export" / "itjuzi_export_2018.csv", CN_HEADER, _cn_rows(), encoding="utf-8-sig")
    _write(root / "cn_export" / "itjuzi_export_2017.csv", CN_HEADER, _cn_rows("2017"), encoding="gb18030")

    orgs, rounds, investments = [], [], []
    for name, country, description, categories, org_rounds in US_ORGS:
        org_id = _uuid("org", name)
        city = "London" if country == "GBR" else "San Francisco"
        orgs.append([org_id, name, f"{name} Inc.", country, "", city, description, categories,
                     "Artificial Intelligence (AI)" if "Artificial" in categories else "Commerce and Shopping",
                     "2015-01-01", f"https://{name.lower().replace(' ', '')}.com", "", "", ""])
        for kind, date, usd, investor in org_rounds:
            round_id = _uuid("round", name, date)
            investor_id = _uuid("investor", investor)
            rounds.append([round_id, f"{kind} - {name}", org_id, name, kind, date, f"{usd:.0f}", "USD",
                           f"{usd:.0f}", "", "1", investor_id])
            investments.append([_uuid("investment", name, date), round_id, investor_id, investor,
                                "organization", "True"])
    _write(root / "crunchbase" / "organizations.csv", ORG_HEADER, orgs)
    _write(root / "crunchbase" / "funding_rounds.csv", ROUND_HEADER, rounds)
    _write(root / "crunchbase" / "investments.csv", INVESTMENT_HEADER, investments)
    _write(root / "unicorns" / "cb_insights_unicorns.csv", UNICORN_HEADER, [list(u) for u in UNICORNS])
    return root
