"""The rest of the world (step 9, before the unicorns): M&A / IPO rounds of AI companies (kept,
not counted), non-AI companies and their rounds, cn_export '-' companies without a disclosed
round, and Crunchbase organizations without a round in the window."""

from __future__ import annotations

import datetime as dt
import math

from sample_generator import calibration as cal
from sample_generator import geo, texts, vocab
from sample_generator.amounts import cn_amount_text, nice
from sample_generator.companies import describe
from sample_generator.fitting import wchoice
from sample_generator.investors import make_investors
from sample_generator.model import HOME_CN, WINDOW_END, WINDOW_START, Company, Event, World
from sample_generator.sources import primary_source


def add_excluded(world: World, n: int) -> None:
    """M&A and IPO rows of Chinese AI companies (cn_export only): kept, not counted."""
    rng = world.rng
    cos = [c for c in world.companies if not c.is_real and c.country == "CN" and c.is_ai and c.events]
    rng.shuffle(cos)
    for co in cos[:n]:
        last = co.events[-1].date
        if last >= dt.date(2025, 1, 1):
            continue
        e = Event()
        e.company, e.group, e.segment, e.sub = co, co.group, co.segment, co.sub
        e.date = world.rand_date(last + dt.timedelta(days=60), min(WINDOW_END, last + dt.timedelta(days=400)))
        e.year = e.date.year
        e.counted = False
        e.stage = "excluded"
        e.round_cn = rng.choice(["并购", "并购", "并购", "IPO上市", "新三板"])
        e.in_cn, e.in_cb = True, False
        e.currency = e.cn_ccy = "CNY"
        if rng.random() < 0.5:
            e.status = e.cn_status = "undisclosed"
        else:
            e.status = e.cn_status = "exact"
            e.orig = nice(rng.lognormvariate(math.log(3e8), 0.8))
            e.cny = e.true_cny = e.orig
        e.primary = "cn_export"
        e.cn_date = e.date
        e.cn_date_text = e.date.isoformat()
        e.cn_text = cn_amount_text(rng, e, world.fx)
        e.investors = [(rng.choice(vocab.CORPORATE_ZH), "", "corporate")] if e.round_cn == "并购" else []
        if e.round_cn == "并购":
            co.status = "已被收购"
        co.events.append(e)
        world.events.append(e)


def add_non_ai(world: World, n_cb_events: int, n_cn_only: int) -> None:
    rng = world.rng
    weights = {"US": 45, "CN": 9, "HK": 1, "GB": 8, "DE": 5, "FR": 5, "IN": 7, "IL": 3, "JP": 3, "SG": 3, "KR": 3,
               "CA": 4, "AE": 1, "CH": 1, "SE": 1, "NL": 1}
    made = 0
    while made < n_cb_events:
        country = wchoice(rng, weights)
        k = 1 if rng.random() < 0.7 else 2
        co = _non_ai_company(world, country, k, in_cb=True, in_cn=country in ("CN", "HK") and rng.random() < 0.35)
        made += len(co.events)
    for _ in range(n_cn_only):
        _non_ai_company(world, "CN", 1 if rng.random() < 0.75 else 2, in_cb=False, in_cn=True)


