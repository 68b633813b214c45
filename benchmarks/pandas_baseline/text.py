"""Text rules shared by the stages: the Python twins of dbt_project/macros/normalise_label.sql and
company_name_key.sql. DuckDB's regular expressions are RE2 with ASCII classes (\\s, \\d, \\b), so the
patterns here use re.ASCII or explicit classes; \\p{Han} is spelled out as the Han blocks."""

from __future__ import annotations

import math
import re
import unicodedata

PADDING = " \t\n\r\u00a0\u3000\ufeff"
HAN = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_FULL = "！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　"
_HALF = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ "
HALFWIDTH = str.maketrans(_FULL, _HALF)
_SPACE_RUN = re.compile("[\t\n\f\r \u00a0\u3000\ufeff]+")
_BRACKETED = re.compile(r"[(\[〔【《<][^)\]〕】》>]*[)\]〕】》>]")
_NOT_NAME = re.compile(f"[^a-z0-9{HAN}]+")
HAS_HAN = re.compile(f"[{HAN}]")


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def clean_text(value):
    return None if is_missing(value) else str(value).strip(PADDING)


def nullif_empty(value):
    return None if value is None or value == "" else value


def halfwidth(value: str) -> str:
    return value.translate(HALFWIDTH)


def clean_label(value):
    if is_missing(value):
        return None
    value = str(value)
    if not value.isascii() or "  " in value or any(c in value for c in "\t\n\r"):
        value = _SPACE_RUN.sub(" ", halfwidth(value)).strip(" ")
    else:
        value = value.strip(" ")
    return value or None


def normalise_label(value):
    label = clean_label(value)
    return None if label is None else label.lower()


def clean_number(value):
    text = clean_text(value)
    return None if text is None else nullif_empty(halfwidth(text).replace(",", ""))


def try_double(text):
    """DuckDB's try_cast(text as double): None when it is not a number (Python also reads '1_0')."""
    if text is None or "_" in text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def strip_accents(value: str) -> str:
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", value) if unicodedata.category(c) != "Mn"))


def name_cleaned(value: str) -> str:
    """company_name_cleaned: width, case, accents, bracketed qualifiers, punctuation."""
    text = strip_accents(halfwidth(value)).lower()
    text = _BRACKETED.sub(" ", text)
    return _NOT_NAME.sub(" ", text).strip(" ")


def regex_escape(text: str) -> str:
    for ch in ["\\", ".", "^", "$", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]:
        text = text.replace(ch, "\\" + ch)
    return text


def seed_order(values) -> list[str]:
    """seed_values' order: longest first, then by value."""
    return sorted((v for v in values if v is not None and v != ""), key=lambda v: (-len(v), v))


class NameKeys:
    """company_name_stripped with the suffixes of seed company_name_suffixes."""

    def __init__(self, suffixes: list[str]):
        latin = [s for s in suffixes if re.fullmatch("[ -~]+", s)]
        han = [s for s in suffixes if not re.fullmatch("[ -~]+", s)]
        alternatives = []
        if latin:
            alternatives.append(r"\s+(?:" + "|".join(regex_escape(s.strip().lower()).replace(" ", r"\s+")
                                                    for s in seed_order(latin)) + r")\b")
        if han:
            alternatives.append(r"\s*(?:" + "|".join(regex_escape(s.strip()) for s in seed_order(han)) + ")")
        self.pattern = re.compile("(?:" + ("|".join(alternatives) if alternatives else r"[^\s\S]") + r")+\s*$", re.ASCII)

    def stripped(self, cleaned: str) -> str:
        rest = self.pattern.sub("", " " + cleaned, count=1).strip(" ")
        return (rest or cleaned).replace(" ", "")

    def key(self, value: str) -> str:
        """company_name_key(expr): cleaned, then stripped."""
        return self.stripped(name_cleaned(value))


def literal_alternation(values, word_boundaries: bool = True) -> str:
    parts = []
    for v in values:
        if v is None or str(v).strip() == "":
            continue
        word = str(v).strip().lower()
        lit = regex_escape(word)
        if word_boundaries and re.match("[a-z]", word[0]):
            lit = "(?:^|[^a-z])" + lit
        if word_boundaries and re.match("[a-z]", word[-1]):
            lit = lit + "(?:[^a-z]|$)"
        parts.append(lit)
    return "(?:" + "|".join(parts) + ")" if parts else r"(?:[^\s\S])"


def keyword_pattern(cell) -> re.Pattern:
    words = [w.strip() for w in (cell or "").split("|") if w.strip() != ""]
    return re.compile(literal_alternation(words))


def mapped(series, function):
    """Apply a text function once per distinct value (what an analyst does for a million rows)."""
    uniques = series.dropna().unique()
    table = {v: function(v) for v in uniques}
    return series.map(table)
