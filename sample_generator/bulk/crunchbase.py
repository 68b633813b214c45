"""The Crunchbase long tail: organizations, funding rounds, investments and their truth, in
N_SHARDS deterministic shards (worker processes) written to part files."""

from __future__ import annotations

import datetime as dt
import math
import random
import zlib
from pathlib import Path

from sample_generator import geo, vocab
from sample_generator.amounts import nice
from sample_generator.bulk.templates import Templates, cum_weights, pick, pseudo_word, quote, single_tokens
from sample_generator.model import WINDOW_END, WINDOW_START
from sample_generator.render.crunchbase import CB_MAIN, CB_MAIN_END, CB_Q1, CB_Q1_START
from sample_generator.rounds import LADDER_CB

CHUNK = 20_000  # rows buffered per part file before a write
N_SHARDS = 2  # fixed (not the CPU count), so the output does not depend on the machine
COUNTRY_W = {"US": 45, "CN": 8, "GB": 7, "DE": 5, "FR": 4, "IN": 7, "IL": 3, "JP": 3, "SG": 3, "KR": 3, "CA": 4,
             "AE": 1, "CH": 1, "SE": 1, "NL": 1, "AU": 1, "HK": 1}
CB_TYPES = ["seed", "series_a", "angel", "pre_seed", "series_b", "series_c", "series_d", "series_unknown",
            "debt_financing", "grant", "convertible_note", "corporate_round", "private_equity", "undisclosed"]
CB_TYPE_W = [25, 20, 8, 7, 10, 5, 2, 5, 4, 3, 2, 3, 2, 2]
USD_SCALE = {"early": 3e6, "growth": 3e7, "late": 8e7, "other": 1e7, "debt": 2e7, "strategic": 2e7, "excluded": 5e5}
PARTS = ("org", "main", "q1", "inv", "ev", "rec", "co")


