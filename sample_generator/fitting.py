"""Small numeric helpers of the plan: integer splits, weighted draws, and scaling or swapping a
set of amounts until a total holds (bisection / greedy swaps, deterministic for one RNG)."""

from __future__ import annotations

import math
import random

from sample_generator.model import YI, Event


def largest_remainder(total: int, weights: dict) -> dict:
    keys = list(weights)
    s = sum(weights.values()) or 1.0
    raw = {k: total * weights[k] / s for k in keys}
    out = {k: int(math.floor(raw[k])) for k in keys}
    rest = total - sum(out.values())
    for k in sorted(keys, key=lambda k: (-(raw[k] - out[k]), str(k)))[:rest]:
        out[k] += 1
    return out


def wchoice(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def scale_with_floor(w: list[float], total: float, floor: float) -> list[float]:
    lo, hi = 0.0, total / max(min(w), 1e-9)
    for _ in range(100):
        k = (lo + hi) / 2
        s = sum(max(floor, x * k) for x in w)
        if s > total:
            hi = k
        else:
            lo = k
    return [max(floor, x * lo) for x in w]


def rescale(evs: list[Event], target: float, floor: float, cap: float) -> None:
    base = [max(e.true_cny, 1.0) for e in evs]
    if target <= floor * len(evs):
        for e in evs:
            e.cny = floor
        return
    lo, hi = 0.0, target / min(base) + 1
    for _ in range(100):
        k = (lo + hi) / 2
        s = sum(min(cap, max(floor, b * k)) for b in base)
        if s > target:
            hi = k
        else:
            lo = k
    for e, b in zip(evs, base):
        e.cny = min(cap, max(floor, b * lo))


def fit_subset(rng: random.Random, chosen: list[Event], rest: list[Event], target: float) -> None:
    """Swap events between `chosen` and `rest` until sum(chosen.cny) is near target."""
    if not chosen or not rest:
        return
    cur = sum(e.cny for e in chosen)
    big_rest = sorted(range(len(rest)), key=lambda i: -rest[i].cny)
    for it in range(20000):
        diff = target - cur
        if abs(diff) < 0.002 * max(abs(target), YI):
            break
        i = rng.randrange(len(chosen))
        if diff > 0 and it % 3 == 0:
            j = big_rest[rng.randrange(min(len(rest), 80))]
        else:
            j = rng.randrange(len(rest))
        new = cur - chosen[i].cny + rest[j].cny
        if abs(target - new) < abs(diff):
            chosen[i], rest[j] = rest[j], chosen[i]
            cur = new
            big_rest = sorted(range(len(rest)), key=lambda i2: -rest[i2].cny) if it % 50 == 0 else big_rest
