"""Build the sample world: companies and financing events (the truth), before any rendering.

Order of the steps (each uses one RNG stream derived from the seed, and only sorted iteration):

  1. real deals (fixed amounts and dates)
  2. plan the synthetic AI deals per year × country group × segment / sub-segment (calibration.py)
  3. mega deals, provisional amounts, sources and amount status, fuzzy forms, exact amounts
     scaled so each cell meets its budget
  4. dates (month weights, then swaps so R4 / R23 windows meet their amounts)
  5. stage groups (R9 / R10 counts and strategic amount), round types, A → A+ pairs
  6. companies (grouping of events), names, places, texts (checked against vocab.classify)
  7. investors and state capital (R19)
  8. currencies, nice amounts, per-source dates and texts
  9. excluded rounds (M&A / IPO), non-AI companies and rounds, '-' companies, unicorns
 10. the other forms of cn_export amounts (own RNG stream; every rewrite keeps the truth)
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict

from sample_generator import calibration as cal
from sample_generator import geo, real_deals, vocab
from sample_generator.model import Company, Event
from sample_generator.names import NameBook

YI = 100_000_000.0
WINDOW_START = dt.date(2023, 1, 1)
WINDOW_END = dt.date(2025, 3, 23)
GROUPS = ("US", "CN", "other")
HOME_CN = ("CN", "HK", "TW")
RANK = {"early": 0, "growth": 1, "late": 2}
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


class FX:
    """Monthly CNY-per-unit rates, exactly as written to reference/fx_rates.csv."""

    def __init__(self, rows: list[tuple[str, str, float]]):
        self.rows = [(m, c, f"{r:.6f}") for m, c, r in rows]
        self.rate = {(m, c): float(s) for m, c, s in self.rows}
        acc: dict[tuple[int, str], list[float]] = defaultdict(list)
        for (m, c), r in self.rate.items():
            acc[(int(m[:4]), c)].append(r)
        self.year_avg = {k: sum(v) / len(v) for k, v in acc.items()}

    def at(self, d: dt.date, ccy: str) -> float:
        return self.rate[(f"{d.year:04d}-{d.month:02d}", ccy)]

    def plan(self, year: int, ccy: str) -> float:
        return self.year_avg[(year, ccy)]


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


def nice(x: float) -> float:
    """Round an amount the way databases show it (3 significant digits, at least whole 万)."""
    if x <= 0:
        return 0.0
    if x >= 1e8:
        q = 1e6
    elif x >= 1e7:
        q = 1e5
    elif x >= 1e6:
        q = 1e5
    else:
        q = 1e4
    return max(q, round(x / q) * q)


def fuzzy_form(rng: random.Random, amount: float, mega: bool = False) -> str:
    """A fuzzy quantity (read by the seed fuzzy_amount_rules) describing `amount` (in currency units)."""
    if amount < 1e6:
        return "数十万"
    if amount < 1e7:
        return "数百万"
    if amount < 7e7:
        return "数千万"
    if amount < 1e8:
        return "近亿" if rng.random() < 0.5 else "数千万"
    if amount < 2e8:
        return rng.choice(["超亿", "亿元及以上", "超亿"]) if amount < 1.6e8 else "近2亿"
    if amount < 1e9:
        n = int(amount // 1e8)
        r = rng.random()
        if r < 0.4:
            return "数亿"
        if r < 0.65:
            return f"超{n}亿"
        if r < 0.85:
            return f"{n}亿以上"
        return f"近{min(n + 1, 9)}亿"
    if mega:
        return rng.choice(["数十亿", "超10亿", "10亿以上"])
    return "数亿"


class World:
    def __init__(self, seed: int, scale: float = 1.0, fx_rows=None):
        from pipeline.ingest.fx import ecb_monthly_rates

        self.seed = seed
        self.scale = scale
        self.fx = FX(fx_rows if fx_rows is not None else ecb_monthly_rates("2022-01", "2025-12"))
        self.rng = random.Random(f"ai-deals-sample:{seed}:core")
        self.names = NameBook(random.Random(f"ai-deals-sample:{seed}:names"))
        self.companies: list[Company] = []
        self.events: list[Event] = []
        self.warnings: list[str] = []
        self._ckey = 0
        self.bad_rows: list[dict] = []

    # ------------------------------------------------------------------ helpers
    def new_company(self) -> Company:
        self._ckey += 1
        co = Company(f"C{self._ckey:06d}")
        self.companies.append(co)
        return co

    def rand_date(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    # ------------------------------------------------------------------ 1. real deals
    def add_real(self) -> None:
        by_key: dict[str, Company] = {}
        for d in real_deals.load():
            rc = d.company
            co = by_key.get(rc.key)
            if co is None:
                co = Company(rc.key)
                self.companies.append(co)
                by_key[rc.key] = co
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
                self.names.reserve(co.cn_name, co.cb_name, co.name_zh)
            ev = Event()
            ev.is_real, ev.real, ev.company = True, d, co
            co.events.append(ev)
            ev.date = dt.date.fromisoformat(d.announced_on)
            ev.year, ev.group = ev.date.year, co.group
            ev.segment, ev.sub = d.segment, d.sub_segment
            ev.currency, ev.orig = d.currency, float(d.amount)
            ev.cny = ev.true_cny = ev.orig * self.fx.at(ev.date, ev.currency)
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
            self.events.append(ev)
        for co in by_key.values():
            co.in_cn = any(e.in_cn for e in co.events)
            co.in_cb = any(e.in_cb for e in co.events) or bool(co.cb_name and co.unicorn_joined)
        for ru in real_deals.UNICORN_ONLY:
            co = Company(ru.key)
            self.companies.append(co)
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
            self.names.reserve(ru.name)

    # ------------------------------------------------------------------ 2./3. plan and amounts
    def plan_synthetic(self) -> None:
        rng = self.rng
        small = min(1.0, self.scale)
        real = [e for e in self.events if e.is_real]
        for year in (2023, 2024, 2025):
            # mega amounts of the year
            slots = []
            for g, seg, sub, n in cal.MEGA_CELLS[year]:
                slots += [(g, seg, sub)] * n
            if year == 2024:
                real_mega = sum(e.cny for e in real if e.year == 2024 and e.is_mega) / YI
                mega_sum = cal.MEGA_2024_TOTAL - real_mega
            else:
                mega_sum = cal.MEGA_SUM[year]
            cells_by_group = {}
            for g in GROUPS:
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
                cells_by_group[g] = (cells, n_d, n_u)
            # mega amounts per cell: a share of the cell's budget (more in AIGC), scaled so the
            # year's mega total holds (R5/R6), at least 10.3 亿 per deal; split inside the cell
            # with random weights (a heavy tail in 2023)
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
                assigned[c] = sorted(_scale_with_floor(w, cell_total, 10.3), reverse=True)
                if cell_total < 10.3 * n:
                    self.warnings.append(f"{year}: mega deals do not fit the budget of {c}")
            planned = {}
            for g in GROUPS:
                cells, n_d, n_u = cells_by_group[g]
                planned[g] = (cells, self._plan_group(year, g, cells, n_d, n_u,
                                                      {(s[1], s[2]): v for s, v in assigned.items() if s[0] == g}))
            # mega deals: sources first; one known only by a fuzzy amount takes its rule value and
            # the other mega deals of the year are rescaled so the year's mega total holds (R5/R6)
            megas = [e for g in GROUPS for evs in planned[g][1].values() for e in evs if e.is_mega]
            for e in megas:
                e.true_cny = e.cny
                self._sources(e)
            fixed = 0.0
            for e in megas:
                if e.status == "estimated":
                    rate = self.fx.plan(year, e.cn_ccy)
                    e.cn_form = fuzzy_form(rng, e.true_cny / rate, mega=True)
                    e.cny = vocab.fuzzy_value(e.cn_form) * rate
                    fixed += e.cny
            others = [e for e in megas if e.status != "estimated"]
            if others:
                new = _scale_with_floor([e.cny for e in others], mega_sum * YI - fixed, 10.3 * YI)
                for e, v in zip(others, new):
                    e.cny = e.true_cny = v
            for g in GROUPS:
                cells, cell_events = planned[g]
                for cell in sorted(cell_events, key=lambda c: (c[0], str(c[1]))):
                    self._amounts(year, cell_events[cell], cells.get(cell, 0.0) * YI)
                    self.events += cell_events[cell]

    def _plan_group(self, year, g, cells, n_d, n_u, megas) -> dict:
        rng = self.rng
        n_all = n_d + n_u
        seg_w = dict(cal.COUNT_SEGMENT[g])
        fixed_infra = cal.CN_INFRA_COUNTS.get(year) if g == "CN" else None
        if fixed_infra and self.scale >= 1:
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
            elif seg == "infrastructure" and fixed_infra and self.scale >= 1:
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
            need[cell] = len(megas.get(cell, [])) + (max(1, math.ceil(rest * small_need(self.scale) / cal.MAX_CELL_MEAN[g]))
                                                     if b > 0 else 0)
        locked = {c for c in cell_n if fixed_infra and self.scale >= 1 and c[0] == "infrastructure"}
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

    def _amounts(self, year, evs: list[Event], budget: float) -> None:
        rng = self.rng
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
            self._sources(e)
        # estimated amounts are fixed by their fuzzy form; exact ones fill the budget
        fixed = 0.0
        exact = []
        for e in disclosed:
            if e.status == "estimated":
                rate = self.fx.plan(year, e.cn_ccy)
                e.cn_form = fuzzy_form(rng, e.true_cny / rate)
                e.cny = vocab.fuzzy_value(e.cn_form) * rate
                fixed += e.cny
            else:
                exact.append(e)
        target = B - fixed
        if exact:
            _rescale(exact, target, 1e5, 9.5 * YI)
        elif abs(target) > 0.05 * max(budget, 1):
            self.warnings.append(f"{year} {evs[0].group} {evs[0].segment}/{evs[0].sub}: no exact deal to absorb {target / YI:.2f} 亿")
        for e in exact:
            e.true_cny = e.cny
        for e in rest:
            if not e.disclosed:
                e.cny = 0.0

    def _sources(self, e: Event) -> None:
        """Which sources report the deal and with which amount status."""
        rng = self.rng
        country = e.country
        big = e.true_cny >= 1 * YI
        huge = e.true_cny >= 5 * YI
        if country in HOME_CN:
            e.in_cn = True
            p_cb = 0.95 if e.is_mega else (0.22 + 0.45 * big + (0.25 if country == "TW" else 0))
            e.in_cb = rng.random() < p_cb
            ccy = {"CN": "CNY", "HK": "HKD", "TW": "USD"}[country]
            if country == "CN" and rng.random() < (0.35 if big else 0.1):
                ccy = "USD"
            if country == "HK" and rng.random() < 0.4:
                ccy = rng.choice(["USD", "CNY"])
            if not e.disclosed:
                e.cn_status, e.cb_status = "undisclosed", "undisclosed" if e.in_cb else ""
            else:
                est_p = (0.3 if ccy == "CNY" and e.segment == "aigc" else 0.0) if e.is_mega else 0.45
                e.cn_status = "estimated" if rng.random() < est_p else "exact"
                if e.in_cb:
                    e.cb_status = "exact" if rng.random() < (0.6 if e.cn_status == "exact" else 0.55) else "undisclosed"
                if e.is_mega and e.cn_status == "estimated" and not (e.in_cb and e.cb_status == "exact"):
                    pass  # a mega deal known only by '数十亿' etc.: its amount is the rule value
            e.currency = ccy
        else:
            e.in_cb = True
            p_cn = 0.9 if e.is_mega else (0.05 + 0.45 * huge + 0.05 * big)
            if country == "US":
                p_cn += 0.03
            e.in_cn = rng.random() < p_cn
            local = geo.COUNTRIES[country].currency
            ccy = local if (country == "US" or rng.random() < 0.6) else "USD"
            e.currency = ccy
            if not e.disclosed:
                e.cb_status, e.cn_status = "undisclosed", "undisclosed" if e.in_cn else ""
            else:
                e.cb_status = "exact"
                if e.in_cn:
                    r = rng.random()
                    e.cn_status = "exact" if r < 0.55 else ("estimated" if r < 0.9 else "undisclosed")
        # status of the event = the best record; estimated events keep their fuzzy currency
        if e.cn_status == "exact" or e.cb_status == "exact":
            e.status = "exact"
        elif e.cn_status == "estimated":
            e.status = "estimated"
        else:
            e.status = "undisclosed"
        if e.cn_status == "estimated":
            cn_ccy = e.currency if e.currency in vocab.CN_CURRENCY else "USD"
            if country in HOME_CN and e.currency == "HKD":
                cn_ccy = "HKD"
        else:
            cn_ccy = e.currency if e.currency in vocab.CN_CURRENCY else "USD"
        e.cn_ccy = cn_ccy

    # ------------------------------------------------------------------ 4. dates
    def assign_dates(self) -> None:
        rng = self.rng
        for year in (2023, 2024, 2025):
            synth = [e for e in self.events if not e.is_real and e.year == year]
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
                real_amt = sum(e.cny for e in self.events if e.is_real and start <= e.date <= end)
                windows.append((start, end, None if target is None else target * YI - real_amt))
            if len(windows) > 1:
                self._fit_windows(synth, windows)

    def _fit_windows(self, evs: list[Event], windows) -> None:
        rng = self.rng
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
                self.warnings.append(f"window {windows[i][0]}..{windows[i][1]} off by {(cur[i] - t) / YI:.1f} 亿")

    # ------------------------------------------------------------------ 5. stages and rounds
    def assign_stages(self) -> None:
        rng = self.rng
        for year in (2023, 2024, 2025):
            evs = [e for e in self.events if e.year == year]
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
            _fit_subset(rng, chosen, rest, s_target)
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

    def assign_rounds(self) -> None:
        """Round type of each synthetic deal: its stage group's ladder, bigger deals higher up
        (fix_ladders then orders each company's rounds in time)."""
        rng = self.rng
        by_stage: dict[tuple[str, bool], list[Event]] = defaultdict(list)
        for e in self.events:
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
                    self._set_round(e, ladder[k], cn_home)
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
                    self._set_round(e, r, cn_home)
                    if stage == "strategic" and cn_home and rng.random() < 0.06:
                        e.round_cb = "series_unknown"  # the other database does not know it is strategic

    @staticmethod
    def _set_round(e: Event, r: str, cn_home: bool) -> None:
        if cn_home:
            e.round_cn, e.round_cb = r, vocab.CN_TO_CB[r]
        else:
            e.round_cb, e.round_cn = r, CB_TO_CN[r]

    def fix_ladders(self) -> None:
        """A company's rounds of one stage group climb the ladder in time (A轮 before A+轮 …)."""
        for co in self.companies:
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
                    self._set_round(e, ladder[k], cn_home)

    # ------------------------------------------------------------------ 6. companies
    def group_companies(self) -> None:
        rng = self.rng
        synth = sorted((e for e in self.events if not e.is_real), key=lambda e: (e.date, e.cny, e.round_cn))
        buckets: dict[tuple, list[Event]] = defaultdict(list)
        for e in synth:
            buckets[(e.country, e.segment, e.sub)].append(e)
        n_pairs = 0
        for key in sorted(buckets, key=lambda k: (k[0], k[1], k[2])):
            evs = buckets[key]
            open_cos: list[Company] = []
            # A轮 then A+轮 within a month (distinct rounds, one company)
            if key[0] == "CN" and n_pairs < 16:
                early = [e for e in evs if e.stage == "early" and e.disclosed and not e.is_mega]
                for i in range(len(early) - 1):
                    a, b = early[i], early[i + 1]
                    if a.pair or b.pair or n_pairs >= 16:
                        continue
                    gap = (b.date - a.date).days
                    if 7 <= gap <= 35 and max(a.cny, b.cny) / max(min(a.cny, b.cny), 1) >= 1.7:
                        a.round_cn, b.round_cn = "A轮", "A+轮"
                        a.round_cb = b.round_cb = "series_a"
                        a.pair, b.pair = b, a
                        n_pairs += 1
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
                    co = self.new_company()
                    co.country, co.group = key[0], geo.COUNTRIES[key[0]].group
                    co.segment, co.sub = e.segment, e.sub
                    open_cos.append(co)
                co.events.append(e)
                e.company = co
                if e.pair and e.pair.company is None:
                    co.events.append(e.pair)
                    e.pair.company = co
        for co in self.companies:
            if co.is_real:
                continue
            co.events.sort(key=lambda e: e.date)
            co.in_cn = any(e.in_cn for e in co.events)
            co.in_cb = any(e.in_cb for e in co.events)
            self.describe(co)

    def describe(self, co: Company, sector: dict | None = None) -> None:
        """Names, place, founding date and the texts of a company (checked against classify)."""
        rng = self.rng
        first = co.events[0].date if co.events else dt.date(2024, 6, 1)
        co.founded = first - dt.timedelta(days=rng.randint(200, 3600))
        non_ai = sector is not None
        co.non_ai_sector = sector
        if co.country in HOME_CN:
            n = self.names.cn_company(co.sub, non_ai_suffix=sector["suf_zh"] if non_ai else None)
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
            if not self.names._claim(co.cb_name):
                for extra in ("Labs", "Group", "Co", "Technology", "Holdings", "Intelligent", "Innovation"):
                    co.name_en = co.cb_name = f"{en_brand} {extra}"
                    if self.names._claim(co.cb_name):
                        break
                else:
                    co.name_en = co.cb_name = f"{n['pinyin']} {n['gloss']}"
                    assert self.names._claim(co.cb_name), co.cb_name
            pinyin_legal = f"{place.pinyin} {n['pinyin']} {'Intelligent ' if not non_ai and rng.random() < 0.5 else ''}Technology Co., Ltd."
            if style < 0.7:
                co.cb_legal, co.aliases = pinyin_legal, (co.cn_name, "", "")
            elif style < 0.85:
                co.cb_legal, co.aliases = co.cn_legal, ("", "", "")  # matchable only by legal name
            else:
                co.cb_legal, co.aliases = pinyin_legal, (self.names.pseudo_word(), co.cn_name, "")
            co.website = f"www.{n['pinyin'].lower()}{rng.choice(['', 'ai', 'tech', 'data'] if not non_ai else ['', 'group'])}.{'cn' if rng.random() < 0.5 else 'com'}"
        else:
            co.name_en = co.cb_name = self.names.en_company(co.sub, non_ai_suffix=sector["suf_en"] if non_ai else None)
            region, city = rng.choice(geo.FOREIGN_CITIES[co.country])
            co.region, co.city = region, city
            suffix = rng.choice(geo.LEGAL_SUFFIX[co.country])
            co.cb_legal = f"{co.cb_name}{suffix}" if suffix.startswith(",") else f"{co.cb_name} {suffix}"
            co.aliases = ("", "", "")
            co.cn_place = geo.COUNTRIES[co.country].cn_place
            co.cn_address = co.cn_place.split("-")[-1] + city
            co.cn_legal = co.cb_legal
            if rng.random() < 0.1:  # cn_export writes a Chinese transliteration: matchable by legal name only
                co.cn_name = self._transliterate()
                co.name_zh = co.cn_name
            else:
                co.cn_name = co.cb_name
            co.website = f"{co.cb_name.split()[0].lower()}.{rng.choice(['com', 'ai', 'io']) if not non_ai else 'com'}"
        co.team = "" if rng.random() < 0.4 else "、".join(
            f"{self.names.person()}({role})" for role in rng.sample(["创始人&CEO", "CTO", "COO", "首席科学家", "联合创始人"], rng.randint(1, 3)))
        if non_ai:
            self._texts_non_ai(co, sector)
        else:
            self._texts_ai(co)

    def _transliterate(self) -> str:
        chars = "阿巴达瓦尔纳克斯特罗莱维奥诺菲拉米卡塔伊恩泽森比德里格蒙普索"
        for _ in range(100):
            name = "".join(self.rng.choice(chars) for _ in range(self.rng.randint(2, 4)))
            if self.names._claim(name):
                return name
        raise RuntimeError("transliteration space exhausted")

    def _texts_ai(self, co: Company) -> None:
        rng = self.rng
        gen = vocab.GEN[co.sub]
        for attempt in range(60):
            kw_zh, kw_en = rng.choice(gen["zh_kw"]), rng.choice(gen["en_kw"])
            zh = rng.choice(gen["zh"]).format(name=co.cn_name, kw=kw_zh)
            en = rng.choice(gen["en"]).format(name=co.cb_name, kw=kw_en)
            if co.segment != "application" and rng.random() < 0.3 and attempt < 40:
                _, nz, ne = rng.choice(vocab.NOISE)
                zh, en = zh + nz, en + " " + ne
            gz, ge = rng.choice(vocab.GENERIC_ZH), rng.choice(vocab.GENERIC_EN)
            zh += gz.format(city=co.city if co.country not in HOME_CN else co.cn_place.split("-")[-1])
            en = (en + " " + ge.format(city=co.city)).strip()
            ind = rng.choice(gen["cn_industry"])
            cats = list(gen["cats"][0]) + rng.sample(gen["cats"][1], rng.randint(1, min(2, len(gen["cats"][1]))))
            if rng.random() < 0.08 and len(cats) > 2 and co.sub != "other_application":
                cats = cats[1:]  # no 'Artificial Intelligence (AI)' category: the description says AI
            groups = gen["groups"]
            cn_text = f"{ind[0]} {ind[1]} {zh}"
            cb_text = f"{','.join(cats)} {en}"
            ok = all(_is(vocab.classify(t), co) for t in (cn_text, cb_text, cb_text + " " + ",".join(groups)))
            if ok:
                co.cn_industry, co.cn_desc = ind, zh
                co.cb_cats, co.cb_groups, co.cb_desc = cats, groups, en
                return
        raise AssertionError(f"no unambiguous text for {co.cn_name} {co.sub}: {cn_text} / {cb_text}")

    def _texts_non_ai(self, co: Company, sector: dict) -> None:
        co.cn_industry = sector["cn"]
        co.cn_desc = sector["zh"].format(name=co.cn_name)
        co.cb_cats = list(sector["cats"])
        co.cb_groups = list(sector["groups"])
        co.cb_desc = sector["en"].format(name=co.cb_name)
        for t in (f"{co.cn_industry[0]} {co.cn_industry[1]} {co.cn_desc}", f"{','.join(co.cb_cats)} {co.cb_desc}",
                  ",".join(co.cb_groups)):
            if vocab.classify(t).is_ai:
                raise AssertionError(f"non-AI text classifies as AI: {t}")

    # ------------------------------------------------------------------ 7. investors
    def assign_investors(self) -> None:
        rng = self.rng
        # R19: technology-layer deals of Chinese companies with state capital
        for year, n in cal.STATE_TECH_DEALS.items():
            real_n = sum(1 for e in self.events if e.is_real and e.year == year and e.segment == "technology" and e.state)
            cands = [e for e in self.events if not e.is_real and e.year == year and e.segment == "technology"
                     and e.company.country == "CN" and e.in_cn and e.stage != "excluded"]
            rng.shuffle(cands)
            for e in cands[:max(0, round((n - real_n) * min(1.0, self.scale)))]:
                e.state = True
        for e in self.events:
            if e.is_real:
                continue
            co = e.company
            if co.country == "CN" and e.segment != "technology":
                p = cal.STATE_PROB["ai_chips"] if e.sub == "ai_chips" else cal.STATE_PROB.get(e.segment, 0.07)
                e.state = rng.random() < p
            e.investors = self.make_investors(co, e)

    def make_investors(self, co: Company, e: Event) -> list[tuple[str, str, str]]:
        rng = self.rng
        big = e.cny >= 5 * YI or e.true_cny >= 5 * YI
        n = 1 + int(rng.random() * (5 if big else 3))
        out: list[tuple[str, str, str]] = []
        if co.country in HOME_CN:
            if not e.state and not big and rng.random() < 0.1:
                return []
            if e.state:
                for _ in range(rng.randint(1, 2)):
                    out.append(self.state_investor())
            for _ in range(n):
                r = rng.random()
                if r < 0.38:
                    z = rng.choice(vocab.VC_ZH)
                    out.append((z, vocab.VC_ZH_EN[z], "vc_pe"))
                elif r < 0.8:
                    out.append(self.synth_investor(zh=True))
                elif r < 0.93 or e.stage == "strategic":
                    z = rng.choice(vocab.CORPORATE_ZH)
                    out.append((z, vocab.CORPORATE_ZH_EN[z], "corporate"))
                else:
                    p = self.names.person()
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
                    out.append(self.synth_investor(zh=False))
                elif r < 0.93:
                    v = rng.choice(vocab.CORPORATE_EN)
                    out.append((v, v, "corporate"))
                else:
                    p = f"{self.names.pseudo_word()} {self.names.pseudo_word()}"
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

    def state_investor(self) -> tuple[str, str, str]:
        rng = self.rng
        if rng.random() < 0.55:
            z = rng.choice(vocab.STATE_CAPITAL_ZH)
        else:
            z = rng.choice(vocab.STATE_CAPITAL_PATTERNS).format(city=rng.choice(vocab.STATE_CAPITAL_CITIES))
        return (z, vocab.STATE_CAPITAL_EN.get(z, z), "state_capital")

    _synth_inv: list | None = None

    def synth_investor(self, zh: bool) -> tuple[str, str, str]:
        """From a fixed pool of synthetic VC firms (so firms recur across deals)."""
        if self._synth_inv is None:
            r = random.Random(f"ai-deals-sample:{self.seed}:investors")
            book = NameBook(r)
            book.used = self.names.used
            zh_pool = [book.zh_investor_pair() for _ in range(160)]
            en_pool = [book.en_investor() for _ in range(220)]
            self._synth_inv = [zh_pool, en_pool]
        if zh:
            z, en = self.rng.choice(self._synth_inv[0])
            return (z, en, "vc_pe")
        v = self.rng.choice(self._synth_inv[1])
        return (v, v, "vc_pe")

    # ------------------------------------------------------------------ 8. currencies, records
    def finalize_amounts(self) -> None:
        rng = self.rng
        fx = self.fx
        for e in self.events:
            co = e.company
            home = co.home
            if not e.is_real:
                # primary record and the currencies of both records
                assert e.status == best_status(e), (e.status, e.cn_status, e.cb_status)
                e.primary = primary_source(e)
                rate = fx.at(e.date, e.currency)
                if e.status == "exact":
                    e.orig = nice(e.cny / rate)
                    e.cny = e.orig * rate
                    e.true_cny = e.cny
                    if e.primary == "cn_export":
                        e.cn_ccy = e.currency
                        if e.cb_status == "exact":  # the same amount in Crunchbase, sometimes in USD
                            if e.currency == "USD" or rng.random() < 0.5:
                                e.cb_ccy, e.cb_amount = e.currency, e.orig
                            else:
                                e.cb_ccy, e.cb_amount = "USD", nice(e.cny / fx.at(e.date, "USD"))
                    else:
                        e.cb_ccy, e.cb_amount = e.currency, e.orig
                        if e.cn_status == "exact":
                            # same amount in cn_export, sometimes in another currency (converted)
                            if e.currency in vocab.CN_CURRENCY and rng.random() < 0.7:
                                e.cn_ccy = e.currency
                            else:
                                e.cn_ccy = "CNY" if co.country in HOME_CN and e.currency != "CNY" else "USD"
                        elif e.cn_status == "estimated":
                            e.cn_ccy = e.currency if e.currency in vocab.CN_CURRENCY else "USD"
                            e.cn_form = fuzzy_form(rng, e.cny / fx.at(e.date, e.cn_ccy), mega=e.is_mega)
                elif e.status == "estimated":
                    e.currency = e.cn_ccy
                    e.orig = vocab.fuzzy_value(e.cn_form)
                    e.cny = e.orig * fx.at(e.date, e.cn_ccy)
                    e.true_cny = max(e.true_cny, 1e5)
                else:
                    e.cny = 0.0
            else:
                if e.status == "estimated":
                    e.currency = e.cn_ccy
                    e.orig = vocab.fuzzy_value(e.cn_form)
                    e.cny = e.orig * fx.at(e.date, e.cn_ccy)
            if e.cb_status == "exact" and e.cb_ccy and not e.cb_amount:
                e.cb_amount = e.orig
            # per-source dates: the surviving (primary) record carries the truth date
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
            # cn amount text
            if e.in_cn:
                e.cn_text = cn_amount_text(rng, e, self.fx)
            e.cn_inv_sep = "、" if rng.random() < 0.15 else ","

    def date_forms(self) -> None:
        """The 融资时间 text of each cn record (one form per record, identical in every export)."""
        rng = self.rng
        for e in self.events:
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

    # ------------------------------------------------------------------ 9. the rest of the world
    def add_excluded(self, n: int) -> None:
        """M&A and IPO rows of Chinese AI companies (cn_export only): kept, not counted."""
        rng = self.rng
        cos = [c for c in self.companies if not c.is_real and c.country == "CN" and c.is_ai and c.events]
        rng.shuffle(cos)
        for co in cos[:n]:
            last = co.events[-1].date
            if last >= dt.date(2025, 1, 1):
                continue
            e = Event()
            e.company, e.group, e.segment, e.sub = co, co.group, co.segment, co.sub
            e.date = self.rand_date(last + dt.timedelta(days=60), min(WINDOW_END, last + dt.timedelta(days=400)))
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
            e.cn_text = cn_amount_text(rng, e, self.fx)
            e.investors = [(rng.choice(vocab.CORPORATE_ZH), "", "corporate")] if e.round_cn == "并购" else []
            if e.round_cn == "并购":
                co.status = "已被收购"
            co.events.append(e)
            self.events.append(e)

    def add_non_ai(self, n_cb_events: int, n_cn_only: int) -> None:
        rng = self.rng
        weights = {"US": 45, "CN": 9, "HK": 1, "GB": 8, "DE": 5, "FR": 5, "IN": 7, "IL": 3, "JP": 3, "SG": 3, "KR": 3,
                   "CA": 4, "AE": 1, "CH": 1, "SE": 1, "NL": 1}
        made = 0
        while made < n_cb_events:
            country = wchoice(rng, weights)
            k = 1 if rng.random() < 0.7 else 2
            co = self._non_ai_company(country, k, in_cb=True, in_cn=country in ("CN", "HK") and rng.random() < 0.35)
            made += len(co.events)
        for _ in range(n_cn_only):
            self._non_ai_company("CN", 1 if rng.random() < 0.75 else 2, in_cb=False, in_cn=True)

    def _non_ai_company(self, country: str, k: int, in_cb: bool, in_cn: bool) -> Company:
        rng = self.rng
        co = self.new_company()
        co.country, co.group = country, geo.COUNTRIES[country].group
        co.is_ai, co.segment, co.sub = False, "", ""
        dates = sorted(self.rand_date(WINDOW_START, WINDOW_END) for _ in range(k))
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
                e.true_cny = true_usd * self.fx.at(d, "USD")
                e.primary = primary_source(e)
            else:
                rate = self.fx.at(d, ccy)
                e.orig = nice(true_usd * self.fx.at(d, "USD") / rate)
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
                e.cn_text = cn_amount_text(rng, e, self.fx)
            co.events.append(e)
            self.events.append(e)
            e.investors = self.make_investors(co, e)
        co.in_cb, co.in_cn = in_cb, in_cn
        self.describe(co, sector=rng.choice(vocab.NON_AI))
        return co

    def add_dash_and_orgs(self, n_dash: int, n_orgs: int) -> None:
        """cn_export companies without a disclosed round ('-'), and Crunchbase organizations with no
        round in the window (all sectors)."""
        rng = self.rng
        for i in range(n_dash):
            co = self.new_company()
            co.country = "CN" if rng.random() < 0.93 else "HK"
            co.group = "CN"
            ai = rng.random() < 0.8
            if ai:
                seg = wchoice(rng, cal.COUNT_SEGMENT["CN"])
                sub = wchoice(rng, cal.COUNT_SUB["application_CN" if seg == "application" else seg])
                co.segment, co.sub = seg, sub
                self.describe(co)
            else:
                co.is_ai = False
                self.describe(co, sector=rng.choice(vocab.NON_AI))
            co.in_cn = True
            co.in_cb = rng.random() < 0.3
        for i in range(n_orgs):
            co = self.new_company()
            country = wchoice(rng, {"US": 50, "CN": 10, "GB": 8, "DE": 5, "FR": 5, "IN": 6, "IL": 4, "JP": 3, "SG": 3,
                                    "CA": 4, "KR": 2})
            co.country, co.group = country, geo.COUNTRIES[country].group
            co.in_cb = True
            if rng.random() < 0.25:
                seg = wchoice(rng, cal.COUNT_SEGMENT[co.group])
                sub = wchoice(rng, cal.COUNT_SUB["application_CN" if (seg == "application" and country == "CN") else seg])
                co.segment, co.sub = seg, sub
                self.describe(co)
            else:
                co.is_ai = False
                self.describe(co, sector=rng.choice(vocab.NON_AI))

    def add_unicorns(self) -> None:
        """The unicorn list: real unicorns (real_deals.py), 2024 joiners from synthetic companies with
        a large 2024 round (R14), other years from synthetic companies of all sectors."""
        rng = self.rng
        real_uni = [c for c in self.companies if c.is_real and c.unicorn_joined]
        for c in real_uni:
            if not c.events:
                continue  # a unicorn-list entry only: its investors are given
            invs = []
            for e in c.events:
                for t in e.investors:
                    if t[1] not in invs and t[2] != "state_capital":
                        invs.append(t[1])
            c.unicorn_investors = ", ".join(invs[:3])
        per_year = dict(cal.UNICORNS_PER_YEAR)
        used: set[str] = {c.key for c in real_uni}
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

        def candidates(y, ai, g):
            out = []
            for c in self.companies:
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

        for key in sorted(need, key=lambda k: (k[0], not k[1], k[2])):
            y, ai, g = key
            k = need[key]
            if k <= 0:
                continue
            cands = candidates(y, ai, g)
            if y in (2024, 2025):
                cands.sort(key=lambda t: -t[1].cny)
                pick = cands[:k]
            else:
                rng.shuffle(cands)
                pick = cands[:k]
            for c, ev in pick:
                used.add(c.key)
                self._make_unicorn(c, y, ev)
            for _ in range(k - len(pick)):  # companies known only as unicorns (+ their Crunchbase record)
                c = self.new_company()
                country = "US" if g == "US" else ("CN" if g == "CN" else wchoice(rng, geo.OTHER_WEIGHTS))
                c.country, c.group = country, g
                if ai:
                    seg = wchoice(rng, cal.COUNT_SEGMENT[g])
                    c.segment = seg
                    c.sub = wchoice(rng, cal.COUNT_SUB["application_CN" if (seg == "application" and g == "CN") else seg])
                    self.describe(c)
                else:
                    c.is_ai = False
                    self.describe(c, sector=rng.choice(vocab.NON_AI))
                used.add(c.key)
                self._make_unicorn(c, y, None)

    def _make_unicorn(self, c: Company, year: int, ev: Event | None) -> None:
        rng = self.rng
        if ev is not None:
            c.unicorn_joined = ev.date
            usd = ev.cny / self.fx.at(ev.date, "USD")
            c.valuation_usd = max(1.0e9, round(usd * rng.uniform(5, 12) / 1e8) * 1e8)
            ev.post_money = c.valuation_usd
        else:
            end = dt.date(year, 12, 31) if year < 2025 else dt.date(2025, 3, 23)
            c.unicorn_joined = self.rand_date(dt.date(year, 1, 1), end)
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

    # ------------------------------------------------------------------ checks and ids
    def finish(self) -> None:
        self.events.sort(key=lambda e: (e.date, e.company.key, e.round_cn, e.round_cb, e.cny))
        for i, e in enumerate(self.events, 1):
            e.id = f"E{i:06d}"
        for co in self.companies:
            co.events.sort(key=lambda e: (e.date, e.id))
            if co.is_ai:
                texts = []
                if co.in_cn:
                    texts.append(f"{co.cn_industry[0]} {co.cn_industry[1]} {co.cn_desc}")
                if co.in_cb:
                    texts += [f"{','.join(co.cb_cats)} {co.cb_desc}", f"{','.join(co.cb_cats)} {','.join(co.cb_groups)} {co.cb_desc}"]
                for t in texts:
                    assert _is(vocab.classify(t), co), (co.key, t)

    # ------------------------------------------------------------------ 10. amount forms
    def amount_forms(self) -> None:
        """The other ways real exports write 融资金额, at their rates: 未透露<currency> for most
        undisclosed rounds, synonyms of a fuzzy form with the same value (逾N亿, 过亿, N亿及以上),
        thousands separators (3,200万), and, on records whose amount does not survive (the event's
        Crunchbase amount is exact and wins), fuzzy readings of the exact amount (千万级, 超3000万,
        近3亿 …) and the company's local currency (日元, 新加坡元 …). Its own RNG stream, so the rest
        of the sample is unchanged; every rewrite keeps the truth (same value, or a record that is
        not the survivor)."""
        rng = random.Random(f"ai-deals-sample:{self.seed}:forms")
        for e in self.events:
            if e.in_cn and not e.is_real:
                e.cn_text = cn_amount_form(rng, e)


def build(seed: int, scale: float = 1.0, fx_rows=None) -> World:
    w = World(seed, scale, fx_rows)
    w.add_real()
    w.plan_synthetic()
    w.assign_dates()
    w.assign_stages()
    w.assign_rounds()
    w.group_companies()
    w.fix_ladders()
    w.assign_investors()
    w.finalize_amounts()
    w.date_forms()
    s = min(1.0, scale)
    w.add_excluded(max(2, round(30 * s)))
    w.add_non_ai(max(20, round(2600 * s)), max(5, round(120 * s)))
    w.add_dash_and_orgs(max(5, round(90 * s)), max(20, round(450 * s)))
    w.add_unicorns()
    w.finish()
    w.amount_forms()
    return w


# ---------------------------------------------------------------------------------------------
def small_need(scale: float) -> float:
    return min(1.0, scale)


def _is(c: vocab.Classification, co: Company) -> bool:
    if not co.is_ai:
        return not c.is_ai
    return c.is_ai and not c.ambiguous and c.segment == co.segment and c.sub_segment == co.sub


def _scale_with_floor(w: list[float], total: float, floor: float) -> list[float]:
    lo, hi = 0.0, total / max(min(w), 1e-9)
    for _ in range(100):
        k = (lo + hi) / 2
        s = sum(max(floor, x * k) for x in w)
        if s > total:
            hi = k
        else:
            lo = k
    return [max(floor, x * lo) for x in w]


def _rescale(evs: list[Event], target: float, floor: float, cap: float) -> None:
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


def _fit_subset(rng: random.Random, chosen: list[Event], rest: list[Event], target: float) -> None:
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


def best_status(e: Event) -> str:
    sts = (e.cn_status if e.in_cn else "", e.cb_status if e.in_cb else "")
    for st in ("exact", "estimated"):
        if st in sts:
            return st
    return "undisclosed"


def home_first(e: Event) -> tuple[str, str]:
    """Source order of the seed source_priority: cn_export first for companies of Greater China
    (CN, HK, MO, TW), crunchbase first elsewhere."""
    return ("cn_export", "crunchbase") if e.company.home == "cn_export" else ("crunchbase", "cn_export")


def primary_source(e: Event) -> str:
    """The record whose amount survives: exact > estimated > undisclosed; a tie goes to the
    company's reference source (home_first)."""
    rank = {"exact": 2, "estimated": 1, "undisclosed": 0, "": -1}
    score = {"cn_export": rank[e.cn_status] if e.in_cn else -2, "crunchbase": rank[e.cb_status] if e.in_cb else -2}
    first, second = home_first(e)
    return first if score[first] >= score[second] else second


def date_source(e: Event) -> str:
    """The record whose date survives: one that names the day (the cn_export 'YYYY-MM' form is only
    used on deals no other source has), then the reference source."""
    first, second = home_first(e)
    return first if (e.in_cn if first == "cn_export" else e.in_cb) else second


UNKNOWN_ROUNDS = ("不明确", "series_unknown", "undisclosed")


def round_source(e: Event) -> str:
    """The record whose round type survives: a known type before 不明确 / series_unknown, then the
    reference source."""
    def known(src):
        present = e.in_cn if src == "cn_export" else e.in_cb
        rnd = e.round_cn if src == "cn_export" else e.round_cb
        return (2 if rnd not in UNKNOWN_ROUNDS else 1) if present else 0
    first, second = home_first(e)
    return first if known(first) >= known(second) else second


def stage_of(e: Event) -> str:
    return vocab.STAGE_OF_CB[e.round_cb] if round_source(e) == "crunchbase" else vocab.STAGE_OF_CN[e.round_cn]


def split_cn_amount(text: str) -> tuple[str, str]:
    for ccy, zh in vocab.CN_CURRENCY.items():
        if text.endswith(zh):
            return text[: -len(zh)], ccy
    raise ValueError(text)


def investor_kind(name: str) -> str:
    if name in vocab.STATE_CAPITAL_ZH or name in vocab.STATE_CAPITAL_EN.values():
        return "state_capital"
    if name in vocab.SOVEREIGN:
        return "sovereign_fund"
    if name in vocab.CORPORATE_EN or name in vocab.CORPORATE_ZH or name in ("Alibaba", "Meituan", "Xiaohongshu", "Alphabet"):
        return "corporate"
    return "vc_pe"


def cn_quantity(x: float) -> str:
    """Exact quantity as cn_export writes it: 1.5亿, 3200万, 500000 (bare, rarely)."""
    if x >= 1e8:
        s = f"{x / 1e8:.4f}".rstrip("0").rstrip(".")
        return f"{s}亿"
    if x >= 1e4:
        s = f"{x / 1e4:.2f}".rstrip("0").rstrip(".")
        return f"{s}万"
    return f"{x:.0f}"


def cn_amount_text(rng: random.Random, e: Event, fx: FX) -> str:
    if e.cn_status == "undisclosed":
        return "未透露"
    zh = vocab.CN_CURRENCY[e.cn_ccy]
    if e.cn_status == "estimated":
        return f"{e.cn_form}{zh}"
    # exact: the primary's amount, or the other source's amount converted (nice) when currencies differ
    if e.is_real and e.real and e.cn_ccy == e.real.currency:
        q = float(e.real.amount)
    elif e.cn_ccy == e.currency:
        q = e.orig
    else:
        q = nice(e.cny / fx.at(e.date, e.cn_ccy))
    text = cn_quantity(q)
    if e.cn_ccy == "CNY" and rng.random() < 0.2:
        return f"{text}元"
    if 1e5 <= q < 1e7 and rng.random() < 0.03 and q == int(q):
        return f"{int(q)}{zh}"
    return f"{text}{zh}"



def _one_digit(q: float, up: bool) -> float:
    """q rounded down (or up) to one significant digit: 3200万 -> 3000万 (4000万)."""
    k = 10 ** math.floor(math.log10(q))
    return (math.ceil(q / k) if up else math.floor(q / k)) * k


def cn_amount_form(rng: random.Random, e: Event) -> str:
    """The 融资金额 text of a cn record in the form the export uses (see World.amount_forms)."""
    text = e.cn_text
    if e.cn_status == "undisclosed":
        if rng.random() >= vocab.UNDISCLOSED_WITH_CURRENCY_P:
            return vocab.UNDISCLOSED
        return vocab.UNDISCLOSED + vocab.CN_CURRENCY.get(e.cn_ccy, "美元")
    zh = vocab.CN_CURRENCY[e.cn_ccy]
    if e.cn_status == "estimated":
        form = e.cn_form
        if rng.random() < 0.3:
            if form == "超亿":
                form = rng.choice(["过亿", "逾亿"])
            elif form.startswith("超") and form.endswith("亿"):
                form = rng.choice(["逾", "过"]) + form[1:]
            elif form.endswith("亿以上"):
                form = form[:-2] + "及以上"
            assert vocab.fuzzy_value(form) == vocab.fuzzy_value(e.cn_form), (form, e.cn_form)
            e.cn_form = form
        return f"{form}{zh}"
    # exact: <quantity><currency>, or <quantity>元 for CNY
    body, suffix = (text[: -len(zh)], zh) if text.endswith(zh) else (text[:-1], "元")
    q = cn_text_quantity(body)
    survives_elsewhere = e.in_cb and e.primary == "crunchbase" and e.cb_status == "exact"
    if survives_elsewhere and e.cn_ccy == "USD" and e.currency in ("EUR", "GBP", "JPY", "SGD") and e.cb_ccy == e.currency:
        # the company's local currency, as Crunchbase has it (rare: cn_export mostly converts to 美元)
        e.cn_ccy = e.currency
        return f"{cn_quantity(e.cb_amount)}{vocab.CN_CURRENCY_ALL[e.currency]}"
    if survives_elsewhere and q >= 1e6 and rng.random() < 0.15:
        # a fuzzy reading of the amount (the Crunchbase amount survives, so the truth holds)
        r = rng.random()
        if 1e7 <= q < 2e7 and r < 0.7:
            form = "千万级"
        elif 1e8 <= q < 2e8 and r < 0.5:
            form = "亿元及以上"
        elif r < 0.75:
            form = rng.choice(["超", "逾", "过"]) + cn_quantity(_one_digit(q, up=False))
        else:
            form = "近" + cn_quantity(_one_digit(q, up=True))
        e.cn_status, e.cn_form = "estimated", form
        return f"{form}{zh}"
    num = body.rstrip("万亿")
    if num.isdigit() and int(num) >= 1000 and rng.random() < 0.12:
        return f"{int(num):,}{body[len(num):]}{suffix}"  # 3,200万人民币
    return text


def cn_text_quantity(body: str) -> float:
    """The quantity of an exact cn amount text without its currency: 1.5亿, 3200万元, 500000."""
    core = body.removesuffix("元")
    mult = 1e8 if core.endswith("亿") else (1e4 if core.endswith("万") else 1)
    return float(core.rstrip("万亿").replace(",", "")) * mult


def run(out, truth, seed: int = 42, scale: float = 1.0) -> str:
    """Generate, write the raw and truth directories; return the summary text (calibration table)."""
    from pathlib import Path

    from sample_generator.render import Renderer

    out, truth = Path(out), Path(truth)
    world = build(seed, scale)
    r = Renderer(world)
    r.render_all()
    extra = None
    if scale > 1:
        from sample_generator import bulk

        extra = bulk.plan(world, scale)
    tables = r.write(out, truth)
    if extra is not None:
        bulk.append(world, out, truth, extra, seed)
    lines = [f"sample: seed {seed}, scale {scale:g}: {len(world.events):,} events "
             f"({sum(1 for e in tables['events'] if e['is_counted'] == 'true'):,} counted AI), "
             f"{len(world.companies):,} companies, {len(tables['records']):,} raw records "
             f"({sum(1 for r_ in tables['records'] if r_['is_bad'] == 'true')} bad)"]
    if extra is not None:
        lines.append(f"plus the scale long tail: {extra['summary']}")
    for wmsg in world.warnings:
        lines.append(f"warning: {wmsg}")
    lines.append("")
    lines.append("calibration (report vs sample, from the truth events; targets: sample_generator/calibration.py)")
    lines.append(cal.format_table(cal.compute(tables["events"], tables["companies"])))
    return "\n".join(lines)
