"""The truth directory: the events, the raw records and the companies as the pipeline should
find them (events.csv, records.csv, companies.csv)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sample_generator import investor_book, vocab
from sample_generator.model import World
from sample_generator.render.common import investor_uuid
from sample_generator.sources import round_source

TRUTH_EVENTS = ["event_id", "company_key", "company_name", "country_code", "country_group", "is_ai", "segment",
                "sub_segment", "stage_group", "round_type", "announced_date", "date_precision", "amount_status",
                "amount_cny", "true_amount_cny", "currency", "amount_original", "has_state_capital", "is_real_deal",
                "is_counted", "sources", "record_count", "investors"]
TRUTH_RECORDS = ["source", "source_file", "source_row", "record_key", "event_id", "is_bad", "bad_reason", "company_key"]
TRUTH_INVESTORS = ["investor_key", "investor_name", "name_zh", "names_written", "investor_type", "is_person",
                   "country_code", "cb_uuid", "mention_count"]
TRUTH_INVESTOR_MENTIONS = ["source", "source_file", "source_row", "investor_name", "investor_key", "event_id",
                           "is_lead"]
TRUTH_COMPANIES = ["company_key", "company_name", "name_zh", "name_en", "legal_name_zh", "legal_name_en", "aliases",
                   "country_code", "country_group", "is_ai", "segment", "sub_segment", "unicorn_joined_date",
                   "valuation_usd", "in_cn_export", "in_crunchbase", "cb_uuid", "is_real", "cn_total_mismatch"]


def _b(x: bool) -> str:
    return "true" if x else "false"


def _money(x: float) -> str:
    return f"{x:.2f}"


def tables(world: World, raw_records: list[dict], mentions: list[dict]) -> dict[str, list[dict]]:
    w = world
    events = []
    for e in w.events:
        co = e.company
        rsrc = round_source(e)
        rt = e.round_cn if rsrc == "cn_export" else e.round_cb
        stage = vocab.STAGE_OF_CN[rt] if rsrc == "cn_export" else vocab.STAGE_OF_CB[rt]
        if e.counted and co.is_ai and not e.is_real:
            assert stage == e.stage, (e.id, stage, e.stage, e.primary, e.round_cn, e.round_cb)
        counted = co.is_ai and stage != "excluded"
        srcs = [s for s, p in (("cn_export", e.in_cn), ("crunchbase", e.in_cb)) if p]
        events.append(dict(
            event_id=e.id, company_key=co.key, company_name=co.display_name, country_code=co.country,
            country_group=co.group, is_ai=_b(co.is_ai), segment=co.segment if co.is_ai else "",
            sub_segment=co.sub if co.is_ai else "", stage_group=stage, round_type=rt,
            announced_date=e.date.isoformat(), date_precision=e.date_precision, amount_status=e.status,
            amount_cny=_money(e.cny) if e.status != "undisclosed" else "",
            true_amount_cny=_money(e.true_cny) if e.true_cny else "",
            currency=e.currency if e.status != "undisclosed" else "",
            amount_original=f"{e.orig:.0f}" if e.status != "undisclosed" else "",
            has_state_capital=_b(e.state), is_real_deal=_b(e.is_real), is_counted=_b(counted),
            sources="|".join(srcs), record_count=len(e.records),
            investors="|".join(investor_book.truth_key(t) for t in e.investors)))
    companies = []
    for c in sorted(w.companies, key=lambda c: c.key):
        names = [c.display_name, c.name_zh, c.name_en, c.cn_name, c.cb_name, c.cn_legal, c.cb_legal, *c.aliases]
        aliases = []
        for n in names:
            if n and n not in aliases:
                aliases.append(n)
        companies.append(dict(
            company_key=c.key, company_name=c.display_name, name_zh=c.name_zh, name_en=c.name_en,
            legal_name_zh=c.cn_legal if c.country in ("CN", "HK", "TW") else "", legal_name_en=c.cb_legal,
            aliases="|".join(aliases), country_code=c.country, country_group=c.group, is_ai=_b(c.is_ai),
            segment=c.segment if c.is_ai else "", sub_segment=c.sub if c.is_ai else "",
            unicorn_joined_date=c.unicorn_joined.isoformat() if c.unicorn_joined else "",
            valuation_usd=f"{c.valuation_usd:.0f}" if c.unicorn_joined else "",
            in_cn_export=_b(c.in_cn), in_crunchbase=_b(c.in_cb), cb_uuid=c.cb_uuid, is_real=_b(c.is_real),
            cn_total_mismatch=_b(c.total_mismatch > 0)))
    records = [dict(r, is_bad=_b(r["is_bad"])) for r in raw_records]
    return {"events": events, "records": records, "companies": companies,
            "investors": _investors(world, mentions), "investor_mentions": list(mentions)}


def _investors(world: World, mentions: list[dict]) -> list[dict]:
    """One row per investor the raw files name: its firm (investor_book) or its own name, the names
    it is written under, its type (people are vc_pe, docs/taxonomy.md) and, where known, its country."""
    kinds: dict[str, str] = {}
    for e in world.events:
        for t in e.investors:
            kinds.setdefault(investor_book.truth_key(t), t[2])
    zh_pool = {zh for zh, _ in world.synth_investors[0]} if world.synth_investors else set()
    written: dict[str, set[str]] = {}
    cb_names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for m in mentions:
        key = m["investor_key"]
        written.setdefault(key, set()).add(m["investor_name"])
        counts[key] = counts.get(key, 0) + 1
        if m["source"] == "crunchbase_investments":
            cb_names[key] = m["investor_name"]
    rows = []
    for key in sorted(written):
        f = investor_book.firm_of((key, key, ""))
        kind = f.kind if f else kinds.get(key, "vc_pe")
        chinese = key in zh_pool or kind == "state_capital" or any(n.removesuffix("（有限合伙）") in zh_pool for n in written[key])
        rows.append(dict(
            investor_key=key, investor_name=f.name if f else key, name_zh=f.zh if f else (key if chinese else ""),
            names_written="|".join(sorted(written[key])),
            investor_type="vc_pe" if kind == "person" else kind, is_person=_b(kind == "person"),
            country_code=f.country if f else ("CN" if chinese else ""),
            cb_uuid=investor_uuid(cb_names[key]) if key in cb_names else "", mention_count=counts[key]))
    return rows


def write(truth: Path, tables: dict[str, list[dict]]) -> None:
    truth.mkdir(parents=True, exist_ok=True)
    for name, header in (("events", TRUTH_EVENTS), ("records", TRUTH_RECORDS), ("companies", TRUTH_COMPANIES),
                         ("investors", TRUTH_INVESTORS), ("investor_mentions", TRUTH_INVESTOR_MENTIONS)):
        buf = io.StringIO()
        wr = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
        wr.writeheader()
        wr.writerows(tables[name])
        (truth / f"{name}.csv").write_text(buf.getvalue(), encoding="utf-8")
