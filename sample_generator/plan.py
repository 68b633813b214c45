"""The world's plan (steps 2 and 3): the synthetic AI deals per year × country group × segment /
sub-segment that meet the calibration budgets (calibration.py), their mega deals, sources, amount
status and provisional amounts."""

from __future__ import annotations

import math
from collections import defaultdict

from sample_generator import calibration as cal
from sample_generator import geo, vocab
from sample_generator.amounts import fuzzy_form
from sample_generator.fitting import largest_remainder, rescale, scale_with_floor, wchoice
from sample_generator.model import GROUPS, YI, Event, World
from sample_generator.sources import report_sources


def plan_synthetic(world: World) -> None:
    """Add the synthetic AI deals of 2023, 2024 and 2025 Q1 to the world (no companies yet)."""
    small = min(1.0, world.scale)
    real = [e for e in world.events if e.is_real]
    for year in (2023, 2024, 2025):
        slots, mega_sum = _mega_slots(year, real)
        cells_by_group = {g: _group_cells(year, g, real, small) for g in GROUPS}
        assigned = _mega_amounts(world, year, slots, mega_sum, cells_by_group)
        planned = {}
        for g in GROUPS:
            cells, n_d, n_u = cells_by_group[g]
            planned[g] = (cells, _plan_group(world, year, g, cells, n_d, n_u,
                                             {(s[1], s[2]): v for s, v in assigned.items() if s[0] == g}))
        _settle_megas(world, year, planned, mega_sum)
        for g in GROUPS:
            cells, cell_events = planned[g]
            for cell in sorted(cell_events, key=lambda c: (c[0], str(c[1]))):
                _cell_amounts(world, year, cell_events[cell], cells.get(cell, 0.0) * YI)
                world.events += cell_events[cell]


def _mega_slots(year: int, real: list[Event]) -> tuple[list[tuple], float]:
    """The mega-deal cells of the year (one entry per deal) and the synthetic mega total (亿元)."""
    slots = []
    for g, seg, sub, n in cal.MEGA_CELLS[year]:
        slots += [(g, seg, sub)] * n
    if year == 2024:
        real_mega = sum(e.cny for e in real if e.year == 2024 and e.is_mega) / YI
        mega_sum = cal.MEGA_2024_TOTAL - real_mega
    else:
        mega_sum = cal.MEGA_SUM[year]
    return slots, mega_sum


def _group_cells(year: int, g: str, real: list[Event], small: float) -> tuple[dict, int, int]:
    """(budget per cell in 亿元, deals with an amount, undisclosed deals) of one country group."""
    total = cal.YEAR_TOTAL[year] * cal.COUNTRY_SHARE[year][g]
    real_g = [e for e in real if e.year == year and e.group == g]
    synth = total - sum(e.cny for e in real_g) / YI
    n_d = max(1, round((round(total / cal.MEAN_DISCLOSED[year][g]) - len(real_g)) * small))
    n_u = max(0, round(cal.UNDISCLOSED[year][g] * small))
    budget = cal.BUDGET[year][g]
    factor = total if cal.BUDGET_IS_SHARE[year] else 1.0
    cells: dict[tuple[str, str | None], float] = {("technology", None): budget["technology"] * factor}
    for seg in ("infrastructure", "application"):
        for sub, v in budget[seg].items():
            cells[(seg, sub)] = v * factor
    cells[("aigc", None)] = synth - sum(cells.values())
    return cells, n_d, n_u


