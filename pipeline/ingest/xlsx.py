"""Spreadsheet exports (.xlsx, .xls) as rows of text cells, read with python-calamine (a Rust
reader: a 100k-row sheet in about a second, where openpyxl takes tens of seconds).

Cells become the text an analyst sees, so staging parses them like CSV text: whole numbers
without a trailing '.0' ('350', not '350.0'), dates as ISO text ('2017-04-07'), date-times as
'YYYY-MM-DD HH:MM:SS'. A date kept as a plain number (an Excel serial such as 42832, when the
cell has no date format) stays a number; staging reads serials in date columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[str]]]  # (spreadsheet row, 1-based; cell texts)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of the workbook, in workbook order."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        # skip_empty_area=False keeps rows aligned with the sheet: index 0 is row 1
        rows = sheet.to_python(skip_empty_area=False)
        sheets.append(Sheet(name, [(i + 1, [cell_text(v) for v in row]) for i, row in enumerate(rows)]))
    return sheets
