"""The real investor firms the sample names, one entry per firm: the name Crunchbase lists it
under, the names exports write instead (its Chinese name, short forms, translations), its type
and its country. Step 11 (investors.finish_investors) writes these names into the events; the
truth (render/truth.py) keys every investor by the firm it is (`truth_key`).

Everything else an event names as an investor (the synthetic pool of names.py, people) is its
own investor, known by its name.
"""

from __future__ import annotations

from dataclasses import dataclass

from sample_generator import vocab


@dataclass(frozen=True)
class Firm:
    name: str  # as Crunchbase lists it: the truth's name of the firm
    kind: str  # vc_pe, corporate, sovereign_fund, state_capital (docs/taxonomy.md)
    country: str  # ISO alpha-2 of its headquarters
    zh: str = ""  # what a Chinese database writes (IT桔子 style), when it differs from `name`
    others: tuple[str, ...] = ()  # other names exports use (short forms, translations)


# Famous foreign firms: (name, kind, country, other names).
_FOREIGN = [
    ("Sequoia Capital", "vc_pe", "US", ()),
    ("Andreessen Horowitz", "vc_pe", "US", ("a16z", "安德森·霍洛维茨")),
    ("Accel", "vc_pe", "US", ()),
    ("Lightspeed Venture Partners", "vc_pe", "US", ("Lightspeed",)),
    ("General Catalyst", "vc_pe", "US", ()),
    ("Khosla Ventures", "vc_pe", "US", ()),
    ("Thrive Capital", "vc_pe", "US", ()),
    ("Index Ventures", "vc_pe", "GB", ()),
    ("Insight Partners", "vc_pe", "US", ()),
    ("Tiger Global", "vc_pe", "US", ("老虎环球基金",)),
    ("SoftBank Vision Fund", "vc_pe", "GB", ("软银愿景基金",)),
    ("Y Combinator", "vc_pe", "US", ()),
    ("Greylock", "vc_pe", "US", ()),
    ("Kleiner Perkins", "vc_pe", "US", ()),
    ("Benchmark", "vc_pe", "US", ()),
    ("Bessemer Venture Partners", "vc_pe", "US", ("Bessemer",)),
    ("Coatue", "vc_pe", "US", ()),
    ("Balderton Capital", "vc_pe", "GB", ()),
    ("Atomico", "vc_pe", "GB", ()),
    ("Northzone", "vc_pe", "SE", ()),
    ("Elaia", "vc_pe", "FR", ()),
    ("Partech", "vc_pe", "FR", ()),
    ("Point Nine", "vc_pe", "DE", ()),
    ("Pitango", "vc_pe", "IL", ()),
    ("Vertex Ventures", "vc_pe", "SG", ()),
    ("Jungle Ventures", "vc_pe", "SG", ()),
    ("Peak XV Partners", "vc_pe", "IN", ()),
    ("Kakao Ventures", "vc_pe", "KR", ()),
    ("Global Brain", "vc_pe", "JP", ()),
    ("Inovia Capital", "vc_pe", "CA", ()),
    ("BDC Capital", "vc_pe", "CA", ()),
    ("Microsoft", "corporate", "US", ("微软",)),
    ("Google", "corporate", "US", ("谷歌",)),
    ("Amazon", "corporate", "US", ("亚马逊",)),
    ("NVIDIA", "corporate", "US", ("英伟达",)),
    ("Meta", "corporate", "US", ()),
    ("Intel Capital", "corporate", "US", ()),
    ("AMD", "corporate", "US", ()),
    ("Salesforce Ventures", "corporate", "US", ()),
    ("Samsung", "corporate", "KR", ("三星",)),
    ("Cisco", "corporate", "US", ()),
    ("Qualcomm Ventures", "corporate", "US", ()),
    ("Sony Innovation Fund", "corporate", "JP", ()),
    ("SAP", "corporate", "DE", ()),
    ("Oracle", "corporate", "US", ()),
]
_SOVEREIGN_COUNTRY = {"MGX": "AE", "PIF": "SA", "QIA": "QA", "GIC": "SG", "Temasek": "SG", "Mubadala": "AE",
                      "ADIA": "AE"}
# Step 7 pairs these Chinese names with the English name of another firm (君联资本 is Legend
# Capital; 联想创投 is Lenovo's own fund) or of an arm of the company (Baidu Ventures); the
# events keep that pairing for their draws, and the names written are these.
_CORRECTED_EN = {"联想创投": "Lenovo Capital", "百度": "Baidu"}
# Firms of the real deals (data/real_ai_deals_2024_2025q1.csv) that are not in the lists above:
# the name the CSV gives, its Chinese name where a Chinese export writes one.
_REAL_ONLY_ZH = {"Xiaohongshu": "小红书"}


def _firms() -> list[Firm]:
    firms = [Firm(n, k, c, others=o) for n, k, c, o in _FOREIGN]
    for zh, en in vocab.VC_ZH_EN.items():
        firms.append(Firm(en, "vc_pe", "CN", zh=zh))
    for zh, en in vocab.CORPORATE_ZH_EN.items():
        firms.append(Firm(_CORRECTED_EN.get(zh, en), "corporate", "CN", zh=zh))
    for en, zh in vocab.SOVEREIGN_ZH.items():
        firms.append(Firm(en, "sovereign_fund", _SOVEREIGN_COUNTRY[en], zh=zh if zh != en else ""))
    for zh in vocab.STATE_CAPITAL_ZH:
        en = vocab.STATE_CAPITAL_EN.get(zh, zh)
        firms.append(Firm(en, "state_capital", "CN", zh=zh if zh != en else ""))
    for en, zh in _REAL_ONLY_ZH.items():
        firms.append(Firm(en, "corporate", "CN", zh=zh))
    return firms


FIRMS: list[Firm] = _firms()
# every name a firm goes by -> the firm (Alibaba of the real deals is Alibaba Group)
_BY_NAME: dict[str, Firm] = {}
for _f in FIRMS:
    for _n in (_f.name, _f.zh, *_f.others):
        if _n:
            _BY_NAME.setdefault(_n, _f)
_BY_NAME["Alibaba"] = _BY_NAME["Alibaba Group"]


def firm_of(investor: tuple[str, str, str]) -> Firm | None:
    """The firm a (cn name, Crunchbase name, kind) tuple names, if it is one of FIRMS: by the
    Chinese export's name first (step 7 pairs 联想创投 with Legend Capital's English name)."""
    cn_name, cb_name, _ = investor
    for name in (cn_name, cb_name):
        f = _BY_NAME.get(name) if name else None
        if f is not None:
            return f
    return None


def truth_key(investor: tuple[str, str, str]) -> str:
    """The investor a tuple is: its firm's name, else the Crunchbase name, else the name the
    Chinese export writes (after step 11, which writes every name of a firm as FIRMS has it)."""
    f = firm_of(investor)
    if f is not None:
        return f.name
    return investor[1] or investor[0]
