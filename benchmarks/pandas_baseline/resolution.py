"""Entity resolution (int_company_mentions_keyed, int_company_mentions_resolved, int_companies_merged): every way a
source names a company, matched to the Crunchbase organizations on name keys."""

from __future__ import annotations

import hashlib

import pandas as pd

from benchmarks.pandas_baseline import seeds
from benchmarks.pandas_baseline.text import HAS_HAN, NameKeys, name_cleaned

MENTION_COLUMNS = ["mention_source", "mention_ref", "name", "name_role", "country_code", "classification_text",
                   "unicorn_joined_date", "unicorn_valuation_usd"]


def _latest(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame.sort_values(["source_file", "source_row"], ascending=False).drop_duplicates(key, keep="first")


def _concat_ws(*values) -> str:
    return " ".join(v for v in values if v is not None)


def mentions(orgs: pd.DataFrame, cn: pd.DataFrame, unicorns: pd.DataFrame) -> pd.DataFrame:
    latest_orgs = _latest(orgs[~orgs["rejected"]], "org_uuid")
    parts = []
    for column, role in [("org_name", "name"), ("legal_name", "legal_name"), ("alias1", "alias"),
                         ("alias2", "alias"), ("alias3", "alias")]:
        part = latest_orgs[latest_orgs[column].notna()]
        parts.append(pd.DataFrame({
            "mention_source": "crunchbase", "mention_ref": part["org_uuid"], "name": part[column], "name_role": role,
            "country_code": part["country_code"],
            "classification_text": [_concat_ws(a, b, c) for a, b, c in zip(
                part["category_list"], part["category_groups_list"], part["short_description"])] if role == "name" else None,
        }))
    companies = _latest(cn[~cn["is_continuation"] & cn["company_name"].notna()], "company_name")
    for column, role in [("company_name", "name"), ("legal_name", "legal_name")]:
        part = companies[companies[column].notna()]
        parts.append(pd.DataFrame({
            "mention_source": "cn_export", "mention_ref": part["company_name"], "name": part[column], "name_role": role,
            "country_code": part["country_code"],
            "classification_text": [_concat_ws(a, b, c) for a, b, c in zip(
                part["industry"], part["sub_industry"], part["description"])] if role == "name" else None,
        }))
    listed = _latest(unicorns[~unicorns["rejected"]], "company_name")
    parts.append(pd.DataFrame({
        "mention_source": "unicorns", "mention_ref": listed["company_name"], "name": listed["company_name"],
        "name_role": "name", "country_code": listed["country_code"], "classification_text": listed["industry"],
        "unicorn_joined_date": listed["date_joined"], "unicorn_valuation_usd": listed["valuation_usd"],
    }))
    all_names = pd.concat(parts, ignore_index=True).astype(object)
    all_names = all_names.where(all_names.notna(), None)

    keys = NameKeys(seeds.seed("company_name_suffixes")["suffix"].dropna().tolist())
    name_key, full_key = {}, {}
    for name in all_names["name"].unique():
        cleaned = name_cleaned(name)
        fallback = name.strip(" ").lower()
        name_key[name] = keys.stripped(cleaned) or fallback
        full_key[name] = cleaned.replace(" ", "") or fallback
    all_names["name_key"] = all_names["name"].map(name_key)
    all_names["full_key"] = all_names["name"].map(full_key)
    aliases = seeds.seed("company_aliases")
    canonical: dict[str, str] = {}
    for alias, name in zip(aliases["alias"], aliases["canonical_name"]):
        a, c = keys.key(alias), keys.key(name)
        canonical[a] = min(canonical.get(a, c), c)
    all_names["resolved_key"] = all_names["name_key"].map(lambda k: canonical.get(k, k))
    all_names["is_known_alias"] = all_names["name_key"].isin(set(canonical))
    return all_names


def resolve(m: pd.DataFrame) -> pd.DataFrame:
    """(mention_source, mention_ref) -> company_id (int_company_mentions_resolved)."""
    other = m[m["mention_source"] != "crunchbase"]
    cb = m[m["mention_source"] == "crunchbase"]
    mention_country = other.groupby(["mention_source", "mention_ref"])["country_code"].max().rename("mention_country")
    cols = ["mention_source", "mention_ref", "key_kind", "match_key", "name_role", "is_known_alias"]
    mention_keys = pd.concat([
        other.assign(key_kind="exact", match_key=other["full_key"])[cols],
        other.assign(key_kind="stripped", match_key=other["resolved_key"])[cols],
    ]).drop_duplicates()
    exact_keys = set(mention_keys.loc[mention_keys["key_kind"] == "exact", "match_key"])
    stripped_keys = set(mention_keys.loc[mention_keys["key_kind"] == "stripped", "match_key"])
    acols = ["anchor_ref", "key_kind", "match_key", "name_role", "is_known_alias", "country_code"]
    anchors = pd.concat([
        cb[cb["full_key"].isin(exact_keys)].assign(anchor_ref=cb["mention_ref"], key_kind="exact", match_key=cb["full_key"])[acols],
        cb[cb["resolved_key"].isin(stripped_keys)].assign(anchor_ref=cb["mention_ref"], key_kind="stripped",
                                                          match_key=cb["resolved_key"])[acols],
    ]).drop_duplicates()
    mk = mention_keys.groupby(["mention_source", "key_kind", "match_key"])["mention_ref"].nunique().rename("mentions_sharing")
    ak = anchors.groupby(["key_kind", "match_key"])["anchor_ref"].nunique().rename("anchors_sharing")

    c = (mention_keys.join(mention_country, on=["mention_source", "mention_ref"])
         .merge(anchors, on=["key_kind", "match_key"], suffixes=("", "_a"))
         .join(mk, on=["mention_source", "key_kind", "match_key"]).join(ak, on=["key_kind", "match_key"]))
    if len(c):
        compatible = (c["mention_country"].isna() | c["country_code"].isna() | (c["mention_country"] == c["country_code"])
                      | c["is_known_alias"].astype(bool) | c["is_known_alias_a"].astype(bool) | (c["name_role_a"] == "alias"))
        stripped = c["key_kind"] == "stripped"
        unambiguous = (
            (stripped & (c["name_role"] == "name") & c["name_role_a"].isin(["name", "alias"])
             & (c["mentions_sharing"] == 1) & (c["anchors_sharing"] == 1))
            | (~stripped & (c["name_role"] == "legal_name") & (c["mentions_sharing"] == 1))
            | (~stripped & (c["name_role"] != "legal_name"))
        )
        c = c[compatible & unambiguous].copy()
        c["tier"] = 3
        c.loc[(c["name_role"] == "name") & (c["name_role_a"] == "name"), "tier"] = 2
        c.loc[c["key_kind"] == "exact", "tier"] = 1
        c.loc[(c["key_kind"] == "exact") & (c["name_role"] == "legal_name") & (c["name_role_a"] == "legal_name"), "tier"] = 0
        same = [2 if a is None or b is None else (0 if a == b else 1) for a, b in zip(c["mention_country"], c["country_code"])]
        c["country_rank"] = same
        best = (c.sort_values(["mention_source", "mention_ref", "tier", "country_rank", "anchor_ref"])
                .drop_duplicates(["mention_source", "mention_ref"]))[["mention_source", "mention_ref", "anchor_ref"]]
    else:
        best = pd.DataFrame(columns=["mention_source", "mention_ref", "anchor_ref"])

    own = other.assign(own_key=[r if a else f for a, r, f in zip(other["is_known_alias"], other["resolved_key"], other["full_key"])],
                       role_rank=(other["name_role"] != "name").astype(int))
    own = own.sort_values(["mention_source", "mention_ref", "role_rank"]).drop_duplicates(["mention_source", "mention_ref"])
    own = own[["mention_source", "mention_ref", "own_key"]].merge(best, on=["mention_source", "mention_ref"], how="left")
    own["anchor"] = ["crunchbase:" + a if isinstance(a, str) else "name:" + k for a, k in zip(own["anchor_ref"], own["own_key"])]
    cb_rows = cb[cb["name_role"] == "name"]
    resolved = pd.concat([
        pd.DataFrame({"mention_source": "crunchbase", "mention_ref": cb_rows["mention_ref"],
                      "anchor": "crunchbase:" + cb_rows["mention_ref"]}),
        own[["mention_source", "mention_ref", "anchor"]],
    ], ignore_index=True)
    resolved["company_id"] = resolved["anchor"].map(lambda a: "c_" + hashlib.md5(a.encode()).hexdigest()[:16])
    return resolved


SOURCE_RANK = {"crunchbase": 1, "unicorns": 3, "cn_export": 4}
ROLE_RANK = {"name": 0, "alias": 1}


def companies(m: pd.DataFrame, resolved: pd.DataFrame) -> pd.DataFrame:
    """int_companies_merged: display name, country and the text the taxonomy reads, per company."""
    x = m.merge(resolved[["mention_source", "mention_ref", "company_id"]], on=["mention_source", "mention_ref"])
    x["source_rank"] = x["mention_source"].map(SOURCE_RANK).fillna(5)
    x["role_rank"] = x["name_role"].map(ROLE_RANK).fillna(2)
    x["name_rank"] = x["source_rank"] * 10 + x["role_rank"]
    # ties (two mentions of one rank) are arbitrary in SQL's arg_min; here the smaller name wins
    names = x.sort_values(["company_id", "name_rank", "name"]).drop_duplicates("company_id")[["company_id", "name"]]
    countries = (x[x["country_code"].notna()].sort_values(["company_id", "source_rank", "country_code"])
                 .drop_duplicates("company_id")[["company_id", "country_code"]])
    texts = x[x["classification_text"].notna()]
    texts = (texts.sort_values(["company_id", "mention_source", "mention_ref", "classification_text"])
             .groupby("company_id")["classification_text"].agg(" ; ".join))
    out = names.rename(columns={"name": "company_name"}).merge(countries, on="company_id", how="left")
    out["country_code"] = out["country_code"].astype(object).where(out["country_code"].notna(), None)
    groups = seeds.country_groups()
    out["country_group"] = out["country_code"].map(lambda c: groups.get(c) or "other" if c else "other")
    out["classification_text"] = out["company_id"].map(texts)
    return out


def has_han(name: str) -> bool:
    return bool(HAS_HAN.search(name))
