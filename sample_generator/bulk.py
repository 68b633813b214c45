"""The benchmark long tail of `--scale X` (X > 1): about (X-1) × 1,000 more Crunchbase funding rounds
(all sectors, ~25 % AI) and (X-1) × 100 more cn_export rows, appended to the calibrated sample.

Written in a streaming way (chunks, open file handles) so `--scale 1000` (~1M rounds, ~100k
cn_export rows) stays far below 2 GB of memory. Texts come from templates validated once against
vocab.classify (with the same name suffixes), and synthetic names are checked against the
keyword list, so every company still classifies to its truth. The long tail is not calibrated:
it adds amounts to every figure (that is the point of a benchmark, not of the sample).
"""

from __future__ import annotations

import bisect
import csv
import zlib
import datetime as dt
import math
import random
from pathlib import Path

from sample_generator import geo, names, vocab
from sample_generator.amounts import cn_quantity, fuzzy_form, nice
from sample_generator.model import WINDOW_END, WINDOW_START, World
from sample_generator.rounds import LADDER_CB, LADDER_CN
from sample_generator.render import CB_MAIN, CB_MAIN_END, CB_Q1, CB_Q1_START, CN_HEADER, investor_uuid

CHUNK = 20_000
CN_BULK_FILES = [(f"cn_export/itjuzi_export_longtail_{y}Q{q}.csv", dt.date(y, 3 * q - 2, 1),
                  min(WINDOW_END, (dt.date(y + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1))))
                 for y in (2023, 2024, 2025) for q in (1, 2, 3, 4) if dt.date(y, 3 * q - 2, 1) <= WINDOW_END]


def plan(world: World, scale: float) -> dict:
    n_cb = max(0, round((scale - 1) * 1000))
    n_cn = max(0, round((scale - 1) * 100))
    return {"cb_rounds": n_cb, "cn_rows": n_cn, "summary": ""}


def _single_tokens() -> set[str]:
    out = set()
    for r in vocab.RULES:
        for k in r.keywords:
            if k.isascii() and " " not in k:
                out.add(k.lower())
    out |= {k.lower() for k in vocab.AI_CONTEXT if k.isascii()}
    return out


def _bad_bigrams() -> set[str]:
    chars = {c for pool in (names.P1, names.P2, names.P3) for c, _, _ in pool}
    bad = set()
    for r in vocab.RULES:
        for k in r.keywords + vocab.AI_CONTEXT:
            if not k.isascii():
                for i in range(len(k) - 1):
                    if k[i] in chars or k[i + 1] in chars:
                        bad.add(k[i:i + 2])
    return bad


class Templates:
    """Per sub-segment: validated (zh text, en text, cats, industry, zh suffix, en suffix) builders."""

    def __init__(self):
        self.ai: dict[str, list[tuple]] = {}
        for sub in vocab.ALL_SUBS:
            g = vocab.GEN[sub]
            seg = vocab.SEGMENT_OF[sub]
            ok = []
            for zt in g["zh"]:
                for zk in g["zh_kw"]:
                    for zs in names.ZH_SUFFIX.get(sub, names.ZH_SUFFIX_DEFAULT):
                        for ind in g["cn_industry"]:
                            zh = zt.format(name="澜瞳" + zs, kw=zk)
                            c = vocab.classify(f"{ind[0]} {ind[1]} {zh}")
                            if c.is_ai and not c.ambiguous and c.sub_segment == sub and c.segment == seg:
                                ok.append((zt, zk, zs, ind))
            en_ok = []
            for et in g["en"]:
                for ek in g["en_kw"]:
                    for es in names.EN_SUFFIX.get(sub, names.EN_SUFFIX_DEFAULT):
                        cats = list(g["cats"][0]) + g["cats"][1][:1]
                        en = et.format(name=("Zorvex " + es).strip(), kw=ek)
                        c = vocab.classify(",".join(cats) + " " + ",".join(g["groups"]) + " " + en)
                        if c.is_ai and not c.ambiguous and c.sub_segment == sub and c.segment == seg:
                            en_ok.append((et, ek, es, cats))
            assert ok and en_ok, sub
            self.ai[sub] = [ok, en_ok, g["groups"]]
        self.non_ai = vocab.NON_AI


