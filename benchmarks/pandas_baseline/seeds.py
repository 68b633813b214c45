"""The dbt seeds (dbt_project/seeds/*.csv) as DataFrames: every cell text, empty cells None (as
dbt's seed loader reads them), booleans and numbers converted where the rules need them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from benchmarks.pandas_baseline.text import normalise_label

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


@cache
def seed(name: str) -> pd.DataFrame:
    frame = pd.read_csv(SEEDS / f"{name}.csv", dtype=str, keep_default_na=False).astype(object)
    return frame.where(frame != "", None)


def truthy(value) -> bool | None:
    return None if value is None else str(value).strip().lower() in ("true", "t", "1", "yes", "y")


@cache
def country_lookup() -> dict[str, str]:
    """name_key -> iso2 (macro country_lookup)."""
    countries, variants = seed("countries"), seed("country_name_variants")
    pairs = []
    for column in ["iso2", "iso3", "name_en", "name_zh"]:
        pairs += list(zip(countries[column].map(normalise_label), countries["iso2"]))
    pairs += list(zip(variants["name"].map(normalise_label), variants["iso2"]))
    lookup: dict[str, str] = {}
    for key, iso2 in pairs:
        if key:
            lookup.setdefault(key, iso2)
    return lookup


@cache
def country_groups() -> dict[str, str]:
    countries = seed("countries")
    return dict(zip(countries["iso2"], countries["country_group"]))


@cache
def round_types(source: str) -> dict[str, tuple[str, str, bool]]:
    """normalised raw value -> (round_type, stage_group, is_counted_round) for one source."""
    rows = seed("round_types")
    rows = rows[rows["source"] == source]
    return {normalise_label(r.raw_value): (r.round_type, r.stage_group, truthy(r.is_counted_round))
            for r in rows.itertuples()}


@cache
def currencies() -> dict[str, str]:
    rows = seed("currency_names")
    return {normalise_label(r.raw_name): r.currency_code for r in rows.itertuples()}
