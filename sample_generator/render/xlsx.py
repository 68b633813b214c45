"""Write rows as an .xlsx workbook, byte for byte the same on every run.

Cells are written by their Python type: `str` as a text cell (never turned into a number, formula
or link), `dt.date` as a real Excel date (a date-formatted serial number), `float` / `int` as a
number cell, `None` or "" as no cell. xlsxwriter fixes the zip member times; the document's
creation date is set here, so the bytes depend only on the rows.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import xlsxwriter

Cell = str | float | int | dt.date | None


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]
    date_format: str = "yyyy-mm-dd"
    number_format: str = "General"
    widths: dict[int, float] = field(default_factory=dict)  # column index -> width


def workbook_bytes(sheets: list[Sheet], created: dt.datetime, author: str = "") -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False})
    wb.set_properties({"created": created, "author": author})
    for sh in sheets:
        ws = wb.add_worksheet(sh.name)
        date_fmt = wb.add_format({"num_format": sh.date_format})
        num_fmt = wb.add_format({"num_format": sh.number_format})
        for col, width in sorted(sh.widths.items()):
            ws.set_column(col, col, width)
        for r, row in enumerate(sh.rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, v)
                elif isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), date_fmt)
                else:
                    ws.write_number(r, c, v, num_fmt)
    wb.close()
    return buf.getvalue()
