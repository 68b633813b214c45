"""Write a World as a raw directory (the formats the ingest reads) and its truth directory."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import uuid
from collections import defaultdict
from pathlib import Path

from sample_generator import geo, vocab, xlsx
from sample_generator.model import WINDOW_END, Company, Event, World
from sample_generator.sources import round_source

CN_HEADER = ["公司名称", "工商名称", "公司网址", "成立时间", "地点", "运营状态", "行业", "子行业", "融资时间", "轮次",
             "融资金额", "投资方", "融资总额", "估值", "团队", "公司简介", "详细地址", "公开电话", "公开邮箱", "笔记"]
ORG_HEADER = ["uuid", "name", "legal_name", "country_code", "region", "city", "short_description", "category_list",
              "category_groups_list", "founded_on", "homepage_url", "alias1", "alias2", "alias3"]
FR_HEADER = ["uuid", "name", "org_uuid", "org_name", "investment_type", "announced_on", "raised_amount",
             "raised_amount_currency_code", "raised_amount_usd", "post_money_valuation_usd", "investor_count",
             "lead_investor_uuids"]
INV_HEADER = ["uuid", "funding_round_uuid", "investor_uuid", "investor_name", "investor_type", "is_lead_investor"]
UNI_HEADER = ["Company", "Valuation ($B)", "Date Joined", "Country", "City", "Industry", "Select Investors"]

# Overlapping exports: (file, window start, window end, encoding). Each file lists the companies
# with a round in its window, with their full history up to the window end on continuation rows.
CN_EXPORTS = [
    ("cn_export/itjuzi_export_2023H1.csv", dt.date(2023, 1, 1), dt.date(2023, 6, 30), "utf-8-sig"),
    ("cn_export/itjuzi_export_2023H2.csv", dt.date(2023, 6, 1), dt.date(2023, 12, 31), "utf-8-sig"),
    ("cn_export/itjuzi_export_2024Q1.csv", dt.date(2024, 1, 1), dt.date(2024, 3, 31), "utf-8-sig"),
    ("cn_export/itjuzi_export_2024Q2.csv", dt.date(2024, 3, 15), dt.date(2024, 6, 30), "gb18030"),  # re-saved by Excel
    ("cn_export/itjuzi_export_2024Q3.csv", dt.date(2024, 7, 1), dt.date(2024, 9, 30), "utf-8-sig"),
    ("cn_export/itjuzi_export_2024Q4.csv", dt.date(2024, 10, 1), dt.date(2024, 12, 31), "utf-8-sig"),
    ("cn_export/itjuzi_export_2024-12.csv", dt.date(2024, 12, 1), dt.date(2024, 12, 31), "utf-8-sig"),
    ("cn_export/itjuzi_export_2025Q1.xlsx", dt.date(2025, 1, 1), WINDOW_END, "xlsx"),  # downloaded as .xlsx
]
GB_FILE = "cn_export/itjuzi_export_2024Q2.csv"
XLSX_FILE = "cn_export/itjuzi_export_2025Q1.xlsx"
XLSX_TITLE = "IT桔子 投融资事件导出（2025-01-01 至 2025-03-23）"  # one title row above the header
XLSX_CREATED = dt.datetime(2025, 3, 24, 9, 0, 0)
CB_MAIN = "crunchbase/funding_rounds.csv"  # exported 2025-02: rounds up to 2025-01-31
CB_Q1 = "crunchbase/funding_rounds_2025q1.csv"  # exported 2025-03-24: rounds from 2024-12-01
CB_MAIN_END = dt.date(2025, 1, 31)
CB_Q1_START = dt.date(2024, 12, 1)
# The unicorn list as the vendor serves it: the latest vintage as .xlsx (sheet Unicorns), an older
# vintage as CSV; both with two title rows, an empty unnamed first column, the CSV with a footer.
UNICORN_XLSX = "unicorns/cb_insights_unicorns_2025-03.xlsx"
UNICORN_CSV = "unicorns/cb_insights_unicorns_2024-12.csv"
UNICORN_CSV_AS_OF = dt.date(2024, 12, 31)  # the older vintage lists the companies joined by then
UNICORN_TITLE = "The Complete List of Unicorn Companies"
UNICORN_FOOTER = [
    "About the list", "A unicorn is a privately held company valued at $1 billion or more.",
    "Valuation ($B): post-money valuation at the company's latest funding round, in billions of US dollars.",
    "Date Joined: the date the company first reached a $1 billion valuation.",
    "Companies that exit (IPO, acquisition) or fall below $1 billion are removed from the list.",
    "Select Investors: up to three investors in the company.", "Industry labels follow the vendor's own taxonomy.",
    "The list is updated as new rounds are announced.", "Contact",
    "Unicorn Research Desk (synthetic sample vendor)", "100 Example Avenue, Floor 10", "New York, NY 10000",
    "Tel: +1 212-555-0100", "research@example.com", "https://www.example.com/research-unicorn-companies",
    "https://www.example.com/terms", "https://www.example.com/privacy", "Legal",
    "Disclaimer: the information is provided as is, without warranty of any kind.",
    "It is not investment advice; verify figures before relying on them.",
    "Valuations reported by third parties have not been independently verified.",
    "Data may be delayed or incomplete for recently announced rounds.",
    "Redistribution of this list requires written permission.",
    "(c) 2025 Unicorn Research Desk. All rights reserved.", "Generated for the ai-deals sample; not real vendor data.",
]
FX_FILE = "reference/fx_rates.csv"

BAD_KINDS = ("unparseable_date", "unknown_currency", "unparseable_amount", "negative_amount", "future_date",
             "orphan_continuation", "unknown_organization", "no_fx_rate")
NOT_A_DATA_ROW = "not_a_data_row"  # the footer rows below the data of a vendor download
DUPLICATED_UNICORN = "cohere"  # its row is repeated exactly in the .xlsx, as in the real list

TRUTH_EVENTS = ["event_id", "company_key", "company_name", "country_code", "country_group", "is_ai", "segment",
                "sub_segment", "stage_group", "round_type", "announced_date", "date_precision", "amount_status",
                "amount_cny", "true_amount_cny", "currency", "amount_original", "has_state_capital", "is_real_deal",
                "is_counted", "sources", "record_count", "investors"]
TRUTH_RECORDS = ["source", "source_file", "source_row", "record_key", "event_id", "is_bad", "bad_reason", "company_key"]
TRUTH_COMPANIES = ["company_key", "company_name", "name_zh", "name_en", "legal_name_zh", "legal_name_en", "aliases",
                   "country_code", "country_group", "is_ai", "segment", "sub_segment", "unicorn_joined_date",
                   "valuation_usd", "in_cn_export", "in_crunchbase", "cb_uuid", "is_real", "cn_total_mismatch"]


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:32]}"


_NS = uuid.UUID("6f1d3c52-8a7e-4b8e-9d36-3f5d2f1b0c11")


def investor_uuid(name: str) -> str:
    return str(uuid.uuid5(_NS, name))


def _csv_text(rows: list[list[str]], header: list[str], eol: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=eol, quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _write(path: Path, text: str | bytes, encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text if isinstance(text, bytes) else text.encode(encoding)
    path.write_bytes(data)


def _b(x: bool) -> str:
    return "true" if x else "false"


def _money(x: float) -> str:
    return f"{x:.2f}"


def yi_text(x: float) -> str:
    """融资总额 style: 9.1亿 / 830万 (人民币)."""
    if x >= 1e8:
        return f"{x / 1e8:.2f}".rstrip("0").rstrip(".") + "亿"
    return f"{x / 1e4:.0f}万"


class Renderer:
    def __init__(self, world: World):
        self.w = world
        self.rng = random.Random(f"ai-deals-sample:{world.seed}:render")
        # the xlsx / vendor forms draw from their own stream, so the CSV files stay as they were
        self.forms = random.Random(f"ai-deals-sample:{world.seed}:render-forms")
        self.records: list[dict] = []
        self.files: dict[str, tuple[str | bytes, str]] = {}  # path -> (text or xlsx bytes, encoding)

    # ------------------------------------------------------------------ cn_export
    def cn_investors(self, e: Event) -> str:
        names = [t[0] for t in e.investors if t[0]]
        if not names:
            return "未透露" if e.company.country in ("CN", "HK", "TW") else "-"
        return e.cn_inv_sep.join(names)

    def cn_total(self, co: Company, as_of: dt.date) -> str:
        fx = self.w.fx
        total = 0.0
        for e in co.events:
            if not e.in_cn or e.cn_date > as_of or e.cn_status == "undisclosed":
                continue
            if e.cn_status == "estimated":
                total += vocab.fuzzy_value(e.cn_form) * fx.at(e.cn_date, e.cn_ccy)
            else:
                total += e.cny
        total += co.total_mismatch
        return yi_text(total) if total > 0 else "-"

    def cn_company_cols(self, co: Company, as_of: dt.date) -> list[str]:
        founded = co.founded.strftime("%Y-%m") if co.founded else ""
        val = "未透露"
        if co.unicorn_joined and co.unicorn_joined <= as_of:
            val = f"{co.valuation_usd / 1e8:.0f}亿美元"
        phone = "-" if not co.phone_area or (hash_int(co.key) % 3 == 0) else f"{co.phone_area}-5550{hash_int(co.key) % 10000:04d}"
        email = "-" if hash_int(co.key + "m") % 4 == 0 else f"bp@{co.website.removeprefix('www.')}"
        return [co.cn_name, co.cn_legal or "-", co.website or "-", founded, co.cn_place, co.status,
                co.cn_industry[0], co.cn_industry[1], "", "", "", "", self.cn_total(co, as_of), val, co.team,
                co.cn_desc, co.cn_address, phone, email, ""]

    def cn_round_cols(self, e: Event, gb: bool) -> list[str]:
        d = e.cn_date_text
        if gb and len(d) == 10 and d[4] == "-":
            d = f"{e.cn_date.year}/{e.cn_date.month}/{e.cn_date.day}"  # Excel re-save
        return [d, e.round_cn, e.cn_text, self.cn_investors(e)]

    def render_cn(self) -> None:
        w = self.w
        rng = self.rng
        cn_cos = [c for c in w.companies if c.in_cn]
        with_rounds = [c for c in cn_cos if any(e.in_cn for e in c.events)]
        dash = [c for c in cn_cos if not any(e.in_cn for e in c.events)]
        files = [f for f, _, _, _ in CN_EXPORTS]
        for c in dash:
            c.dash_files = sorted(rng.sample(files, 1 if rng.random() < 0.7 else 2))
        for c in with_rounds:
            if rng.random() < 0.04:
                c.total_mismatch = rng.choice([3e6, 5e6, 1e7, 3e7])  # rounds before 2023 the export omits
        bad_plan = self._cn_bad_plan()
        for path, start, end, enc in CN_EXPORTS:
            gb = path == GB_FILE
            is_xlsx = enc == "xlsx"
            blocks = []
            for co in with_rounds:
                recs = [e for e in co.events if e.in_cn and e.cn_date <= end]
                if not any(start <= e.cn_date <= end for e in recs):
                    continue
                recs.sort(key=lambda e: (e.cn_date, e.id), reverse=True)
                blocks.append((recs[0].cn_date, co, recs))
            blocks.sort(key=lambda b: (-b[0].toordinal(), b[1].cn_name))
            for co in dash:
                if path in co.dash_files:
                    blocks.insert(rng.randrange(len(blocks) + 1), (None, co, []))
            rows: list[tuple[list[str], dict]] = []
            for bad in bad_plan.get((path, "top"), []):
                rows.append((bad["cols"], bad["rec"]))
            for _, co, recs in blocks:
                cols = self.cn_company_cols(co, end)
                if recs:
                    cols[8:12] = self.cn_round_cols(recs[0], gb)
                    rows.append((cols, dict(event=recs[0], company=co)))
                    for e in recs[1:]:
                        rows.append(([""] * 8 + self.cn_round_cols(e, gb) + [""] * 8, dict(event=e, company=co)))
                else:
                    cols[8:12] = ["-", "-", "-", "-"]
                    rows.append((cols, dict(event=None, company=co)))
                for bad in bad_plan.get((path, co.key), []):
                    rows.append((bad["cols"], bad["rec"]))
            first = 3 if is_xlsx else 2  # the spreadsheet row of the first data row (title row in xlsx)
            for i, (cols, meta) in enumerate(rows, start=first):
                self.records.append(dict(
                    source="cn_export", source_file=path, source_row=i, record_key="",
                    event_id=meta["event"].id if meta.get("event") else "",
                    is_bad=bool(meta.get("bad")), bad_reason=meta.get("bad", ""),
                    company_key=meta["company"].key if meta.get("company") else ""))
                if meta.get("event"):
                    meta["event"].records.append((path, i))
            if is_xlsx:
                self.files[path] = (self._cn_xlsx(rows), enc)
            else:
                self.files[path] = (_csv_text([r for r, _ in rows], CN_HEADER, "\r\n"), enc)

    def _cn_xlsx(self, rows: list[tuple[list[str], dict]]) -> bytes:
        """The export as IT桔子 serves it for download: one sheet, a title row, the header, and
        融资时间 as a real Excel date on about 60 % of the rounds (text on the others, as exports
        mix them after an analyst touches the file)."""
        out: list[list[xlsx.Cell]] = [[XLSX_TITLE], list(CN_HEADER)]
        for cols, meta in rows:
            cells: list[xlsx.Cell] = list(cols)
            e = meta.get("event")
            if e is not None and e.date_precision == "day" and self.forms.random() < 0.6:
                cells[8] = e.cn_date
            out.append(cells)
        sheet = xlsx.Sheet("Sheet1", out, date_format="yyyy-mm-dd", widths={0: 22, 1: 30, 8: 12, 10: 16, 15: 60})
        return xlsx.workbook_bytes([sheet], XLSX_CREATED, author="IT桔子")

    def _cn_bad_plan(self) -> dict:
        """A few bad rows of each kind, placed after a company's block (continuation rows) in one
        file; the orphan continuation row opens a file."""
        rng = self.rng
        w = self.w
        plan: dict = defaultdict(list)
        kinds = [("unparseable_date", "2024-13-07", "A轮", "2000万人民币"),
                 ("unparseable_date", "2024年下半年", "天使轮", "数百万人民币"),
                 ("unknown_currency", "2024-05-20", "A轮", "500万卢布"),
                 ("unknown_currency", "2023-09-12", "Pre-A轮", "3000万泰铢"),
                 ("unparseable_amount", "2024-08-02", "B轮", "若干"),
                 ("unparseable_amount", "2023-04-18", "天使轮", "金额保密"),
                 ("negative_amount", "2024-10-09", "A+轮", "-2000万人民币"),
                 ("future_date", "2031-06-18", "B轮", "1.2亿人民币"),
                 ("future_date", "2030/1/9", "战略投资", "5000万人民币")]
        for kind, d, r, amount in kinds:
            path, start, end, _ = rng.choice(CN_EXPORTS[:3] + CN_EXPORTS[4:])
            cos = sorted((c for c in w.companies if c.in_cn and any(e.in_cn and start <= e.cn_date <= end for e in c.events)),
                         key=lambda c: c.key)
            co = rng.choice(cos)
            cols = [""] * 8 + [d, r, amount, rng.choice(vocab.VC_ZH)] + [""] * 8
            plan[(path, co.key)].append(dict(cols=cols, rec=dict(event=None, company=co, bad=kind)))
        path = CN_EXPORTS[5][0]
        cols = [""] * 8 + ["2024-11-02", "天使轮", "500万人民币", "个人投资者"] + [""] * 8
        plan[(path, "top")].append(dict(cols=cols, rec=dict(event=None, company=None, bad="orphan_continuation")))
        # rounds of Taiwanese companies in 新台币: the amount reads, but the FX table (ECB) has no TWD
        cands = sorted((f, c.key) for f, start, end, _ in CN_EXPORTS for c in w.companies
                       if c.country == "TW" and c.in_cn and any(e.in_cn and start <= e.cn_date <= end for e in c.events))
        by_key = {c.key: c for c in w.companies}
        for (path, key), (r, amount) in zip(self.forms.sample(cands, 2), (("战略投资", "3亿新台币"), ("B轮", "6,000万新台币"))):
            start, end = next((s_, e_) for f, s_, e_, _ in CN_EXPORTS if f == path)
            d = start + dt.timedelta(days=self.forms.randrange((end - start).days + 1))
            cols = [""] * 8 + [d.isoformat(), r, amount, self.forms.choice(vocab.VC_ZH)] + [""] * 8
            plan[(path, key)].append(dict(cols=cols, rec=dict(event=None, company=by_key[key], bad="no_fx_rate")))
        return plan

    # ------------------------------------------------------------------ crunchbase
    def render_cb(self) -> None:
        w = self.w
        rng = self.rng
        fx = w.fx
        orgs = sorted((c for c in w.companies if c.in_cb), key=lambda c: c.key)
        for c in orgs:
            # the unicorn-list-only real entries draw from the forms stream (the other uuids stay put)
            c.cb_uuid = _uuid(self.forms if c.is_real and not c.events else rng)
        org_rows = []
        for c in sorted(orgs, key=lambda c: c.cb_uuid):
            org_rows.append([c.cb_uuid, c.cb_name, c.cb_legal, geo.COUNTRIES[c.country].iso3, c.region, c.city,
                             c.cb_desc, ",".join(c.cb_cats), ",".join(c.cb_groups),
                             c.founded.isoformat() if c.founded else "", f"https://{c.website.removeprefix('www.')}",
                             *c.aliases])
        self.files["crunchbase/organizations.csv"] = (_csv_text(org_rows, ORG_HEADER, "\n"), "utf-8")
        rounds = []
        inv_rows = []
        for e in sorted((e for e in w.events if e.in_cb), key=lambda e: e.id):
            e.cb_uuid = _uuid(rng)
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
                inv_rows.append([_uuid(rng), e.cb_uuid, iu, t[1], "person" if t[2] == "person" else "organization",
                                 "True" if iu in leads else "False"])
        bad = self._cb_bad_rows(orgs)
        main = [r for r in rounds if r[0] <= CB_MAIN_END] + bad
        q1 = [r for r in rounds if r[0] >= CB_Q1_START]
        for path, rs in ((CB_MAIN, main), (CB_Q1, q1)):
            rs.sort(key=lambda r: (r[0], r[1]))
            for i, (_, key, row, e) in enumerate(rs, start=2):
                if isinstance(e, Event):
                    self.records.append(dict(source="crunchbase_funding_rounds", source_file=path, source_row=i,
                                             record_key=key, event_id=e.id, is_bad=False, bad_reason="",
                                             company_key=e.company.key))
                    e.records.append((path, i))
                else:
                    self.records.append(dict(source="crunchbase_funding_rounds", source_file=path, source_row=i,
                                             record_key=key, event_id="", is_bad=True, bad_reason=e["bad"],
                                             company_key=e["company"]))
            self.files[path] = (_csv_text([r[2] for r in rs], FR_HEADER, "\n"), "utf-8")
        inv_rows.sort(key=lambda r: (r[1], r[0]))
        self.files["crunchbase/investments.csv"] = (_csv_text(inv_rows, INV_HEADER, "\n"), "utf-8")

    def _cb_bad_rows(self, orgs: list[Company]) -> list:
        rng = self.rng
        out = []
        specs = [("unparseable_date", "2024-02-30", "5000000", "USD"), ("unknown_currency", "2024-06-11", "12000000", "XBT"),
                 ("unparseable_amount", "2023-11-03", "1.2M", "USD"), ("negative_amount", "2024-09-19", "-5000000", "USD"),
                 ("future_date", "2031-03-01", "20000000", "USD"), ("unknown_organization", "2024-04-16", "3000000", "USD")]
        cands = sorted((c for c in orgs if c.country == "US" and not c.is_real), key=lambda c: c.key)
        for kind, d, amount, ccy in specs:
            co = rng.choice(cands)
            key = _uuid(rng)
            org_uuid, org_name = co.cb_uuid, co.cb_name
            if kind == "unknown_organization":
                org_uuid, org_name = _uuid(rng), self.w.names.en_company(None)
            try:
                sort_d = dt.date.fromisoformat(d)
            except ValueError:
                sort_d = dt.date(2024, 2, 29)
            usd = amount if ccy == "USD" and amount.lstrip("-").isdigit() else ""
            row = [key, f"Seed Round - {org_name}", org_uuid, org_name, "seed", d, amount, ccy, usd, "", "", ""]
            out.append((min(sort_d, CB_MAIN_END), key, row,
                        dict(bad=kind, company=co.key if kind != "unknown_organization" else "")))
        return out

    # ------------------------------------------------------------------ unicorns, fx, manual
    def render_unicorns(self) -> None:
        """The unicorn list in the vendor's download forms: the latest vintage as .xlsx (sheet
        Unicorns), the vintage of the end of 2024 as CSV. Both have two title rows above the
        header, an empty unnamed first column; the .xlsx has dates as Excel dates and valuations
        as numbers or `$350.00 ` text, the CSV `$350.00 ` text, M/D/YYYY dates and a footer of
        notes, address and links. Overlapping vintages list the same companies (a unicorn is
        company + country + city: the two Branch are two companies); the .xlsx repeats one row
        exactly, as the real list repeats Cohere. Industry labels vary in case and trailing space."""
        forms = self.forms
        uni = sorted((c for c in self.w.companies if c.unicorn_joined), key=lambda c: (-c.valuation_usd, c.cb_name))
        label, as_text = {}, {}
        for c in uni:
            lab = c.unicorn_industry
            if lab == "Artificial intelligence":
                r = forms.random()
                lab = "Artificial Intelligence" if r < 0.12 else ("Artificial intelligence " if r < 0.2 else lab)
            label[c.key] = lab
            as_text[c.key] = forms.random() < 0.25  # valuation cell written as text in the .xlsx

        def cells(c: Company) -> tuple[str, float, dt.date, str, str, str, str]:
            return (c.cb_name or c.name_en, round(c.valuation_usd / 1e9, 2), c.unicorn_joined,
                    geo.COUNTRIES[c.country].name_en, c.city, label[c.key], c.unicorn_investors)

        # latest vintage: .xlsx
        rows: list[list[xlsx.Cell]] = [[None, UNICORN_TITLE], [None, "Last updated: March 24, 2025"], [None, *UNI_HEADER]]
        owners: list[Company] = []
        for c in uni:
            name, v, d, country, city, ind, inv = cells(c)
            row = [None, name, f"${v:.2f} " if as_text[c.key] else v, d, country, city, ind, inv]
            repeats = 2 if c.key == DUPLICATED_UNICORN else 1
            for _ in range(repeats):
                rows.append(list(row))
                owners.append(c)
        for i, c in enumerate(owners, start=4):
            self.records.append(dict(source="unicorns", source_file=UNICORN_XLSX, source_row=i,
                                     record_key=rows[i - 1][1], event_id="", is_bad=False, bad_reason="",
                                     company_key=c.key))
        sheet = xlsx.Sheet("Unicorns", rows, date_format="m/d/yyyy", number_format='"$"#,##0.00',
                           widths={0: 2, 1: 28, 6: 30, 7: 50})
        self.files[UNICORN_XLSX] = (xlsx.workbook_bytes([sheet], dt.datetime(2025, 3, 24, 12, 0, 0)), "xlsx")
        # older vintage: CSV with title rows and a footer
        width = len(UNI_HEADER) + 1
        csv_rows = [["", UNICORN_TITLE] + [""] * (width - 2), ["", "Last updated: December 31, 2024"] + [""] * (width - 2),
                    ["", *UNI_HEADER]]
        old = [c for c in uni if c.unicorn_joined <= UNICORN_CSV_AS_OF]
        for i, c in enumerate(old, start=4):
            name, v, d, country, city, ind, inv = cells(c)
            csv_rows.append(["", name, f"${v:.2f} ", f"{d.month}/{d.day}/{d.year}", country, city, ind, inv])
            self.records.append(dict(source="unicorns", source_file=UNICORN_CSV, source_row=i, record_key=name,
                                     event_id="", is_bad=False, bad_reason="", company_key=c.key))
        for i, text in enumerate(UNICORN_FOOTER, start=len(csv_rows) + 1):
            csv_rows.append([text] + [""] * (width - 1))
            self.records.append(dict(source="unicorns", source_file=UNICORN_CSV, source_row=i, record_key="",
                                     event_id="", is_bad=True, bad_reason=NOT_A_DATA_ROW, company_key=""))
        self.files[UNICORN_CSV] = (_csv_text(csv_rows[1:], csv_rows[0], "\r\n"), "utf-8")

    def render_fx(self) -> None:
        rows = [[m, c, r] for m, c, r in self.w.fx.rows]
        self.files[FX_FILE] = (_csv_text(rows, ["month", "currency", "cny_per_unit"], "\n"), "utf-8")

    def render_all(self) -> None:
        self.render_cn()
        self.render_cb()
        self.render_unicorns()
        self.render_fx()

    # ------------------------------------------------------------------ truth
    def truth_tables(self) -> dict[str, list[dict]]:
        w = self.w
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
                investors="|".join(t[1] or t[0] for t in e.investors)))
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
        records = [dict(r, is_bad=_b(r["is_bad"])) for r in self.records]
        return {"events": events, "records": records, "companies": companies}

    def write(self, out: Path, truth: Path) -> dict[str, list[dict]]:
        out.mkdir(parents=True, exist_ok=True)
        # stale generated exports from an earlier run are removed; other files are left alone
        for pattern in ("cn_export/itjuzi_export_*.csv", "cn_export/itjuzi_export_*.xlsx", "crunchbase/funding_rounds*.csv",
                        "unicorns/*.csv", "unicorns/*.xlsx"):
            for p in out.glob(pattern):
                if str(p.relative_to(out)) not in self.files:
                    p.unlink()
        for rel, (text, enc) in sorted(self.files.items()):
            _write(out / rel, text, enc)
        manual = out / "manual" / "README.md"
        if not manual.exists():
            manual.parent.mkdir(parents=True, exist_ok=True)
            manual.write_text("Analyst additions, corrections and exclusions go here; the format is defined by the "
                              "pipeline (see the project README). The sample generator leaves this folder empty.\n",
                              encoding="utf-8")
        tables = self.truth_tables()
        truth.mkdir(parents=True, exist_ok=True)
        for name, header in (("events", TRUTH_EVENTS), ("records", TRUTH_RECORDS), ("companies", TRUTH_COMPANIES)):
            buf = io.StringIO()
            wr = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
            wr.writeheader()
            wr.writerows(tables[name])
            (truth / f"{name}.csv").write_text(buf.getvalue(), encoding="utf-8")
        return tables


def hash_int(s: str) -> int:
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % 1_000_003
    return h

