"""The marts compared with the pipeline: fct_deals, mart_funding_yearly, mart_country_comparison."""

from __future__ import annotations

import pandas as pd

from benchmarks.pandas_baseline.classification import NOT_A_NAME, split_investors

MEGA_DEAL_THRESHOLD_CNY = 1_000_000_000  # var mega_deal_threshold_cny
TOP_DEALS_N = 10  # var top_deals_n
COUNTRY_GROUPS = ["US", "CN", "other"]


def deal_investors(records: pd.DataFrame, matches: pd.DataFrame, investments: pd.DataFrame,
                   types: dict[str, str]) -> pd.DataFrame:
    """int_deal_investors_collected joined to the investor types, aggregated per deal."""
    r = records.merge(matches[["record_id", "deal_id"]], on="record_id")
    pairs = {(d, n) for d, text in zip(r["deal_id"], r["investors_raw"]) if text is not None for n in split_investors(text)}
    staged = investments[~investments["rejected"]]
    by_round = r[r["funding_round_uuid"].notna()][["deal_id", "funding_round_uuid"]].merge(staged, on="funding_round_uuid")
    pairs |= set(zip(by_round["deal_id"], by_round["investor_name"]))
    rows = [(d, n, types[n]) for d, n in pairs if n is not None and n not in NOT_A_NAME]
    frame = pd.DataFrame(rows, columns=["deal_id", "investor_name", "investor_type"]).sort_values(["deal_id", "investor_name"])
    g = frame.groupby("deal_id")
    return pd.DataFrame({
        "investor_names": g["investor_name"].agg(", ".join),
        "investor_types": g["investor_type"].agg(lambda s: ",".join(sorted(set(s)))),
        "investor_count": g.size(),
        "has_state_capital": g["investor_type"].agg(lambda s: bool((s == "state_capital").any())),
    }).reset_index()


def fct_deals(deals: pd.DataFrame, companies: pd.DataFrame, classified: pd.DataFrame,
              investors: pd.DataFrame) -> pd.DataFrame:
    f = (deals.merge(companies[["company_id", "company_name", "country_code", "country_group"]], on="company_id")
         .merge(classified, on="company_id").merge(investors, on="deal_id", how="left"))
    dates = pd.to_datetime(f["announced_date"])
    f["year"] = dates.dt.year
    f["quarter"] = dates.dt.year.astype(str) + "-Q" + dates.dt.quarter.astype(str)
    f["month"] = dates.dt.strftime("%Y-%m")
    f["is_counted"] = f["is_ai"].astype(bool) & f["is_counted_round"].astype(bool)
    f["amount_cny"] = f["amount_cny"].astype(float)
    f["amount_usd"] = f["amount_usd"].astype(float)
    f["amount_original"] = f["amount_original"].astype(float)
    f["is_mega"] = (f["amount_cny"] >= MEGA_DEAL_THRESHOLD_CNY).fillna(False)
    f["investor_count"] = f["investor_count"].fillna(0).astype(int)
    f["has_state_capital"] = f["has_state_capital"].astype(object).where(f["has_state_capital"].notna(), False).astype(bool)
    return f


def counted_deals(fct: pd.DataFrame) -> pd.DataFrame:
    d = fct[fct["is_counted"]].copy()
    d["country_group"] = d["country_group"].fillna("other")
    d["amount_cny"] = d["amount_cny"].where(d["amount_status"].isin(["exact", "estimated"]))
    return d


def covered_years(fct: pd.DataFrame) -> list[int]:
    return list(range(int(fct["year"].min()), int(fct["year"].max()) + 1))


def _ratio(a, b):
    return a / b.where(b != 0)


def funding_yearly(fct: pd.DataFrame) -> pd.DataFrame:
    d = counted_deals(fct)
    g = d.groupby("year")
    totals = pd.DataFrame({
        "deal_count": g.size(), "deals_with_amount": g["amount_cny"].count(),
        "amount_cny": g["amount_cny"].sum(min_count=1),
        "mega_deal_count": g["is_mega"].sum(),
        "mega_amount_cny": d[d["is_mega"]].groupby("year")["amount_cny"].sum(),
    })
    with_amount = d[d["amount_cny"].notna()].copy()
    with_amount["neg"] = -with_amount["amount_cny"]
    top = with_amount.sort_values(["year", "neg", "announced_date", "deal_id"]).groupby("year").head(TOP_DEALS_N)
    totals["top10_amount_cny"] = top.groupby("year")["amount_cny"].sum()
    per_company = (top.groupby(["year", "company_id"]).agg(company_name=("company_name", "min"), amount_cny=("amount_cny", "sum"))
                   .reset_index())
    per_company["neg"] = -per_company["amount_cny"]
    leaders = per_company.sort_values(["year", "neg", "company_name"]).groupby("year").head(3)
    totals["top3_companies"] = leaders.groupby("year")["company_name"].agg(", ".join)
    totals["top3_amount_cny"] = leaders.groupby("year")["amount_cny"].sum()
    y = totals.reindex(covered_years(fct))
    for column in ["deal_count", "deals_with_amount", "amount_cny", "mega_deal_count", "mega_amount_cny", "top10_amount_cny"]:
        y[column] = y[column].fillna(0)
    y.index.name = "year"
    y = y.reset_index()
    y["prior_year_amount_cny"] = y["amount_cny"].shift(1)
    y["amount_change_cny"] = y["amount_cny"] - y["prior_year_amount_cny"]
    y["amount_change_pct"] = (y["amount_cny"] - y["prior_year_amount_cny"]) * 100.0 / y["prior_year_amount_cny"].where(y["prior_year_amount_cny"] != 0)
    y["mega_count_share"] = _ratio(y["mega_deal_count"], y["deal_count"])
    y["mega_amount_share"] = _ratio(y["mega_amount_cny"], y["amount_cny"])
    y["mega_avg_amount_cny"] = _ratio(y["mega_amount_cny"], y["mega_deal_count"])
    y["top_n"] = TOP_DEALS_N
    y["top10_amount_share"] = _ratio(y["top10_amount_cny"], y["amount_cny"])
    y["top3_share_of_top10"] = _ratio(y["top3_amount_cny"], y["top10_amount_cny"])
    return y


def country_comparison(fct: pd.DataFrame) -> pd.DataFrame:
    d = counted_deals(fct)
    g = d.groupby(["year", "country_group"])
    totals = pd.DataFrame({"deal_count": g.size(), "deals_with_amount": g["amount_cny"].count(),
                           "amount_cny": g["amount_cny"].sum()})
    grid = pd.MultiIndex.from_product([covered_years(fct), COUNTRY_GROUPS], names=["year", "country_group"])
    c = totals.reindex(grid).fillna(0).reset_index()
    year_count = c.groupby("year")["deal_count"].transform("sum")
    year_amount = c.groupby("year")["amount_cny"].transform("sum")
    c["count_share"] = _ratio(c["deal_count"], year_count)
    c["amount_share"] = _ratio(c["amount_cny"], year_amount)
    c["avg_amount_cny"] = _ratio(c["amount_cny"], c["deals_with_amount"])
    c = c.sort_values(["country_group", "year"])
    c["amount_share_change_pp"] = (c["amount_share"] - c.groupby("country_group")["amount_share"].shift(1)) * 100
    share = c.pivot(index="year", columns="country_group", values="amount_share")
    ratio = _ratio(share["US"], share["CN"])
    c["us_cn_share_ratio"] = c["year"].map(ratio)
    return c.sort_values(["year", "country_group"]).reset_index(drop=True)
