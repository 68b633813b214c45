"""Dates as the exports write them: the Python twin of macros/parse_date_text.sql and of model
int_date_orders_detected (the day/month order of each file's year-last dates)."""

from __future__ import annotations

import datetime as dt
import math
import re

from benchmarks.pandas_baseline.text import clean_text, halfwidth

_TIME = re.compile(r"(?:[ T]+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*"
                   "(?:Z|[+-]\\d{2}:?\\d{2}|UTC|GMT)?[\\s\u00a0\u3000]*$", re.ASCII)
_YMD = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?", re.ASCII)
_YM = re.compile(r"\d{4}[-/.年]\d{1,2}月?", re.ASCII)
YEAR_LAST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$", re.ASCII)
_COMPACT = re.compile(r"(19|20)\d{6}", re.ASCII)
_SERIAL = re.compile(r"\d{4,5}(\.\d+)?", re.ASCII)
_BARE_YEAR = re.compile(r"(19|20)\d\d|2100", re.ASCII)
_LETTERS = re.compile(r"[A-Za-z]{3}")
_NUMBERS = re.compile(r"\d+", re.ASCII)
_TEXT_FORMATS = ["%d %b %Y", "%d-%b-%Y", "%d %B %Y", "%d-%B-%Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y"]
EXCEL_EPOCH = dt.date(1899, 12, 30)


def date_clean(value):
    if value is None:
        return None
    value = str(value)
    if value.isascii() and ":" not in value:
        return clean_text(value)
    return clean_text(_TIME.sub("", halfwidth(value), count=1))


def _make(y, m, d):
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def year_last_parts(text: str):
    m = YEAR_LAST.match(text)
    if not m:
        return None
    a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
    year = int(y) + (2000 if int(y) < 70 else 1900) if len(y) == 2 else int(y)
    return a, b, year


def parse_date_text(text: str, order: str | None):
    if text is None:
        return None
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        pass
    if _YMD.fullmatch(text):
        y, m, d = (int(n) for n in _NUMBERS.findall(text)[:3])
        return _make(y, m, d)
    if _YM.fullmatch(text):
        y, m = (int(n) for n in _NUMBERS.findall(text)[:2])
        return _make(y, m, 1)
    if YEAR_LAST.match(text):
        a, b, y = year_last_parts(text)
        if order == "mdy":
            return _make(y, a, b)
        if order == "dmy":
            return _make(y, b, a)
        return None
    if _COMPACT.fullmatch(text):
        try:
            return dt.datetime.strptime(text, "%Y%m%d").date()
        except ValueError:
            return None
    if _SERIAL.fullmatch(text) and not _BARE_YEAR.fullmatch(text) and 1 <= float(text) <= 73050:
        return EXCEL_EPOCH + dt.timedelta(days=math.floor(float(text)))
    if _LETTERS.search(text):
        for form in _TEXT_FORMATS:
            try:
                return dt.datetime.strptime(text, form).date()
            except ValueError:
                continue
    return None


def date_precision(text: str) -> str:
    return "month" if text is not None and _YM.fullmatch(text) else "day"


def file_orders(frame, column: str, default: str) -> dict[str, str | None]:
    """int_date_orders_detected for one raw table column: source_file -> 'dmy' / 'mdy' / None."""
    orders = {}
    for source_file, values in frame.groupby("_source_file")[column]:
        day_first = month_first = 0
        for value, count in values.dropna().value_counts().items():
            parts = year_last_parts(date_clean(value) or "")
            if parts:
                a, b, _ = parts
                day_first += count * (a > 12 and b <= 12)
                month_first += count * (b > 12 and a <= 12)
        if day_first > month_first:
            orders[source_file] = "dmy"
        elif month_first > day_first:
            orders[source_file] = "mdy"
        else:
            orders[source_file] = default if default in ("dmy", "mdy") else None
    return orders
