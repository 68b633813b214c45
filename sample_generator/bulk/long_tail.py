"""`--scale X` (X > 1): plan the long tail and append it to the written sample (the Crunchbase
shards first, then the cn_export files)."""

from __future__ import annotations

import random
from pathlib import Path

from sample_generator import vocab
from sample_generator.bulk.cn_export import CN_BULK_FILES, cn_bulk
from sample_generator.bulk.crunchbase import N_SHARDS, cb_shard
from sample_generator.model import World
from sample_generator.render.common import investor_uuid
from sample_generator.render.crunchbase import CB_MAIN, CB_Q1


def plan(world: World, scale: float) -> dict:
    n_cb = max(0, round((scale - 1) * 1000))
    n_cn = max(0, round((scale - 1) * 100))
    return {"cb_rounds": n_cb, "cn_rows": n_cn, "summary": ""}


def append(world: World, out: Path, truth: Path, extra: dict, seed: int) -> None:
    import multiprocessing as mp
    import os
    import shutil
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

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
                results = list(ex.map(cb_shard, args))
        else:
            results = [cb_shard(a) for a in args]
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
    cn_made = cn_bulk(world, out, truth, extra, rng, used)
    extra["summary"] = (f"{made:,} Crunchbase round rows ({n_orgs:,} organizations), {cn_made:,} cn_export rows "
                        f"in {len(CN_BULK_FILES)} files")
