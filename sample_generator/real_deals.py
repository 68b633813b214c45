"""The real headline deals (data/real_ai_deals_2024_2025q1.csv) and how the sample presents their
companies, plus a few real unicorn-list entries without a deal (UNICORN_ONLY).

Amounts and dates are the real ones from the CSV. The rest (descriptions, categories, legal
names, places, unicorn-list entries) is written for the sample from public knowledge and is
approximate: valuations come from the CSV notes where given; the unicorn 'Date Joined' of real
companies is approximate (only whether it falls in 2024 matters for R14).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).with_name("data") / "real_ai_deals_2024_2025q1.csv"


@dataclass
class RealCompany:
    key: str
    name_en: str
    name_zh: str | None
    country: str
    cn_name: str | None  # 公司名称 in cn_export (None: not in cn_export)
    cn_legal: str
    cn_place: str  # 地点
    cn_address: str
    cn_industry: tuple[str, str]
    cn_desc: str
    cb_name: str | None  # None: not in Crunchbase
    cb_legal: str
    cb_aliases: tuple[str, str, str]
    region: str
    city: str
    cb_desc: str
    cb_cats: list[str]
    cb_groups: list[str]
    founded: str
    website: str
    unicorn: tuple[str, float, str] | None = None  # (date joined, valuation USD bn, industry label)
    # per-deal presentation: announced_on -> dict(cn=..., cb=...) overrides
    deals: dict = field(default_factory=dict)


# How each real deal appears in each source. cn: amount text in cn_export (None = not in
# cn_export); cb: (raised_amount, currency) in Crunchbase, 'undisclosed', or None (absent).
# Absent keys use the defaults: the exact amount in both sources where the company is present.
COMPANIES: list[RealCompany] = [
    RealCompany(
        "openai", "OpenAI", None, "US", "OpenAI", "OpenAI, Inc.", "北美洲-美国", "美国加利福尼亚州旧金山",
        ("人工智能", "大模型"), "OpenAI是美国人工智能研究与部署公司，开发GPT系列大模型与ChatGPT。",
        "OpenAI", "OpenAI, Inc.", ("", "", ""), "California", "San Francisco",
        "OpenAI is an AI research and deployment company that develops large language models (LLM) such as GPT-4 and ChatGPT.",
        ["Artificial Intelligence (AI)", "Generative AI", "Machine Learning", "Natural Language Processing", "SaaS"],
        ["Artificial Intelligence (AI)", "Data and Analytics", "Software"], "2015-12-11", "openai.com",
        unicorn=("2019-07-22", 157.0, "Artificial intelligence"),
    ),
    RealCompany(
        "xai", "xAI", None, "US", "xAI", "X.AI Corp.", "北美洲-美国", "美国加利福尼亚州帕洛阿尔托",
        ("人工智能", "大模型"), "xAI由埃隆·马斯克创立，研发Grok系列大模型。",
        "xAI", "X.AI Corp.", ("X.AI", "", ""), "California", "Palo Alto",
        "xAI builds AI to understand the universe and develops the Grok large language models (LLM).",
        ["Artificial Intelligence (AI)", "Generative AI", "Machine Learning"],
        ["Artificial Intelligence (AI)", "Software"], "2023-03-09", "x.ai",
        unicorn=("2024-05-26", 50.0, "Artificial intelligence"),
    ),
    RealCompany(
        "anthropic", "Anthropic", None, "US", "Anthropic", "Anthropic PBC", "北美洲-美国", "美国加利福尼亚州旧金山",
        ("人工智能", "大模型"), "Anthropic是美国人工智能安全与研究公司，开发Claude系列大模型。",
        "Anthropic", "Anthropic PBC", ("", "", ""), "California", "San Francisco",
        "Anthropic is an AI safety and research company building the Claude family of large language models (LLM).",
        ["Artificial Intelligence (AI)", "Generative AI", "Machine Learning", "Natural Language Processing"],
        ["Artificial Intelligence (AI)", "Software"], "2021-01-01", "anthropic.com",
        unicorn=("2023-02-03", 61.5, "Artificial intelligence"),
        deals={"2024-02-15": dict(cn=None)},
    ),
    RealCompany(
        "databricks", "Databricks", None, "US", "Databricks", "Databricks, Inc.", "北美洲-美国", "美国加利福尼亚州旧金山",
        ("企业服务", "数据服务"), "Databricks是美国数据与人工智能公司，提供湖仓一体的AI数据平台。",
        "Databricks", "Databricks, Inc.", ("", "", ""), "California", "San Francisco",
        "Databricks is the data and AI company behind the Data Intelligence Platform, a lakehouse and AI data platform for enterprises.",
        ["Artificial Intelligence (AI)", "Analytics", "Big Data", "Data Management", "Machine Learning"],
        ["Artificial Intelligence (AI)", "Data and Analytics", "Software"], "2013-01-01", "databricks.com",
        unicorn=("2019-02-05", 62.0, "Data management & analytics"),
    ),
    RealCompany(
        "waymo", "Waymo", None, "US", "Waymo", "Waymo LLC", "北美洲-美国", "美国加利福尼亚州山景城",
        ("汽车交通", "自动驾驶"), "Waymo是Alphabet旗下自动驾驶技术研发商，运营Robotaxi服务。",
        "Waymo", "Waymo LLC", ("Google Self-Driving Car Project", "", ""), "California", "Mountain View",
        "Waymo is an autonomous driving technology company that operates the Waymo One robotaxi service.",
        ["Artificial Intelligence (AI)", "Autonomous Vehicles", "Automotive", "Transportation"],
        ["Artificial Intelligence (AI)", "Transportation"], "2009-01-01", "waymo.com",
    ),
    RealCompany(
        "coreweave", "CoreWeave", None, "US", "CoreWeave", "CoreWeave, Inc.", "北美洲-美国", "美国新泽西州利文斯顿",
        ("企业服务", "算力服务"), "CoreWeave是美国云基础设施供应商，为人工智能企业提供算力服务与智算中心。",
        "CoreWeave", "CoreWeave, Inc.", ("", "", ""), "New Jersey", "Livingston",
        "CoreWeave is an AI hyperscaler offering AI cloud and AI compute services for training and inference.",
        ["Artificial Intelligence (AI)", "Cloud Computing", "Cloud Infrastructure", "Information Technology"],
        ["Artificial Intelligence (AI)", "Information Technology"], "2017-01-01", "coreweave.com",
        unicorn=("2023-04-20", 19.0, "Artificial intelligence"),
    ),
    RealCompany(
        "scale_ai", "Scale AI", None, "US", "Scale AI", "Scale AI, Inc.", "北美洲-美国", "美国加利福尼亚州旧金山",
        ("企业服务", "数据服务"), "Scale AI是美国人工智能数据服务商，提供数据标注与训练数据。",
        "Scale AI", "Scale AI, Inc.", ("Scale", "", ""), "California", "San Francisco",
        "Scale AI provides training data and data labeling for AI applications.",
        ["Artificial Intelligence (AI)", "Big Data", "Data Management", "Machine Learning"],
        ["Artificial Intelligence (AI)", "Data and Analytics"], "2016-01-01", "scale.com",
        unicorn=("2019-08-05", 13.8, "Artificial intelligence"),
    ),
    RealCompany(
        "ssi", "Safe Superintelligence", None, "US", "Safe Superintelligence", "Safe Superintelligence Inc.", "北美洲-美国",
        "美国加利福尼亚州帕洛阿尔托", ("人工智能", "大模型"), "SSI由Ilya Sutskever创立，致力于安全的超级智能与通用人工智能研究。",
        "Safe Superintelligence", "Safe Superintelligence Inc.", ("SSI", "", ""), "California", "Palo Alto",
        "Safe Superintelligence (SSI) is an AI lab with one goal: building safe superintelligence.",
        ["Artificial Intelligence (AI)", "Machine Learning"], ["Artificial Intelligence (AI)"], "2024-06-19", "ssi.inc",
        unicorn=("2024-09-04", 5.0, "Artificial intelligence"),
        deals={"2024-09-04": dict(cn="超10亿美元")},
    ),
    RealCompany(
        "moonshot_ai", "Moonshot AI", "月之暗面", "CN", "月之暗面", "北京月之暗面科技有限公司", "北京-海淀区",
        "北京市海淀区中关村大街", ("人工智能", "大模型"), "月之暗面专注于通用人工智能与大模型研发，推出Kimi智能助手。",
        "Moonshot AI", "Beijing Moonshot Technology Co., Ltd.", ("月之暗面", "Kimi", ""), "Beijing", "Beijing",
        "Moonshot AI develops large language models (LLM) and the Kimi chatbot.",
        ["Artificial Intelligence (AI)", "Generative AI", "Natural Language Processing"],
        ["Artificial Intelligence (AI)", "Software"], "2023-03-01", "moonshot.cn",
        unicorn=("2023-06-01", 3.3, "Artificial intelligence"),
        deals={"2024-02-19": dict(cn="超10亿美元")},
    ),
    RealCompany(
        "wayve", "Wayve", None, "GB", "Wayve", "Wayve Technologies Ltd", "欧洲-英国", "英国伦敦",
        ("汽车交通", "自动驾驶"), "Wayve是英国自动驾驶公司，研发端到端人工智能驾驶模型。",
        "Wayve", "Wayve Technologies Ltd", ("", "", ""), "England", "London",
        "Wayve develops AI software for assisted and autonomous driving (ADAS).",
        ["Artificial Intelligence (AI)", "Autonomous Vehicles", "Automotive"],
        ["Artificial Intelligence (AI)", "Transportation"], "2017-01-01", "wayve.ai",
    ),
    RealCompany(
        "mistral_ai", "Mistral AI", None, "FR", "Mistral AI", "Mistral AI SAS", "欧洲-法国", "法国巴黎",
        ("人工智能", "大模型"), "Mistral AI是法国大模型公司，发布开源权重大模型。",
        "Mistral AI", "Mistral AI SAS", ("", "", ""), "Ile-de-France", "Paris",
        "Mistral AI builds open-weight large language models (LLM) for developers and enterprises.",
        ["Artificial Intelligence (AI)", "Generative AI", "Machine Learning"],
        ["Artificial Intelligence (AI)", "Software"], "2023-04-01", "mistral.ai",
        unicorn=("2023-12-11", 6.2, "Artificial intelligence"),
    ),
    RealCompany(
        "figure_ai", "Figure AI", None, "US", "Figure AI", "Figure AI Inc.", "北美洲-美国", "美国加利福尼亚州森尼韦尔",
        ("硬件", "机器人"), "Figure AI是美国人形机器人公司，研发通用人形机器人与AI控制系统。",
        "Figure AI", "Figure AI Inc.", ("Figure", "", ""), "California", "Sunnyvale",
        "Figure AI builds general purpose humanoid robots powered by AI.",
        ["Artificial Intelligence (AI)", "Robotics", "Hardware"], ["Artificial Intelligence (AI)", "Hardware"],
        "2022-01-01", "figure.ai",
        unicorn=("2024-02-29", 2.6, "Artificial intelligence"),
    ),
    RealCompany(
        "perplexity", "Perplexity", None, "US", None, "Perplexity AI, Inc.", "北美洲-美国", "美国加利福尼亚州旧金山",
        ("人工智能", "智能体"), "", "Perplexity", "Perplexity AI, Inc.", ("Perplexity AI", "", ""), "California",
        "San Francisco", "Perplexity is an AI-powered answer engine for the web.",
        ["Artificial Intelligence (AI)", "Search Engine", "Information Services"], ["Artificial Intelligence (AI)", "Internet Services"],
        "2022-08-01", "perplexity.ai",
        unicorn=("2024-04-23", 9.0, "Artificial intelligence"),
    ),
    RealCompany(
        "baichuan_ai", "Baichuan AI", "百川智能", "CN", "百川智能", "北京百川智能科技有限公司", "北京-海淀区",
        "北京市海淀区知春路", ("人工智能", "大模型"), "百川智能由王小川创立，专注通用大模型研发，推出Baichuan系列模型。",
        "Baichuan AI", "Beijing Baichuan Intelligent Technology Co., Ltd.", ("百川智能", "", ""), "Beijing", "Beijing",
        "Baichuan AI develops open and commercial large language models (LLM).",
        ["Artificial Intelligence (AI)", "Generative AI", "Natural Language Processing"],
        ["Artificial Intelligence (AI)", "Software"], "2023-04-10", "baichuan-ai.com",
        unicorn=("2023-10-17", 2.8, "Artificial intelligence"),
        deals={"2024-07-25": dict(cb=(5_000_000_000, "CNY"))},
    ),
    RealCompany(
        "minimax", "MiniMax", "稀宇科技", "CN", "稀宇科技", "上海稀宇科技有限公司", "上海-徐汇区",
        "上海市徐汇区漕河泾", ("人工智能", "大模型"), "稀宇科技（MiniMax）是通用人工智能公司，自研多模态大模型。",
        "MiniMax", "Shanghai Xiyu Technology Co., Ltd.", ("稀宇科技", "", ""), "Shanghai", "Shanghai",
        "MiniMax is a general AI company developing multimodal large language models (LLM).",
        ["Artificial Intelligence (AI)", "Generative AI", "Machine Learning"],
        ["Artificial Intelligence (AI)", "Software"], "2021-12-01", "minimaxi.com",
        unicorn=("2023-06-15", 2.5, "Artificial intelligence"),
    ),
    RealCompany(
        "zhipu_ai", "Zhipu AI", "智谱AI", "CN", "智谱AI", "北京智谱华章科技有限公司", "北京-海淀区",
        "北京市海淀区中关村东路", ("人工智能", "大模型"), "智谱AI源自清华大学，专注认知大模型研发，推出GLM系列模型。",
        "Zhipu AI", "Beijing Zhipu Huazhang Technology Co., Ltd.", ("智谱AI", "Zhipu", ""), "Beijing", "Beijing",
        "Zhipu AI develops the GLM family of large language models (LLM).",
        ["Artificial Intelligence (AI)", "Generative AI", "Natural Language Processing"],
        ["Artificial Intelligence (AI)", "Software"], "2019-06-11", "zhipuai.cn",
        unicorn=("2023-07-01", 2.8, "Artificial intelligence"),
        deals={"2024-09-15": dict(cn="数十亿人民币", cb="undisclosed"),
               "2025-03-03": dict(cn="超10亿人民币", cb=None),
               "2025-03-20": dict(cb=None), "2025-03-21": dict(cb=None)},
    ),
    RealCompany(
        "stepfun", "StepFun", "阶跃星辰", "CN", "阶跃星辰", "上海阶跃星辰智能科技有限公司", "上海-徐汇区",
        "上海市徐汇区", ("人工智能", "大模型"), "阶跃星辰专注通用人工智能，自研Step系列多模态大模型。",
        "StepFun", "Shanghai Jieyue Xingchen Intelligent Technology Co., Ltd.", ("阶跃星辰", "", ""), "Shanghai", "Shanghai",
        "StepFun develops the Step series of multimodal large language models (LLM).",
        ["Artificial Intelligence (AI)", "Generative AI"], ["Artificial Intelligence (AI)", "Software"],
        "2023-04-06", "stepfun.com",
        deals={"2024-12-20": dict(cn="数亿美元", cb="undisclosed")},
    ),
    RealCompany(
        "yuanting", "渊亭科技", "渊亭科技", "CN", "渊亭科技", "厦门渊亭信息科技有限公司", "福建-厦门",
        "福建省厦门市思明区", ("人工智能", "认知智能"),
        "渊亭科技专注认知决策智能，自研知识图谱与决策智能平台，服务国防与政企客户。",
        None, "", ("", "", ""), "Fujian", "Xiamen", "", [], [], "2014-01-01", "yuanting.com",
    ),
    RealCompany(
        "neolix", "Neolix", "新石器", "CN", "新石器", "新石器慧通（北京）科技有限公司", "北京-大兴区",
        "北京市大兴区亦庄经济开发区", ("汽车交通", "无人车"), "新石器是L4级无人车研发商，提供城市无人配送车与运营服务，基于人工智能技术。",
        "Neolix", "Neolix Technologies Co., Ltd.", ("新石器", "", ""), "Beijing", "Beijing",
        "Neolix develops AI-powered unmanned delivery vehicles for last-mile delivery in cities.",
        ["Artificial Intelligence (AI)", "Delivery", "Transportation"], ["Artificial Intelligence (AI)", "Transportation"],
        "2018-01-01", "neolix.cn",
        deals={"2025-02-20": dict(cb=(1_000_000_000, "CNY"))},
    ),
]
BY_NAME = {c.name_en: c for c in COMPANIES} | {c.key: c for c in COMPANIES}


@dataclass
class RealUnicorn:
    """A real unicorn-list entry with no deal in the sample: it is there for what the real list
    does (two different companies of one name, one company listed twice). List data approximate."""
    key: str
    name: str
    country: str
    region: str
    city: str
    legal: str
    website: str
    founded: str
    joined: str  # Date Joined
    valuation_bn: float
    industry: str
    investors: str
    is_ai: bool
    sub_segment: str  # '' for non-AI
    cb_desc: str
    cb_cats: list[str]
    cb_groups: list[str]


UNICORN_ONLY: list[RealUnicorn] = [
    RealUnicorn("cohere", "Cohere", "CA", "Ontario", "Toronto", "Cohere Inc.", "cohere.com", "2019-01-01", "2022-02-16",
                5.5, "Artificial intelligence", "Index Ventures, Radical Ventures, Tiger Global Management", True,
                "foundation_models", "Cohere builds large language models (LLM) for enterprises and developers.",
                ["Artificial Intelligence (AI)", "Generative AI", "Natural Language Processing"],
                ["Artificial Intelligence (AI)", "Software"]),
    # two US companies named Branch: a mobile-linking platform and an insurer
    RealUnicorn("branch_metrics", "Branch", "US", "California", "Redwood City", "Branch Metrics, Inc.", "branch.io",
                "2014-01-01", "2018-09-10", 4.0, "Mobile & telecommunications",
                "New Enterprise Associates, Pear Ventures, Cowboy Ventures", False, "",
                "Branch provides deep linking and mobile measurement for apps.",
                ["Mobile Apps", "Marketing", "Advertising"], ["Apps", "Sales and Marketing", "Software"]),
    RealUnicorn("branch_insurance", "Branch", "US", "Ohio", "Columbus", "Branch Financial, Inc.", "ourbranch.com",
                "2017-01-01", "2022-06-28", 1.05, "Fintech", "American Family Ventures, SignalFire, Greycroft", False, "",
                "Branch sells bundled home and auto insurance online.", ["Insurance", "FinTech"], ["Financial Services"]),
]


@dataclass
class RealDeal:
    company: RealCompany
    announced_on: str
    amount: int
    currency: str
    investment_type: str
    round_zh: str
    investors: list[str]
    segment: str
    sub_segment: str
    confidence: str
    note: str
    cn_amount: str | None  # amount text override for cn_export ('' = default)
    cb: object  # 'default' | 'undisclosed' | None | (amount, currency)
    in_cn: bool
    in_cb: bool


def load(path: Path = DATA) -> list[RealDeal]:
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            comp = BY_NAME[row["company_name"]]
            over = comp.deals.get(row["announced_on"], {})
            in_cn = comp.cn_name is not None and ("cn" not in over or over["cn"] is not None)
            in_cb = comp.cb_name is not None and ("cb" not in over or over["cb"] is not None)
            investors = [s.strip() for s in row["investors"].split(",") if s.strip()]
            out.append(RealDeal(
                comp, row["announced_on"], int(row["amount"]), row["currency"], row["investment_type"],
                row["round_zh"], investors, row["segment"], row["sub_segment"], row["confidence"],
                row["source_note"], over.get("cn") or "", over.get("cb", "default"), in_cn, in_cb,
            ))
    return out
