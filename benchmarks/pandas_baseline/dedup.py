"""Cross-source deduplication: deal rows in CNY/USD (int_deal_rows_fx_converted), one row per source record
(int_deal_records_collapsed), cn_export records matched one-to-one to Crunchbase records (int_deal_records_matched),
and the surviving values per deal (int_deals_merged)."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from benchmarks.pandas_baseline import seeds

DEDUP_WINDOW_DAYS = 30  # var dedup_window_days
DEDUP_AMOUNT_FACTOR = 1.5  # var dedup_amount_factor
ROW_COLUMNS = ["source", "source_file", "source_row", "source_record_key", "mention_source", "mention_ref",
               "funding_round_uuid", "announced_date", "date_precision", "round_raw", "round_type", "stage_group",
               "is_counted_round", "amount_status", "amount_original", "currency", "investors_raw"]


def deal_rows(cn: pd.DataFrame, rounds: pd.DataFrame, fx: dict) -> pd.DataFrame:
    cn_rows = cn[~cn["rejected"] & (cn["row_kind"] == "round")].assign(
        mention_source="cn_export", mention_ref=lambda f: f["company_name"], funding_round_uuid=None)
    cb_rows = rounds[~rounds["rejected"]].assign(
        mention_source="crunchbase", mention_ref=lambda f: f["org_uuid"], investors_raw=None)
    rows = pd.concat([cn_rows[ROW_COLUMNS], cb_rows[ROW_COLUMNS]], ignore_index=True).astype(object)
    rows = rows.where(rows.notna(), None)
    months = rows["announced_date"].map(lambda d: d.strftime("%Y-%m"))
    unit = [1.0 if c == "CNY" else fx.get((m, c)) for c, m in zip(rows["currency"], months)]
    usd = [fx.get((m, "USD")) for m in months]
    rows["fx_month"] = months
    rows["amount_cny"] = [a * u if a is not None and u is not None else None for a, u in zip(rows["amount_original"], unit)]
    rows["amount_usd"] = [a * u / d if a is not None and u is not None and d is not None else None
                          for a, u, d in zip(rows["amount_original"], unit, usd)]
    rows["fx_rejected"] = [s != "undisclosed" and (u is None or d is None) for s, u, d in zip(rows["amount_status"], unit, usd)]
    return rows


def deal_records(rows: pd.DataFrame, resolved: pd.DataFrame) -> pd.DataFrame:
    kept = rows[~rows["fx_rejected"]]
    counts = kept.groupby(["source", "source_record_key"]).size().rename("copy_count")
    latest = kept.sort_values(["source_file", "source_row"]).drop_duplicates(["source", "source_record_key"], keep="last")
    records = latest.join(counts, on=["source", "source_record_key"])
    records = records.merge(resolved[["mention_source", "mention_ref", "company_id"]], on=["mention_source", "mention_ref"])
    records["record_id"] = records["source"] + ":" + records["source_record_key"]
    return records.reset_index(drop=True)


def _stage_pairs() -> set[tuple[str, str]]:
    pairs = {(g, g) for g in seeds.seed("round_types")["stage_group"].dropna()}
    compat = seeds.seed("stage_compatibility")
    pairs |= set(zip(compat["stage_group_a"], compat["stage_group_b"]))
    pairs |= set(zip(compat["stage_group_b"], compat["stage_group_a"]))
    return pairs


def candidate_pairs(left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    """dedup_candidate_pairs: same company, within the window, compatible stages and amounts;
    `score` is lower for closer events."""
    cols = ["record_id", "company_id", "announced_date", "stage_group", "round_type", "amount_status", "amount_cny"]
    p = left[cols].merge(right[cols], on="company_id", suffixes=("_l", "_r"))
    p["days"] = [abs((late - early).days) for early, late in zip(p["announced_date_l"], p["announced_date_r"])]
    stages = _stage_pairs()
    p = p[(p["days"] <= DEDUP_WINDOW_DAYS)
          & np.array([(a, b) in stages for a, b in zip(p["stage_group_l"], p["stage_group_r"])], dtype=bool)].copy()
    both_exact = (p["amount_status_l"] == "exact") & (p["amount_status_r"] == "exact")
    lo, ro = p["amount_cny_l"].astype(float), p["amount_cny_r"].astype(float)
    p = p[~both_exact | ((lo <= ro * DEDUP_AMOUNT_FACTOR) & (ro <= lo * DEDUP_AMOUNT_FACTOR))].copy()
    both_exact = (p["amount_status_l"] == "exact") & (p["amount_status_r"] == "exact")
    lo, ro = p["amount_cny_l"].astype(float), p["amount_cny_r"].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        amount_term = np.where(both_exact & (lo > 0) & (ro > 0), 20 * np.abs(np.log(lo / ro)), 0.0)
    p["score"] = p["days"] + amount_term + np.where(p["round_type_l"] == p["round_type_r"], 0, 5)
    return p.rename(columns={"record_id_l": "left_id", "record_id_r": "right_id"})[["left_id", "right_id", "score"]]


def mutual_best(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs where each side is the other's best candidate, in two rounds."""
    def best(p):
        left_best = p.sort_values(["left_id", "score", "right_id"]).drop_duplicates("left_id")
        right_best = p.sort_values(["right_id", "score", "left_id"]).drop_duplicates("right_id")
        return left_best.merge(right_best, on=["left_id", "right_id", "score"])[["left_id", "right_id"]]

    first = best(pairs)
    rest = pairs[~pairs["left_id"].isin(first["left_id"]) & ~pairs["right_id"].isin(first["right_id"])]
    return pd.concat([first, best(rest)], ignore_index=True)


