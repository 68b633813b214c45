"""Number formatting the way the original report writes numbers: money in 亿元, shares in %,
changes in pp. One place, so the HTML, the Markdown and the charts agree."""

from __future__ import annotations

import datetime as dt
import math

YI = 100_000_000  # 1 亿元 = 100,000,000 yuan

# Labels for the marts' codes, bilingual where the report is.
SEGMENT_LABELS = {
    "aigc": "AIGC 生成式AI", "technology": "技术层 Technology",
    "infrastructure": "基础层 Infrastructure", "application": "应用层 Application",
}
SUB_SEGMENT_LABELS = {
    "foundation_models": "大模型 Foundation models", "generative_content": "生成内容 Generative content",
    "ai_agents": "智能体 AI agents", "ai_chips": "AI芯片 AI chips",
    "cloud_compute": "云计算及算力 Cloud & compute", "data_services": "数据服务 Data services",
    "computer_vision": "计算机视觉 Computer vision", "speech_nlp": "语音/NLP Speech & NLP",
    "machine_learning": "机器学习 Machine learning", "knowledge_decision": "知识图谱/决策 Knowledge & decision",
    "autonomous_driving": "自动驾驶 Autonomous driving", "unmanned_devices": "无人设备 Unmanned devices",
    "healthcare": "医疗健康 Healthcare", "robotics": "机器人 Robotics", "security": "安全服务 Security",
    "programming_dev": "编程及开发 Programming & dev tools", "finance": "金融 Finance",
    "education": "教育 Education", "enterprise_services": "企业服务 Enterprise services",
    "industrial": "工业 Industrial", "other_application": "其他应用 Other",
}
STAGE_LABELS = {
    "early": "早期 Early (angel–A+)", "growth": "成长期 Growth (B–C+)", "late": "后期 Late (D+, PE)",
    "strategic": "战略投资 Strategic", "debt": "债权 Debt", "other": "其他 Other",
}
COUNTRY_LABELS = {"US": "美国 US", "CN": "中国 CN", "other": "其他 Other", "all": "全球 All"}
INVESTOR_TYPE_LABELS = {"state_capital": "国资 State capital", "sovereign_fund": "主权基金 Sovereign fund",
                        "corporate": "产业资本 Corporate", "vc_pe": "VC/PE"}


def missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def yi(amount_cny: object, digits: int = 1) -> str:
    """Yuan → '5,995.2 亿元'."""
    if missing(amount_cny):
        return "–"
    return f"{float(amount_cny) / YI:,.{digits}f} 亿元"


def pct(share: object, digits: int | None = None, signed: bool = False) -> str:
    """A fraction (0.78) → '78.0%'; small shares keep two decimals (0.0446 → '4.46%', as the
    report writes them); signed for changes ('+113.0%')."""
    if missing(share):
        return "–"
    value = float(share) * 100
    if digits is None:
        digits = 2 if abs(value) < 10 and round(value, 1) != round(value, 2) else 1
    return f"{value:{'+' if signed else ''},.{digits}f}%"


def pct_change(percent: object, digits: int = 1) -> str:
    """A relative change already in percent (113.0, as the marts' *_pct columns) → '+113.0%'."""
    if missing(percent):
        return "–"
    return f"{float(percent):+,.{digits}f}%"


def pp(points: object, digits: int = 1) -> str:
    """Percentage-point change (5.0) → '+5.0pp'."""
    if missing(points):
        return "–"
    return f"{float(points):+.{digits}f}pp"


def times(ratio: object, digits: int = 1) -> str:
    if missing(ratio):
        return "–"
    return f"{float(ratio):.{digits}f}×"


def count(n: object) -> str:
    if missing(n):
        return "–"
    return f"{int(round(float(n))):,}"


def _window(label: object) -> tuple[str, str] | None:
    text = str(label)
    if ".." not in text:
        return None
    start, end = text.split("..", 1)
    return start, end


def period(label: object) -> str:
    """A mart period label in words: '2024-01-01..2025-03-23' → '2024年以来(截至2025-03-23)',
    '2025-01-01..2025-03-23' → '2025年1月1日至3月23日'; years and quarters stay as they are."""
    window = _window(label)
    if window is None:
        return str(label)
    start, end = window
    if start[5:] == "01-01" and len(end) == 10:
        if start[:4] == end[:4]:
            return f"{start[:4]}年1月1日至{int(end[5:7])}月{int(end[8:10])}日"
        return f"{start[:4]}年以来(截至{end})"
    return f"{start} 至 {end}"


def period_en(label: object) -> str:
    """The same in English: '2024-01-01..2025-03-23' → 'since 2024 (to 2025-03-23)',
    '2025-01-01..2025-03-23' → '2025 to date (to 2025-03-23)'."""
    window = _window(label)
    if window is None:
        return str(label)
    start, end = window
    if start[5:] == "01-01" and len(end) == 10:
        return f"{start[:4]} to date (to {end})" if start[:4] == end[:4] else f"since {start[:4]} (to {end})"
    return f"{start} to {end}"


_QUARTERS_ZH = {1: "第一季度", 2: "上半年", 3: "前三季度", 4: "全年"}
_QUARTERS_EN = {1: "Q1", 2: "H1", 3: "Q1–Q3", 4: "full year"}


def to_date(as_of: dt.date) -> tuple[str, str]:
    """The stretch of the year an as-of date closes, in Chinese and English, as the report writes
    its trends section: 2025-03-23 → ('2025年第一季度(截至3月23日)', 'Q1 2025 (to 2025-03-23)')."""
    quarter = (as_of.month + 2) // 3
    return (f"{as_of.year}年{_QUARTERS_ZH[quarter]}(截至{as_of.month}月{as_of.day}日)",
            f"{_QUARTERS_EN[quarter]} {as_of.year} (to {as_of.isoformat()})")


def label(code: object, labels: dict[str, str]) -> str:
    return labels.get(str(code), str(code))


_UNIT_ALIASES = {
    "share": "share", "fraction": "share",
    "%": "percent", "pct": "percent", "percent": "percent",
    "month": "month", "quarter": "quarter",
    "pp": "pp", "percentage_points": "pp",
    "x": "times", "×": "times", "times": "times", "ratio": "times",
    "亿元": "yi", "yi_cny": "yi", "100m_cny": "yi",
    "cny": "cny", "yuan": "cny", "元": "cny",
    "usd": "usd",
    "count": "count", "deals": "count", "companies": "count", "n": "count",
    "sub-segments": "count", "sub_segments": "count",
}


def figure_value(value: object, unit: object) -> str:
    """Format a mart_report_figures value by its unit. Unknown units are shown as written."""
    if missing(value):
        return "–"
    kind = _UNIT_ALIASES.get(str(unit or "").strip().lower())
    v = float(value)
    if kind == "share":
        return pct(v)
    if kind == "percent":  # mart_report_figures writes shares and changes times 100
        return pct(v / 100)
    if kind == "month":
        return f"{int(v)}月"
    if kind == "quarter":
        return f"Q{int(v)}"
    if kind == "pp":
        return pp(v)
    if kind == "times":
        return times(v)
    if kind == "yi":
        return f"{v:,.1f} 亿元"
    if kind == "cny":
        return yi(v)
    if kind == "usd":
        return f"{v / 1e9:,.2f} bn USD"
    if kind == "count":
        return count(v)
    text = f"{v:,.4g}"
    return f"{text} {unit}" if unit else text
