"""Classification: the segment taxonomy of companies (int_companies_classified) and the
investor types (int_investors_classified), from the rule seeds."""

from __future__ import annotations

import re

import pandas as pd

from benchmarks.pandas_baseline import seeds
from benchmarks.pandas_baseline.text import (
    NameKeys,
    keyword_pattern,
    literal_alternation,
    seed_order,
)

INVESTOR_SPLIT = re.compile("[,、，;；]")
NOT_A_NAME = {"", "-", "未透露"}


class SegmentRules:
    def __init__(self):
        context = seeds.seed("ai_context_keywords")["keyword"].dropna().tolist()
        self.ai_context = re.compile(literal_alternation(seed_order(context)))
        rules = seeds.seed("segment_rules").copy()
        rules["priority"] = rules["priority"].astype(int)
        rules = rules.sort_values(["priority", "rule_id"])
        self.rules = [(r.rule_id, r.segment, r.sub_segment, seeds.truthy(r.needs_ai_context), keyword_pattern(r.keywords))
                      for r in rules.itertuples()]

    def first_rule(self, text: str):
        """(rule_id, segment, sub_segment) of the first matching rule, or None."""
        context = bool(self.ai_context.search(text))
        for rule_id, segment, sub, needs_context, pattern in self.rules:
            if (context or not needs_context) and pattern.search(text):
                return rule_id, segment, sub
        return None


def classify_companies(companies: pd.DataFrame, mentions: pd.DataFrame, resolved: pd.DataFrame) -> pd.DataFrame:
    rules = SegmentRules()
    texts = companies["classification_text"].map(lambda t: "" if not isinstance(t, str) else t.lower())
    matched = {t: rules.first_rule(t) for t in texts.unique()}
    out = pd.DataFrame({"company_id": companies["company_id"]})
    rule = texts.map(matched)
    out["is_ai"] = rule.notna()
    out["segment"] = rule.map(lambda r: r[1] if r else None)
    out["sub_segment"] = rule.map(lambda r: r[2] if r else None)

    overrides = seeds.seed("company_segment_overrides")
    if len(overrides):
        keys = NameKeys(seeds.seed("company_name_suffixes")["suffix"].dropna().tolist())
        table = {}
        for r in overrides.itertuples():
            is_ai = seeds.truthy(r.is_ai) if r.is_ai is not None else r.segment is not None
            table.setdefault(keys.key(r.company_name), []).append((r.company_name, is_ai, r.segment, r.sub_segment))
        hits = pd.concat([
            mentions[mentions["name_key"].isin(table)].assign(match_key=lambda f: f["name_key"]),
            mentions[mentions["resolved_key"].isin(table)].assign(match_key=lambda f: f["resolved_key"]),
        ])[["mention_source", "mention_ref", "match_key"]].drop_duplicates()
        hits = hits.merge(resolved, on=["mention_source", "mention_ref"])
        chosen = {}
        for company_id, key in zip(hits["company_id"], hits["match_key"]):
            for candidate in table[key]:
                if company_id not in chosen or candidate[0] < chosen[company_id][0]:
                    chosen[company_id] = candidate
        for company_id, (_, is_ai, segment, sub) in chosen.items():
            at = out["company_id"] == company_id
            out.loc[at, ["is_ai", "segment", "sub_segment"]] = [is_ai, segment, sub]
    return out


def split_investors(text) -> list[str]:
    return [] if text is None else [part.strip(" ") for part in INVESTOR_SPLIT.split(text)]


def investor_types(deal_rows: pd.DataFrame, investments: pd.DataFrame) -> dict[str, str]:
    """investor name -> investor_type: name rule, else Crunchbase's type mapped, else vc_pe."""
    crunchbase_type: dict[str, str | None] = {}
    for text in deal_rows["investors_raw"].dropna():
        for name in split_investors(text):
            crunchbase_type.setdefault(name, None)
    staged = investments[~investments["rejected"]]
    for name, kind in zip(staged["investor_name"], staged["investor_type"]):
        known = crunchbase_type.get(name)
        crunchbase_type[name] = kind if known is None else (max(known, kind) if kind is not None else known)
    rules = seeds.seed("investor_type_rules").copy()
    rules["priority"] = rules["priority"].astype(int)
    rules = [(r.investor_type, keyword_pattern(r.keywords)) for r in rules.sort_values(["priority", "investor_type"]).itertuples()]
    mapped = dict(zip(seeds.seed("crunchbase_investor_types")["crunchbase_investor_type"],
                      seeds.seed("crunchbase_investor_types")["investor_type"]))
    types = {}
    for name, cb in crunchbase_type.items():
        if name is None or name in NOT_A_NAME:
            continue
        lower = name.lower()
        rule = next((kind for kind, pattern in rules if pattern.search(lower)), None)
        types[name] = rule or mapped.get(cb) or "vc_pe"
    return types
