"""`python -m sample_generator --out DIR --seed N --scale X [--truth-out DIR]`

Writes a complete raw directory (the export formats the ingest reads) for 2023-01-01 … 2025-03-23 and, beside
it, the truth directory (default: DIR/../sample_truth when DIR is named `raw`, otherwise
DIR/../<name>_truth), then prints the calibration table (report value vs sample value, computed
from the truth events). The same seed and scale give byte-identical files.

The shipped sample is `python -m sample_generator --out raw --seed 42`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def default_truth_dir(out: Path) -> Path:
    out = out.resolve()
    name = "sample_truth" if out.name == "raw" else f"{out.name}_truth"
    return out.parent / name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sample_generator", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path, help="raw directory to write (e.g. raw)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--scale", type=float, default=1.0,
                    help="1 = the calibrated sample; X > 1 adds a long tail of about (X-1)*1,000 Crunchbase rounds "
                         "and (X-1)*100 cn_export rows (1000 -> ~1M rounds, ~100k rows); X < 1 shrinks the sample")
    ap.add_argument("--truth-out", type=Path, default=None, help="truth directory (default: beside --out)")
    ap.add_argument("--quiet", action="store_true", help="do not print the calibration table")
    args = ap.parse_args(argv)

    from sample_generator import generate

    t0 = time.monotonic()
    truth = args.truth_out or default_truth_dir(args.out)
    summary = generate.run(args.out, truth, seed=args.seed, scale=args.scale)
    if not args.quiet:
        print(summary)
    print(f"wrote {args.out} and {truth} in {time.monotonic() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
