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
 11. investor names as each source writes them, and the featured investor's AI share per year
     (R25; own RNG stream; a name is only ever replaced by another)

Each step is a function of its own module, taking the World (model.py) and drawing from its
`core` stream in this order; build() runs them.
"""

from __future__ import annotations

from pathlib import Path

from sample_generator import calibration as cal
from sample_generator import vocab
from sample_generator.amounts import finalize_amounts, rewrite_amount_forms
from sample_generator.companies import classifies_as, group_companies
from sample_generator.dates import assign_dates, date_forms
from sample_generator.extras import add_dash_and_orgs, add_excluded, add_non_ai
from sample_generator.fx import FX, ecb_fx
from sample_generator.investors import assign_investors, finish_investors
from sample_generator.model import World
from sample_generator.plan import plan_synthetic
from sample_generator.real_events import add_real
from sample_generator.rounds import assign_rounds, assign_stages, fix_ladders
from sample_generator.unicorns import add_unicorns


def build(seed: int, scale: float = 1.0, fx_rows=None) -> World:
    """The world of one seed and scale (its events and companies), before any rendering."""
    w = World(seed, scale, FX(fx_rows) if fx_rows is not None else ecb_fx())
    add_real(w)
    plan_synthetic(w)
    assign_dates(w)
    assign_stages(w)
    assign_rounds(w)
    group_companies(w)
    fix_ladders(w)
    assign_investors(w)
    finalize_amounts(w)
    date_forms(w)
    s = min(1.0, scale)
    add_excluded(w, max(2, round(30 * s)))
    add_non_ai(w, max(20, round(2600 * s)), max(5, round(120 * s)))
    add_dash_and_orgs(w, max(5, round(90 * s)), max(20, round(450 * s)))
    add_unicorns(w)
    _number_and_check(w)
    rewrite_amount_forms(w)
    finish_investors(w)
    return w


def _number_and_check(world: World) -> None:
    """Event ids in date order, and every AI company's texts classify to its truth."""
    world.events.sort(key=lambda e: (e.date, e.company.key, e.round_cn, e.round_cb, e.cny))
    for i, e in enumerate(world.events, 1):
        e.id = f"E{i:06d}"
    for co in world.companies:
        co.events.sort(key=lambda e: (e.date, e.id))
        if co.is_ai:
            texts = []
            if co.in_cn:
                texts.append(f"{co.cn_industry[0]} {co.cn_industry[1]} {co.cn_desc}")
            if co.in_cb:
                texts += [f"{','.join(co.cb_cats)} {co.cb_desc}", f"{','.join(co.cb_cats)} {','.join(co.cb_groups)} {co.cb_desc}"]
            for t in texts:
                assert classifies_as(vocab.classify(t), co), (co.key, t)


def run(out, truth, seed: int = 42, scale: float = 1.0) -> str:
    """Generate, write the raw and truth directories; return the summary text (calibration table)."""
    from sample_generator.bulk import long_tail
    from sample_generator.render import directory

    out, truth = Path(out), Path(truth)
    world = build(seed, scale)
    rendered = directory.render(world)
    extra = long_tail.plan(world, scale) if scale > 1 else None
    tables = directory.write(rendered, out, truth)
    if extra is not None:
        long_tail.append(world, out, truth, extra, seed)
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
