"""The benchmark's raw data: the shipped sample as is, or the sample generator at a scale.

Generated data is cached: a work dir whose `raw/` has the marker written after a complete
generation at the same scale and seed is reused; anything else is generated afresh.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHIPPED_RAW = REPO / "raw"
SEED = 42
MARKER = ".benchmark_generated"

# The generator, as a module run with `python -m`. The one line to change when it moves
# (e.g. to the top-level package `sample_generator`).
GENERATOR_MODULE = "sample_generator"


def generate(out: Path, scale: float, seed: int = SEED) -> None:
    """Write a raw dir at `scale` with the sample generator (truth dir beside it)."""
    subprocess.run([sys.executable, "-m", GENERATOR_MODULE, "--out", str(out), "--seed", str(seed),
                    "--scale", str(scale), "--quiet"], cwd=REPO, check=True)


def raw_dir(scale: str, work_dir: Path) -> tuple[Path, dict]:
    """(raw dir to benchmark, facts about it). `scale` is 'sample' (the shipped raw/) or a number."""
    if scale == "sample":
        return SHIPPED_RAW, {"source": "shipped raw/", "generated_s": None, "cached": True}
    raw = work_dir / "raw"
    marker = work_dir / MARKER
    stamp = f"scale {scale} seed {SEED}"
    if raw.is_dir() and marker.exists() and marker.read_text().startswith(stamp + " "):
        return raw, {"source": f"{GENERATOR_MODULE} --scale {scale} --seed {SEED}", "generated_s": None, "cached": True}
    if raw.exists():  # another scale, or a generation that did not finish
        shutil.rmtree(raw)
    marker.unlink(missing_ok=True)
    work_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    generate(raw, float(scale))
    elapsed = time.perf_counter() - started
    marker.write_text(f"{stamp} generated in {elapsed:.1f} s\n")
    return raw, {"source": f"{GENERATOR_MODULE} --scale {scale} --seed {SEED}", "generated_s": elapsed, "cached": False}


def raw_sizes(raw: Path) -> dict[str, int]:
    """Bytes per source folder and in all (a record of what was measured)."""
    sizes = {d.name: sum(f.stat().st_size for f in d.rglob("*") if f.is_file()) for d in sorted(raw.iterdir()) if d.is_dir()}
    sizes["total"] = sum(sizes.values())
    return sizes
