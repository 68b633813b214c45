"""cn_export: IT桔子-style exports (20 columns) in overlapping windows, one .xlsx download, one
file re-saved by Excel (GB18030), '-' companies, control totals, and bad rows of every kind."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pipeline.ingest.sources import CN_EXPORT_COLUMNS  # the export's header, as the ingest reads it
from sample_generator import investor_book, vocab
from sample_generator.model import WINDOW_END, Company, Event
from sample_generator.render import xlsx
from sample_generator.render.common import Context, csv_text

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


def render(ctx: Context) -> None:
    w = ctx.world
    rng = ctx.rng
    cn_cos = [c for c in w.companies if c.in_cn]
    with_rounds = [c for c in cn_cos if any(e.in_cn for e in c.events)]
    dash = [c for c in cn_cos if not any(e.in_cn for e in c.events)]
    files = [f for f, _, _, _ in CN_EXPORTS]
    for c in dash:
        c.dash_files = sorted(rng.sample(files, 1 if rng.random() < 0.7 else 2))
    for c in with_rounds:
        if rng.random() < 0.04:
            c.total_mismatch = rng.choice([3e6, 5e6, 1e7, 3e7])  # rounds before 2023 the export omits
    bad_plan = _bad_plan(ctx)
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
            cols = _company_cols(ctx, co, end)
            if recs:
                cols[8:12] = _round_cols(ctx, recs[0], gb)
                rows.append((cols, dict(event=recs[0], company=co)))
                for e in recs[1:]:
                    rows.append(([""] * 8 + _round_cols(ctx, e, gb) + [""] * 8, dict(event=e, company=co)))
            else:
                cols[8:12] = ["-", "-", "-", "-"]
                rows.append((cols, dict(event=None, company=co)))
            for bad in bad_plan.get((path, co.key), []):
                rows.append((bad["cols"], bad["rec"]))
        first = 3 if is_xlsx else 2  # the spreadsheet row of the first data row (title row in xlsx)
        for i, (cols, meta) in enumerate(rows, start=first):
            ctx.records.append(dict(
                source="cn_export", source_file=path, source_row=i, record_key="",
                event_id=meta["event"].id if meta.get("event") else "",
                is_bad=bool(meta.get("bad")), bad_reason=meta.get("bad", ""),
                company_key=meta["company"].key if meta.get("company") else ""))
            if meta.get("event"):
                meta["event"].records.append((path, i))
                _mention(ctx, path, i, meta["event"])
        if is_xlsx:
            ctx.files[path] = (_xlsx(ctx, rows), enc)
        else:
            ctx.files[path] = (csv_text([r for r, _ in rows], CN_EXPORT_COLUMNS, "\r\n"), enc)


def _xlsx(ctx: Context, rows: list[tuple[list[str], dict]]) -> bytes:
    """The export as IT桔子 serves it for download: one sheet, a title row, the header, and
    融资时间 as a real Excel date on about 60 % of the rounds (text on the others, as exports
    mix them after an analyst touches the file)."""
    out: list[list[xlsx.Cell]] = [[XLSX_TITLE], list(CN_EXPORT_COLUMNS)]
    for cols, meta in rows:
        cells: list[xlsx.Cell] = list(cols)
        e = meta.get("event")
        if e is not None and e.date_precision == "day" and ctx.forms.random() < 0.6:
            cells[8] = e.cn_date
        out.append(cells)
    sheet = xlsx.Sheet("Sheet1", out, date_format="yyyy-mm-dd", widths={0: 22, 1: 30, 8: 12, 10: 16, 15: 60})
    return xlsx.workbook_bytes([sheet], XLSX_CREATED, author="IT桔子")


def _bad_plan(ctx: Context) -> dict:
    """A few bad rows of each kind, placed after a company's block (continuation rows) in one
    file; the orphan continuation row opens a file."""
    rng = ctx.rng
    w = ctx.world
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
    for (path, key), (r, amount) in zip(ctx.forms.sample(cands, 2), (("战略投资", "3亿新台币"), ("B轮", "6,000万新台币"))):
        start, end = next((s_, e_) for f, s_, e_, _ in CN_EXPORTS if f == path)
        d = start + dt.timedelta(days=ctx.forms.randrange((end - start).days + 1))
        cols = [""] * 8 + [d.isoformat(), r, amount, ctx.forms.choice(vocab.VC_ZH)] + [""] * 8
        plan[(path, key)].append(dict(cols=cols, rec=dict(event=None, company=by_key[key], bad="no_fx_rate")))
    return plan


def _mention(ctx: Context, path: str, row: int, e: Event) -> None:
    """The truth of each name 投资方 lists (as _investors writes them): no lead is given."""
    for t in e.investors:
        if t[0]:
            ctx.investor_mentions.append(dict(source="cn_export", source_file=path, source_row=row,
                                              investor_name=t[0], investor_key=investor_book.truth_key(t),
                                              event_id=e.id, is_lead=""))


def _investors(ctx: Context, e: Event) -> str:
    names = [t[0] for t in e.investors if t[0]]
    if not names:
        return "未透露" if e.company.country in ("CN", "HK", "TW") else "-"
    return e.cn_inv_sep.join(names)


def _total(ctx: Context, co: Company, as_of: dt.date) -> str:
    fx = ctx.world.fx
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


def _company_cols(ctx: Context, co: Company, as_of: dt.date) -> list[str]:
    founded = co.founded.strftime("%Y-%m") if co.founded else ""
    val = "未透露"
    if co.unicorn_joined and co.unicorn_joined <= as_of:
        val = f"{co.valuation_usd / 1e8:.0f}亿美元"
    phone = "-" if not co.phone_area or (hash_int(co.key) % 3 == 0) else f"{co.phone_area}-5550{hash_int(co.key) % 10000:04d}"
    email = "-" if hash_int(co.key + "m") % 4 == 0 else f"bp@{co.website.removeprefix('www.')}"
    return [co.cn_name, co.cn_legal or "-", co.website or "-", founded, co.cn_place, co.status,
            co.cn_industry[0], co.cn_industry[1], "", "", "", "", _total(ctx, co, as_of), val, co.team,
            co.cn_desc, co.cn_address, phone, email, ""]


def _round_cols(ctx: Context, e: Event, gb: bool) -> list[str]:
    d = e.cn_date_text
    if gb and len(d) == 10 and d[4] == "-":
        d = f"{e.cn_date.year}/{e.cn_date.month}/{e.cn_date.day}"  # Excel re-save
    return [d, e.round_cn, e.cn_text, _investors(ctx, e)]


def yi_text(x: float) -> str:
    """融资总额 style: 9.1亿 / 830万 (人民币)."""
    if x >= 1e8:
        return f"{x / 1e8:.2f}".rstrip("0").rstrip(".") + "亿"
    return f"{x / 1e4:.0f}万"


def hash_int(s: str) -> int:
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % 1_000_003
    return h
