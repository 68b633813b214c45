"""Benchmarks of the whole flow at four scales, with two baselines (benchmarks/RESULTS.md).

    python -m benchmarks run --scale sample     # the shipped raw/ as is
    python -m benchmarks run --scale 100        # ~100k Crunchbase rounds (+ ~10k cn_export rows)
    python -m benchmarks run --scale 1000       # ~1M rounds (+ ~100k cn_export rows)
    python -m benchmarks run --scale 3000       # ~3M rounds (+ ~300k cn_export rows, cn ≈ 10 %)
    python -m benchmarks table RESULT.json ...  # the Markdown table of RESULTS.md

`run` generates the raw data once into --work-dir (default /tmp/ai-deals-bench/<scale>; reused
while it is complete), runs the real `deals_pipeline` job in a child process (stage times from the
Dagster event log, peak RSS of the process tree), then the compiled-SQL and pandas baselines on
the same raw data, prints a table and writes <work-dir>/result.json (or --out).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_WORK_ROOT = Path("/tmp/ai-deals-bench")


def _scale(text: str) -> str:
    if text == "sample":
        return text
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected 'sample' or a number like 100, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"scale must be positive, got {text!r}")
    return f"{value:g}"


def cmd_run(args: argparse.Namespace) -> int:
    from benchmarks.harness import run_point, save
    from benchmarks.report import point_table

    work_dir = (args.work_dir or DEFAULT_WORK_ROOT / args.scale).resolve()
    result = run_point(args.scale, work_dir, baselines=not args.no_baselines, budget=args.budget,
                       profile=args.profile)
    out = (args.out or work_dir / "result.json").resolve()
    save(result, out)
    print(point_table(result))
    print(f"result: {out}")
    ok = result["pipeline"]["success"] and (args.no_baselines or result.get("pandas", {}).get("check", {}).get("passed"))
    return 0 if ok else 1


def cmd_table(args: argparse.Namespace) -> int:
    from benchmarks.report import markdown_rows

    results = [json.loads(Path(p).read_text()) for p in args.results]
    print(markdown_rows(results))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="benchmark one scale")
    run.add_argument("--scale", type=_scale, required=True, help="'sample' (the shipped raw/) or a generator scale")
    run.add_argument("--work-dir", type=Path, help=f"data, warehouses and logs (default {DEFAULT_WORK_ROOT}/<scale>)")
    run.add_argument("--out", type=Path, help="result JSON (default <work-dir>/result.json)")
    run.add_argument("--budget", type=float, help="seconds each child process may take before it is killed")
    run.add_argument("--no-baselines", action="store_true", help="the pipeline only")
    run.add_argument("--profile", type=int, default=3, help="profile the N slowest compiled-SQL models (DuckDB JSON profiler; default 3)")
    run.set_defaults(func=cmd_run)
    table = sub.add_parser("table", help="Markdown table of result files")
    table.add_argument("results", nargs="+")
    table.set_defaults(func=cmd_table)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