def _non_ai_company(world: World, country: str, k: int, in_cb: bool, in_cn: bool) -> Company:
    rng = world.rng
    co = world.new_company()
    co.country, co.group = country, geo.COUNTRIES[country].group
    co.is_ai, co.segment, co.sub = False, "", ""
    dates = sorted(world.rand_date(WINDOW_START, WINDOW_END) for _ in range(k))
    if k == 2 and (dates[1] - dates[0]).days < 90:
        dates = dates[:1]
    home_cn = country in HOME_CN
    types = {"seed": 25, "series_a": 20, "angel": 8, "pre_seed": 7, "series_b": 10, "series_c": 5, "series_d": 2,
             "series_unknown": 5, "debt_financing": 4, "grant": 3, "convertible_note": 2, "equity_crowdfunding": 2,
             "corporate_round": 2, "private_equity": 2, "post_ipo_equity": 1, "undisclosed": 2,
             "product_crowdfunding": 0.5, "non_equity_assistance": 0.5, "secondary_market": 0.3}
    if home_cn:
        types = {k2: v for k2, v in types.items() if k2 in vocab.CN_TO_CB.values() or k2 == "series_unknown"}
    for d in dates:
        e = Event()
        e.company, e.group, e.segment, e.sub = co, co.group, "", ""
        e.date, e.year = d, d.year
        e.round_cb = wchoice(rng, types)
        stage = vocab.STAGE_OF_CB[e.round_cb]
        e.stage = stage
        e.counted = False
        cnr = {"seed": "种子轮", "angel": "天使轮", "pre_seed": "种子轮", "series_a": "A轮", "series_b": "B轮",
               "series_c": "C轮", "series_d": "D轮", "series_unknown": "不明确", "debt_financing": "债权融资",
               "corporate_round": "战略投资", "private_equity": "Pre-IPO", "post_ipo_equity": "IPO上市后",
               "undisclosed": "不明确", "convertible_note": "债权融资"}
        e.round_cn = cnr.get(e.round_cb, "不明确")
        if home_cn:
            e.round_cb = vocab.CN_TO_CB[e.round_cn]
        e.in_cb, e.in_cn = in_cb, in_cn
        ccy = geo.COUNTRIES[country].currency if rng.random() < 0.6 else "USD"
        e.currency = ccy
        scale_usd = {"early": 3e6, "growth": 3e7, "late": 8e7, "other": 1e7, "debt": 2e7, "strategic": 2e7,
                     "excluded": 5e5}[stage]
        true_usd = rng.lognormvariate(math.log(scale_usd), 1.0)
        if rng.random() < 0.15:
            e.status = "undisclosed"
            e.cn_status = "undisclosed" if in_cn else ""
            e.cb_status = "undisclosed" if in_cb else ""
            e.cny = 0.0
            e.true_cny = true_usd * world.fx.at(d, "USD")
            e.primary = primary_source(e)
        else:
            rate = world.fx.at(d, ccy)
            e.orig = nice(true_usd * world.fx.at(d, "USD") / rate)
            e.cny = e.true_cny = e.orig * rate
            e.status = "exact"
            e.cb_status = "exact" if in_cb else ""
            e.cb_amount, e.cb_ccy = e.orig, ccy
            e.cn_status = "exact" if in_cn else ""
            e.cn_ccy = ccy if ccy in vocab.CN_CURRENCY else "USD"
            e.primary = primary_source(e)
        e.cn_date = e.date if in_cn else None
        e.cb_date = e.date if in_cb else None
        if in_cn:
            e.cn_date_text = d.isoformat()
            e.cn_text = cn_amount_text(rng, e, world.fx)
        co.events.append(e)
        world.events.append(e)
        e.investors = make_investors(world, co, e)
    co.in_cb, co.in_cn = in_cb, in_cn
    describe(world, co, sector=rng.choice(texts.NON_AI))
    return co


def add_dash_and_orgs(world: World, n_dash: int, n_orgs: int) -> None:
    """cn_export companies without a disclosed round ('-'), and Crunchbase organizations with no
    round in the window (all sectors)."""
    rng = world.rng
    for i in range(n_dash):
        co = world.new_company()
        co.country = "CN" if rng.random() < 0.93 else "HK"
        co.group = "CN"
        ai = rng.random() < 0.8
        if ai:
            seg = wchoice(rng, cal.COUNT_SEGMENT["CN"])
            sub = wchoice(rng, cal.COUNT_SUB["application_CN" if seg == "application" else seg])
            co.segment, co.sub = seg, sub
            describe(world, co)
        else:
            co.is_ai = False
            describe(world, co, sector=rng.choice(texts.NON_AI))
        co.in_cn = True
        co.in_cb = rng.random() < 0.3
    for i in range(n_orgs):
        co = world.new_company()
        country = wchoice(rng, {"US": 50, "CN": 10, "GB": 8, "DE": 5, "FR": 5, "IN": 6, "IL": 4, "JP": 3, "SG": 3,
                                "CA": 4, "KR": 2})
        co.country, co.group = country, geo.COUNTRIES[country].group
        co.in_cb = True
        if rng.random() < 0.25:
            seg = wchoice(rng, cal.COUNT_SEGMENT[co.group])
            sub = wchoice(rng, cal.COUNT_SUB["application_CN" if (seg == "application" and country == "CN") else seg])
            co.segment, co.sub = seg, sub
            describe(world, co)
        else:
            co.is_ai = False
            describe(world, co, sector=rng.choice(texts.NON_AI))
