"""Investors. Step 7: state capital where R19 and the state-capital rates ask for it, and the
investor list of each round (famous VCs and corporates, a recurring pool of synthetic firms,
people, sovereign funds). Step 11: the names each source writes (investor_book.py) and the
featured investor's AI share per year (R25), from a stream of its own."""

from __future__ import annotations

import random

from sample_generator import calibration as cal
from sample_generator import investor_book, vocab
from sample_generator.model import HOME_CN, YI, Company, Event, World
from sample_generator.names import NameBook
from sample_generator.sources import stage_of


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


# Step 11 ---------------------------------------------------------------------------------------
# Investor names and the featured investor's activity, from a stream of their own: every earlier
# draw (and so every amount, date, company and figure R1–R24) stays as it was, and the number of
# investors of every round too (a name is only ever replaced by another), so the render streams
# draw exactly as before.

SUFFIXED_EN_P = 0.06  # a synthetic foreign firm written with its legal form (Lelviom Capital LLC)
SUFFIXED_ZH_P = 0.06  # a synthetic Chinese fund written with its partnership form (…（有限合伙）)
OTHER_NAME_P = 0.35  # a famous foreign firm written by another name in a Chinese export (a16z)
LOCAL_IN_CHINESE_P = 0.5  # a synthetic Chinese firm that Crunchbase lists under its Chinese name


def finish_investors(world: World) -> None:
    rng = random.Random(f"ai-deals-sample:{world.seed}:investor-names")
    _firm_names(world)
    _local_firms_in_crunchbase(world, rng)
    for name, targets in sorted(cal.FEATURED_AI_SHARE.items()):
        for year, share in sorted(targets.items()):
            _calibrate_featured(world, rng, name, year, share)
    _written_forms(world, rng)


def _firm_names(world: World) -> None:
    """Every firm of investor_book by the name Crunchbase lists it under; a Chinese company's
    rounds name it as Chinese databases do (红杉中国 rather than HongShan)."""
    for e in world.events:
        out = []
        for t in e.investors:
            f = investor_book.firm_of(t)
            if f is None:
                out.append(t)
                continue
            cn = f.zh if e.company.country in HOME_CN and f.zh else t[0]
            out.append((cn, f.name if t[1] else "", t[2]))
        e.investors = out


def _local_firms_in_crunchbase(world: World, rng: random.Random) -> None:
    """Crunchbase lists about half of the synthetic Chinese firms under their Chinese name (as it
    does the local state funds); the others under their pinyin or English name, which no rule can
    tie to the Chinese one (the resolution's recall pays for those, as it would on real data)."""
    if world.synth_investors is None:
        return
    chinese = {zh for zh, _ in sorted(world.synth_investors[0]) if rng.random() < LOCAL_IN_CHINESE_P}
    for e in world.events:
        e.investors = [(t[0], t[0], t[2]) if t[0] in chinese and t[1] else t for t in e.investors]


def _is_counted_round(e: Event) -> bool:
    return stage_of(e) != "excluded"


def _calibrate_featured(world: World, rng: random.Random, name: str, year: int, share: float) -> None:
    """Move `name` in or out of synthetic foreign rounds of `year` (taking the place of a synthetic
    firm, or giving its place to one) until its AI rounds are `share` of its rounds."""
    if world.synth_investors is None:
        return
    pool = world.synth_investors[1]
    pool_names = set(pool)
    me = (name, name, "vc_pe")

    def has(e: Event) -> bool:
        return any(t[1] == name for t in e.investors)

    rounds = [e for e in world.events if e.date.year == year and _is_counted_round(e)]
    movable = [e for e in rounds if not e.is_real and e.company.country not in HOME_CN]
    mine = [e for e in rounds if has(e)]
    ai, other = sum(1 for e in mine if e.company.is_ai), sum(1 for e in mine if not e.company.is_ai)
    fixed_ai = sum(1 for e in mine if e.company.is_ai and e.is_real)
    best = None
    for new_ai in range(max(fixed_ai, ai - 5), ai + 6):
        new_other = round(new_ai * (1 - share) / share)
        if new_ai + new_other == 0:
            continue
        cost = (round(200 * abs(new_ai / (new_ai + new_other) - share)), abs(new_ai - ai) + abs(new_other - other))
        if best is None or cost < best[0]:
            best = (cost, new_ai, new_other)
    if best is None:
        return
    _, new_ai, new_other = best
    for is_ai, want, have in ((True, new_ai, ai), (False, new_other, other)):
        group = [e for e in movable if e.company.is_ai == is_ai]
        if want > have:
            free = [e for e in group if not has(e) and any(t[1] in pool_names for t in e.investors)]
            rng.shuffle(free)
            for e in free[:want - have]:
                i = next(i for i, t in enumerate(e.investors) if t[1] in pool_names)
                e.investors[i] = me
        elif want < have:
            taken = [e for e in group if has(e)]
            rng.shuffle(taken)
            for e in taken[:have - want]:
                present = {t[1] for t in e.investors}
                stand_in = rng.choice([v for v in pool if v not in present])
                e.investors = [(stand_in, stand_in, "vc_pe") if t[1] == name else t for t in e.investors]
    counted = [e for e in world.events if e.date.year == year and _is_counted_round(e) and has(e)]
    got = sum(1 for e in counted if e.company.is_ai) / max(1, len(counted))
    if abs(got - share) > 0.01:
        world.warnings.append(f"R25: {name} {year} AI share {got:.1%}, target {share:.0%}")


def _written_forms(world: World, rng: random.Random) -> None:
    """The names a Chinese export writes: a famous foreign firm sometimes by its other name (a16z,
    安德森·霍洛维茨, 微软), a synthetic firm sometimes with its legal form. Crunchbase keeps one name
    per firm."""
    en_pool = set(world.synth_investors[1]) if world.synth_investors else set()
    zh_pool = {zh for zh, _ in world.synth_investors[0]} if world.synth_investors else set()
    for e in world.events:
        if not e.in_cn:
            continue
        foreign = e.company.country not in HOME_CN
        out = []
        for t in e.investors:
            cn = t[0]
            f = investor_book.firm_of(t)
            if foreign and f is not None and f.others and rng.random() < OTHER_NAME_P:
                cn = rng.choice(f.others)
            elif foreign and cn in en_pool and rng.random() < SUFFIXED_EN_P:
                cn = cn + rng.choice([" LLC", " L.P.", " LP"])
            elif cn in zh_pool and rng.random() < SUFFIXED_ZH_P:
                cn = cn + "（有限合伙）"
            out.append((cn, t[1], t[2]))
        e.investors = out
