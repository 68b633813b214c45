"""Companies (step 6): the grouping of synthetic deals into companies, and each company's names,
place, founding date and texts (checked against vocab.classify, so every text classifies to the
company's truth)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from sample_generator import geo, texts, vocab
from sample_generator.model import HOME_CN, Company, Event, World

RANK = {"early": 0, "growth": 1, "late": 2}
MAX_A_PAIRS = 16  # A轮 + A+轮 of one company weeks apart (distinct deals)


def group_companies(world: World) -> None:
    """Deals of one country × segment × sub-segment share companies (a later deal joins an open
    company at least 100 days after its last round, never at a lower stage)."""
    rng = world.rng
    synth = sorted((e for e in world.events if not e.is_real), key=lambda e: (e.date, e.cny, e.round_cn))
    buckets: dict[tuple, list[Event]] = defaultdict(list)
    for e in synth:
        buckets[(e.country, e.segment, e.sub)].append(e)
    n_pairs = 0
    for key in sorted(buckets, key=lambda k: (k[0], k[1], k[2])):
        evs = buckets[key]
        open_cos: list[Company] = []
        n_pairs = _pair_a_rounds(key, evs, n_pairs)
        for e in evs:
            if e.company is not None:
                continue
            co = None
            join_p = 0.3 if key[0] in HOME_CN else 0.22
            if open_cos and rng.random() < join_p:
                cands = [c for c in open_cos[-60:]
                         if (e.date - c.events[-1].date).days >= 100
                         and RANK.get(c.events[-1].stage, 0) <= RANK.get(e.stage, 3)]
                if cands:
                    co = rng.choice(cands)
            if co is None:
                co = world.new_company()
                co.country, co.group = key[0], geo.COUNTRIES[key[0]].group
                co.segment, co.sub = e.segment, e.sub
                open_cos.append(co)
            co.events.append(e)
            e.company = co
            if e.pair and e.pair.company is None:
                co.events.append(e.pair)
                e.pair.company = co
    for co in world.companies:
        if co.is_real:
            continue
        co.events.sort(key=lambda e: e.date)
        co.in_cn = any(e.in_cn for e in co.events)
        co.in_cb = any(e.in_cb for e in co.events)
        describe(world, co)


def _pair_a_rounds(key: tuple, evs: list[Event], n_pairs: int) -> int:
    """A轮 then A+轮 within a month (distinct rounds, one company); returns the pairs made so far."""
    if key[0] == "CN" and n_pairs < MAX_A_PAIRS:
        early = [e for e in evs if e.stage == "early" and e.disclosed and not e.is_mega]
        for i in range(len(early) - 1):
            a, b = early[i], early[i + 1]
            if a.pair or b.pair or n_pairs >= MAX_A_PAIRS:
                continue
            gap = (b.date - a.date).days
            if 7 <= gap <= 35 and max(a.cny, b.cny) / max(min(a.cny, b.cny), 1) >= 1.7:
                a.round_cn, b.round_cn = "A轮", "A+轮"
                a.round_cb = b.round_cb = "series_a"
                a.pair, b.pair = b, a
                n_pairs += 1
    return n_pairs


def describe(world: World, co: Company, sector: dict | None = None) -> None:
    """Names, place, founding date and the texts of a company (checked against classify); a
    non-AI company gets the texts of its `sector` (texts.NON_AI)."""
    rng = world.rng
    first = co.events[0].date if co.events else dt.date(2024, 6, 1)
    co.founded = first - dt.timedelta(days=rng.randint(200, 3600))
    non_ai = sector is not None
    co.non_ai_sector = sector
    if co.country in HOME_CN:
        _names_cn(world, co, sector)
    else:
        _names_foreign(world, co, sector)
    co.team = "" if rng.random() < 0.4 else "、".join(
        f"{world.names.person()}({role})" for role in rng.sample(["创始人&CEO", "CTO", "COO", "首席科学家", "联合创始人"], rng.randint(1, 3)))
    if non_ai:
        _texts_non_ai(co, sector)
    else:
        _texts_ai(rng, co)


def _names_cn(world: World, co: Company, sector: dict | None) -> None:
    """A Chinese, Hong Kong or Taiwanese company: Chinese short and legal names, an English brand,
    a pinyin legal name, aliases (how Crunchbase can be matched), place and website."""
    rng = world.rng
    non_ai = sector is not None
    n = world.names.cn_company(co.sub, non_ai_suffix=sector["suf_zh"] if non_ai else None)
    co.name_zh = co.cn_name = n["zh"]
    place = (rng.choices(geo.CN_PLACES, weights=geo.CN_PLACE_WEIGHTS)[0] if co.country == "CN"
             else rng.choice(geo.HK_PLACES if co.country == "HK" else geo.TW_PLACES))
    co.cn_place, co.phone_area = place.place, place.phone_area
    co.cn_address = f"{place.address_prefix}{rng.choice(['科技园', '创业大街', '软件园', '高新路', '中心大道'])}{rng.randint(1, 300)}号"
    co.region, co.city = place.region, place.city
    style = rng.random()
    suffix_zh = rng.choice(["科技有限公司", "智能科技有限公司", "信息技术有限公司", "网络科技有限公司"])
    if co.country == "CN":
        co.cn_legal = (f"{place.legal_prefix}{n['stem']}{suffix_zh}" if rng.random() < 0.7
                       else f"{n['stem']}（{place.legal_prefix}）{suffix_zh}")
    else:
        co.cn_legal = f"{n['stem']}{'科技' if co.country == 'HK' else '智能'}有限公司"
    en_brand = n["gloss"] if rng.random() < 0.55 else n["pinyin"]
    tail = "" if non_ai else rng.choice([" AI", " Technology", " Intelligence", "", " Tech"])
    co.name_en = co.cb_name = f"{en_brand}{tail}".strip()
    if not world.names._claim(co.cb_name):
        for extra in ("Labs", "Group", "Co", "Technology", "Holdings", "Intelligent", "Innovation"):
            co.name_en = co.cb_name = f"{en_brand} {extra}"
            if world.names._claim(co.cb_name):
                break
        else:
            co.name_en = co.cb_name = f"{n['pinyin']} {n['gloss']}"
            assert world.names._claim(co.cb_name), co.cb_name
    pinyin_legal = f"{place.pinyin} {n['pinyin']} {'Intelligent ' if not non_ai and rng.random() < 0.5 else ''}Technology Co., Ltd."
    if style < 0.7:
        co.cb_legal, co.aliases = pinyin_legal, (co.cn_name, "", "")
    elif style < 0.85:
        co.cb_legal, co.aliases = co.cn_legal, ("", "", "")  # matchable only by legal name
    else:
        co.cb_legal, co.aliases = pinyin_legal, (world.names.pseudo_word(), co.cn_name, "")
    co.website = f"www.{n['pinyin'].lower()}{rng.choice(['', 'ai', 'tech', 'data'] if not non_ai else ['', 'group'])}.{'cn' if rng.random() < 0.5 else 'com'}"


def _names_foreign(world: World, co: Company, sector: dict | None) -> None:
    """A company outside Greater China: English brand and legal names, city, and how cn_export
    writes it (mostly the brand, sometimes a Chinese transliteration)."""
    rng = world.rng
    non_ai = sector is not None
    co.name_en = co.cb_name = world.names.en_company(co.sub, non_ai_suffix=sector["suf_en"] if non_ai else None)
    region, city = rng.choice(geo.FOREIGN_CITIES[co.country])
    co.region, co.city = region, city
    suffix = rng.choice(geo.LEGAL_SUFFIX[co.country])
    co.cb_legal = f"{co.cb_name}{suffix}" if suffix.startswith(",") else f"{co.cb_name} {suffix}"
    co.aliases = ("", "", "")
    co.cn_place = geo.COUNTRIES[co.country].cn_place
    co.cn_address = co.cn_place.split("-")[-1] + city
    co.cn_legal = co.cb_legal
    if rng.random() < 0.1:  # cn_export writes a Chinese transliteration: matchable by legal name only
        co.cn_name = _transliterate(world)
        co.name_zh = co.cn_name
    else:
        co.cn_name = co.cb_name
    co.website = f"{co.cb_name.split()[0].lower()}.{rng.choice(['com', 'ai', 'io']) if not non_ai else 'com'}"


def _transliterate(world: World) -> str:
    chars = "阿巴达瓦尔纳克斯特罗莱维奥诺菲拉米卡塔伊恩泽森比德里格蒙普索"
    for _ in range(100):
        name = "".join(world.rng.choice(chars) for _ in range(world.rng.randint(2, 4)))
        if world.names._claim(name):
            return name
    raise RuntimeError("transliteration space exhausted")


def _texts_ai(rng: random.Random, co: Company) -> None:
    """cn_export and Crunchbase texts that classify to the company's sub-segment, unambiguously."""
    gen = texts.GEN[co.sub]
    for attempt in range(60):
        kw_zh, kw_en = rng.choice(gen["zh_kw"]), rng.choice(gen["en_kw"])
        zh = rng.choice(gen["zh"]).format(name=co.cn_name, kw=kw_zh)
        en = rng.choice(gen["en"]).format(name=co.cb_name, kw=kw_en)
        if co.segment != "application" and rng.random() < 0.3 and attempt < 40:
            _, nz, ne = rng.choice(texts.NOISE)
            zh, en = zh + nz, en + " " + ne
        gz, ge = rng.choice(texts.GENERIC_ZH), rng.choice(texts.GENERIC_EN)
        zh += gz.format(city=co.city if co.country not in HOME_CN else co.cn_place.split("-")[-1])
        en = (en + " " + ge.format(city=co.city)).strip()
        ind = rng.choice(gen["cn_industry"])
        cats = list(gen["cats"][0]) + rng.sample(gen["cats"][1], rng.randint(1, min(2, len(gen["cats"][1]))))
        if rng.random() < 0.08 and len(cats) > 2 and co.sub != "other_application":
            cats = cats[1:]  # no 'Artificial Intelligence (AI)' category: the description says AI
        groups = gen["groups"]
        cn_text = f"{ind[0]} {ind[1]} {zh}"
        cb_text = f"{','.join(cats)} {en}"
        ok = all(classifies_as(vocab.classify(t), co) for t in (cn_text, cb_text, cb_text + " " + ",".join(groups)))
        if ok:
            co.cn_industry, co.cn_desc = ind, zh
            co.cb_cats, co.cb_groups, co.cb_desc = cats, groups, en
            return
    raise AssertionError(f"no unambiguous text for {co.cn_name} {co.sub}: {cn_text} / {cb_text}")


def _texts_non_ai(co: Company, sector: dict) -> None:
    co.cn_industry = sector["cn"]
    co.cn_desc = sector["zh"].format(name=co.cn_name)
    co.cb_cats = list(sector["cats"])
    co.cb_groups = list(sector["groups"])
    co.cb_desc = sector["en"].format(name=co.cb_name)
    for t in (f"{co.cn_industry[0]} {co.cn_industry[1]} {co.cn_desc}", f"{','.join(co.cb_cats)} {co.cb_desc}",
              ",".join(co.cb_groups)):
        if vocab.classify(t).is_ai:
            raise AssertionError(f"non-AI text classifies as AI: {t}")


def classifies_as(c: vocab.Classification, co: Company) -> bool:
    if not co.is_ai:
        return not c.is_ai
    return c.is_ai and not c.ambiguous and c.segment == co.segment and c.sub_segment == co.sub
