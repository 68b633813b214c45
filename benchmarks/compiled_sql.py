"""Baseline "what this machine can do": dbt's compiled SQL run directly in one DuckDB connection.

    python -m benchmarks.compiled_sql --raw-dir RAW --work-dir DIR --seeds-from WORKING_DB --out result.json

Untimed set-up: a fresh DuckDB file DIR/warehouse.duckdb (named like the pipeline's, so the
compiled SQL's "warehouse"."schema"."table" names resolve) gets the seed tables copied from the
pipeline's working file, then `dbt compile` of the models against it (the models read seeds while
compiling: regular expressions built from the rule tables).

Timed, in one connection: the same ingest as the pipeline (`load_source` for every source) and
then every model's compiled SQL in DAG order as `create table … as`. No dbt, no tests, no checks,
no Dagster, no publish. With --profile N the N slowest models are run again under DuckDB's JSON
profiler (EXPLAIN ANALYZE's numbers; files in DIR/profile/) for the profile.
"""

from __future__ import annotations

import argparse
import graphlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from pipeline.dbt_manifest import dbt_executable, dbt_vars_for

REPO = Path(__file__).resolve().parent.parent
DBT_DIR = REPO / "dbt_project"


def copy_seeds(db: Path, working_db: Path) -> list[str]:
    with duckdb.connect(str(db)) as con:
        con.execute(f"attach '{working_db}' as pipeline_wh (read_only)")
        seeds = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = 'pipeline_wh' and schema_name = 'seeds'"
        ).fetchall()]
        con.execute("create schema if not exists seeds")
        for name in seeds:
            con.execute(f'create table seeds."{name}" as select * from pipeline_wh.seeds."{name}"')
        con.execute("detach pipeline_wh")
    return seeds


def compile_models(work_dir: Path) -> dict:
    """`dbt compile` of the models against DIR/warehouse.duckdb; returns the manifest."""
    target = work_dir / "dbt_target"
    proc = subprocess.run(
        [dbt_executable(), "compile", "--select", "resource_type:model", "--quiet",
         "--target-path", str(target), "--log-path", str(work_dir / "dbt_logs"),
         "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR),
         "--vars", json.dumps(dbt_vars_for(work_dir))],
        env={**os.environ, "DO_NOT_TRACK": "1"}, capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"dbt compile failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}")
    return json.loads((target / "manifest.json").read_text())


def models_in_dag_order(manifest: dict) -> list[dict]:
    models = {uid: n for uid, n in manifest["nodes"].items() if n["resource_type"] == "model"}
    graph = {uid: [d for d in n["depends_on"]["nodes"] if d in models] for uid, n in models.items()}
    return [models[uid] for uid in graphlib.TopologicalSorter(graph).static_order()]


def _operators(node: dict, depth: int = 0):
    yield node, depth
    for child in node.get("children", []):
        yield from _operators(child, depth + 1)


def profile_statement(con: duckdb.DuckDBPyConnection, node: dict, out: Path, top: int = 5) -> dict:
    """Run one model's SQL again with DuckDB's JSON profiler (EXPLAIN ANALYZE's numbers); keep
    the file and return the statement's time and its slowest operators."""
    path = out / f"{node['name']}.json"
    con.execute("set enable_profiling = 'json'")
    con.execute(f"set profiling_output = '{path}'")
    try:
        con.execute(f"create or replace temp table _profiled as (\n{node['compiled_code']}\n)")
    finally:
        con.execute("set enable_profiling = 'no_output'")
        con.execute("drop table if exists _profiled")
    profile = json.loads(path.read_text())
    operators = [
        {"operator": op.get("name"), "seconds": op.get("timing", 0.0), "rows": op.get("intermediate_rows"),
         "detail": json.dumps(op.get("extra_info", {}), ensure_ascii=False)[:300]}
        for root in profile.get("operator", []) for op, _ in _operators(root)
    ]
    return {"model": node["name"], "seconds": profile["query"]["total_time"], "cpu_s": profile["query"]["cpu_time"],
            "file": str(path), "top_operators": sorted(operators, key=lambda o: -o["seconds"])[:top]}


def run(raw_dir: Path, work_dir: Path, working_db: Path, profile: int = 0) -> dict:
    sys.path.insert(0, str(REPO))
    from pipeline.ingest.load import load_source
    from pipeline.ingest.sources import SOURCES

    if work_dir.exists():
        shutil.rmtree(work_dir)
    work_dir.mkdir(parents=True)
    db = work_dir / "warehouse.duckdb"
    started = time.perf_counter()
    seeds = copy_seeds(db, working_db)
    manifest = compile_models(work_dir)
    models = models_in_dag_order(manifest)
    setup_s = time.perf_counter() - started

    con = duckdb.connect(str(db))
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    for name in SOURCES:
        load_source(con, name, raw_dir)
    ingest_s = time.perf_counter() - t0

    timings = []
    t1 = time.perf_counter()
    for node in models:
        schema = node["schema"]
        relation = node["relation_name"]
        sql = node["compiled_code"]
        con.execute(f'create schema if not exists "{schema}"')
        s = time.perf_counter()
        con.execute(f"create table {relation} as (\n{sql}\n)")
        timings.append({"model": node["name"], "seconds": time.perf_counter() - s})
    models_s = time.perf_counter() - t1
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    timed_cpu_s = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)

    explained = []
    if profile:
        out = work_dir / "profile"
        out.mkdir()
        by_name = {n["name"]: n for n in models}
        for t in sorted(timings, key=lambda t: -t["seconds"])[:profile]:
            explained.append(profile_statement(con, by_name[t["model"]], out))
    counts = dict(con.execute(
        "select 'fct_deals', count(*) from marts.fct_deals union all "
        "select 'mart_funding_yearly', count(*) from marts.mart_funding_yearly"
    ).fetchall())
    con.close()
    return {
        "setup_s": setup_s,  # untimed in the comparison: seeds copy + dbt compile
        "seeds": len(seeds),
        "ingest_s": ingest_s,
        "models_s": models_s,
        "total_s": ingest_s + models_s,
        "timed_cpu_s": timed_cpu_s,  # CPU of ingest + models (DuckDB's threads included)
        "models": len(models),
        "model_timings": sorted(timings, key=lambda t: -t["seconds"]),
        "profiles": explained,
        "row_counts": counts,
        "db": str(db),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compiled_sql", description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw-dir", required=True, type=Path)
    parser.add_argument("--work-dir", required=True, type=Path)
    parser.add_argument("--seeds-from", required=True, type=Path, help="the pipeline's working warehouse.duckdb")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--profile", type=int, default=0, help="profile the N slowest models (DuckDB JSON profiler)")
    args = parser.parse_args(argv)
    result = run(args.raw_dir.resolve(), args.work_dir.resolve(), args.seeds_from.resolve(), args.profile)
    args.out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
