"""The cn_export long tail: quarterly exports of extra Chinese companies (itjuzi_export_longtail_*.csv)
with their truth, appended to the truth files."""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
from pathlib import Path

from pipeline.ingest.sources import CN_EXPORT_COLUMNS
from sample_generator import geo, names, vocab
from sample_generator.amounts import cn_quantity, fuzzy_form, nice
from sample_generator.bulk.templates import Templates, bad_bigrams
from sample_generator.model import WINDOW_END, WINDOW_START, World
from sample_generator.rounds import LADDER_CN

CN_BULK_FILES = [(f"cn_export/itjuzi_export_longtail_{y}Q{q}.csv", dt.date(y, 3 * q - 2, 1),
                  min(WINDOW_END, (dt.date(y + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1))))
                 for y in (2023, 2024, 2025) for q in (1, 2, 3, 4) if dt.date(y, 3 * q - 2, 1) <= WINDOW_END]


def cn_bulk(world: World, out: Path, truth: Path, extra: dict, rng: random.Random, used_names: set) -> int:
    """The cn_export long tail (parent process): quarterly exports of extra Chinese companies."""
    tpl = Templates()
    fx = world.fx
    bad_bi = bad_bigrams()
    subs = list(vocab.ALL_SUBS)
    span = (WINDOW_END - WINDOW_START).days
    next_event = len(world.events) + 1
    next_company = world.n_companies + 1
    f_ev = open(truth / "events.csv", "a", encoding="utf-8", newline="")
    f_rec = open(truth / "records.csv", "a", encoding="utf-8", newline="")
    f_co = open(truth / "companies.csv", "a", encoding="utf-8", newline="")
    w_ev, w_rec, w_co = (csv.writer(f, lineterminator="\n") for f in (f_ev, f_rec, f_co))
    # ------------------------------------------------------------------ cn_export long tail
    p1, p2, p3 = names.P1, names.P2, names.P3
    cn_rows_target = extra["cn_rows"]
    files: dict[str, list] = {f: [] for f, _, _ in CN_BULK_FILES}
    cn_made = 0
    while cn_made < cn_rows_target:
        while True:
            a, b, c3 = rng.choice(p1), rng.choice(p2), rng.choice(p3)
            stem = a[0] + b[0] + c3[0]
            if stem[:2] in bad_bi or stem[1:] in bad_bi:
                continue
            is_ai = rng.random() < 0.9
            sub = rng.choice(subs) if is_ai else ""
            if is_ai:
                zt, zk, zs, ind = rng.choice(tpl.ai[sub][0])
                cn_name = stem + zs
                desc = zt.format(name=cn_name, kw=zk)
            else:
                sector = rng.choice(tpl.non_ai)
                cn_name = stem + sector["suf_zh"]
                ind = sector["cn"]
                desc = sector["zh"].format(name=cn_name)
            if cn_name not in used_names:
                used_names.add(cn_name)
                break
        key = f"C{next_company:07d}"
        next_company += 1
        place = rng.choices(geo.CN_PLACES, weights=geo.CN_PLACE_WEIGHTS)[0]
        legal = f"{place.legal_prefix}{stem}科技有限公司"
        py = (a[1] + b[1] + c3[1])
        seg = vocab.SEGMENT_OF[sub] if is_ai else ""
        k = 1 if rng.random() < 0.6 else (2 if rng.random() < 0.7 else 3)
        days = sorted(rng.randrange(span + 1) for _ in range(k))
        evs = []
        li = 0
        lad = LADDER_CN["early"] + LADDER_CN["growth"] + LADDER_CN["late"]
        for dday in days:
            d = WINDOW_START + dt.timedelta(days=dday)
            r = rng.random()
            if r < 0.08:
                rnd = "战略投资"
            elif r < 0.1:
                rnd = "不明确"
            else:
                li = min(len(lad) - 1, max(li, int(abs(rng.gauss(0, 3)))))
                rnd = lad[li]
                li += 1
            stage = vocab.STAGE_OF_CN[rnd]
            ev_id = f"E{next_event:07d}"
            next_event += 1
            ccy = "CNY" if rng.random() < 0.85 else "USD"
            rate = fx.at(d, ccy)
            true_units = rng.lognormvariate(math.log({"early": 1.5e7, "growth": 1.2e8, "late": 3e8}.get(stage, 5e7) / rate), 1.0)
            st = rng.random()
            if st < 0.20:  # undisclosed; most written with the currency (未透露人民币), as the calibrated sample
                text = vocab.UNDISCLOSED + (vocab.CN_CURRENCY[ccy] if rng.random() < vocab.UNDISCLOSED_WITH_CURRENCY_P else "")
                status, cny, orig = "undisclosed", None, ""
            elif st < 0.55:
                form = fuzzy_form(rng, true_units)
                val = vocab.fuzzy_value(form)
                text, status, cny, orig = f"{form}{vocab.CN_CURRENCY[ccy]}", "estimated", val * rate, f"{val:.0f}"
            else:
                q = nice(true_units)
                body = cn_quantity(q)
                num = body.rstrip("万亿")
                if num.isdigit() and int(num) >= 1000 and rng.random() < 0.12:
                    body = f"{int(num):,}{body[len(num):]}"  # 3,200万
                text, status, cny, orig = f"{body}{vocab.CN_CURRENCY[ccy]}", "exact", q * rate, f"{q:.0f}"
            invs = rng.sample(vocab.VC_ZH, rng.randint(1, 3))
            evs.append(dict(id=ev_id, date=d, round=rnd, text=text, inv=",".join(invs), stage=stage, status=status,
                            cny=cny, true=true_units * rate, ccy=ccy, orig=orig))
        n_rec = {e["id"]: 0 for e in evs}
        # the company is listed in the export of each quarter it raised in, with its history so far
        for f, start, end in CN_BULK_FILES:
            hist = [e for e in evs if e["date"] <= end]
            if not any(start <= e["date"] <= end for e in hist):
                continue
            hist.sort(key=lambda e: e["date"], reverse=True)
            company_cols = [cn_name, legal, f"www.{py}.cn", "", place.place, "运营中", ind[0], ind[1]]
            files[f].append((hist[0]["date"], cn_name, company_cols, hist, key, desc, place))
            for e in hist:
                n_rec[e["id"]] += 1
            cn_made += len(hist)
        for e in evs:
            counted = is_ai and e["stage"] != "excluded"
            w_ev.writerow([e["id"], key, cn_name, "CN", "CN", "true" if is_ai else "false", seg, sub, e["stage"],
                           e["round"], e["date"].isoformat(), "day", e["status"],
                           f"{e['cny']:.2f}" if e["cny"] is not None else "", f"{e['true']:.2f}",
                           e["ccy"] if e["cny"] is not None else "", e["orig"], "false", "false",
                           "true" if counted else "false", "cn_export", n_rec[e["id"]], e["inv"].replace(",", "|")])
        w_co.writerow([key, cn_name, cn_name, py.capitalize(), legal, "", f"{cn_name}|{legal}", "CN", "CN",
                       "true" if is_ai else "false", seg, sub, "", "", "true", "false", "", "false", "false"])
    for f, start, end in CN_BULK_FILES:
        blocks = sorted(files[f], key=lambda b: (-b[0].toordinal(), b[1]))
        with open(out / f, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, lineterminator="\r\n")
            w.writerow(CN_EXPORT_COLUMNS)
            row_no = 1
            for _, nm, company_cols, hist, key, desc, place in blocks:
                for i, e in enumerate(hist):
                    rd = [e["date"].isoformat(), e["round"], e["text"], e["inv"]]
                    if i == 0:
                        w.writerow(company_cols + rd + ["-", "未透露", "", desc, place.address_prefix, "-", "-", ""])
                    else:
                        w.writerow([""] * 8 + rd + [""] * 8)
                    row_no += 1
                    w_rec.writerow(["cn_export", f, row_no, "", e["id"], "false", "", key])
    for fh in (f_ev, f_rec, f_co):
        fh.close()
    return cn_made
