"""Investors (step 7): state capital where R19 and the state-capital rates ask for it, and the
investor list of each round (famous VCs and corporates, a recurring pool of synthetic firms,
people, sovereign funds)."""

from __future__ import annotations

import random

from sample_generator import calibration as cal
from sample_generator import vocab
from sample_generator.model import HOME_CN, YI, Company, Event, World
from sample_generator.names import NameBook


def assign_investors(world: World) -> None:
    rng = world.rng
    # R19: technology-layer deals of Chinese companies with state capital
    for year, n in cal.STATE_TECH_DEALS.items():
        real_n = sum(1 for e in world.events if e.is_real and e.year == year and e.segment == "technology" and e.state)
        cands = [e for e in world.events if not e.is_real and e.year == year and e.segment == "technology"
                 and e.company.country == "CN" and e.in_cn and e.stage != "excluded"]
        rng.shuffle(cands)
        for e in cands[:max(0, round((n - real_n) * min(1.0, world.scale)))]:
            e.state = True
    for e in world.events:
        if e.is_real:
            continue
        co = e.company
        if co.country == "CN" and e.segment != "technology":
            p = cal.STATE_PROB["ai_chips"] if e.sub == "ai_chips" else cal.STATE_PROB.get(e.segment, 0.07)
            e.state = rng.random() < p
        e.investors = make_investors(world, co, e)


def make_investors(world: World, co: Company, e: Event) -> list[tuple[str, str, str]]:
    rng = world.rng
    big = e.cny >= 5 * YI or e.true_cny >= 5 * YI
    n = 1 + int(rng.random() * (5 if big else 3))
    out: list[tuple[str, str, str]] = []
    if co.country in HOME_CN:
        if not e.state and not big and rng.random() < 0.1:
            return []
        if e.state:
            for _ in range(rng.randint(1, 2)):
                out.append(_state_investor(world))
        for _ in range(n):
            r = rng.random()
            if r < 0.38:
                z = rng.choice(vocab.VC_ZH)
                out.append((z, vocab.VC_ZH_EN[z], "vc_pe"))
            elif r < 0.8:
                out.append(_synth_investor(world, zh=True))
            elif r < 0.93 or e.stage == "strategic":
                z = rng.choice(vocab.CORPORATE_ZH)
                out.append((z, vocab.CORPORATE_ZH_EN[z], "corporate"))
            else:
                p = world.names.person()
                out.append((p, p, "person"))
        if e.stage == "strategic" and not any(k == "corporate" for _, _, k in out):
            z = rng.choice(vocab.CORPORATE_ZH)
            out.insert(0, (z, vocab.CORPORATE_ZH_EN[z], "corporate"))
    else:
        for _ in range(n):
            r = rng.random()
            if r < 0.4:
                v = rng.choice(vocab.VC_EN)
                out.append((v, v, "vc_pe"))
            elif r < 0.82:
                out.append(_synth_investor(world, zh=False))
            elif r < 0.93:
                v = rng.choice(vocab.CORPORATE_EN)
                out.append((v, v, "corporate"))
            else:
                p = f"{world.names.pseudo_word()} {world.names.pseudo_word()}"
                out.append((p, p, "person"))
        if big and rng.random() < 0.2:
            s = rng.choice(vocab.SOVEREIGN)
            out.append((vocab.SOVEREIGN_ZH.get(s, s), s, "sovereign_fund"))
        if e.stage == "strategic" and not any(k == "corporate" for _, _, k in out):
            v = rng.choice(vocab.CORPORATE_EN)
            out.insert(0, (v, v, "corporate"))
    seen = set()
    uniq = []
    for t in out:
        if t[1] not in seen:
            seen.add(t[1])
            uniq.append(t)
    return uniq


def _state_investor(world: World) -> tuple[str, str, str]:
    rng = world.rng
    if rng.random() < 0.55:
        z = rng.choice(vocab.STATE_CAPITAL_ZH)
    else:
        z = rng.choice(vocab.STATE_CAPITAL_PATTERNS).format(city=rng.choice(vocab.STATE_CAPITAL_CITIES))
    return (z, vocab.STATE_CAPITAL_EN.get(z, z), "state_capital")


def _synth_investor(world: World, zh: bool) -> tuple[str, str, str]:
    """From a fixed pool of synthetic VC firms (so firms recur across deals)."""
    if world.synth_investors is None:
        r = random.Random(f"ai-deals-sample:{world.seed}:investors")
        book = NameBook(r)
        book.used = world.names.used
        zh_pool = [book.zh_investor_pair() for _ in range(160)]
        en_pool = [book.en_investor() for _ in range(220)]
        world.synth_investors = [zh_pool, en_pool]
    if zh:
        z, en = world.rng.choice(world.synth_investors[0])
        return (z, en, "vc_pe")
    v = world.rng.choice(world.synth_investors[1])
    return (v, v, "vc_pe")


def investor_kind(name: str) -> str:
    if name in vocab.STATE_CAPITAL_ZH or name in vocab.STATE_CAPITAL_EN.values():
        return "state_capital"
    if name in vocab.SOVEREIGN:
        return "sovereign_fund"
    if name in vocab.CORPORATE_EN or name in vocab.CORPORATE_ZH or name in ("Alibaba", "Meituan", "Xiaohongshu", "Alphabet"):
        return "corporate"
    return "vc_pe"
