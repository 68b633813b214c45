"""Render a world as a raw directory (the formats the ingest reads) and write it with its truth
directory beside it."""

from __future__ import annotations

from pathlib import Path

from sample_generator.model import World
from sample_generator.render import cn_export, crunchbase, reference, truth, unicorns
from sample_generator.render.common import Context, write_file

# the generator's own files: stale ones from an earlier run are removed, anything else is left alone
GENERATED = ("cn_export/itjuzi_export_*.csv", "cn_export/itjuzi_export_*.xlsx", "crunchbase/funding_rounds*.csv",
             "unicorns/*.csv", "unicorns/*.xlsx")
MANUAL_README = ("Analyst additions, corrections and exclusions go here; the format is defined by the "
                 "pipeline (see the project README). The sample generator leaves this folder empty.\n")


def render(world: World) -> Context:
    """Every source of the raw directory, in memory (the order fixes the render streams' draws)."""
    ctx = Context(world)
    cn_export.render(ctx)
    crunchbase.render(ctx)
    unicorns.render(ctx)
    reference.render(ctx)
    return ctx


def write(ctx: Context, out: Path, truth_dir: Path) -> dict[str, list[dict]]:
    """Write the rendered files under `out` and the truth tables under `truth_dir`; return the tables."""
    out.mkdir(parents=True, exist_ok=True)
    for pattern in GENERATED:
        for p in out.glob(pattern):
            if str(p.relative_to(out)) not in ctx.files:
                p.unlink()
    for rel, (text, enc) in sorted(ctx.files.items()):
        write_file(out / rel, text, enc)
    manual = out / "manual" / "README.md"
    if not manual.exists():  # the pipeline defines that folder's format; never overwritten
        manual.parent.mkdir(parents=True, exist_ok=True)
        manual.write_text(MANUAL_README, encoding="utf-8")
    tables = truth.tables(ctx.world, ctx.records, ctx.investor_mentions)
    truth.write(truth_dir, tables)
    return tables
