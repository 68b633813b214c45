"""The real deals as events of the world (step 1): fixed companies, amounts, dates and per-source
forms from real_deals.py, and the real unicorn-list entries without a deal."""

from __future__ import annotations

import datetime as dt

from sample_generator import geo, real_deals, vocab
from sample_generator.amounts import split_cn_amount
from sample_generator.fx import FX
from sample_generator.investors import investor_kind
from sample_generator.model import YI, Company, Event, World
from sample_generator.sources import best_status, primary_source, stage_of


def add_real(world: World) -> None:
    by_key: dict[str, Company] = {}
    for d in real_deals.load():
        co = by_key.get(d.company.key)
        if co is None:
            co = by_key[d.company.key] = _real_company(world, d)
        world.events.append(_real_event(world.fx, d, co))
    for co in by_key.values():
        co.in_cn = any(e.in_cn for e in co.events)
        co.in_cb = any(e.in_cb for e in co.events) or bool(co.cb_name and co.unicorn_joined)
    for ru in real_deals.UNICORN_ONLY:
        _unicorn_only(world, ru)


def _real_company(world: World, d: real_deals.RealDeal) -> Company:
    rc = d.company
    co = Company(rc.key)
    world.companies.append(co)
    co.is_real = True
    co.country, co.group = rc.country, geo.COUNTRIES[rc.country].group
    co.segment, co.sub = d.segment, d.sub_segment
    co.name_zh, co.name_en = rc.name_zh or "", rc.name_en
    co.cn_name, co.cn_legal = rc.cn_name or "", rc.cn_legal
    co.cb_name, co.cb_legal, co.aliases = rc.cb_name or "", rc.cb_legal, rc.cb_aliases
    co.cn_place, co.cn_address = rc.cn_place, rc.cn_address
    co.region, co.city = rc.region, rc.city
    co.founded = dt.date.fromisoformat(rc.founded)
    co.website = rc.website
    co.cn_industry, co.cn_desc = rc.cn_industry, rc.cn_desc
    co.cb_cats, co.cb_groups, co.cb_desc = rc.cb_cats, rc.cb_groups, rc.cb_desc
    co.phone_area = "010" if rc.country == "CN" else ""
    if rc.unicorn:
        co.unicorn_joined = dt.date.fromisoformat(rc.unicorn[0])
        co.valuation_usd = rc.unicorn[1] * 1e9
        co.unicorn_industry = rc.unicorn[2]
    world.names.reserve(co.cn_name, co.cb_name, co.name_zh)
    return co


def _real_event(fx: FX, d: real_deals.RealDeal, co: Company) -> Event:
    ev = Event()
    ev.is_real, ev.real, ev.company = True, d, co
    co.events.append(ev)
    ev.date = dt.date.fromisoformat(d.announced_on)
    ev.year, ev.group = ev.date.year, co.group
    ev.segment, ev.sub = d.segment, d.sub_segment
    ev.currency, ev.orig = d.currency, float(d.amount)
    ev.cny = ev.true_cny = ev.orig * fx.at(ev.date, ev.currency)
    ev.is_mega = ev.cny >= 10 * YI
    ev.in_cn, ev.in_cb = d.in_cn, d.in_cb
    ev.round_cn, ev.round_cb = d.round_zh, d.investment_type
    ev.fixed = True
    if ev.in_cn:
        if d.cn_amount:
            form, ccy = split_cn_amount(d.cn_amount)
            ev.cn_status, ev.cn_form, ev.cn_ccy = "estimated", form, ccy
        else:
            ev.cn_status, ev.cn_ccy = "exact", d.currency
    if ev.in_cb:
        if d.cb == "undisclosed":
            ev.cb_status = "undisclosed"
        elif isinstance(d.cb, tuple):
            ev.cb_status, ev.cb_amount, ev.cb_ccy = "exact", float(d.cb[0]), d.cb[1]
        else:
            ev.cb_status, ev.cb_amount, ev.cb_ccy = "exact", ev.orig, d.currency
    cn_inv = list(d.investors)
    zh_en = {**vocab.CORPORATE_ZH_EN, **vocab.VC_ZH_EN, **vocab.STATE_CAPITAL_EN}
    ev.investors = [(n, zh_en.get(n, n), investor_kind(n)) for n in cn_inv]
    ev.state = any(k == "state_capital" for _, _, k in ev.investors)
    ev.status = best_status(ev)
    ev.primary = primary_source(ev)
    ev.stage = stage_of(ev)
    return ev


def _unicorn_only(world: World, ru: real_deals.RealUnicorn) -> None:
    co = Company(ru.key)
    world.companies.append(co)
    co.is_real, co.is_ai, co.in_cb = True, ru.is_ai, True
    co.country, co.group = ru.country, geo.COUNTRIES[ru.country].group
    co.sub = ru.sub_segment
    co.segment = vocab.SEGMENT_OF[ru.sub_segment] if ru.is_ai else ""
    co.name_en = co.cb_name = ru.name
    co.cb_legal, co.region, co.city, co.website = ru.legal, ru.region, ru.city, ru.website
    co.founded = dt.date.fromisoformat(ru.founded)
    co.cb_desc, co.cb_cats, co.cb_groups = ru.cb_desc, ru.cb_cats, ru.cb_groups
    co.unicorn_joined, co.valuation_usd = dt.date.fromisoformat(ru.joined), ru.valuation_bn * 1e9
    co.unicorn_industry, co.unicorn_investors = ru.industry, ru.investors
    world.names.reserve(ru.name)
