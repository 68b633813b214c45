"""Stages and rounds (step 5): the stage group of each synthetic deal (R9 / R10 counts, the
strategic amount share), its round type on the stage's ladder (bigger deals higher up), and the
order of a company's rounds in time (A轮 before A+轮 …)."""

from __future__ import annotations

import math
from collections import defaultdict

from sample_generator import calibration as cal
from sample_generator import vocab
from sample_generator.fitting import fit_subset, largest_remainder
from sample_generator.model import HOME_CN, YI, Event, World

# round ladders per stage group (cn_export home / Crunchbase home) and how often each rung is used
LADDER_CN = {"early": ["种子轮", "天使轮", "Pre-A轮", "A轮", "A+轮"], "growth": ["Pre-B轮", "B轮", "B+轮", "C轮", "C+轮"],
             "late": ["D轮", "E轮", "F轮-上市前", "Pre-IPO"]}
LADDER_W_CN = {"early": [8, 25, 17, 35, 15], "growth": [8, 45, 15, 25, 7], "late": [40, 15, 10, 35]}
LADDER_CB = {"early": ["pre_seed", "angel", "seed", "series_a"], "growth": ["series_b", "series_c"],
             "late": ["series_d", "series_e", "series_f", "series_g", "private_equity"]}
LADDER_W_CB = {"early": [10, 10, 45, 35], "growth": [60, 40], "late": [45, 20, 10, 5, 20]}
CB_TO_CN = {"seed": "种子轮", "angel": "天使轮", "pre_seed": "种子轮", "series_a": "A轮", "series_b": "B轮",
            "series_c": "C轮", "series_d": "D轮", "series_e": "E轮", "series_f": "F轮-上市前", "series_g": "F轮-上市前",
            "private_equity": "Pre-IPO", "corporate_round": "战略投资", "debt_financing": "债权融资",
            "convertible_note": "债权融资", "series_unknown": "不明确", "undisclosed": "不明确",
            "post_ipo_equity": "IPO上市后"}


def assign_stages(world: World) -> None:
    rng = world.rng
    for year in (2023, 2024, 2025):
        evs = [e for e in world.events if e.year == year]
        real = [e for e in evs if e.is_real]
        synth = [e for e in evs if not e.is_real]
        shares = cal.STAGE_COUNT_SHARE[year]
        want = {k: v * len(evs) for k, v in shares.items()}
        for e in real:
            want[e.stage] -= 1
        want = {k: max(0.0, v) for k, v in want.items()}
        counts = largest_remainder(len(synth), want)
        total = cal.YEAR_TOTAL[year] * YI
        s_target = cal.STRATEGIC_AMOUNT_SHARE[year] * total - sum(e.cny for e in real if e.stage == "strategic")
        order = sorted(synth, key=lambda e: e.cny)
        rng.shuffle(order)
        chosen = order[:counts["strategic"]]
        rest = order[counts["strategic"]:]
        fit_subset(rng, chosen, rest, s_target)
        for e in chosen:
            e.stage = "strategic"
        rng.shuffle(rest)
        k = 0
        for st in ("debt", "other"):
            for e in rest[k:k + counts[st]]:
                e.stage = st
            k += counts[st]
        ranked = rest[k:]
        ranked.sort(key=lambda e: math.log(max(e.cny or e.true_cny, 1e5)) + rng.gauss(0, 0.8))
        a, b = counts["early"], counts["early"] + counts["growth"]
        for i, e in enumerate(ranked):
            e.stage = "early" if i < a else ("growth" if i < b else "late")


def assign_rounds(world: World) -> None:
    """Round type of each synthetic deal: its stage group's ladder, bigger deals higher up
    (fix_ladders then orders each company's rounds in time)."""
    rng = world.rng
    by_stage: dict[tuple[str, bool], list[Event]] = defaultdict(list)
    for e in world.events:
        if not e.is_real:
            by_stage[(e.stage, e.country in HOME_CN)].append(e)
    for (stage, cn_home), evs in sorted(by_stage.items()):
        if stage in LADDER_CN:
            ladder = LADDER_CN[stage] if cn_home else LADDER_CB[stage]
            weights = (LADDER_W_CN if cn_home else LADDER_W_CB)[stage]
            evs.sort(key=lambda e: math.log(max(e.cny or e.true_cny, 1e5)) + rng.gauss(0, 0.5))
            cum, acc = [], 0.0
            for wgt in weights:
                acc += wgt / sum(weights)
                cum.append(acc)
            for i, e in enumerate(evs):
                q = (i + 0.5) / len(evs)
                k = next(ix for ix, c in enumerate(cum) if q <= c + 1e-9)
                set_round(e, ladder[k], cn_home)
        else:
            for e in evs:
                amount = e.cny or e.true_cny
                if stage == "strategic":
                    r = "战略投资" if cn_home else "corporate_round"
                elif stage == "debt":
                    r = "债权融资" if cn_home else ("convertible_note" if rng.random() < 0.15 else "debt_financing")
                elif cn_home:
                    r = rng.choice(["IPO上市后", "新三板定增"]) if amount >= 1 * YI and rng.random() < 0.3 else "不明确"
                else:
                    r = "post_ipo_equity" if amount >= 3 * YI and rng.random() < 0.4 else \
                        ("undisclosed" if rng.random() < 0.2 else "series_unknown")
                set_round(e, r, cn_home)
                if stage == "strategic" and cn_home and rng.random() < 0.06:
                    e.round_cb = "series_unknown"  # the other database does not know it is strategic


def set_round(e: Event, r: str, cn_home: bool) -> None:
    if cn_home:
        e.round_cn, e.round_cb = r, vocab.CN_TO_CB[r]
    else:
        e.round_cb, e.round_cn = r, CB_TO_CN[r]


def fix_ladders(world: World) -> None:
    """A company's rounds of one stage group climb the ladder in time (A轮 before A+轮 …)."""
    for co in world.companies:
        if co.is_real or len(co.events) < 2:
            continue
        cn_home = co.country in HOME_CN
        by: dict[str, list[Event]] = defaultdict(list)
        for e in co.events:
            if e.stage in LADDER_CN:
                by[e.stage].append(e)
        for stage, evs in by.items():
            if len(evs) < 2 or any(e.pair for e in evs):
                continue
            ladder = LADDER_CN[stage] if cn_home else LADDER_CB[stage]
            idx = sorted(ladder.index(e.round_cn if cn_home else e.round_cb) for e in evs)
            for k in range(1, len(idx)):
                if idx[k] <= idx[k - 1] and idx[k - 1] + 1 < len(ladder):
                    idx[k] = idx[k - 1] + 1
            for e, k in zip(sorted(evs, key=lambda e: e.date), idx):
                set_round(e, ladder[k], cn_home)
