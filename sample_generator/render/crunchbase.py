"""Crunchbase bulk export: organizations, two overlapping funding-round files, investments, and
bad round rows of every kind."""

from __future__ import annotations

import datetime as dt

from sample_generator import geo, investor_book, vocab
from sample_generator.model import Company, Event
from sample_generator.render.common import Context, csv_text, investor_uuid, random_uuid

ORG_HEADER = ["uuid", "name", "legal_name", "country_code", "region", "city", "short_description", "category_list",
              "category_groups_list", "founded_on", "homepage_url", "alias1", "alias2", "alias3"]
FR_HEADER = ["uuid", "name", "org_uuid", "org_name", "investment_type", "announced_on", "raised_amount",
             "raised_amount_currency_code", "raised_amount_usd", "post_money_valuation_usd", "investor_count",
             "lead_investor_uuids"]
INV_HEADER = ["uuid", "funding_round_uuid", "investor_uuid", "investor_name", "investor_type", "is_lead_investor"]
CB_MAIN = "crunchbase/funding_rounds.csv"  # exported 2025-02: rounds up to 2025-01-31
CB_Q1 = "crunchbase/funding_rounds_2025q1.csv"  # exported 2025-03-24: rounds from 2024-12-01
INV_FILE = "crunchbase/investments.csv"
CB_MAIN_END = dt.date(2025, 1, 31)
CB_Q1_START = dt.date(2024, 12, 1)


def render(ctx: Context) -> None:
    w = ctx.world
    rng = ctx.rng
    fx = w.fx
    orgs = sorted((c for c in w.companies if c.in_cb), key=lambda c: c.key)
    for c in orgs:
        # the unicorn-list-only real entries draw from the forms stream (the other uuids stay put)
        c.cb_uuid = random_uuid(ctx.forms if c.is_real and not c.events else rng)
    org_rows = []
    for c in sorted(orgs, key=lambda c: c.cb_uuid):
        org_rows.append([c.cb_uuid, c.cb_name, c.cb_legal, geo.COUNTRIES[c.country].iso3, c.region, c.city,
                         c.cb_desc, ",".join(c.cb_cats), ",".join(c.cb_groups),
                         c.founded.isoformat() if c.founded else "", f"https://{c.website.removeprefix('www.')}",
                         *c.aliases])
    ctx.files["crunchbase/organizations.csv"] = (csv_text(org_rows, ORG_HEADER, "\n"), "utf-8")
    rounds = []
    inv_rows = []
    for e in sorted((e for e in w.events if e.in_cb), key=lambda e: e.id):
        e.cb_uuid = random_uuid(rng)
        co = e.company
        d = e.cb_date
        amount = usd = ccy = ""
        if e.cb_status == "exact":
            amount = f"{e.cb_amount:.0f}"
            ccy = e.cb_ccy
            usd = f"{e.cb_amount * fx.at(d, e.cb_ccy) / fx.at(d, 'USD'):.0f}"
        invs = [t for t in e.investors if t[1]]
        leads = [investor_uuid(t[1]) for t in invs[: (2 if len(invs) > 3 and rng.random() < 0.3 else 1)]
                 if t[2] != "person"]
        post = f"{e.post_money:.0f}" if e.post_money else ""
        name = f"{vocab.CB_ROUND_NAME[e.round_cb]} - {co.cb_name}"
        rounds.append((d, e.cb_uuid, [e.cb_uuid, name, co.cb_uuid, co.cb_name, e.round_cb, d.isoformat(), amount,
                                      ccy, usd, post, str(len(invs)) if invs else "", ",".join(leads)], e))
        for t in invs:
            iu = investor_uuid(t[1])
            inv_rows.append(([random_uuid(rng), e.cb_uuid, iu, t[1], "person" if t[2] == "person" else "organization",
                              "True" if iu in leads else "False"], e, t))
    bad = _bad_rows(ctx, orgs)
    main = [r for r in rounds if r[0] <= CB_MAIN_END] + bad
    q1 = [r for r in rounds if r[0] >= CB_Q1_START]
    for path, rs in ((CB_MAIN, main), (CB_Q1, q1)):
        rs.sort(key=lambda r: (r[0], r[1]))
        for i, (_, key, row, e) in enumerate(rs, start=2):
            if isinstance(e, Event):
                ctx.records.append(dict(source="crunchbase_funding_rounds", source_file=path, source_row=i,
                                         record_key=key, event_id=e.id, is_bad=False, bad_reason="",
                                         company_key=e.company.key))
                e.records.append((path, i))
            else:
                ctx.records.append(dict(source="crunchbase_funding_rounds", source_file=path, source_row=i,
                                         record_key=key, event_id="", is_bad=True, bad_reason=e["bad"],
                                         company_key=e["company"]))
        ctx.files[path] = (csv_text([r[2] for r in rs], FR_HEADER, "\n"), "utf-8")
    inv_rows.sort(key=lambda r: (r[0][1], r[0][0]))
    for i, (row, e, t) in enumerate(inv_rows, start=2):
        ctx.investor_mentions.append(dict(source="crunchbase_investments", source_file=INV_FILE, source_row=i,
                                          investor_name=t[1], investor_key=investor_book.truth_key(t),
                                          event_id=e.id, is_lead="true" if row[5] == "True" else "false"))
    ctx.files[INV_FILE] = (csv_text([row for row, _, _ in inv_rows], INV_HEADER, "\n"), "utf-8")


def _bad_rows(ctx: Context, orgs: list[Company]) -> list:
    rng = ctx.rng
    out = []
    specs = [("unparseable_date", "2024-02-30", "5000000", "USD"), ("unknown_currency", "2024-06-11", "12000000", "XBT"),
             ("unparseable_amount", "2023-11-03", "1.2M", "USD"), ("negative_amount", "2024-09-19", "-5000000", "USD"),
             ("future_date", "2031-03-01", "20000000", "USD"), ("unknown_organization", "2024-04-16", "3000000", "USD")]
    cands = sorted((c for c in orgs if c.country == "US" and not c.is_real), key=lambda c: c.key)
    for kind, d, amount, ccy in specs:
        co = rng.choice(cands)
        key = random_uuid(rng)
        org_uuid, org_name = co.cb_uuid, co.cb_name
        if kind == "unknown_organization":
            org_uuid, org_name = random_uuid(rng), ctx.world.names.en_company(None)
        try:
            sort_d = dt.date.fromisoformat(d)
        except ValueError:
            sort_d = dt.date(2024, 2, 29)
        usd = amount if ccy == "USD" and amount.lstrip("-").isdigit() else ""
        row = [key, f"Seed Round - {org_name}", org_uuid, org_name, "seed", d, amount, ccy, usd, "", "", ""]
        out.append((min(sort_d, CB_MAIN_END), key, row,
                    dict(bad=kind, company=co.key if kind != "unknown_organization" else "")))
    return out
