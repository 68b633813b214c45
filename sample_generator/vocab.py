"""The keyword vocabulary of the sample generator, in one place.

The pipeline classifies companies by keyword rules over the cn_export columns 行业 / 子行业 /
公司简介 and the Crunchbase columns category_list / short_description (category_groups_list may
be added: the sample classifies the same with or without it). This module states which words the
generated texts use (the texts themselves are in texts.py), so the dbt rule seeds can be aligned
with it, and a reference classifier that every generated company is checked against
(tests/test_sample_generator.py).

Matching (what `classify` does, and what the seeds are expected to do):

* A keyword made of ASCII letters matches case-insensitively as a whole word: not preceded or
  followed by an ASCII letter. So ``AI`` matches in ``AI芯片`` and ``Moonshot AI`` but not in
  ``OpenAI`` or ``retail``; plurals are listed explicitly (``robot|robots``).
* A keyword with Chinese characters matches as a substring (``机器人`` in ``人形机器人``).
* AI context (``AI_CONTEXT``) marks a text as being about AI. Rules flagged ``needs_ai_context``
  (domain words such as 医疗 / health care / semiconductor / cloud computing) only fire on a text
  that also has AI context; the others (大模型, 计算机视觉, robotaxi …) fire on their own.
* Segment precedence is aigc > infrastructure > technology > application (docs/taxonomy.md): the first
  segment with a matching rule wins. Inside a segment the generated texts never match two
  sub-segments, so the order of sub-segments inside a segment does not matter for the sample.
* An AI text (AI context present) that matches no rule is ``application / other_application``.
  A text with neither AI context nor a stand-alone keyword is not AI.

Guarantees of the generated sample (checked for every company, both sources' texts):

* every AI company's text has AI context and a keyword of its own sub-segment;
* it has no keyword of any other sub-segment of its own segment or of a higher-precedence segment
  (noise, i.e. words of other sub-segments, only comes from LOWER-precedence segments: a
  "大模型 for healthcare" company is aigc and may say 医疗; a healthcare company never says 大模型);
* a non-AI company's text has no AI context and no stand-alone keyword, but does use domain words
  (health care, semiconductor, cloud computing, 金融, 教育 …): that is what the AI filter is for.
* the texts avoid the one ambiguity of docs/taxonomy.md ("GPU cloud": GPU is an ai_chips word, GPU cloud
  a cloud_compute word): cloud companies say AI cloud / 算力服务 / 智算中心, never GPU.

The rule table below is the union of the docs/taxonomy.md keywords, the words the generator writes,
and the words of dbt_project/seeds/segment_rules.csv (as of this writing), so a text that is
unambiguous here is unambiguous for the seeds too. Print it as CSV with
``python -m sample_generator.vocab``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

SEGMENTS = ("aigc", "infrastructure", "technology", "application")

SUB_SEGMENTS: dict[str, tuple[str, ...]] = {
    "aigc": ("foundation_models", "generative_content", "ai_agents"),
    "infrastructure": ("ai_chips", "cloud_compute", "data_services"),
    "technology": ("computer_vision", "speech_nlp", "machine_learning", "knowledge_decision"),
    "application": (
        "autonomous_driving", "unmanned_devices", "healthcare", "robotics", "security",
        "programming_dev", "finance", "education", "enterprise_services", "industrial",
        "other_application",
    ),
}
SEGMENT_OF = {sub: seg for seg, subs in SUB_SEGMENTS.items() for sub in subs}
ALL_SUBS = tuple(s for seg in SEGMENTS for s in SUB_SEGMENTS[seg])

# Words that make a text "about AI" (the seed ai_context_keywords).
AI_CONTEXT = (
    "人工智能", "AI", "A.I.", "artificial intelligence", "machine learning", "deep learning",
    "neural network", "neural networks", "机器学习", "深度学习", "神经网络", "大模型",
)


@dataclass(frozen=True)
class Rule:
    segment: str
    sub_segment: str
    needs_ai_context: bool
    keywords: tuple[str, ...]
    fallback: bool = False  # only decides when no other rule of the segment matches


def _kw(s: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in s.split("|") if k.strip())


# (sub_segment, needs_ai_context, keywords). Order inside a segment is only a tie-break.
_RULES: list[tuple[str, bool, str]] = [
    # --- aigc
    ("foundation_models", False, "大模型|大语言模型|基础模型|通用大模型|预训练模型|通用人工智能|基座模型|"
     "llm|llms|large language model|large language models|foundation model|foundation models|"
     "agi|artificial general intelligence|superintelligence"),
    ("generative_content", False, "文生图|文生视频|图生视频|ai绘画|ai作画|数字人|虚拟人|aigc|"
     "text-to-video|text-to-image|text-to-speech generation|image generation|video generation|"
     "ai video|ai image|voice cloning|ai music|music generation|ai avatars|digital humans"),
    ("generative_content*", False, "生成式ai|生成式人工智能|generative ai|genai"),
    ("ai_agents", False, "智能体|ai agent|ai agents|agentic|autonomous agents|ai copilot|ai copilots|copilot|"
     "copilots|ai助手|ai assistant|ai assistants|answer engine"),
    # --- infrastructure
    ("ai_chips", False, "ai芯片|智能芯片|算力芯片|存算一体|gpu|gpus|npu|npus|tpu|ai chip|ai chips|ai accelerator|"
     "ai accelerators|ai semiconductor|inference chip|inference chips"),
    ("ai_chips", True, "芯片|半导体|处理器|semiconductor|semiconductors|chip|chips|accelerator|accelerators|asic|fpga"),
    ("cloud_compute", False, "算力服务|算力|智算中心|智算|算力租赁|gpu cloud|gpu云|ai cloud|ai infrastructure|ai compute"),
    ("cloud_compute", True, "云计算|云服务|数据中心|cloud computing|cloud infrastructure|data center|data centers|hpc|"
     "high performance computing"),
    ("data_services", False, "数据标注|训练数据|向量数据库|data labeling|data annotation|training data|"
     "vector database|vector databases|ai data platform"),
    ("data_services", True, "数据服务|数据平台|大数据|data services|data platform|big data|data infrastructure|"
     "analytics platform"),
    # --- technology
    ("computer_vision", False, "计算机视觉|图像识别|机器视觉|视觉识别|人脸识别|视觉ai|computer vision|"
     "image recognition|machine vision|facial recognition"),
    ("speech_nlp", False, "语音识别|自然语言处理|语音合成|语音交互|智能语音|机器翻译|speech recognition|nlp|"
     "natural language processing|speech synthesis|voice recognition|machine translation|conversational ai"),
    ("machine_learning", False, "mlops|machine learning platform|机器学习平台|深度学习框架|deep learning framework|"
     "automl|模型训练平台|model training platform"),
    ("knowledge_decision", False, "知识图谱|决策智能|认知智能|knowledge graph|knowledge graphs|decision intelligence"),
    # --- application
    ("autonomous_driving", False, "自动驾驶|智能驾驶|无人驾驶|辅助驾驶|高阶智驾|robotaxi|robotaxis|"
     "autonomous vehicles|autonomous vehicle|autonomous driving|self-driving|adas|driverless"),
    ("unmanned_devices", False, "无人机|无人车|无人配送|低空经济|drones|drone|unmanned delivery|unmanned vehicles|"
     "unmanned aerial|uav|uavs|evtol"),
    ("healthcare", False, "ai医疗|ai制药"),
    ("healthcare", True, "医疗|医药|制药|医疗影像|药物研发|健康|health care|healthcare|medical|drug discovery|"
     "biotech|biotechnology|pharmaceutical|diagnostics"),
    ("robotics", False, "机器人|人形机器人|具身智能|robotics|humanoid|humanoids|robot|robots|embodied ai"),
    ("security", True, "网络安全|信息安全|安全服务|安防|反欺诈|数据安全|cyber security|cybersecurity|security|"
     "fraud detection|fraud prevention"),
    ("programming_dev", False, "ai编程|代码生成|ai coding|code generation|ai code|coding assistant|coding assistants"),
    ("programming_dev", True, "编程|开发工具|开发者|developer tools|developer platform|software development|coding"),
    ("finance", True, "金融|金融科技|保险|银行|支付|投顾|信贷|fintech|finance|financial services|insurtech|"
     "insurance|banking|payments|lending|wealth management"),
    ("education", True, "教育|在线教育|学习|edtech|education|e-learning|tutoring"),
    ("enterprise_services", True, "企业服务|办公|营销|客服|saas|enterprise software|enterprise|crm|marketing|"
     "customer service|customer support|sales|productivity|legal tech|hr tech"),
    ("industrial", True, "工业|智能制造|制造|工业互联网|供应链|物流|能源|质检|manufacturing|industrial|industry 4.0|"
     "supply chain|logistics|energy|predictive maintenance"),
    # other_application: AI context and nothing else (see classify)
]

# 'sub*' marks a fallback rule: "Generative AI" as a tag only decides when nothing more specific
# of the segment matches (a foundation-model company tagged Generative AI stays foundation_models).
RULES: tuple[Rule, ...] = tuple(Rule(SEGMENT_OF[s.rstrip("*")], s.rstrip("*"), ctx, _kw(k), s.endswith("*"))
                                for s, ctx, k in _RULES)


def _pattern(keyword: str) -> str:
    p = re.escape(keyword)
    if keyword[:1].isascii() and keyword[:1].isalpha():
        p = r"(?<![A-Za-z])" + p
    if keyword[-1:].isascii() and keyword[-1:].isalpha():
        p = p + r"(?![A-Za-z])"
    return p


@cache
def _regex(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # longest first, so the alternation reports the most specific word
    ordered = sorted(keywords, key=lambda k: (-len(k), k))
    return re.compile("|".join(_pattern(k) for k in ordered), re.IGNORECASE)


@cache
def _prefilter(keywords: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k.lower()) for k in sorted(keywords, key=len, reverse=True)))


def _search(keywords: tuple[str, ...], text: str, low: str) -> bool:
    # cheap substring pre-filter (lower-cased), then the word-boundary regex
    return bool(_prefilter(keywords).search(low)) and bool(_regex(keywords).search(text))


def has_ai_context(text: str) -> bool:
    return _search(AI_CONTEXT, text, text.lower())


def matching_subs(text: str, fallback: bool = False) -> list[str]:
    """Every sub-segment with a rule matching `text` (honouring needs_ai_context), rule order;
    fallback rules only when `fallback`."""
    low = text.lower()
    ctx = _search(AI_CONTEXT, text, low)
    out: list[str] = []
    for rule in RULES:
        if rule.fallback != fallback or (rule.needs_ai_context and not ctx):
            continue
        if rule.sub_segment not in out and _search(rule.keywords, text, low):
            out.append(rule.sub_segment)
    return out


@dataclass(frozen=True)
class Classification:
    is_ai: bool
    segment: str | None
    sub_segment: str | None
    ambiguous: bool  # two sub-segments of the winning segment matched


def classify(text: str) -> Classification:
    """Reference classifier: segment precedence, then the single matching sub-segment."""
    subs = matching_subs(text)
    weak = matching_subs(text, fallback=True)
    for seg in SEGMENTS:
        hit = [s for s in subs if SEGMENT_OF[s] == seg] or [s for s in weak if SEGMENT_OF[s] == seg]
        if hit:
            return Classification(True, seg, hit[0], len(hit) > 1)
    if has_ai_context(text):
        return Classification(True, "application", "other_application", False)
    return Classification(False, None, None, False)


def rules_csv() -> str:
    lines = ["segment,sub_segment,needs_ai_context,keywords"]
    lines[0] += ",fallback"
    for r in RULES:
        lines.append(f"{r.segment},{r.sub_segment},{str(r.needs_ai_context).lower()},{'|'.join(r.keywords)},"
                     f"{str(r.fallback).lower()}")
    lines.append("application,other_application,true,(AI context and no other rule),true")
    return "\n".join(lines) + "\n"


# Investors ------------------------------------------------------------------------------------
# State capital (国资): the exact names used in the sample (plus patterns filled with a city:
# "{city}市政府引导基金", "{city}国资", "{city}国有资本投资运营有限公司").
STATE_CAPITAL_ZH = [
    "国家集成电路产业投资基金", "国家集成电路产业投资基金二期", "国家战略性新兴产业发展基金", "国家中小企业发展基金",
    "中国国有资本风险投资基金", "北京市人工智能产业投资基金", "上海人工智能产业投资基金", "上海国投先导人工智能产业母基金",
    "厦金创新", "深创投", "福建省电子信息集团", "重庆制造业转型升级基金", "杭州城投产业基金", "上城资本",
    "珠海华发集团", "成都高新区", "中关村科学城", "合肥产投", "北京国有资本运营管理有限公司", "浙江省国有资本运营有限公司",
]
STATE_CAPITAL_PATTERNS = ["{city}市政府引导基金", "{city}国资", "{city}国有资本投资运营有限公司", "{city}市产业投资基金"]
STATE_CAPITAL_CITIES = ["北京", "上海", "深圳", "杭州", "苏州", "合肥", "南京", "武汉", "成都", "西安", "广州", "无锡", "厦门", "青岛"]
# English names under which Crunchbase lists some of them.
STATE_CAPITAL_EN = {
    "国家集成电路产业投资基金": "China Integrated Circuit Industry Investment Fund",
    "国家集成电路产业投资基金二期": "China Integrated Circuit Industry Investment Fund II",
    "北京市人工智能产业投资基金": "Beijing Artificial Intelligence Industry Investment Fund",
    "上海人工智能产业投资基金": "Shanghai Artificial Intelligence Industry Investment Fund",
    "深创投": "Shenzhen Capital Group",
    "合肥产投": "Hefei Industry Investment",
}
SOVEREIGN = ["MGX", "PIF", "QIA", "GIC", "Temasek", "Mubadala", "ADIA"]
SOVEREIGN_ZH = {"Temasek": "淡马锡", "GIC": "GIC", "MGX": "MGX", "PIF": "沙特公共投资基金", "QIA": "卡塔尔投资局",
                "Mubadala": "穆巴达拉", "ADIA": "阿布扎比投资局"}
CORPORATE_EN = ["Microsoft", "Google", "Amazon", "NVIDIA", "Meta", "Intel Capital", "AMD", "Salesforce Ventures",
                "Samsung", "Cisco", "Qualcomm Ventures", "Sony Innovation Fund", "SAP", "Oracle"]
CORPORATE_ZH = ["阿里巴巴", "腾讯", "百度", "小米", "美团", "京东", "华为哈勃", "字节跳动", "联想创投", "蔚来资本", "宁德时代", "商汤国香"]
CORPORATE_ZH_EN = {"阿里巴巴": "Alibaba Group", "腾讯": "Tencent", "百度": "Baidu Ventures", "小米": "Xiaomi", "美团": "Meituan",
                   "京东": "JD.com", "华为哈勃": "Hubble Investment", "字节跳动": "ByteDance", "联想创投": "Legend Capital",
                   "蔚来资本": "NIO Capital", "宁德时代": "CATL", "商汤国香": "SenseTime Guoxiang"}
VC_EN = ["Sequoia Capital", "Andreessen Horowitz", "Accel", "Lightspeed Venture Partners", "General Catalyst",
         "Khosla Ventures", "Thrive Capital", "Index Ventures", "Insight Partners", "Tiger Global", "SoftBank Vision Fund",
         "Y Combinator", "Greylock", "Kleiner Perkins", "Benchmark", "Bessemer Venture Partners", "Coatue", "Balderton Capital",
         "Atomico", "Northzone", "Elaia", "Partech", "Point Nine", "Pitango", "Vertex Ventures", "Jungle Ventures",
         "Peak XV Partners", "Kakao Ventures", "Global Brain", "Inovia Capital", "BDC Capital"]
VC_ZH = ["红杉中国", "高瓴资本", "IDG资本", "启明创投", "经纬创投", "源码资本", "真格基金", "创新工场", "君联资本", "五源资本",
         "蓝驰创投", "顺为资本", "高榕资本", "北极光创投", "达晨财智", "元禾原点", "明势资本", "峰瑞资本", "线性资本", "云启资本"]
VC_ZH_EN = {"红杉中国": "HongShan", "高瓴资本": "Hillhouse Investment", "IDG资本": "IDG Capital", "启明创投": "Qiming Venture Partners",
            "经纬创投": "Matrix Partners China", "源码资本": "Source Code Capital", "真格基金": "ZhenFund", "创新工场": "Sinovation Ventures",
            "君联资本": "Legend Capital", "五源资本": "5Y Capital", "蓝驰创投": "BlueRun Ventures", "顺为资本": "Shunwei Capital",
            "高榕资本": "Gaorong Capital", "北极光创投": "Northern Light Venture Capital", "达晨财智": "Fortune Capital",
            "元禾原点": "Oriza Seed", "明势资本": "Future Capital", "峰瑞资本": "FreesFund", "线性资本": "Linear Capital",
            "云启资本": "Yunqi Partners"}
# Synthetic investor names are built from these parts (names.py).
SYNTH_VC_EN_SUFFIX = ["Ventures", "Capital", "Partners", "Venture Partners", "Growth", "Fund"]
SYNTH_VC_ZH_SUFFIX = ["资本", "创投", "投资", "基金"]

# Round types ----------------------------------------------------------------------------------
# stage_group per round type, as the report marts define it (docs/report-marts.md) ('excluded' = not a counted round).
STAGE_OF_CN = {
    "种子轮": "early", "天使轮": "early", "Pre-A轮": "early", "A轮": "early", "A+轮": "early",
    "Pre-B轮": "growth", "B轮": "growth", "B+轮": "growth", "C轮": "growth", "C+轮": "growth",
    "D轮": "late", "E轮": "late", "F轮-上市前": "late", "Pre-IPO": "late",
    "战略投资": "strategic", "债权融资": "debt",
    "新三板定增": "other", "IPO上市后": "other", "不明确": "other",
    "并购": "excluded", "新三板": "excluded", "IPO上市": "excluded",
}
STAGE_OF_CB = {
    "pre_seed": "early", "angel": "early", "seed": "early", "series_a": "early",
    "series_b": "growth", "series_c": "growth",
    **{f"series_{c}": "late" for c in "defghij"}, "private_equity": "late",
    "corporate_round": "strategic", "debt_financing": "debt", "convertible_note": "debt", "post_ipo_debt": "debt",
    "series_unknown": "other", "undisclosed": "other", "post_ipo_equity": "other",
    "equity_crowdfunding": "excluded", "product_crowdfunding": "excluded", "grant": "excluded",
    "non_equity_assistance": "excluded", "initial_coin_offering": "excluded", "post_ipo_secondary": "excluded",
    "secondary_market": "excluded",
}
# cn round -> the Crunchbase investment_type the same event has there
CN_TO_CB = {
    "种子轮": "seed", "天使轮": "angel", "Pre-A轮": "seed", "A轮": "series_a", "A+轮": "series_a",
    "Pre-B轮": "series_b", "B轮": "series_b", "B+轮": "series_b", "C轮": "series_c", "C+轮": "series_c",
    "D轮": "series_d", "E轮": "series_e", "F轮-上市前": "series_f", "Pre-IPO": "private_equity",
    "战略投资": "corporate_round", "债权融资": "debt_financing", "不明确": "series_unknown", "IPO上市后": "post_ipo_equity",
    "新三板定增": "post_ipo_equity",
}
CB_ROUND_NAME = {
    "pre_seed": "Pre Seed Round", "angel": "Angel Round", "seed": "Seed Round", "series_unknown": "Venture Round",
    "undisclosed": "Funding Round", "corporate_round": "Corporate Round", "private_equity": "Private Equity Round",
    "debt_financing": "Debt Financing", "convertible_note": "Convertible Note", "post_ipo_equity": "Post-IPO Equity",
    "post_ipo_debt": "Post-IPO Debt", "post_ipo_secondary": "Post-IPO Secondary", "grant": "Grant",
    "equity_crowdfunding": "Equity Crowdfunding", "product_crowdfunding": "Product Crowdfunding",
    "non_equity_assistance": "Non Equity Assistance", "initial_coin_offering": "Initial Coin Offering",
    "secondary_market": "Secondary Market",
    **{f"series_{c}": f"Series {c.upper()}" for c in "abcdefghij"},
}

# Amount forms of cn_export --------------------------------------------------------------------
# Currencies cn_export writes. The first six are those the generator plans amounts in; the others
# appear only where a text is rewritten in the company's local currency (render-time forms).
CN_CURRENCY = {"CNY": "人民币", "USD": "美元", "EUR": "欧元", "HKD": "港元", "GBP": "英镑", "JPY": "日元"}
CN_CURRENCY_ALL = {**CN_CURRENCY, "SGD": "新加坡元", "TWD": "新台币"}
# How the database writes a round whose amount it does not know: with the currency it would be in
# (未透露人民币, 未透露美元 …) for about 85 % of them, bare 未透露 for the rest.
UNDISCLOSED = "未透露"
UNDISCLOSED_WITH_CURRENCY_P = 0.85
# Fuzzy forms and their rule values (数X = 3X, 近X / 超X / 逾X / 过X = X, X以上 / X及以上 / X级 = X),
# in units of the currency. The generator plans with FUZZY_FIXED and the 'N' forms (N = 2..9 亿,
# or 10 for 超10亿 on mega deals); synonyms of the same value (逾N亿, 过亿, N亿及以上, 千万级 …) are
# written at render time.
FUZZY_FIXED = {
    "数十万": 300_000, "数百万": 3_000_000, "数千万": 30_000_000, "数亿": 300_000_000, "数十亿": 3_000_000_000,
    "近亿": 100_000_000, "超亿": 100_000_000, "亿元及以上": 100_000_000,
}
FUZZY_N = ("近{n}亿", "超{n}亿", "{n}亿以上")
_UNITS = {"": 1, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "十亿": 1e9, "百亿": 1e10}
_FUZZY = re.compile(r"(?P<pre>数|近|超|逾|过)?(?P<num>[\d,]+(?:\.\d+)?)?(?P<unit>十万|百万|千万|十亿|百亿|万|亿)?元?"
                    r"(?P<suf>及以上|以上|级)?")


def fuzzy_value(form: str) -> float:
    """The rule value of a fuzzy quantity (without currency): 数X = 3X; 近/超/逾/过X = X;
    X以上 / X及以上 / X级 = X; a missing number is 1 (超亿 = 1亿, 千万级 = 1000万)."""
    if form in FUZZY_FIXED:
        return FUZZY_FIXED[form]
    m = _FUZZY.fullmatch(form)
    if not m or not (m.group("pre") or m.group("suf")) or not (m.group("num") or m.group("unit")):
        raise ValueError(form)
    x = float((m.group("num") or "1").replace(",", "")) * _UNITS[m.group("unit") or ""]
    return 3 * x if m.group("pre") == "数" else x


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(rules_csv())
