"""The unicorn list (step 9): the real unicorns, 2024 joiners from synthetic companies with a large
2024 round (R14), other years from synthetic companies of all sectors, and companies known only as
unicorns; each with a valuation, a join date, a vendor industry label and three investors."""

from __future__ import annotations

import datetime as dt

from sample_generator import calibration as cal
from sample_generator import geo, texts, vocab
from sample_generator.companies import describe
from sample_generator.fitting import largest_remainder, wchoice
from sample_generator.model import YI, Company, Event, World


def add_unicorns(world: World) -> None:
    """The unicorn list: real unicorns (real_deals.py), 2024 joiners from synthetic companies with
    a large 2024 round (R14), other years from synthetic companies of all sectors."""
    rng = world.rng
    real_uni = [c for c in world.companies if c.is_real and c.unicorn_joined]
    for c in real_uni:
        if not c.events:
            continue  # a unicorn-list entry only: its investors are given
        invs = []
        for e in c.events:
            for t in e.investors:
                if t[1] not in invs and t[2] != "state_capital":
                    invs.append(t[1])
        c.unicorn_investors = ", ".join(invs[:3])
    used: set[str] = {c.key for c in real_uni}
    need = _needed(real_uni)
    for key in sorted(need, key=lambda k: (k[0], not k[1], k[2])):
        y, ai, g = key
        k = need[key]
        if k <= 0:
            continue
        cands = _candidates(world.companies, used, y, ai, g)
        if y in (2024, 2025):
            cands.sort(key=lambda t: -t[1].cny)
            pick = cands[:k]
        else:
            rng.shuffle(cands)
            pick = cands[:k]
        for c, ev in pick:
            used.add(c.key)
            _make_unicorn(world, c, y, ev)
        for _ in range(k - len(pick)):
            used.add(_unicorn_only_company(world, y, ai, g).key)


def _needed(real_uni: list[Company]) -> dict[tuple[int, bool, str], int]:
    """New unicorns per (join year, is AI, country group) still to draw besides the real ones."""
    per_year = dict(cal.UNICORNS_PER_YEAR)
    need: dict[tuple[int, bool, str], int] = {}
    for y, (n_all, n_ai) in per_year.items():
        if y == 2024:
            for g, k in cal.UNICORNS_2024_AI.items():
                need[(y, True, g)] = k
            for g, k in cal.UNICORNS_2024_NON_AI.items():
                need[(y, False, g)] = k
        else:
            gw = {"US": 0.52, "CN": 0.2 if y < 2022 else 0.1, "other": 0.28 if y < 2022 else 0.38}
            for ai, k in ((True, n_ai), (False, n_all - n_ai)):
                for g, v in largest_remainder(k, gw).items():
                    need[(y, ai, g)] = v
    for c in real_uni:
        key = (c.unicorn_joined.year, c.is_ai, c.group)
        need[key] = need.get(key, 0) - 1
    return need


def _candidates(companies: list[Company], used: set[str], y: int, ai: bool, g: str) -> list[tuple]:
    """(company, the round that made it a unicorn or None) of the synthetic companies that may join in year y."""
    out = []
    for c in companies:
        if c.key in used or c.is_ai != ai or c.group != g or c.is_real:
            continue
        evs = [e for e in c.events if e.year == y and e.counted is not None and (e.cny or 0) > 0
               and e.stage not in ("excluded",)]
        if y == 2024 or y == 2025:
            if not evs:
                continue
            best = max(evs, key=lambda e: e.cny)
            if best.cny < (4 * YI if ai else 2 * YI):
                continue
            out.append((c, best))
        elif all(e.stage in ("growth", "late", "strategic", "debt", "other", "excluded") for e in c.events):
            out.append((c, None))
    return out


def _unicorn_only_company(world: World, y: int, ai: bool, g: str) -> Company:
    """A company known only as a unicorn (+ its Crunchbase record)."""
    rng = world.rng
    c = world.new_company()
    country = "US" if g == "US" else ("CN" if g == "CN" else wchoice(rng, geo.OTHER_WEIGHTS))
    c.country, c.group = country, g
    if ai:
        seg = wchoice(rng, cal.COUNT_SEGMENT[g])
        c.segment = seg
        c.sub = wchoice(rng, cal.COUNT_SUB["application_CN" if (seg == "application" and g == "CN") else seg])
        describe(world, c)
    else:
        c.is_ai = False
        describe(world, c, sector=rng.choice(texts.NON_AI))
    _make_unicorn(world, c, y, None)
    return c


def _make_unicorn(world: World, c: Company, year: int, ev: Event | None) -> None:
    rng = world.rng
    if ev is not None:
        c.unicorn_joined = ev.date
        usd = ev.cny / world.fx.at(ev.date, "USD")
        c.valuation_usd = max(1.0e9, round(usd * rng.uniform(5, 12) / 1e8) * 1e8)
        ev.post_money = c.valuation_usd
    else:
        end = dt.date(year, 12, 31) if year < 2025 else dt.date(2025, 3, 23)
        c.unicorn_joined = world.rand_date(dt.date(year, 1, 1), end)
        v = rng.paretovariate(1.25)
        if v > 30:
            v = 20 + rng.random() * 15
        c.valuation_usd = round(v * 1e9 / 1e8) * 1e8
    c.in_cb = True
    if c.founded is None or c.founded >= c.unicorn_joined - dt.timedelta(days=300):
        c.founded = c.unicorn_joined - dt.timedelta(days=rng.randint(700, 3500))
    labels_ai = ["Artificial intelligence"] * 6 + {
        "autonomous_driving": ["Auto & transportation"], "healthcare": ["Health"], "ai_chips": ["Hardware"],
        "robotics": ["Hardware"], "security": ["Cybersecurity"], "finance": ["Fintech"],
        "education": ["Edtech"], "enterprise_services": ["Internet software & services"],
        "data_services": ["Data management & analytics"]}.get(c.sub, ["Enterprise Tech"])
    labels_non = {"E-Commerce": "E-commerce & direct-to-consumer", "Health Care": "Health", "FinTech": "Fintech",
                  "EdTech": "Edtech", "Semiconductor": "Hardware", "Cloud Computing": "Internet software & services",
                  "Cyber Security": "Cybersecurity", "SaaS": "Internet software & services",
                  "Electric Vehicle": "Auto & transportation", "Clean Energy": "Other",
                  "Food and Beverage": "Consumer & retail", "Real Estate": "Other", "Biotechnology": "Health",
                  "Logistics": "Supply chain, logistics, & delivery", "Gaming": "Mobile & telecommunications",
                  "Fashion": "Consumer & retail", "Insurance": "Fintech", "Travel": "Travel",
                  "Developer Tools": "Internet software & services", "Consumer Electronics": "Hardware"}
    c.unicorn_industry = rng.choice(labels_ai) if c.is_ai else labels_non.get(c.cb_cats[0], "Other")
    invs = [t[1] for e in c.events for t in e.investors if t[2] in ("vc_pe", "corporate", "sovereign_fund")]
    if len(invs) < 3:
        pool = vocab.VC_EN if c.group != "CN" else [vocab.VC_ZH_EN[z] for z in vocab.VC_ZH]
        invs += rng.sample(pool, 3)
    seen = []
    for i in invs:
        if i not in seen:
            seen.append(i)
    c.unicorn_investors = ", ".join(seen[:3])
