"""The unicorn list in the vendor's download forms: the latest vintage as .xlsx, an older one as
CSV with title rows and a footer."""

from __future__ import annotations

import datetime as dt

from sample_generator import geo
from sample_generator.model import Company
from sample_generator.render import xlsx
from sample_generator.render.common import NOT_A_DATA_ROW, Context, csv_text

UNI_HEADER = ["Company", "Valuation ($B)", "Date Joined", "Country", "City", "Industry", "Select Investors"]
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
DUPLICATED_UNICORN = "cohere"  # its row is repeated exactly in the .xlsx, as in the real list


def render(ctx: Context) -> None:
    """The unicorn list in the vendor's download forms: the latest vintage as .xlsx (sheet
    Unicorns), the vintage of the end of 2024 as CSV. Both have two title rows above the
    header, an empty unnamed first column; the .xlsx has dates as Excel dates and valuations
    as numbers or `$350.00 ` text, the CSV `$350.00 ` text, M/D/YYYY dates and a footer of
    notes, address and links. Overlapping vintages list the same companies (a unicorn is
    company + country + city: the two Branch are two companies); the .xlsx repeats one row
    exactly, as the real list repeats Cohere. Industry labels vary in case and trailing space."""
    forms = ctx.forms
    uni = sorted((c for c in ctx.world.companies if c.unicorn_joined), key=lambda c: (-c.valuation_usd, c.cb_name))
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
        ctx.records.append(dict(source="unicorns", source_file=UNICORN_XLSX, source_row=i,
                                 record_key=rows[i - 1][1], event_id="", is_bad=False, bad_reason="",
                                 company_key=c.key))
    sheet = xlsx.Sheet("Unicorns", rows, date_format="m/d/yyyy", number_format='"$"#,##0.00',
                       widths={0: 2, 1: 28, 6: 30, 7: 50})
    ctx.files[UNICORN_XLSX] = (xlsx.workbook_bytes([sheet], dt.datetime(2025, 3, 24, 12, 0, 0)), "xlsx")
    # older vintage: CSV with title rows and a footer
    width = len(UNI_HEADER) + 1
    csv_rows = [["", UNICORN_TITLE] + [""] * (width - 2), ["", "Last updated: December 31, 2024"] + [""] * (width - 2),
                ["", *UNI_HEADER]]
    old = [c for c in uni if c.unicorn_joined <= UNICORN_CSV_AS_OF]
    for i, c in enumerate(old, start=4):
        name, v, d, country, city, ind, inv = cells(c)
        csv_rows.append(["", name, f"${v:.2f} ", f"{d.month}/{d.day}/{d.year}", country, city, ind, inv])
        ctx.records.append(dict(source="unicorns", source_file=UNICORN_CSV, source_row=i, record_key=name,
                                 event_id="", is_bad=False, bad_reason="", company_key=c.key))
    for i, text in enumerate(UNICORN_FOOTER, start=len(csv_rows) + 1):
        csv_rows.append([text] + [""] * (width - 1))
        ctx.records.append(dict(source="unicorns", source_file=UNICORN_CSV, source_row=i, record_key="",
                                 event_id="", is_bad=True, bad_reason=NOT_A_DATA_ROW, company_key=""))
    ctx.files[UNICORN_CSV] = (csv_text(csv_rows[1:], csv_rows[0], "\r\n"), "utf-8")
