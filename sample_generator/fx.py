"""The FX table of the sample: monthly CNY-per-unit rates (ECB, via pipeline.ingest.fx), exactly as
written to reference/fx_rates.csv, so every amount the generator converts uses the file's rates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict


class FX:
    """Monthly CNY-per-unit rates, exactly as written to reference/fx_rates.csv."""

    def __init__(self, rows: list[tuple[str, str, float]]):
        self.rows = [(m, c, f"{r:.6f}") for m, c, r in rows]
        self.rate = {(m, c): float(s) for m, c, s in self.rows}
        acc: dict[tuple[int, str], list[float]] = defaultdict(list)
        for (m, c), r in self.rate.items():
            acc[(int(m[:4]), c)].append(r)
        self.year_avg = {k: sum(v) / len(v) for k, v in acc.items()}

    def at(self, d: dt.date, ccy: str) -> float:
        return self.rate[(f"{d.year:04d}-{d.month:02d}", ccy)]

    def plan(self, year: int, ccy: str) -> float:
        return self.year_avg[(year, ccy)]


def ecb_fx() -> FX:
    """The rates of 2022-01 … 2025-12, as the pipeline's ingest computes them."""
    from pipeline.ingest.fx import ecb_monthly_rates  # the generator may use the pipeline, never the reverse

    return FX(ecb_monthly_rates("2022-01", "2025-12"))
