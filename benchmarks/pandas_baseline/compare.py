"""Equality of the pandas results with the pipeline's published tables: counts exactly, amounts
to the cent or 1e-9 relative, and fct_deals row by row on deal_id with a count of differing
values per column (so a difference is reported precisely, never hidden)."""

from __future__ import annotations

import math

import duckdb
import pandas as pd

REL = 1e-9
FCT_COLUMNS = ["company_id", "company_name", "announced_date", "year", "date_precision", "country_code", "country_group",
               "round_type", "stage_group", "is_counted_round", "is_ai", "is_counted", "amount_status", "amount_original",
               "currency", "amount_cny", "amount_usd", "is_mega", "segment", "sub_segment", "investor_names",
               "investor_types", "investor_count", "has_state_capital", "source_count", "record_count", "raw_row_count",
               "sources", "amount_source"]
NUMERIC = {"amount_original", "amount_cny", "amount_usd"}


def close(a, b) -> bool:
    if _none(a) and _none(b):
        return True
    if _none(a) or _none(b):
        return False
    a, b = float(a), float(b)
    return abs(a - b) <= max(0.005, REL * max(abs(a), abs(b)))


def _none(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT or (not isinstance(v, str) and pd.isna(v))


def same(a, b) -> bool:
    if _none(a) and _none(b):
        return True
    if _none(a) or _none(b):
        return False
    if hasattr(a, "isoformat") and hasattr(b, "isoformat"):
        return str(a)[:10] == str(b)[:10]
    if isinstance(a, (bool, int, float)) or isinstance(b, (bool, int, float)):
        try:
            return float(a) == float(b)
        except (TypeError, ValueError):
            return False
    return str(a) == str(b)


def _item(name: str, ok: bool, detail: str) -> dict:
    return {"name": name, "ok": bool(ok), "detail": detail}


def compare(published: str, fct: pd.DataFrame, yearly: pd.DataFrame, countries: pd.DataFrame) -> dict:
    with duckdb.connect(published, read_only=True) as con:
        p_fct = con.execute("select * from fct_deals").df()
        p_yearly = con.execute("select * from mart_funding_yearly order by year").df()
        p_country = con.execute("select * from mart_country_comparison order by year, country_group").df()
    items = []

    items.append(_item("fct_deals deal count", len(fct) == len(p_fct), f"pandas {len(fct):,}, pipeline {len(p_fct):,}"))
    for label, frame_a, frame_b in [("per-year counted AI deals", fct, p_fct)]:
        a = frame_a[frame_a["is_counted"].astype(bool)].groupby("year").agg(n=("deal_id", "size"), amount=("amount_cny", "sum"))
        b = frame_b[frame_b["is_counted"].astype(bool)].groupby("year").agg(n=("deal_id", "size"), amount=("amount_cny", "sum"))
        joined = a.join(b, lsuffix="_pandas", rsuffix="_pipeline", how="outer")
        bad = [f"{y}: {r.n_pandas} vs {r.n_pipeline} deals, {r.amount_pandas:,.2f} vs {r.amount_pipeline:,.2f}"
               for y, r in joined.iterrows() if not (same(r.n_pandas, r.n_pipeline) and close(r.amount_pandas, r.amount_pipeline))]
        items.append(_item(f"fct_deals {label} and amount", not bad, "; ".join(bad) or f"{len(joined)} years equal"))
    a = fct[fct["is_counted"].astype(bool)].groupby("country_group")["amount_cny"].sum()
    b = p_fct[p_fct["is_counted"].astype(bool)].groupby("country_group")["amount_cny"].sum()
    bad = [f"{g}: {a.get(g, 0):,.2f} vs {b.get(g, 0):,.2f}" for g in sorted(set(a.index) | set(b.index))
           if not close(a.get(g, 0), b.get(g, 0))]
    items.append(_item("fct_deals counted amount per country group", not bad, "; ".join(bad) or "equal"))

    # row by row on deal_id
    merged = fct.merge(p_fct, on="deal_id", how="outer", suffixes=("_pandas", "_pipeline"), indicator=True)
    only_pandas = int((merged["_merge"] == "left_only").sum())
    only_pipeline = int((merged["_merge"] == "right_only").sum())
    both = merged[merged["_merge"] == "both"]
    diffs = {}
    examples = {}
    for column in FCT_COLUMNS:
        a_col, b_col = both[f"{column}_pandas"], both[f"{column}_pipeline"]
        test = close if column in NUMERIC else same
        mask = [not test(x, y) for x, y in zip(a_col, b_col)]
        n = sum(mask)
        if n:
            diffs[column] = n
            at = both[mask].iloc[0]
            examples[column] = f"{at['deal_id']}: {at[f'{column}_pandas']!r} vs {at[f'{column}_pipeline']!r}"
    detail = (f"{len(both):,} deal_ids in both, {only_pandas} only in pandas, {only_pipeline} only in the pipeline"
              + ("; differing values: " + "; ".join(f"{c} ×{n} (e.g. {examples[c]})" for c, n in diffs.items()) if diffs else
                 "; every compared column equal"))
    items.append(_item("fct_deals row by row", not diffs and not only_pandas and not only_pipeline, detail))

    items.append(_frame_item("mart_funding_yearly", yearly, p_yearly, ["year"]))
    items.append(_frame_item("mart_country_comparison", countries, p_country, ["year", "country_group"]))
    return {"passed": all(i["ok"] for i in items), "items": items}


def _frame_item(name: str, ours: pd.DataFrame, theirs: pd.DataFrame, keys: list[str]) -> dict:
    if len(ours) != len(theirs):
        return _item(name, False, f"{len(ours)} rows vs {len(theirs)}")
    ours = ours.sort_values(keys).reset_index(drop=True)
    theirs = theirs.sort_values(keys).reset_index(drop=True)
    bad = []
    for column in theirs.columns:
        if column not in ours.columns:
            bad.append(f"{column} missing")
            continue
        for i, (a, b) in enumerate(zip(ours[column], theirs[column])):
            numeric = isinstance(b, (int, float)) and not isinstance(b, bool) and not _none(b) or isinstance(a, float)
            ok = close(a, b) if numeric and not isinstance(b, str) else same(a, b)
            if not ok:
                bad.append(f"{column} at {tuple(theirs.loc[i, keys])}: {a!r} vs {b!r}")
    return _item(name, not bad, "; ".join(bad[:5]) + (f" (+{len(bad) - 5} more)" if len(bad) > 5 else "")
                 if bad else f"{len(theirs)} rows × {len(theirs.columns)} columns equal")
