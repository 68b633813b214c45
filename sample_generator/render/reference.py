"""reference/fx_rates.csv: the monthly rates the generator converted with (the pipeline reads them)."""

from __future__ import annotations

from sample_generator.render.common import Context, csv_text

FX_FILE = "reference/fx_rates.csv"


def render(ctx: Context) -> None:
    rows = [[m, c, r] for m, c, r in ctx.world.fx.rows]
    ctx.files[FX_FILE] = (csv_text(rows, ["month", "currency", "cny_per_unit"], "\n"), "utf-8")