N_SHARDS = 2  # fixed (not the CPU count), so the output does not depend on the machine
COUNTRY_W = {"US": 45, "CN": 8, "GB": 7, "DE": 5, "FR": 4, "IN": 7, "IL": 3, "JP": 3, "SG": 3, "KR": 3, "CA": 4,
             "AE": 1, "CH": 1, "SE": 1, "NL": 1, "AU": 1, "HK": 1}
CB_TYPES = ["seed", "series_a", "angel", "pre_seed", "series_b", "series_c", "series_d", "series_unknown",
            "debt_financing", "grant", "convertible_note", "corporate_round", "private_equity", "undisclosed"]
CB_TYPE_W = [25, 20, 8, 7, 10, 5, 2, 5, 4, 3, 2, 3, 2, 2]
USD_SCALE = {"early": 3e6, "growth": 3e7, "late": 8e7, "other": 1e7, "debt": 2e7, "strategic": 2e7, "excluded": 5e5}
PARTS = ("org", "main", "q1", "inv", "ev", "rec", "co")


def append(world: World, out: Path, truth: Path, extra: dict, seed: int) -> None:
    import os
    import shutil
    import tempfile
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing as mp

    rng = random.Random(f"ai-deals-sample:{seed}:bulk")
    investor_pool = ([(v, investor_uuid(v)) for v in vocab.VC_EN + vocab.CORPORATE_EN + vocab.SOVEREIGN]
                     + [(n, investor_uuid(n)) for n in (world.names.en_investor() for _ in range(1500))])
    used = set(world.names.used)
    rows_in = {}
    for rel in (CB_MAIN, CB_Q1):
        with open(out / rel, "rb") as f:
            rows_in[rel] = sum(1 for _ in f) - 1  # data rows (no newline inside fields)
    n = extra["cb_rounds"]
    targets = [n // N_SHARDS + (1 if s_ < n % N_SHARDS else 0) for s_ in range(N_SHARDS)]
    with tempfile.TemporaryDirectory(prefix="sample-bulk-") as tmp:
        args = [(s_, targets[s_], seed, world.fx.rate, set(used), investor_pool, tmp) for s_ in range(N_SHARDS)]
        workers = min(N_SHARDS, os.cpu_count() or 1)
        if workers > 1 and n >= 20_000:
            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as ex:
                results = list(ex.map(_cb_shard, args))
        else:
            results = [_cb_shard(a) for a in args]
        # concatenate the shards in order; record rows continue the files' numbering
        dest = {"org": out / "crunchbase" / "organizations.csv", "main": out / CB_MAIN, "q1": out / CB_Q1,
                "inv": out / "crunchbase" / "investments.csv", "ev": truth / "events.csv", "co": truth / "companies.csv"}
        offset = dict(rows_in)
        with open(truth / "records.csv", "a", encoding="utf-8", newline="") as frec:
            for s_, res in enumerate(results):
                for part, path in dest.items():
                    with open(path, "ab") as fo, open(Path(tmp) / f"{s_}.{part}", "rb") as fi:
                        shutil.copyfileobj(fi, fo, 1 << 22)
                with open(Path(tmp) / f"{s_}.rec", encoding="utf-8") as fi:
                    lines = []
                    for line in fi:
                        src, rel, row, rest = line.split(",", 3)
                        lines.append(f"{src},{rel},{int(row) + offset[rel] + 1},{rest}")
                        if len(lines) >= 100_000:
                            frec.write("".join(lines))
                            lines.clear()
                    frec.write("".join(lines))
                for rel in (CB_MAIN, CB_Q1):
                    offset[rel] += res["rows"][rel]
    made = sum(r["made"] for r in results)
    n_orgs = sum(r["orgs"] for r in results)
    cn_made = _cn_bulk(world, out, truth, extra, rng, used)
    extra["summary"] = (f"{made:,} Crunchbase round rows ({n_orgs:,} organizations), {cn_made:,} cn_export rows "
                        f"in {len(CN_BULK_FILES)} files")


def _cb_shard(a) -> dict:
    """One shard of the Crunchbase long tail, written to part files in `tmp` (row numbers of the
    records are relative to the shard; the parent adds the offsets)."""
    shard, target, seed, rate, used_names, investor_pool, tmp = a
    rng = random.Random(f"ai-deals-sample:{seed}:bulk:cb:{shard}")
    tpl = Templates()
    tokens = _single_tokens()
    countries, cweights = list(COUNTRY_W), list(COUNTRY_W.values())
    subs = list(vocab.ALL_SUBS)
    types, tweights, usd_scale = CB_TYPES, CB_TYPE_W, USD_SCALE
    span = (WINDOW_END - WINDOW_START).days
    rows_in = {CB_MAIN: 0, CB_Q1: 0}
    next_event = next_company = 1

    def pseudo(book_rng):
        # the shards draw disjoint words (crc32 partition), so names stay unique across shards
        while True:
            w = _pseudo(book_rng)
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
    randrange = rng.randrange
    choice = rng.choice
    getbits = rng.getrandbits
    lad_all = LADDER_CB["early"] + LADDER_CB["growth"] + LADDER_CB["late"]
    lad_pos = {t: k for k, t in enumerate(lad_all)}
    cum_c = list(_cum(cweights))
    cum_t = list(_cum(tweights))
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
        country = countries[_pick(cum_c, rnd())]
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
        buf["org"].append(f"{org},{nm},{_q(legal)},{c.iso3},{_q(region)},{city},{_q(desc)},{_q(','.join(cats))},"
                          f"{_q(','.join(groups))},{founded},https://{word.lower()}.com,,,\n")
        n_orgs += 1
        k = 1 if rnd() < 0.65 else (2 if rnd() < 0.7 else 3)
        dd = sorted(int(rnd() * (span + 1)) for _ in range(k))
        li = 0
        ai_s = "true" if is_ai else "false"
        for di in dd:
            t = types[_pick(cum_t, rnd())]
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
        buf["co"].append(f"{key},{nm},,{nm},,{_q(legal)},{_q(nm + '|' + legal)},{country},{c.group},{ai_s},{seg},{sub},"
                         f",,false,true,{org},false,false\n")
        if len(buf["ev"]) >= CHUNK:
            flush()
    flush()

    for h in handles.values():
        h.close()
    return {"made": made, "orgs": n_orgs, "rows": rows_in}


def _cn_bulk(world: World, out: Path, truth: Path, extra: dict, rng: random.Random, used_names: set) -> int:
    """The cn_export long tail (parent process): quarterly exports of extra Chinese companies."""
    tpl = Templates()
    fx = world.fx
    bad_bi = _bad_bigrams()
    subs = list(vocab.ALL_SUBS)
    span = (WINDOW_END - WINDOW_START).days
    next_event = len(world.events) + 1
    next_company = world.n_companies + 1
    f_ev = open(truth / "events.csv", "a", encoding="utf-8", newline="")
    f_rec = open(truth / "records.csv", "a", encoding="utf-8", newline="")
    f_co = open(truth / "companies.csv", "a", encoding="utf-8", newline="")
    w_ev, w_rec, w_co = (csv.writer(f, lineterminator="\n") for f in (f_ev, f_rec, f_co))
    # ------------------------------------------------------------------ cn_export long tail
    stems = []
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
            w.writerow(CN_HEADER)
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


_ON, _VO, _MI, _V2, _CO, _SC, _EN = (names.ONSETS, names.VOWELS, names.MIDDLES, names.VOWELS2, names.CODAS,
                                      names.SHORT_CODAS, names.ENDINGS)


def _pseudo(rng: random.Random) -> str:
    r = rng.random
    v2 = _V2[int(r() * len(_V2))]
    w = _ON[int(r() * len(_ON))] + _VO[int(r() * len(_VO))] + _MI[int(r() * len(_MI))] + v2
    if r() < 0.3:
        w += _MI[int(r() * len(_MI))] + _EN[int(r() * len(_EN))]
    elif len(v2) == 1:
        w += _CO[int(r() * len(_CO))]
    else:
        w += _SC[int(r() * len(_SC))]
    return w[:1].upper() + w[1:]


def _cum(weights):
    acc = 0.0
    total = float(sum(weights))
    for w in weights:
        acc += w / total
        yield acc


def _pick(cum: list[float], x: float) -> int:
    return min(bisect.bisect_left(cum, x), len(cum) - 1)


def _q(s: str) -> str:
    if "," in s or '"' in s or "\n" in s:
        return '"' + s.replace('"', '""') + '"'
    return s