def cb_shard(a) -> dict:
    """One shard of the Crunchbase long tail, written to part files in `tmp` (row numbers of the
    records are relative to the shard; the parent adds the offsets)."""
    shard, target, seed, rate, used_names, investor_pool, tmp = a
    rng = random.Random(f"ai-deals-sample:{seed}:bulk:cb:{shard}")
    tpl = Templates()
    tokens = single_tokens()
    countries, cweights = list(COUNTRY_W), list(COUNTRY_W.values())
    subs = list(vocab.ALL_SUBS)
    types, tweights, usd_scale = CB_TYPES, CB_TYPE_W, USD_SCALE
    span = (WINDOW_END - WINDOW_START).days
    rows_in = {CB_MAIN: 0, CB_Q1: 0}
    next_event = next_company = 1

    def pseudo(book_rng):
        # the shards draw disjoint words (crc32 partition), so names stay unique across shards
        while True:
            w = pseudo_word(book_rng)
            if w.lower() not in tokens and zlib.crc32(w.encode()) % N_SHARDS == shard:
                return w

    def en_name(sub, sector):
        while True:
            w = pseudo(rng)
            suffix = sector["suf_en"] if sector else None
            nm = f"{w} {suffix}" if suffix and rng.random() < 0.5 else w
            if nm.lower() in tokens:
                continue
            if nm.lower() not in used_names:
                used_names.add(nm.lower())
                return w, nm

    handles = {p_: open(Path(tmp) / f"{shard}.{p_}", "w", encoding="utf-8", newline="") for p_ in PARTS}
    # ------------------------------------------------------------------ Crunchbase long tail
    # hot loop: plain string building (fields without commas/quotes are written as they are)
    days = [WINDOW_START + dt.timedelta(days=k) for k in range(span + 1)]
    day_iso = [d.isoformat() for d in days]
    day_month = [f"{d.year:04d}-{d.month:02d}" for d in days]
    main_end = (CB_MAIN_END - WINDOW_START).days
    q1_start = (CB_Q1_START - WINDOW_START).days
    rnd = rng.random
    getbits = rng.getrandbits
    lad_all = LADDER_CB["early"] + LADDER_CB["growth"] + LADDER_CB["late"]
    lad_pos = {t: k for k, t in enumerate(lad_all)}
    cum_c = list(cum_weights(cweights))
    cum_t = list(cum_weights(tweights))
    stage_of = vocab.STAGE_OF_CB
    round_name = vocab.CB_ROUND_NAME
    log_scale = {k: math.log(v) for k, v in usd_scale.items()}
    lognorm = rng.lognormvariate
    n_pool = len(investor_pool)
    country_info = {k: (geo.COUNTRIES[k], geo.FOREIGN_CITIES.get(k), geo.LEGAL_SUFFIX.get(k, ["Co., Ltd."]))
                    for k in countries}

    def uid() -> str:
        h = f"{getbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:32]}"

    buf = {k: [] for k in ("org", "main", "q1", "inv", "ev", "rec", "co")}

    def flush():
        for k, lines in buf.items():
            if lines:
                handles[k].write("".join(lines))
                lines.clear()

    # investments.csv uuids of the long tail: one random v4 prefix + a counter (cheap, unique)
    inv_prefix = uid()[:24]
    inv_n = 0
    made = 0
    n_orgs = 0
    while made < target:
        country = countries[pick(cum_c, rnd())]
        c, cities, legal_sfx = country_info[country]
        is_ai = rnd() < 0.25
        key = f"C{shard + 1}{next_company:07d}"
        next_company += 1
        org = uid()
        if is_ai:
            sub = subs[int(rnd() * len(subs))]
            seg = vocab.SEGMENT_OF[sub]
            zh_ok, en_ok, groups = tpl.ai[sub]
            et, ek, es, cats = en_ok[int(rnd() * len(en_ok))]
            while True:
                word = pseudo(rng)
                nm = f"{word} {es}" if es else word
                if nm.lower() not in used_names:
                    break
            used_names.add(nm.lower())
            desc = et.format(name=nm, kw=ek)
        else:
            sub = seg = ""
            sector = tpl.non_ai[int(rnd() * len(tpl.non_ai))]
            word, nm = en_name("", sector)
            cats, groups, desc = sector["cats"], sector["groups"], sector["en"].format(name=nm)
        region, city = cities[int(rnd() * len(cities))] if cities else ("Beijing", "Beijing")
        sfx = legal_sfx[int(rnd() * len(legal_sfx))]
        legal = f"{nm}{sfx}" if sfx.startswith(",") else f"{nm} {sfx}"
        founded = f"{2010 + int(rnd() * 13)}-{1 + int(rnd() * 12):02d}-{1 + int(rnd() * 28):02d}"
        buf["org"].append(f"{org},{nm},{quote(legal)},{c.iso3},{quote(region)},{city},{quote(desc)},{quote(','.join(cats))},"
                          f"{quote(','.join(groups))},{founded},https://{word.lower()}.com,,,\n")
        n_orgs += 1
        k = 1 if rnd() < 0.65 else (2 if rnd() < 0.7 else 3)
        dd = sorted(int(rnd() * (span + 1)) for _ in range(k))
        li = 0
        ai_s = "true" if is_ai else "false"
        for di in dd:
            t = types[pick(cum_t, rnd())]
            if t in lad_pos:
                li = max(li, lad_pos[t])
                t = lad_all[li]
                li = min(li + 1, len(lad_all) - 1)
            stage = stage_of[t]
            ccy = c.currency if rnd() < 0.6 else "USD"
            m = day_month[di]
            r_ccy, r_usd = rate[(m, ccy)], rate[(m, "USD")]
            ev_id = f"E{shard + 1}{next_event:07d}"
            next_event += 1
            u = uid()
            if rnd() < 0.15:
                amount = usd = ccy_out = cny_s = ""
                true = lognorm(log_scale[stage], 1.0) * r_usd
                status = "undisclosed"
            else:
                orig = nice(lognorm(log_scale[stage], 1.0) * r_usd / r_ccy)
                cny = orig * r_ccy
                true = cny
                amount, usd, ccy_out, cny_s = f"{orig:.0f}", f"{cny / r_usd:.0f}", ccy, f"{cny:.2f}"
                status = "exact"
            n_inv = 1 if rnd() < 0.5 else (2 if rnd() < 0.7 else 3)
            invs = [investor_pool[int(rnd() * n_pool)] for _ in range(n_inv)]
            if n_inv > 1 and len({i[1] for i in invs}) < n_inv:
                invs = list({i[1]: i for i in invs}.values())
            lead = invs[0][1]
            d_iso = day_iso[di]
            row = (f"{u},{round_name[t]} - {nm},{org},{nm},{t},{d_iso},{amount},{ccy_out},{usd},,"
                   f"{len(invs)},{lead}\n")
            for iv in invs:
                inv_n += 1
                buf["inv"].append(f"{inv_prefix}{inv_n:012x},{u},{iv[1]},{iv[0]},organization,"
                                  f"{'True' if iv[1] == lead else 'False'}\n")
            n_rec = 0
            if di <= main_end:
                buf["main"].append(row)
                rows_in[CB_MAIN] += 1
                buf["rec"].append(f"crunchbase_funding_rounds,{CB_MAIN},{rows_in[CB_MAIN]},{u},{ev_id},false,,{key}\n")
                n_rec += 1
            if di >= q1_start:
                buf["q1"].append(row)
                rows_in[CB_Q1] += 1
                buf["rec"].append(f"crunchbase_funding_rounds,{CB_Q1},{rows_in[CB_Q1]},{u},{ev_id},false,,{key}\n")
                n_rec += 1
            made += n_rec
            counted = "true" if is_ai and stage != "excluded" else "false"
            buf["ev"].append(f"{ev_id},{key},{nm},{country},{c.group},{ai_s},{seg},{sub},{stage},{t},{d_iso},day,"
                             f"{status},{cny_s},{true:.2f},{ccy_out},{amount},false,false,{counted},crunchbase,{n_rec},"
                             f"{'|'.join([i[0] for i in invs])}\n")
        buf["co"].append(f"{key},{nm},,{nm},,{quote(legal)},{quote(nm + '|' + legal)},{country},{c.group},{ai_s},{seg},{sub},"
                         f",,false,true,{org},false,false\n")
        if len(buf["ev"]) >= CHUNK:
            flush()
    flush()

    for h in handles.values():
        h.close()
    return {"made": made, "orgs": n_orgs, "rows": rows_in}