def _mega_amounts(world: World, year: int, slots: list[tuple], mega_sum: float, cells_by_group: dict) -> dict:
    """Mega amounts per cell: a share of the cell's budget (more in AIGC), scaled so the year's
    mega total holds (R5/R6), at least 10.3 亿 per deal; split inside the cell with random weights
    (a heavy tail in 2023)."""
    rng = world.rng
    per_cell: dict[tuple, int] = defaultdict(int)
    for sl in slots:
        per_cell[sl] += 1
    cap = {c: cells_by_group[c[0]][0][(c[1], c[2])] * (0.85 if c[1] == "aigc" else 0.6) for c in per_cell}
    lo, hi = 0.0, 5.0
    for _ in range(80):
        k = (lo + hi) / 2
        tot = sum(min(0.92 * cap[c] / (0.85 if c[1] == "aigc" else 0.6), max(k * cap[c], 10.3 * n))
                  for c, n in per_cell.items())
        lo, hi = (k, hi) if tot < mega_sum else (lo, k)
    assigned: dict[tuple, list[float]] = {}
    for c in sorted(per_cell, key=lambda c: (c[0], c[1], str(c[2]))):
        n = per_cell[c]
        budget_ = cells_by_group[c[0]][0][(c[1], c[2])]
        cell_total = min(0.92 * budget_, max(lo * cap[c], 10.3 * n))
        if year == 2023:
            w = [rng.uniform(0.06, 1.0) ** -0.8 for _ in range(n)]
        else:
            w = [rng.uniform(1.0, 2.2) for _ in range(n)]
        assigned[c] = sorted(scale_with_floor(w, cell_total, 10.3), reverse=True)
        if cell_total < 10.3 * n:
            world.warnings.append(f"{year}: mega deals do not fit the budget of {c}")
    return assigned


def _settle_megas(world: World, year: int, planned: dict, mega_sum: float) -> None:
    """Mega deals: sources first; one known only by a fuzzy amount takes its rule value and the
    other mega deals of the year are rescaled so the year's mega total holds (R5/R6)."""
    rng = world.rng
    megas = [e for g in GROUPS for evs in planned[g][1].values() for e in evs if e.is_mega]
    for e in megas:
        e.true_cny = e.cny
        report_sources(rng, e)
    fixed = 0.0
    for e in megas:
        if e.status == "estimated":
            rate = world.fx.plan(year, e.cn_ccy)
            e.cn_form = fuzzy_form(rng, e.true_cny / rate, mega=True)
            e.cny = vocab.fuzzy_value(e.cn_form) * rate
            fixed += e.cny
    others = [e for e in megas if e.status != "estimated"]
    if others:
        new = scale_with_floor([e.cny for e in others], mega_sum * YI - fixed, 10.3 * YI)
        for e, v in zip(others, new):
            e.cny = e.true_cny = v


