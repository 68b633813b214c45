"""One benchmark point: data → the real pipeline → the two baselines → one JSON result.

Each part runs in its own child process, measured by benchmarks.measure (wall time, peak RSS of
the process tree):
  pipeline      python -m benchmarks.flow: the `deals_pipeline` job in-process, stage times
                from the Dagster event log
  compiled_sql  python -m benchmarks.compiled_sql: ingest + dbt's compiled SQL in one connection
  pandas        python -m benchmarks.pandas_baseline: the same transformations in pandas, checked
                against the pipeline's published tables
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import sys
from importlib import metadata
from pathlib import Path

from benchmarks import data
from benchmarks.measure import run_measured

STAGES = ["startup", "ingest", "dbt", "checks", "publish", "report", "overhead"]
PACKAGES = ["duckdb", "dbt-core", "dbt-duckdb", "dagster", "dagster-dbt", "pandas"]


def stage_of(step_key: str) -> str:
    """The stage a Dagster step belongs to, by its key (assets are named in pipeline/defs)."""
    if step_key.startswith("raw__"):
        return "ingest"
    if step_key == "dbt_models":
        return "dbt"  # dbt build: seeds, models and dbt tests in one step
    if step_key == "published_marts":
        return "publish"
    if step_key in ("ai_investment_report", "data_docs"):
        return "report"  # the report and the data docs (group report)
    return "checks"  # the asset-check steps of pipeline/defs/quality.py


def stage_times(flow: dict, wall_s: float) -> dict[str, float]:
    """Seconds per stage. Steps run one after another (in-process executor), so a stage is the sum
    of its steps' durations; 'startup' is the process before the job (imports, dbt parse,
    definitions), 'overhead' what is left of the child's wall time (Dagster between steps, exit)."""
    times = {s: 0.0 for s in STAGES}
    times["startup"] = flow["startup_s"]
    for step in flow["steps"]:
        if step["start"] is not None and step["end"] is not None:
            times[stage_of(step["key"])] += step["end"] - step["start"]
    times["overhead"] = max(0.0, wall_s - sum(times.values()))
    return times


def machine() -> dict:
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"cores": os.cpu_count(), "memory_gib": round(mem_kb / 2**20, 1),
            "python": platform.python_version(), "platform": platform.platform(), "versions": versions}


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _child(module: str, args: list[str], log: Path, budget: float | None, env: dict) -> tuple[dict, dict]:
    """Run `python -m module args --out <json>`; returns (its JSON, measurement)."""
    out = log.with_suffix(".json")
    out.unlink(missing_ok=True)
    measured = run_measured([sys.executable, "-m", module, *args, "--out", str(out)], log, env=env,
                            cwd=data.REPO, timeout=budget)
    result = json.loads(out.read_text()) if out.exists() else {}
    measurement = {"returncode": measured.returncode, "wall_s": measured.wall_s,
                   "peak_rss_bytes": measured.peak_rss_bytes, "cpu_s": measured.cpu_s, "rss_samples": measured.samples,
                   "log": str(log)}
    if measured.returncode != 0:
        measurement["error_tail"] = (measured.note + "\n" + log.read_text(errors="replace")[-3000:]).strip()
    return result, measurement


