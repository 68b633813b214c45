"""Dates: the day of each synthetic deal (month weights, then swaps so the R4 / R23 windows meet
their amounts, step 4), the date of each record (step 8) and the 融资时间 text forms."""

from __future__ import annotations

import datetime as dt
import random

from sample_generator import calibration as cal
from sample_generator.fitting import wchoice
from sample_generator.model import WINDOW_END, WINDOW_START, YI, Event, World
from sample_generator.sources import date_source


def assign_dates(world: World) -> None:
    rng = world.rng
    for year in (2023, 2024, 2025):
        synth = [e for e in world.events if not e.is_real and e.year == year]
        months = list(range(1, 13)) if year < 2025 else [1, 2, 3]
        mw = {m: cal.MONTH_COUNT_WEIGHT[m] for m in months}
        for e in synth:
            m = wchoice(rng, mw)
            last = (dt.date(year + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
            if year == 2025 and m == 3:
                last = 23
            e.date = dt.date(year, m, rng.randint(1, last))
        windows = []
        for (m1, d1), (m2, d2), target in cal.WINDOWS[year]:
            start, end = dt.date(year, m1, d1), dt.date(year, m2, d2)
            real_amt = sum(e.cny for e in world.events if e.is_real and start <= e.date <= end)
            windows.append((start, end, None if target is None else target * YI - real_amt))
        if len(windows) > 1:
            _fit_windows(world, synth, windows)


def _fit_windows(world: World, evs: list[Event], windows) -> None:
    rng = world.rng
    def win(e):
        for i, (s, t, _) in enumerate(windows):
            if s <= e.date <= t:
                return i
        raise AssertionError(e.date)
    members = [[] for _ in windows]
    for e in evs:
        members[win(e)].append(e)
    cur = [sum(e.cny for e in m) for m in members]
    tgt = [t for _, _, t in windows]
    free = [i for i, t in enumerate(tgt) if t is None][0]
    def dev(c):
        return sum(abs(c[i] - tgt[i]) for i in range(len(c)) if tgt[i] is not None)
    for _ in range(40000):
        d0 = dev(cur)
        if d0 < 0.002 * YI:
            break
        i = max((k for k in range(len(cur)) if tgt[k] is not None), key=lambda k: abs(cur[k] - tgt[k]))
        j = free if rng.random() < 0.7 else rng.randrange(len(cur))
        if i == j or not members[i] or not members[j]:
            continue
        a = rng.choice(members[i])
        b = rng.choice(members[j])
        c2 = list(cur)
        c2[i] += b.cny - a.cny
        c2[j] += a.cny - b.cny
        if dev(c2) < d0:
            a.date, b.date = b.date, a.date
            members[i].remove(a)
            members[j].remove(b)
            members[i].append(b)
            members[j].append(a)
            cur = c2
    for i, t in enumerate(tgt):
        if t is not None and abs(cur[i] - t) > 0.01 * abs(t) + 0.5 * YI:
            world.warnings.append(f"window {windows[i][0]}..{windows[i][1]} off by {(cur[i] - t) / YI:.1f} 亿")


def source_dates(rng: random.Random, e: Event) -> None:
    """The date of each record: the surviving (date_source) record carries the truth date, the
    other one is off by a few days, within the deal's month when its amount survives."""
    for src in ("cn_export", "crunchbase"):
        present = e.in_cn if src == "cn_export" else e.in_cb
        if not present:
            continue
        if src == date_source(e):
            d = e.date
        else:
            r = rng.random()
            off = 0 if r < 0.35 else (rng.choice([-3, -2, -1, 1, 2, 3]) if r < 0.7 else rng.randint(4, 12))
            d = min(WINDOW_END, max(WINDOW_START, e.date + dt.timedelta(days=off)))
            if src == e.primary and (d.year, d.month) != (e.date.year, e.date.month):
                # the amount's record converts in the deal's month either way (one rate)
                d2 = e.date - dt.timedelta(days=off)
                d = d2 if (d2.year, d2.month) == (e.date.year, e.date.month) else e.date
        if src == "cn_export":
            e.cn_date = d
        else:
            e.cb_date = d


def date_forms(world: World) -> None:
    """The 融资时间 text of each cn record (one form per record, identical in every export)."""
    rng = world.rng
    for e in world.events:
        if not e.in_cn:
            continue
        d = e.cn_date
        r = rng.random()
        only_cn = not e.in_cb and e.primary == "cn_export"
        if only_cn and r < 0.05 and d.month != 3 and not e.is_real:
            e.cn_date_text = f"{d.year:04d}-{d.month:02d}"
            e.date = e.cn_date = d.replace(day=1)
            e.date_precision = "month"
        elif r < 0.10:
            e.cn_date_text = f"{d.year}/{d.month}/{d.day}"
        elif r < 0.15:
            e.cn_date_text = f"{d.year:04d}.{d.month:02d}.{d.day:02d}"
        elif r < 0.20:
            e.cn_date_text = f"{d.year}年{d.month}月{d.day}日"
        else:
            e.cn_date_text = d.isoformat()