def _plan_group(world: World, year, g, cells, n_d, n_u, megas) -> dict:
    """The deals of one year × country group: counts per cell (segment / sub-segment), the
    mega deals placed, undisclosed deals drawn, and the country of each deal."""
    rng = world.rng
    n_all = n_d + n_u
    seg_w = dict(cal.COUNT_SEGMENT[g])
    fixed_infra = cal.CN_INFRA_COUNTS.get(year) if g == "CN" else None
    if fixed_infra and world.scale >= 1:
        n_infra = sum(fixed_infra.values())
        seg_w.pop("infrastructure")
        seg_n = largest_remainder(n_all - n_infra, seg_w)
        seg_n["infrastructure"] = n_infra
    else:
        seg_n = largest_remainder(n_all, seg_w)
    cell_n: dict[tuple, int] = {}
    for seg, n in seg_n.items():
        if seg in ("aigc", "technology"):
            cell_n[(seg, None)] = n
        elif seg == "infrastructure" and fixed_infra and world.scale >= 1:
            for sub, k in fixed_infra.items():
                cell_n[(seg, sub)] = k
        else:
            wkey = "application_CN" if (seg == "application" and g == "CN") else seg
            for sub, k in largest_remainder(n, cal.COUNT_SUB[wkey]).items():
                cell_n[(seg, sub)] = k
    # every cell gets enough deals with an amount for its budget (MAX_CELL_MEAN), plus its megas;
    # the extra deals are taken from the cells with most slack, so the group's count holds
    need: dict[tuple, int] = {}
    for cell, b in cells.items():
        rest = max(0.0, b - sum(megas.get(cell, [])))
        need[cell] = len(megas.get(cell, [])) + (max(1, math.ceil(rest * small_need(world.scale) / cal.MAX_CELL_MEAN[g]))
                                                 if b > 0 else 0)
    locked = {c for c in cell_n if fixed_infra and world.scale >= 1 and c[0] == "infrastructure"}
    for cell in locked:
        need[cell] = min(need.get(cell, 0), cell_n[cell])
    for cell, k in need.items():
        if cell_n.get(cell, 0) < k:
            extra = k - cell_n.get(cell, 0)
            cell_n[cell] = k
            for _ in range(extra):
                donor = max((c for c in cell_n if c not in locked and cell_n[c] - need.get(c, 0) > 1),
                            key=lambda c: (cell_n[c] - need.get(c, 0), str(c)), default=None)
                if donor is None:
                    break
                cell_n[donor] -= 1
    cell_events: dict[tuple, list[Event]] = {}
    pool = []
    keep = set()
    for cell in sorted(cell_n, key=lambda c: (c[0], str(c[1]))):
        evs = []
        for i in range(cell_n[cell]):
            ev = Event()
            ev.year, ev.group = year, g
            ev.segment = cell[0]
            ev.sub = cell[1] or wchoice(rng, cal.COUNT_SUB[cell[0]])
            evs.append(ev)
        n_m = len(megas.get(cell, []))
        for ev, amount in zip(evs, megas.get(cell, [])):
            ev.is_mega, ev.cny = True, amount * YI
        cell_events[cell] = evs
        pool += evs[n_m:]
        keep.update(id(e) for e in evs[n_m:need.get(cell, 0)])
    # undisclosed: random deals, keeping the deals with an amount each budget cell needs
    cand = [e for e in pool if id(e) not in keep]
    rng.shuffle(cand)
    for e in cand[:n_u]:
        e.disclosed = False
    # country of each deal
    for evs in cell_events.values():
        for ev in evs:
            if g == "US":
                c = "US"
            elif g == "CN":
                c = "HK" if rng.random() < 0.07 else "CN"
            else:
                c = wchoice(rng, {**geo.OTHER_WEIGHTS, "TW": 2})
            ev.country = c
    return cell_events


def _cell_amounts(world: World, year, evs: list[Event], budget: float) -> None:
    """The amounts of one cell's deals: lognormal shares of the budget left after its mega
    deals; estimated amounts are fixed by their fuzzy form, exact ones fill the budget."""
    rng = world.rng
    megas = [e for e in evs if e.is_mega]
    rest = [e for e in evs if not e.is_mega]
    B = budget - sum(e.cny for e in megas)
    disclosed = [e for e in rest if e.disclosed]
    n = len(disclosed)
    w = [rng.lognormvariate(0, 1.0) for _ in disclosed]
    sw = sum(w) or 1.0
    for e, wi in zip(disclosed, w):
        e.true_cny = min(9.5 * YI, max(3e5, B * wi / sw)) if B > 0 else 3e5 * (1 + wi)
    for e in rest:
        if not e.disclosed:
            e.true_cny = min(9.5 * YI, max(3e5, (B / max(n, 1)) * rng.lognormvariate(-0.7, 1.0))) if B > 0 else 5e5
    # sources and amount status (mega deals have theirs already)
    for e in rest:
        report_sources(rng, e)
    # estimated amounts are fixed by their fuzzy form; exact ones fill the budget
    fixed = 0.0
    exact = []
    for e in disclosed:
        if e.status == "estimated":
            rate = world.fx.plan(year, e.cn_ccy)
            e.cn_form = fuzzy_form(rng, e.true_cny / rate)
            e.cny = vocab.fuzzy_value(e.cn_form) * rate
            fixed += e.cny
        else:
            exact.append(e)
    target = B - fixed
    if exact:
        rescale(exact, target, 1e5, 9.5 * YI)
    elif abs(target) > 0.05 * max(budget, 1):
        world.warnings.append(f"{year} {evs[0].group} {evs[0].segment}/{evs[0].sub}: no exact deal to absorb {target / YI:.2f} 亿")
    for e in exact:
        e.true_cny = e.cny
    for e in rest:
        if not e.disclosed:
            e.cny = 0.0


def small_need(scale: float) -> float:
    return min(1.0, scale)
