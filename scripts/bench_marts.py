"""Time the report marts (dbt_project/models/marts/metrics) at scale.

Writes a synthetic `marts.fct_deals` (default 1,000,000 deals over 2015–2025, 100,000 companies)
and `marts.dim_companies` with the contract columns into a temporary DuckDB file, then builds only
the metric marts on top with dbt (unselected parents are not rebuilt) and reports dbt's
per-model execution times and the wall time of the whole `dbt run`.

    python scripts/bench_marts.py [--deals 1000000] [--companies 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from pipeline import settings  # noqa: E402

SEGMENTS = {
    "aigc": ["foundation_models", "generative_content", "ai_agents"],
    "infrastructure": ["ai_chips", "cloud_compute", "data_services"],
    "technology": ["computer_vision", "speech_nlp", "machine_learning", "knowledge_decision"],
    "application": ["autonomous_driving", "unmanned_devices", "healthcare", "robotics", "security",
                    "programming_dev", "finance", "education", "enterprise_services", "industrial",
                    "other_application"],
}
ROUNDS = [  # round_type, stage_group, counted
    ("angel", "early", True), ("seed", "early", True), ("series_a", "early", True),
    ("series_b", "growth", True), ("series_c", "growth", True), ("series_d", "late", True),
    ("private_equity", "late", True), ("corporate_round", "strategic", True),
    ("debt_financing", "debt", True), ("post_ipo_equity", "other", True),
    ("acquisition", "other", False), ("ipo", "other", False),
]


def write_synthetic_marts(db_path: Path, deals: int, companies: int) -> None:
    segment_pairs = [(s, sub) for s, subs in SEGMENTS.items() for sub in subs]
    with duckdb.connect(str(db_path)) as con:
        con.execute("select setseed(0.42)")
        con.execute("create schema marts")
        con.execute("create temp table segment_pairs (n integer, segment varchar, sub_segment varchar)")
        con.executemany("insert into segment_pairs values (?, ?, ?)",
                        [(i, s, sub) for i, (s, sub) in enumerate(segment_pairs)])
        con.execute("create temp table rounds (n integer, round_type varchar, stage_group varchar, counted boolean)")
        con.executemany("insert into rounds values (?, ?, ?, ?)", [(i, *r) for i, r in enumerate(ROUNDS)])
        con.execute(f"""
            create table marts.dim_companies as
            with base as (
                select
                    i,
                    random() as r_country,
                    random() as r_ai,
                    (random() * {len(segment_pairs)})::integer % {len(segment_pairs)} as pair,
                    random() as r_unicorn
                from range({companies}) as t(i)
            )
            select
                'c' || i as company_id,
                'Company ' || i as company_name,
                'Company ' || i as aliases,
                case when r_country < 0.45 then 'US' when r_country < 0.75 then 'CN' else 'GB' end as country_code,
                case when r_country < 0.45 then 'US' when r_country < 0.75 then 'CN' else 'other' end as country_group,
                r_ai < 0.7 as is_ai,
                case when r_ai < 0.7 then p.segment end as segment,
                case when r_ai < 0.7 then p.sub_segment end as sub_segment,
                case when r_unicorn < 0.02 then date '2013-01-01' + (r_unicorn * 200000)::integer end
                    as unicorn_joined_date,
                case when r_unicorn < 0.02 then 1e9 + (0.02 - r_unicorn) * 1e13 end as latest_valuation_usd
            from base
            join segment_pairs as p on p.n = base.pair
        """)
        con.execute(f"""
            create table marts.fct_deals as
            with base as (
                select
                    i,
                    'c' || ((random() * {companies})::bigint % {companies}) as company_id,
                    date '2015-01-01' + (random() * 4100)::integer as announced_date,
                    (random() * {len(ROUNDS)})::integer % {len(ROUNDS)} as round_n,
                    random() as r_amount,
                    random() as r_state
                from range({deals}) as t(i)
            )
            select
                'd' || i as deal_id,
                base.company_id,
                c.company_name,
                base.announced_date,
                year(base.announced_date) as year,
                strftime(base.announced_date, '%Y') || '-Q' || quarter(base.announced_date) as quarter,
                strftime(base.announced_date, '%Y-%m') as month,
                c.country_code,
                c.country_group,
                r.round_type,
                r.stage_group,
                c.is_ai,
                c.is_ai and r.counted as is_counted,
                case when r_amount < 0.15 then 'undisclosed' when r_amount < 0.25 then 'estimated' else 'exact' end
                    as amount_status,
                case when r_amount >= 0.15 then exp(14 + r_amount * 10) end as amount_original,
                'CNY' as currency,
                case when r_amount >= 0.15 then exp(14 + r_amount * 10) end as amount_cny,
                case when r_amount >= 0.15 then exp(14 + r_amount * 10) / 7.1 end as amount_usd,
                r_amount >= 0.15 and exp(14 + r_amount * 10) >= 1e9 as is_mega,
                c.segment,
                c.sub_segment,
                'Investor A, Investor B' as investor_names,
                r_state < 0.05 as has_state_capital,
                1 as source_count
            from base
            join marts.dim_companies as c using (company_id)
            join rounds as r on r.n = base.round_n
        """)


def run_dbt(args: list[str], warehouse: Path) -> subprocess.CompletedProcess:
    dbt = Path(sys.executable).parent / "dbt"
    project = str(settings.DBT_PROJECT_DIR)
    env = {**os.environ, "DO_NOT_TRACK": "1", settings.WAREHOUSE_DIR_ENV: str(warehouse)}
    proc = subprocess.run(
        [str(dbt) if dbt.exists() else "dbt", *args, "--project-dir", project, "--profiles-dir", project,
         "--target-path", str(warehouse / "dbt_target")],
        env=env, capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"dbt {' '.join(args)} failed:\n{proc.stdout[-5000:]}\n{proc.stderr[-2000:]}")
    return proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--companies", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build in this directory and keep it (default: a temp dir)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench_marts_") as tmp:
        warehouse = (args.keep or Path(tmp)).resolve()
        warehouse.mkdir(parents=True, exist_ok=True)
        db = warehouse / settings.WORKING_DB_NAME
        db.unlink(missing_ok=True)
        started = time.perf_counter()
        write_synthetic_marts(db, args.deals, args.companies)
        print(f"synthetic fct_deals: {args.deals:,} deals, {args.companies:,} companies "
              f"({time.perf_counter() - started:.1f} s to write)")

        run_dbt(["seed", "--select", "path:seeds/report"], warehouse)
        started = time.perf_counter()
        run_dbt(["run", "--select", "path:models/marts/metrics"], warehouse)
        wall = time.perf_counter() - started

        results = json.loads((warehouse / "dbt_target" / "run_results.json").read_text())["results"]
        timings = sorted(((r["unique_id"].split(".")[-1], r["execution_time"]) for r in results),
                         key=lambda t: -t[1])
        for name, seconds in timings:
            print(f"  {name:<28} {seconds:6.2f} s")
        print(f"sum of model execution times: {sum(s for _, s in timings):.2f} s")
        # From the first mart's start to the last one's end (dbt runs two at a time: profile threads).
        stamps = [dt.datetime.fromisoformat(t[key].replace("Z", "+00:00"))
                  for r in results for t in r["timing"] for key in ("started_at", "completed_at")]
        print(f"marts phase, first start to last end: {(max(stamps) - min(stamps)).total_seconds():.2f} s")
        print(f"wall time of `dbt run` (incl. dbt start-up and parse): {wall:.2f} s")


if __name__ == "__main__":
    main()
