"""Which sources report a deal, and which record wins: the generator's mirror of the pipeline's
seed source_priority (cn_export first for Greater China, crunchbase first elsewhere) and of its
survivor rules (amount: exact > estimated > undisclosed; date: the record naming the day; round:
a known round type)."""

from __future__ import annotations

import random

from sample_generator import geo, vocab
from sample_generator.model import HOME_CN, YI, Event


def report_sources(rng: random.Random, e: Event) -> None:
    """Which sources report the deal and with which amount status."""
    country = e.country
    big = e.true_cny >= 1 * YI
    huge = e.true_cny >= 5 * YI
    if country in HOME_CN:
        e.in_cn = True
        p_cb = 0.95 if e.is_mega else (0.22 + 0.45 * big + (0.25 if country == "TW" else 0))
        e.in_cb = rng.random() < p_cb
        ccy = {"CN": "CNY", "HK": "HKD", "TW": "USD"}[country]
        if country == "CN" and rng.random() < (0.35 if big else 0.1):
            ccy = "USD"
        if country == "HK" and rng.random() < 0.4:
            ccy = rng.choice(["USD", "CNY"])
        if not e.disclosed:
            e.cn_status, e.cb_status = "undisclosed", "undisclosed" if e.in_cb else ""
        else:
            est_p = (0.3 if ccy == "CNY" and e.segment == "aigc" else 0.0) if e.is_mega else 0.45
            e.cn_status = "estimated" if rng.random() < est_p else "exact"
            if e.in_cb:
                e.cb_status = "exact" if rng.random() < (0.6 if e.cn_status == "exact" else 0.55) else "undisclosed"
            if e.is_mega and e.cn_status == "estimated" and not (e.in_cb and e.cb_status == "exact"):
                pass  # a mega deal known only by '数十亿' etc.: its amount is the rule value
        e.currency = ccy
    else:
        e.in_cb = True
        p_cn = 0.9 if e.is_mega else (0.05 + 0.45 * huge + 0.05 * big)
        if country == "US":
            p_cn += 0.03
        e.in_cn = rng.random() < p_cn
        local = geo.COUNTRIES[country].currency
        ccy = local if (country == "US" or rng.random() < 0.6) else "USD"
        e.currency = ccy
        if not e.disclosed:
            e.cb_status, e.cn_status = "undisclosed", "undisclosed" if e.in_cn else ""
        else:
            e.cb_status = "exact"
            if e.in_cn:
                r = rng.random()
                e.cn_status = "exact" if r < 0.55 else ("estimated" if r < 0.9 else "undisclosed")
    # status of the event = the best record; estimated events keep their fuzzy currency
    if e.cn_status == "exact" or e.cb_status == "exact":
        e.status = "exact"
    elif e.cn_status == "estimated":
        e.status = "estimated"
    else:
        e.status = "undisclosed"
    if e.cn_status == "estimated":
        cn_ccy = e.currency if e.currency in vocab.CN_CURRENCY else "USD"
        if country in HOME_CN and e.currency == "HKD":
            cn_ccy = "HKD"
    else:
        cn_ccy = e.currency if e.currency in vocab.CN_CURRENCY else "USD"
    e.cn_ccy = cn_ccy


def best_status(e: Event) -> str:
    sts = (e.cn_status if e.in_cn else "", e.cb_status if e.in_cb else "")
    for st in ("exact", "estimated"):
        if st in sts:
            return st
    return "undisclosed"


def home_first(e: Event) -> tuple[str, str]:
    """Source order of the seed source_priority: cn_export first for companies of Greater China
    (CN, HK, MO, TW), crunchbase first elsewhere."""
    return ("cn_export", "crunchbase") if e.company.home == "cn_export" else ("crunchbase", "cn_export")


def primary_source(e: Event) -> str:
    """The record whose amount survives: exact > estimated > undisclosed; a tie goes to the
    company's reference source (home_first)."""
    rank = {"exact": 2, "estimated": 1, "undisclosed": 0, "": -1}
    score = {"cn_export": rank[e.cn_status] if e.in_cn else -2, "crunchbase": rank[e.cb_status] if e.in_cb else -2}
    first, second = home_first(e)
    return first if score[first] >= score[second] else second


def date_source(e: Event) -> str:
    """The record whose date survives: one that names the day (the cn_export 'YYYY-MM' form is only
    used on deals no other source has), then the reference source."""
    first, second = home_first(e)
    return first if (e.in_cn if first == "cn_export" else e.in_cb) else second


UNKNOWN_ROUNDS = ("不明确", "series_unknown", "undisclosed")


def round_source(e: Event) -> str:
    """The record whose round type survives: a known type before 不明确 / series_unknown, then the
    reference source."""
    def known(src):
        present = e.in_cn if src == "cn_export" else e.in_cb
        rnd = e.round_cn if src == "cn_export" else e.round_cb
        return (2 if rnd not in UNKNOWN_ROUNDS else 1) if present else 0
    first, second = home_first(e)
    return first if known(first) >= known(second) else second


def stage_of(e: Event) -> str:
    return vocab.STAGE_OF_CB[e.round_cb] if round_source(e) == "crunchbase" else vocab.STAGE_OF_CN[e.round_cn]