def run_point(scale: str, work_dir: Path, baselines: bool = True, budget: float | None = None,
              profile: int = 3) -> dict:
    work_dir.mkdir(parents=True, exist_ok=True)
    raw, raw_facts = data.raw_dir(scale, work_dir)
    warehouse = work_dir / "warehouse"
    if warehouse.exists():
        shutil.rmtree(warehouse)  # every run starts from an empty warehouse, as a first run would
    env = {**os.environ, "DO_NOT_TRACK": "1", "DEALS_WAREHOUSE_DIR": str(warehouse), "DEALS_RAW_DIR": str(raw)}
    env.pop("DAGSTER_HOME", None)  # an ephemeral instance: nothing written to a shared one

    result: dict = {
        "scale": scale,
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "raw": {"dir": str(raw), **raw_facts, "bytes": data.raw_sizes(raw)},
        "work_dir": str(work_dir),
    }

    result["load_before_pipeline"] = load()
    print(f"[{scale}] pipeline: load average {result['load_before_pipeline']}", flush=True)
    flow, measured = _child("benchmarks.flow", ["--raw-dir", str(raw), "--warehouse-dir", str(warehouse)],
                            work_dir / "pipeline.log", budget, env)
    pipeline = {**measured, "success": bool(flow.get("success")) and measured["returncode"] == 0}
    if flow:
        pipeline["stages"] = stage_times(flow, measured["wall_s"])
        pipeline["startup_parts_s"] = flow.get("startup_parts_s", {})
        pipeline["steps"] = flow["steps"]
        pipeline["failures"] = flow.get("failures", [])
    pipeline["dbt_slowest_nodes"], pipeline["dbt_seconds_by_kind"], pipeline["dbt_model_seconds"] = dbt_node_timings(warehouse)
    result["pipeline"] = pipeline
    result["row_counts"] = published_counts(warehouse)
    result["raw_rows"] = raw_row_counts(warehouse / "warehouse.duckdb")

    if baselines and pipeline["success"]:
        result["load_before_compiled_sql"] = load()
        print(f"[{scale}] compiled SQL: load average {result['load_before_compiled_sql']}", flush=True)
        sql, measured = _child("benchmarks.compiled_sql",
                               ["--raw-dir", str(raw), "--work-dir", str(work_dir / "compiled_sql"),
                                "--seeds-from", str(warehouse / "warehouse.duckdb"), "--profile", str(profile)],
                               work_dir / "compiled_sql.log", budget, env)
        result["compiled_sql"] = {**measured, **sql}

        result["load_before_pandas"] = load()
        print(f"[{scale}] pandas: load average {result['load_before_pandas']}", flush=True)
        pandas_result, measured = _child("benchmarks.pandas_baseline",
                                         ["--raw-db", str(work_dir / "compiled_sql" / "warehouse.duckdb"),
                                          "--published", str(warehouse / "published.duckdb")],
                                         work_dir / "pandas.log", budget, env)
        result["pandas"] = {**measured, **pandas_result}
    result["load_after"] = load()
    result["ratios"] = ratios(result)
    return result


def ratios(result: dict) -> dict:
    pipeline, sql, pd_ = result.get("pipeline", {}), result.get("compiled_sql", {}), result.get("pandas", {})
    out = {}
    if sql.get("total_s"):
        out["pipeline_over_compiled_sql"] = pipeline.get("wall_s", 0) / sql["total_s"]
        if pipeline.get("stages"):
            # like for like: the pipeline's ingest + dbt steps against the same work done directly
            out["ingest_dbt_over_compiled_sql"] = (pipeline["stages"]["ingest"] + pipeline["stages"]["dbt"]) / sql["total_s"]
    if sql.get("models_s") and pd_.get("transform_s"):
        out["pandas_over_sql_transform"] = pd_["transform_s"] / sql["models_s"]
    return out


def dbt_node_timings(warehouse: Path, top: int = 10) -> tuple[list[dict], dict[str, dict], dict[str, float]]:
    """From the run_results.json of the pipeline's dbt build: its slowest nodes; per kind (seed,
    model, test, unit_test) the node count and the sum of execution times; and every model's time
    (the metric marts included). dbt runs two nodes at a time (profile threads), so the sums can
    exceed the step's wall time."""
    from pipeline import settings

    runs = settings.dbt_run_target_dir(warehouse, "x").parent  # the per-run target dirs of the dbt asset
    found = sorted(runs.glob("*/run_results.json"), key=lambda p: p.stat().st_mtime)
    if not found:
        return [], {}, {}
    results = json.loads(found[-1].read_text())["results"]
    rows = [{"node": r["unique_id"], "seconds": r["execution_time"]} for r in results]
    by_kind: dict[str, dict] = {}
    for r in results:
        kind = by_kind.setdefault(r["unique_id"].split(".")[0], {"nodes": 0, "seconds": 0.0})
        kind["nodes"] += 1
        kind["seconds"] += r["execution_time"]
    models = {r["unique_id"].split(".")[-1]: r["execution_time"] for r in results if r["unique_id"].startswith("model.")}
    return sorted(rows, key=lambda r: -r["seconds"])[:top], by_kind, dict(sorted(models.items(), key=lambda m: -m[1]))


def raw_row_counts(working_db: Path) -> dict[str, int]:
    """Rows per raw table in the pipeline's working file (what the scale means in rows)."""
    if not working_db.exists():
        return {}
    import duckdb

    with duckdb.connect(str(working_db), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'raw' and not starts_with(table_name, '_')"
        ).fetchall()]
        return {t: con.execute(f'select count(*) from raw."{t}"').fetchone()[0] for t in sorted(tables)}


def published_counts(warehouse: Path) -> dict:
    published = warehouse / "published.duckdb"
    if not published.exists():
        return {}
    import duckdb

    with duckdb.connect(str(published), read_only=True) as con:
        return dict(con.execute(
            "select 'fct_deals', count(*) from fct_deals union all "
            "select 'counted_ai_deals', count(*) filter (where is_counted) from fct_deals union all "
            "select 'fct_deal_sources', count(*) from fct_deal_sources"
        ).fetchall())


def save(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