def deal_ids(records: pd.DataFrame) -> pd.DataFrame:
    """record_id -> anchor_record_id, deal_id (int_deal_records_matched; no manual additions)."""
    cb = records[records["source"] == "crunchbase"]
    cn = records[records["source"] == "cn_export"]
    matches = mutual_best(candidate_pairs(cb, cn))
    anchor_of = dict(zip(matches["right_id"], matches["left_id"]))
    out = pd.DataFrame({"record_id": records["record_id"]})
    out["anchor_record_id"] = [anchor_of.get(r, r) for r in out["record_id"]]
    out["deal_id"] = out["anchor_record_id"].map(lambda a: "d_" + hashlib.md5(a.encode()).hexdigest()[:16])
    return out


def _priorities() -> list[tuple[str, str, int]]:
    rows = seeds.seed("source_priority")
    return [(r.source, c.strip(), int(r.priority)) for r in rows.itertuples() for c in r.company_countries.split(",")]


def deals(records: pd.DataFrame, matches: pd.DataFrame, companies: pd.DataFrame) -> pd.DataFrame:
    """int_deals_merged: per deal, the surviving date, round and amount among its records."""
    r = records.merge(matches, on="record_id").merge(companies[["company_id", "country_code"]], on="company_id", how="left")
    prio = _priorities()

    def priority(source, country):
        country = country or ""
        found = [p for s, c, p in prio if s == source and c in (country, "*")]
        return min(found) if found else 99

    cache = {}
    r["source_priority"] = [cache.setdefault((s, c), priority(s, c)) for s, c in zip(r["source"], r["country_code"])]
    status_rank = r["amount_status"].map({"exact": 1, "estimated": 2}).fillna(3)
    r["amount_k1"], r["date_k1"] = status_rank, (r["date_precision"] != "day").astype(int)
    r["round_k1"] = (r["round_type"] == "series_unknown").astype(int)

    def pick(k1: str, columns: list[str]) -> pd.DataFrame:
        return r.sort_values(["deal_id", k1, "source_priority", "record_id"]).drop_duplicates("deal_id")[["deal_id", *columns]]

    dated = pick("date_k1", ["announced_date", "date_precision"])
    rounds = pick("round_k1", ["round_type", "stage_group", "is_counted_round", "round_raw"])
    amounts = pick("amount_k1", ["amount_status", "amount_original", "currency", "amount_cny", "amount_usd", "source"])
    amounts = amounts.rename(columns={"source": "amount_source"})
    grouped = r.groupby("deal_id")
    summary = pd.DataFrame({
        "company_id": grouped["company_id"].first(),
        "anchor_record_id": grouped["anchor_record_id"].first(),
        "source_count": grouped["source"].nunique(),
        "record_count": grouped.size(),
        "raw_row_count": grouped["copy_count"].sum(),
        "sources": grouped["source"].agg(lambda s: ",".join(sorted(set(s)))),
    }).reset_index()
    return summary.merge(dated, on="deal_id").merge(rounds, on="deal_id").merge(amounts, on="deal_id")
