"""The keyword vocabulary of the sample generator, in one place.

The pipeline classifies companies by keyword rules over the cn_export columns 行业 / 子行业 /
公司简介 and the Crunchbase columns category_list / short_description (category_groups_list may
be added: the sample classifies the same with or without it). This module states which words the
generated texts use, so the dbt rule seeds can be aligned with it, and a reference classifier that
every generated company is checked against (tests/test_sample_generator.py).

Matching (what `classify` does, and what the seeds are expected to do):

* A keyword made of ASCII letters matches case-insensitively as a whole word: not preceded or
  followed by an ASCII letter. So ``AI`` matches in ``AI芯片`` and ``Moonshot AI`` but not in
  ``OpenAI`` or ``retail``; plurals are listed explicitly (``robot|robots``).
* A keyword with Chinese characters matches as a substring (``机器人`` in ``人形机器人``).
* AI context (``AI_CONTEXT``) marks a text as being about AI. Rules flagged ``needs_ai_context``
  (domain words such as 医疗 / health care / semiconductor / cloud computing) only fire on a text
  that also has AI context; the others (大模型, 计算机视觉, robotaxi …) fire on their own.
* Segment precedence is aigc > infrastructure > technology > application (taxonomy.md): the first
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
* the texts avoid the one ambiguity of taxonomy.md ("GPU cloud": GPU is an ai_chips word, GPU cloud
  a cloud_compute word): cloud companies say AI cloud / 算力服务 / 智算中心, never GPU.

The rule table below is the union of the taxonomy.md keywords, the words the generator writes,
and the words of dbt_project/seeds/segment_rules.csv (as of this writing), so a text that is
unambiguous here is unambiguous for the seeds too. Print it as CSV with
``python -m sample_generator.vocab``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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


@lru_cache(maxsize=None)
def _regex(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # longest first, so the alternation reports the most specific word
    ordered = sorted(keywords, key=lambda k: (-len(k), k))
    return re.compile("|".join(_pattern(k) for k in ordered), re.IGNORECASE)


@lru_cache(maxsize=None)
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


# ---------------------------------------------------------------------------------------------
# Generation material per sub-segment: what the generated texts actually say.
#   zh_kw / en_kw     keywords put in the description (one is always used)
#   cn_industry       (行业, 子行业) pairs for cn_export
#   zh / en           description templates: {name}, {kw}
#   cats              Crunchbase categories (the first list is always used, extras sampled)
# Every template and category set is checked against `classify` by the generator.
# ---------------------------------------------------------------------------------------------

GEN: dict[str, dict] = {
    "foundation_models": dict(
        zh_kw=["大模型", "通用大模型", "通用人工智能", "基座模型", "行业大模型"],
        en_kw=["large language models (LLM)", "foundation models", "LLMs", "AGI research"],
        cn_industry=[("人工智能", "大模型"), ("人工智能", "通用大模型"), ("企业服务", "行业大模型")],
        zh=["{name}是一家人工智能公司，专注于{kw}研发，面向企业与开发者提供模型API与私有化部署。",
            "{name}自研千亿参数{kw}，提供长文本理解、对话与代码能力，服务政企客户。",
            "{name}致力于{kw}技术，打造可商用的多模态模型与行业解决方案。"],
        en=["{name} builds {kw} and offers an API platform for enterprises and developers.",
            "{name} is an AI lab training {kw} with long-context reasoning.",
            "{name} develops {kw} for enterprise AI applications."],
        cats=[["Artificial Intelligence (AI)"], ["Generative AI", "Machine Learning", "Natural Language Processing", "SaaS"]],
        groups=["Artificial Intelligence (AI)", "Data and Analytics", "Software"],
    ),
    "generative_content": dict(
        zh_kw=["文生视频", "文生图", "AI绘画", "数字人", "AIGC"],
        en_kw=["generative AI", "text-to-video", "text-to-image", "voice cloning", "AI video"],
        cn_industry=[("人工智能", "AIGC"), ("文娱传媒", "AIGC"), ("人工智能", "数字人")],
        zh=["{name}是一家AI内容创作公司，提供{kw}工具，服务电商、广告与内容创作者。",
            "{name}专注{kw}技术，推出面向创作者的人工智能创作平台。",
            "{name}基于人工智能的{kw}产品已服务数十万用户。"],
        en=["{name} offers {kw} tools for marketers and content creators.",
            "{name} builds {kw} products powered by AI.",
            "AI startup {name} develops {kw} for media and entertainment studios."],
        cats=[["Artificial Intelligence (AI)", "Generative AI"], ["Video", "Content Creators", "Media and Entertainment", "Machine Learning"]],
        groups=["Artificial Intelligence (AI)", "Media and Entertainment", "Content and Publishing", "Software"],
    ),
    "ai_agents": dict(
        zh_kw=["智能体", "AI助手", "AI Agent"],
        en_kw=["AI agents", "AI copilots", "agentic workflows", "AI assistants"],
        cn_industry=[("人工智能", "智能体"), ("企业服务", "AI Agent")],
        zh=["{name}开发面向企业的{kw}平台，自动完成客服、营销与办公流程。",
            "{name}是一家人工智能公司，提供{kw}产品，帮助知识工作者处理日常任务。",
            "{name}专注{kw}，为中小企业提供数字员工。"],
        en=["{name} builds {kw} that automate customer support and sales work.",
            "{name} offers {kw} for knowledge workers in enterprises.",
            "{name} develops {kw} for back-office operations, powered by AI."],
        cats=[["Artificial Intelligence (AI)"], ["Enterprise Software", "Productivity Tools", "SaaS"]],
        groups=["Artificial Intelligence (AI)", "Software"],
    ),
    "ai_chips": dict(
        zh_kw=["AI芯片", "智能芯片", "存算一体"],
        en_kw=["AI chips", "AI accelerators", "NPU", "inference chips"],
        cn_industry=[("硬件", "AI芯片"), ("人工智能", "芯片"), ("先进制造", "半导体")],
        zh=["{name}专注于云端与边缘{kw}设计，产品应用于智能驾驶、机器人与安防。",
            "{name}是一家{kw}研发商，为人工智能推理提供高能效计算方案。",
            "{name}研发{kw}与配套软件栈，面向人工智能训练与推理市场。"],
        en=["{name} designs {kw} for AI inference at the edge and in the cloud.",
            "{name} develops {kw} and a software stack for AI workloads.",
            "{name} is a semiconductor startup building {kw} for AI."],
        cats=[["Artificial Intelligence (AI)", "Semiconductor"], ["Hardware", "Electronics"]],
        groups=["Artificial Intelligence (AI)", "Hardware", "Science and Engineering"],
    ),
    "cloud_compute": dict(
        zh_kw=["算力服务", "智算中心", "算力租赁"],
        en_kw=["AI cloud", "AI compute", "AI infrastructure"],
        cn_industry=[("企业服务", "算力服务"), ("人工智能", "智算中心"), ("企业服务", "云计算")],
        zh=["{name}提供{kw}，运营多个智算中心，为人工智能企业提供训练与推理资源。",
            "{name}是一家人工智能{kw}提供商，为企业提供弹性算力与云计算服务。",
            "{name}专注{kw}，在国内多地建设数据中心，服务自动驾驶与医疗企业。"],
        en=["{name} runs an {kw} platform for AI training and inference.",
            "{name} provides {kw} and cloud computing for AI companies.",
            "{name} operates data centers and an {kw} service for AI labs."],
        cats=[["Artificial Intelligence (AI)", "Cloud Computing"], ["Cloud Infrastructure", "Data Center", "Information Technology"]],
        groups=["Artificial Intelligence (AI)", "Information Technology", "Internet Services"],
    ),
    "data_services": dict(
        zh_kw=["数据标注", "训练数据", "向量数据库"],
        en_kw=["data labeling", "training data", "vector database", "AI data platform"],
        cn_industry=[("企业服务", "数据服务"), ("人工智能", "数据标注")],
        zh=["{name}是一家人工智能数据服务商，提供{kw}与数据治理服务。",
            "{name}专注{kw}，为自动驾驶、金融与医疗客户提供高质量数据。",
            "{name}为人工智能企业提供{kw}产品。"],
        en=["{name} provides {kw} for AI teams.",
            "{name} offers {kw} and data quality tools for AI applications.",
            "{name} builds a {kw} used by AI developers."],
        cats=[["Artificial Intelligence (AI)"], ["Big Data", "Data Management", "Database", "Analytics"]],
        groups=["Artificial Intelligence (AI)", "Data and Analytics", "Information Technology"],
    ),
    "computer_vision": dict(
        zh_kw=["计算机视觉", "图像识别", "机器视觉"],
        en_kw=["computer vision", "image recognition", "machine vision"],
        cn_industry=[("人工智能", "计算机视觉"), ("人工智能", "图像识别")],
        zh=["{name}是一家{kw}技术公司，提供视觉算法平台，应用于工业质检、零售与医疗。",
            "{name}专注于{kw}与深度学习算法，服务城市与交通客户。",
            "{name}提供基于人工智能的{kw}解决方案。"],
        en=["{name} develops {kw} software used in retail and manufacturing.",
            "{name} builds {kw} models for industrial inspection.",
            "{name} offers an AI {kw} platform."],
        cats=[["Artificial Intelligence (AI)", "Computer Vision"], ["Image Recognition", "Machine Learning", "Software"]],
        groups=["Artificial Intelligence (AI)", "Software", "Science and Engineering"],
    ),
    "speech_nlp": dict(
        zh_kw=["语音识别", "自然语言处理", "语音合成", "智能语音"],
        en_kw=["speech recognition", "natural language processing", "speech synthesis", "NLP"],
        cn_industry=[("人工智能", "智能语音"), ("人工智能", "自然语言处理")],
        zh=["{name}提供{kw}技术，应用于客服、教育与车载场景。",
            "{name}是一家{kw}公司，自研深度学习声学模型。",
            "{name}专注人工智能{kw}，为企业提供语音平台。"],
        en=["{name} develops {kw} software for call centers and cars.",
            "{name} offers AI {kw} APIs.",
            "{name} builds {kw} engines for many languages."],
        cats=[["Artificial Intelligence (AI)", "Natural Language Processing"], ["Speech Recognition", "Machine Learning", "Software"]],
        groups=["Artificial Intelligence (AI)", "Software", "Science and Engineering"],
    ),
    "machine_learning": dict(
        zh_kw=["机器学习平台", "深度学习框架", "模型训练平台", "MLOps"],
        en_kw=["machine learning platform", "MLOps", "AutoML"],
        cn_industry=[("人工智能", "机器学习"), ("企业服务", "机器学习平台")],
        zh=["{name}提供企业级{kw}，帮助客户完成模型开发、训练与部署。",
            "{name}是一家人工智能基础软件公司，核心产品为{kw}。",
            "{name}研发{kw}，服务制造、能源与金融行业。"],
        en=["{name} offers a {kw} for enterprise data science teams.",
            "{name} builds {kw} software for deploying AI models.",
            "{name} develops an AI {kw} for regulated industries."],
        cats=[["Artificial Intelligence (AI)", "Machine Learning"], ["Developer APIs", "Predictive Analytics", "Software"]],
        groups=["Artificial Intelligence (AI)", "Software", "Data and Analytics"],
    ),
    "knowledge_decision": dict(
        zh_kw=["知识图谱", "决策智能", "认知智能"],
        en_kw=["knowledge graph", "decision intelligence"],
        cn_industry=[("人工智能", "知识图谱"), ("企业服务", "决策智能")],
        zh=["{name}专注{kw}，自研人工智能平台，服务政企与工业客户。",
            "{name}是一家{kw}技术公司，为金融与能源行业提供辅助决策系统。",
            "{name}提供基于{kw}的人工智能分析产品。"],
        en=["{name} offers an AI {kw} platform for enterprises.",
            "{name} builds {kw} software used in finance and energy.",
            "{name} develops {kw} products powered by AI."],
        cats=[["Artificial Intelligence (AI)"], ["Knowledge Management", "Business Intelligence", "Software"]],
        groups=["Artificial Intelligence (AI)", "Software"],
    ),
    "autonomous_driving": dict(
        zh_kw=["自动驾驶", "智能驾驶", "高阶智驾", "辅助驾驶"],
        en_kw=["autonomous driving", "self-driving", "robotaxi", "ADAS"],
        cn_industry=[("汽车交通", "自动驾驶"), ("人工智能", "智能驾驶")],
        zh=["{name}是一家{kw}技术公司，提供L4级人工智能驾驶系统。",
            "{name}专注{kw}解决方案，与多家主机厂合作量产。",
            "{name}研发基于人工智能的{kw}软件与Robotaxi服务。"],
        en=["{name} develops {kw} software for passenger cars, powered by AI.",
            "{name} builds {kw} systems and operates an AI driving stack.",
            "AI company {name} works on {kw} for trucks."],
        cats=[["Artificial Intelligence (AI)", "Autonomous Vehicles"], ["Automotive", "Transportation"]],
        groups=["Artificial Intelligence (AI)", "Transportation"],
    ),
    "unmanned_devices": dict(
        zh_kw=["无人机", "无人车", "无人配送", "低空经济"],
        en_kw=["drones", "unmanned delivery", "UAV", "unmanned aerial systems"],
        cn_industry=[("硬件", "无人机"), ("人工智能", "无人配送")],
        zh=["{name}研发人工智能{kw}产品，服务巡检与城市末端场景。",
            "{name}是一家{kw}企业，提供基于AI的整机与运营服务。",
            "{name}专注{kw}，产品已在多个城市落地。"],
        en=["{name} builds AI-powered {kw} for inspection and mapping.",
            "{name} develops {kw} with onboard AI.",
            "{name} operates {kw} services using AI."],
        cats=[["Artificial Intelligence (AI)", "Drones"], ["Aerospace", "Hardware"]],
        groups=["Artificial Intelligence (AI)", "Hardware", "Transportation"],
    ),
    "healthcare": dict(
        zh_kw=["AI医疗", "医疗影像AI", "AI制药", "AI药物研发"],
        en_kw=["health care", "drug discovery", "medical imaging", "diagnostics"],
        cn_industry=[("医疗健康", "AI医疗"), ("医疗健康", "医疗影像"), ("医疗健康", "AI制药")],
        zh=["{name}是一家{kw}企业，产品已进入数百家医院。",
            "{name}专注{kw}，与多家药企和医院合作。",
            "{name}提供{kw}解决方案，以人工智能提升诊疗效率。"],
        en=["{name} applies AI to {kw}.",
            "{name} builds AI software for {kw} providers.",
            "{name} is an AI company working on {kw}."],
        cats=[["Artificial Intelligence (AI)", "Health Care"], ["Medical", "Biotechnology", "Health Diagnostics"]],
        groups=["Artificial Intelligence (AI)", "Health Care", "Biotechnology"],
    ),
    "robotics": dict(
        zh_kw=["人形机器人", "具身智能", "服务机器人", "机器人"],
        en_kw=["humanoid robots", "robotics", "embodied AI", "robots"],
        cn_industry=[("硬件", "机器人"), ("人工智能", "具身智能")],
        zh=["{name}研发{kw}，致力于人工智能在家庭与商业场景落地。",
            "{name}是一家{kw}公司，自研本体与AI控制系统。",
            "{name}专注{kw}，产品进入商超与酒店。"],
        en=["{name} builds {kw} powered by AI.",
            "{name} develops AI for {kw}.",
            "{name} is an AI {kw} startup."],
        cats=[["Artificial Intelligence (AI)", "Robotics"], ["Hardware", "Consumer Electronics"]],
        groups=["Artificial Intelligence (AI)", "Hardware", "Science and Engineering"],
    ),
    "security": dict(
        zh_kw=["网络安全", "安全服务", "反欺诈", "数据安全"],
        en_kw=["cybersecurity", "cyber security", "fraud detection", "security operations"],
        cn_industry=[("企业服务", "网络安全"), ("人工智能", "安全服务")],
        zh=["{name}是一家人工智能{kw}公司，提供威胁检测与响应平台。",
            "{name}利用AI技术提供{kw}产品。",
            "{name}专注AI驱动的{kw}。"],
        en=["{name} builds AI-native {kw} software.",
            "{name} uses AI for {kw}.",
            "{name} offers an AI platform for {kw}."],
        cats=[["Artificial Intelligence (AI)", "Cyber Security"], ["Network Security", "Fraud Detection"]],
        groups=["Artificial Intelligence (AI)", "Privacy and Security"],
    ),
    "programming_dev": dict(
        zh_kw=["AI编程", "代码生成", "开发工具"],
        en_kw=["AI coding", "code generation", "developer tools", "coding assistants"],
        cn_industry=[("企业服务", "开发工具"), ("人工智能", "AI编程")],
        zh=["{name}提供基于人工智能的{kw}产品，服务软件团队。",
            "{name}是一家{kw}公司，产品覆盖代码补全与测试。",
            "{name}专注{kw}，已服务数万名工程师。"],
        en=["{name} builds {kw} for software teams, powered by AI.",
            "{name} offers AI {kw}.",
            "{name} develops {kw} that write and test software with AI."],
        cats=[["Artificial Intelligence (AI)", "Developer Tools"], ["Developer Platform", "Software"]],
        groups=["Artificial Intelligence (AI)", "Software"],
    ),
    "finance": dict(
        zh_kw=["金融科技", "智能投顾", "保险", "信贷"],
        en_kw=["fintech", "insurance", "lending", "wealth management"],
        cn_industry=[("金融", "金融科技"), ("金融", "智能投顾")],
        zh=["{name}利用人工智能提供{kw}服务。",
            "{name}是一家AI{kw}公司，服务银行与券商。",
            "{name}为金融机构提供基于人工智能的{kw}产品。"],
        en=["{name} applies AI to {kw}.",
            "{name} is an AI {kw} company serving banks.",
            "{name} builds AI models for {kw}."],
        cats=[["Artificial Intelligence (AI)", "FinTech"], ["Financial Services", "Insurance", "Lending"]],
        groups=["Artificial Intelligence (AI)", "Financial Services"],
    ),
    "education": dict(
        zh_kw=["教育", "在线教育", "智能学习"],
        en_kw=["education", "edtech", "tutoring"],
        cn_industry=[("教育", "AI教育"), ("教育", "在线教育")],
        zh=["{name}是一家人工智能{kw}公司，提供个性化辅导产品。",
            "{name}利用AI技术服务K12{kw}。",
            "{name}提供AI驱动的{kw}产品。"],
        en=["{name} offers AI {kw} products.",
            "{name} applies AI to {kw}.",
            "{name} builds AI-powered {kw} apps for students."],
        cats=[["Artificial Intelligence (AI)", "EdTech"], ["Education", "E-Learning"]],
        groups=["Artificial Intelligence (AI)", "Education"],
    ),
    "enterprise_services": dict(
        zh_kw=["企业服务", "智能客服", "营销", "办公"],
        en_kw=["customer service", "marketing", "sales", "CRM"],
        cn_industry=[("企业服务", "智能客服"), ("企业服务", "营销科技")],
        zh=["{name}提供人工智能{kw}SaaS。",
            "{name}是一家AI{kw}公司，服务零售与汽车品牌。",
            "{name}利用人工智能提升企业{kw}效率。"],
        en=["{name} offers AI software for {kw} teams.",
            "{name} applies AI to {kw}.",
            "{name} builds AI {kw} tools for mid-market companies."],
        cats=[["Artificial Intelligence (AI)", "Enterprise Software"], ["SaaS", "Customer Service", "Marketing", "CRM"]],
        groups=["Artificial Intelligence (AI)", "Software", "Sales and Marketing"],
    ),
    "industrial": dict(
        zh_kw=["工业", "智能制造", "能源", "供应链"],
        en_kw=["manufacturing", "industrial", "energy", "supply chain"],
        cn_industry=[("先进制造", "智能制造"), ("先进制造", "工业互联网")],
        zh=["{name}是一家人工智能{kw}公司，服务钢铁与化工企业。",
            "{name}利用AI提升{kw}效率。",
            "{name}提供AI驱动的{kw}软件。"],
        en=["{name} applies AI to {kw}.",
            "{name} builds AI software for {kw} companies.",
            "{name} offers AI tools for {kw} operations."],
        cats=[["Artificial Intelligence (AI)", "Manufacturing"], ["Industrial Automation", "Industrial", "Energy"]],
        groups=["Artificial Intelligence (AI)", "Manufacturing"],
    ),
    "other_application": dict(
        zh_kw=["农业", "零售", "文旅", "游戏"],
        en_kw=["agriculture", "retail", "travel", "gaming"],
        cn_industry=[("人工智能", "行业应用"), ("农业", "智慧农业"), ("消费生活", "AI消费")],
        zh=["{name}是一家人工智能{kw}应用公司。",
            "{name}利用AI技术服务{kw}行业。",
            "{name}提供AI驱动的{kw}产品。"],
        en=["{name} applies AI to {kw}.",
            "{name} builds AI products for {kw}.",
            "{name} is an AI company focused on {kw}."],
        cats=[["Artificial Intelligence (AI)"], ["Agriculture", "Retail", "Consumer", "Travel"]],
        groups=["Artificial Intelligence (AI)", "Consumer Goods"],
    ),
}

# Sentences added as noise: (lowest segment they may be added to, zh, en). A sentence naming
# sub-segment words may only be added to companies of a HIGHER-precedence segment.
NOISE: list[tuple[str, str, str]] = [
    ("healthcare", "客户覆盖医疗行业。", "Customers include health care providers."),
    ("finance", "客户覆盖金融机构。", "Customers include banks and insurers."),
    ("education", "产品也用于教育场景。", "Its products are also used in education."),
    ("industrial", "已服务多家制造企业。", "Customers include manufacturing companies."),
    ("robotics", "技术也用于机器人。", "The technology is also used in robots."),
    ("autonomous_driving", "技术也应用于自动驾驶。", "The technology is also used in autonomous driving."),
    ("enterprise_services", "主要客户为企业客服中心。", "Customers include enterprise customer service teams."),
]
GENERIC_ZH = ["核心团队来自国内外知名高校与科技企业。", "公司已获得多轮融资。", "总部位于{city}。", "", "", ""]
GENERIC_EN = ["The team comes from leading universities.", "Headquartered in {city}.", "", "", ""]

# Non-AI sectors (Crunchbase covers all sectors; cn_export has a few): no AI context, no stand-alone
# keyword, but domain words of the needs-AI-context rules, so only the AI filter keeps them out.
NON_AI: list[dict] = [
    dict(cn=("电子商务", "跨境电商"), zh="{name}是一家跨境电商平台，主营家居与服饰零售。", cats=["E-Commerce", "Retail"],
         groups=["Commerce and Shopping"], en="{name} runs an online marketplace for home goods and fashion retail.", suf_zh="电商", suf_en="Commerce"),
    dict(cn=("医疗健康", "口腔连锁"), zh="{name}是一家连锁口腔医疗机构，提供健康管理服务。", cats=["Health Care", "Medical"],
         groups=["Health Care"], en="{name} operates dental clinics and health care services.", suf_zh="健康", suf_en="Health"),
    dict(cn=("金融", "支付"), zh="{name}为小微企业提供供应链金融与支付服务。", cats=["FinTech", "Payments", "Lending"],
         groups=["Financial Services", "Payments"], en="{name} offers payments and lending for small businesses.", suf_zh="金服", suf_en="Pay"),
    dict(cn=("教育", "素质教育"), zh="{name}提供少儿编程与艺术素质教育课程。", cats=["EdTech", "Education"],
         groups=["Education"], en="{name} offers coding and art classes for children (education).", suf_zh="教育", suf_en="Learning"),
    dict(cn=("先进制造", "功率半导体"), zh="{name}生产功率半导体器件与芯片封装材料。", cats=["Semiconductor", "Electronics"],
         groups=["Hardware", "Science and Engineering"], en="{name} makes power semiconductors and chip packaging materials.", suf_zh="微电子", suf_en="Semiconductor"),
    dict(cn=("企业服务", "云计算"), zh="{name}提供云计算与数据中心运维服务。", cats=["Cloud Computing", "Data Center"],
         groups=["Information Technology"], en="{name} provides cloud computing and data center services for SMEs.", suf_zh="云", suf_en="Cloud"),
    dict(cn=("企业服务", "网络安全"), zh="{name}提供网络安全咨询与等保测评服务。", cats=["Cyber Security", "Network Security"],
         groups=["Privacy and Security"], en="{name} provides cyber security consulting and audits.", suf_zh="信安", suf_en="Secure"),
    dict(cn=("企业服务", "人力资源"), zh="{name}提供人力资源SaaS与财税服务。", cats=["SaaS", "Human Resources"],
         groups=["Software", "Professional Services"], en="{name} offers HR and payroll SaaS.", suf_zh="云服", suf_en="People"),
    dict(cn=("汽车交通", "充电设施"), zh="{name}是新能源汽车充电设施运营商。", cats=["Electric Vehicle", "Automotive"],
         groups=["Transportation", "Energy"], en="{name} operates charging networks for electric vehicles.", suf_zh="充电", suf_en="Charge"),
    dict(cn=("新能源", "储能"), zh="{name}研发储能系统与光伏逆变器。", cats=["Clean Energy", "Energy Storage"],
         groups=["Energy", "Sustainability"], en="{name} builds battery energy storage systems.", suf_zh="能源", suf_en="Energy"),
    dict(cn=("本地生活", "餐饮"), zh="{name}是一家连锁茶饮品牌。", cats=["Food and Beverage", "Restaurants"],
         groups=["Food and Beverage"], en="{name} runs a chain of tea and coffee shops.", suf_zh="茶饮", suf_en="Foods"),
    dict(cn=("房产家居", "家装"), zh="{name}提供整装家装与建材供应链服务。", cats=["Real Estate", "Home Improvement"],
         groups=["Real Estate"], en="{name} offers home renovation services.", suf_zh="家居", suf_en="Home"),
    dict(cn=("医疗健康", "创新药"), zh="{name}是一家创新药研发企业，聚焦肿瘤与自免领域。", cats=["Biotechnology", "Pharmaceutical"],
         groups=["Biotechnology", "Health Care"], en="{name} is a biotech developing oncology drugs.", suf_zh="生物", suf_en="Bio"),
    dict(cn=("物流", "跨境物流"), zh="{name}提供跨境物流与海外仓服务。", cats=["Logistics", "Supply Chain Management"],
         groups=["Transportation"], en="{name} provides cross-border logistics and warehousing.", suf_zh="供应链", suf_en="Freight"),
    dict(cn=("文娱传媒", "游戏"), zh="{name}是一家独立游戏开发商。", cats=["Gaming", "Video Games"],
         groups=["Gaming", "Media and Entertainment"], en="{name} is an independent video game studio.", suf_zh="互娱", suf_en="Games"),
    dict(cn=("消费生活", "服饰"), zh="{name}是一家户外服饰品牌。", cats=["Fashion", "Apparel"],
         groups=["Clothing and Apparel"], en="{name} is an outdoor apparel brand.", suf_zh="服饰", suf_en="Wear"),
    dict(cn=("金融", "保险科技"), zh="{name}是一家互联网保险经纪平台。", cats=["Insurance", "InsurTech"],
         groups=["Financial Services"], en="{name} is an online insurance broker.", suf_zh="保险", suf_en="Insure"),
    dict(cn=("旅游", "在线旅游"), zh="{name}提供定制旅行与酒店预订服务。", cats=["Travel", "Hospitality"],
         groups=["Travel and Tourism"], en="{name} offers custom travel and hotel booking.", suf_zh="旅行", suf_en="Travel"),
    dict(cn=("企业服务", "开发工具"), zh="{name}提供软件测试与开发者协作工具。", cats=["Developer Tools", "Software"],
         groups=["Software"], en="{name} builds developer tools for testing web apps.", suf_zh="软件", suf_en="Dev"),
    dict(cn=("硬件", "智能家居"), zh="{name}研发智能家居与可穿戴设备。", cats=["Consumer Electronics", "Smart Home"],
         groups=["Consumer Electronics", "Hardware"], en="{name} makes smart home devices and wearables.", suf_zh="电子", suf_en="Devices"),
]

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
            "高榕资本": "Gaorong Ventures", "北极光创投": "Northern Light Venture Capital", "达晨财智": "Fortune Capital",
            "元禾原点": "Oriza Seed", "明势资本": "Future Capital", "峰瑞资本": "FreesFund", "线性资本": "Linear Venture",
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
