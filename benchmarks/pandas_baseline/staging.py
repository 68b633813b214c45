"""Staging: the raw tables typed, one function per source (models/staging/*). Only what the
deals need is computed: the reject *decision* of each row, not its reason text (quarantine is
not among the compared outputs)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pandas as pd

from benchmarks.pandas_baseline import dates, seeds
from benchmarks.pandas_baseline.text import (
    clean_label,
    clean_number,
    clean_text,
    halfwidth,
    mapped,
    normalise_label,
    nullif_empty,
    regex_escape,
    seed_order,
    try_double,
)

TODAY = dt.date.today()
UNDISCLOSED_WORDS = ["未透露", "未披露"]  # var undisclosed_amount_words
DATE_ORDER_DEFAULT = {"cn_export": "ymd", "crunchbase": "mdy", "unicorns": "mdy"}


def _records(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a raw table that are records (ingest's _line_error is empty), as objects."""
    frame = frame[frame["_line_error"].isna()].drop(columns=["_line_error", "_raw_line"])
    return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)


def _dates(frame: pd.DataFrame, column: str, source: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(date_text, announced date, precision) of a raw date column, with each file's order."""
    orders = dates.file_orders(frame, column, DATE_ORDER_DEFAULT[source])
    text = mapped(frame[column], dates.date_clean).where(lambda s: s.notna(), "")
    order = frame["_source_file"].map(orders)
    default = DATE_ORDER_DEFAULT[source]
    parsed = {}
    values = []
    for t, o in zip(text.tolist(), order.tolist()):
        key = (t, o or default)
        if key not in parsed:
            parsed[key] = dates.parse_date_text(t, o or default)
        values.append(parsed[key])
    return text, pd.Series(values, index=frame.index, dtype=object), mapped(text, dates.date_precision)


# ---------------------------------------------------------------- cn_export amounts

class CnAmounts:
    """cn_amount_text / cn_amount_parts / the amount joins of int_cn_export_rounds_amounts_parsed."""

    GROUPS = ("undisclosed", "prefix", "number", "infix", "unit", "yuan", "suffix", "currency_text", "suffix_after")

    def __init__(self):
        rules = seeds.seed("fuzzy_amount_rules")
        units = seeds.seed("amount_units")
        self.factor = {(r.position, r.qualifier): float(r.factor) for r in rules.itertuples()}
        self.multiplier = {(r.unit or ""): float(r.multiplier) for r in units.itertuples()}

        def alt(values):
            return "|".join(regex_escape(v) for v in seed_order(values))

        w = f"({alt(UNDISCLOSED_WORDS)})?"
        p = f"({alt(rules.qualifier[rules.position == 'prefix'])})?"
        i = f"({alt(rules.qualifier[rules.position == 'infix'])})?"
        s_values = alt(rules.qualifier[rules.position == "suffix"])
        s = f"({s_values})?"
        yuan_s = f"(?:(元)?({s_values}))?"
        u = f"({alt([x for x in units.unit if x])})?"
        self.pattern = re.compile("^" + w + p + r"([0-9]+(?:\.[0-9]+)?)?" + i + u + yuan_s + "(.*?)" + s + "$", re.DOTALL)

    @staticmethod
    def text(value):
        return None if value is None else re.sub("[\t\n\f\r \u00a0\u3000\ufeff,，]", "", halfwidth(value))

    def parts(self, text) -> dict:
        m = self.pattern.match(text or "")
        if not m:
            return dict.fromkeys(self.GROUPS, "")
        return {g: (v or "") for g, v in zip(self.GROUPS, m.groups())}

    def value(self, parts: dict, default_number: str | None = None):
        number = try_double(parts["number"]) if parts["number"] else None
        if number is None:
            number = 1.0 if default_number is None else float(default_number)
        mult = self.multiplier.get(parts["unit"])
        if mult is None:
            return None
        return (number * mult * self.factor.get(("prefix", parts["prefix"]), 1.0)
                * self.factor.get(("infix", parts["infix"]), 1.0) * self.factor.get(("suffix", parts["suffix"]), 1.0)
                * self.factor.get(("suffix", parts["suffix_after"]), 1.0))

    def read(self, amount_text: str) -> dict:
        """Everything int_cn_export_rounds_amounts_parsed derives from one 融资金额 text."""
        clean = self.text(amount_text)
        p = self.parts(clean)
        currency_word = p["currency_text"] or p["yuan"] or ""
        ccy = seeds.currencies().get(currency_word.lower())
        has_quantity = p["number"] != "" or p["unit"] != ""
        has_qualifier = any(p[k] != "" for k in ("prefix", "infix", "suffix", "suffix_after"))
        return {
            "amount_clean": clean,
            "is_negative": bool(re.match("^-[0-9]", clean)),
            "parsed_currency": "CNY" if currency_word == "" else ccy,
            "is_undisclosed": clean in ("", "-") or (p["undisclosed"] != "" and not has_quantity and not has_qualifier
                                                       and (currency_word == "" or ccy is not None)),
            "parsed_amount": self.value(p),
            "is_fuzzy": has_qualifier,
            "is_read": has_quantity and p["undisclosed"] == "",
        }


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def _concat_ws(sep: str, *values) -> str:
    return sep.join(_sql_text(v) for v in values if v is not None)


def _sql_text(value) -> str:
    """A value as DuckDB casts it to varchar (booleans 'true', doubles like Python's repr)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def cn_export(raw: pd.DataFrame) -> pd.DataFrame:
    """stg_cn_export__rounds: one row per record line, company attributes from its company row."""
    s = _records(raw)
    company = s[~s["_is_continuation"].astype(bool)]
    countries = seeds.country_lookup()
    attrs = pd.DataFrame({
        "_source_file": company["_source_file"],
        "_company_row": company["_source_row"],
        "company_name": mapped(company["公司名称"], clean_text),
        "legal_name": mapped(company["工商名称"], lambda v: _dash_none(clean_text(v))),
        "location": mapped(company["地点"], lambda v: _dash(clean_label(v))),
        "industry": mapped(company["行业"], lambda v: _dash(clean_label(v))),
        "sub_industry": mapped(company["子行业"], lambda v: _dash(clean_label(v))),
        "description": mapped(company["公司简介"], lambda v: _dash_none(clean_text(v))),
    })
    rows = s[["_source_file", "_source_row", "_record_key", "_is_continuation", "_company_row",
              "融资时间", "轮次", "融资金额", "投资方"]].merge(attrs, on=["_source_file", "_company_row"], how="left")
    rows["_is_continuation"] = rows["_is_continuation"].astype(bool)
    rows["country_code"] = mapped(rows["location"], lambda loc: _location_country(loc, countries))
    date_text, announced, precision = _dates(rows, "融资时间", "cn_export")
    rows["date_text"], rows["announced_date"], rows["date_precision"] = date_text, announced, precision
    rows["round_text"] = mapped(rows["轮次"], clean_label).where(lambda x: x.notna(), "")
    rows["amount_text"] = mapped(rows["融资金额"], clean_text).where(lambda x: x.notna(), "")
    rows["investors_raw"] = mapped(rows["投资方"], lambda v: None if clean_text(v) in (None, "", "-", "未透露") else clean_text(v))

    amounts = CnAmounts()
    read = rows["amount_text"].map({t: amounts.read(t) for t in rows["amount_text"].unique()})
    for field in ["is_negative", "parsed_currency", "is_undisclosed", "parsed_amount", "is_fuzzy", "is_read"]:
        rows[field] = read.map(lambda r, f=field: r[f])
    types = seeds.round_types("cn_export")
    rtype = rows["round_text"].map(lambda t: types.get(t.lower()))
    rows["round_type"] = rtype.map(lambda t: t and t[0])
    rows["stage_group"] = rtype.map(lambda t: t and t[1])
    rows["is_counted_round"] = rtype.map(lambda t: t and t[2])

    no_round = rows["date_text"].isin(["", "-"]) & rows["round_text"].isin(["", "-"]) & rows["amount_text"].isin(["", "-"])
    orphan = rows["_is_continuation"] & rows["_company_row"].isna()
    rows["row_kind"] = "round"
    rows.loc[no_round & ~rows["_is_continuation"], "row_kind"] = "company_without_round"
    rows.loc[orphan, "row_kind"] = "orphan_continuation"
    bad_amount = ~rows["is_undisclosed"] & (rows["is_negative"] | ~rows["is_read"] | rows["parsed_amount"].isna()
                                            | rows["parsed_currency"].isna())
    rejected = (orphan | (no_round & rows["_is_continuation"])
                | (~no_round & (rows["date_text"].isin(["", "-"]) | rows["announced_date"].isna()
                                | rows["announced_date"].map(lambda d: d is not None and d > TODAY)
                                | rows["round_type"].isna() | bad_amount)))
    rows["rejected"] = rejected
    is_round = (rows["row_kind"] == "round") & ~rejected
    undisclosed = rows["is_undisclosed"].astype(bool)
    read_ok = is_round & ~undisclosed & rows["is_read"].astype(bool)
    rows["amount_status"] = None
    rows.loc[is_round & undisclosed, "amount_status"] = "undisclosed"
    rows.loc[read_ok & rows["is_fuzzy"].astype(bool), "amount_status"] = "estimated"
    rows.loc[read_ok & ~rows["is_fuzzy"].astype(bool), "amount_status"] = "exact"
    rows["amount_original"] = rows["parsed_amount"].where(read_ok, None)
    rows["currency"] = rows["parsed_currency"].where(read_ok, None)
    keys = [
        _md5(_concat_ws("|", name, date, text, "undisclosed" if und else _concat_ws("|", fuzzy, amount, ccy)))[:20]
        if ok else raw_key
        for ok, name, date, text, und, fuzzy, amount, ccy, raw_key in zip(
            is_round, rows["company_name"], rows["announced_date"], rows["round_text"], undisclosed,
            rows["is_fuzzy"], rows["parsed_amount"], rows["parsed_currency"], rows["_record_key"])
    ]
    rows["source_record_key"] = keys
    rows["round_raw"] = rows["round_text"].map(nullif_empty)
    rows["amount_raw"] = rows["amount_text"].map(nullif_empty)
    rows["source"] = "cn_export"
    return rows.rename(columns={"_source_file": "source_file", "_source_row": "source_row",
                                "_is_continuation": "is_continuation", "_company_row": "company_row"})


def _dash(value):
    return None if value == "-" else value


def _dash_none(value):
    return None if value in ("", "-") or value is None else value


def _location_country(location, countries):
    parts = location.split("-")
    first = parts[0].strip(" ").lower()
    second = parts[1].strip(" ").lower() if len(parts) > 1 else ""
    return countries.get(first) or countries.get(second)


# ---------------------------------------------------------------- Crunchbase

def crunchbase_organizations(raw: pd.DataFrame) -> pd.DataFrame:
    s = _records(raw)
    countries = seeds.country_lookup()
    out = pd.DataFrame({
        "source_file": s["_source_file"], "source_row": s["_source_row"],
        "org_uuid": mapped(s["uuid"], lambda v: nullif_empty(clean_text(v))),
        "org_name": mapped(s["name"], lambda v: nullif_empty(clean_text(v))),
        "legal_name": mapped(s["legal_name"], lambda v: nullif_empty(clean_text(v))),
        "country_code": mapped(s["country_code"], lambda v: countries.get(normalise_label(v))),
        "short_description": mapped(s["short_description"], lambda v: nullif_empty(clean_text(v))),
        "category_list": mapped(s["category_list"], clean_label),
        "category_groups_list": mapped(s["category_groups_list"], clean_label),
        "alias1": mapped(s["alias1"], lambda v: nullif_empty(clean_text(v))),
        "alias2": mapped(s["alias2"], lambda v: nullif_empty(clean_text(v))),
        "alias3": mapped(s["alias3"], lambda v: nullif_empty(clean_text(v))),
    })
    out["rejected"] = out["org_uuid"].isna() | out["org_name"].isna()
    return out


def crunchbase_funding_rounds(raw: pd.DataFrame, organizations: pd.DataFrame) -> pd.DataFrame:
    s = _records(raw)
    date_text, announced, precision = _dates(s, "announced_on", "crunchbase")
    out = pd.DataFrame({
        "source": "crunchbase", "source_file": s["_source_file"], "source_row": s["_source_row"],
        "source_record_key": s["_record_key"],
        "funding_round_uuid": mapped(s["uuid"], lambda v: nullif_empty(clean_text(v))),
        "org_uuid": mapped(s["org_uuid"], lambda v: nullif_empty(clean_text(v))),
        "investment_type": mapped(s["investment_type"], normalise_label).where(lambda x: x.notna(), ""),
        "date_text": date_text, "announced_date": announced, "date_precision": precision,
        "raised_amount_text": mapped(s["raised_amount"], clean_number),
        "raised_currency": mapped(s["raised_amount_currency_code"], lambda v: (nullif_empty(clean_text(v)) or "").upper() or None),
        "raised_usd_text": mapped(s["raised_amount_usd"], clean_number),
        "post_money_valuation_usd": mapped(s["post_money_valuation_usd"], lambda v: try_double(clean_number(v))),
    })
    types = seeds.round_types("crunchbase")
    rtype = out["investment_type"].map(lambda t: types.get(t))
    out["round_type"] = rtype.map(lambda t: t and t[0])
    out["stage_group"] = rtype.map(lambda t: t and t[1])
    out["is_counted_round"] = rtype.map(lambda t: t and t[2])
    has_raised = out["raised_amount_text"].notna()
    out["amount_raw"] = out["raised_amount_text"].where(has_raised, out["raised_usd_text"])
    currency_text = out["raised_currency"].where(has_raised, out["raised_usd_text"].map(lambda v: None if v is None else "USD"))
    out["amount_original"] = mapped(out["amount_raw"], try_double)
    out["parsed_currency"] = mapped(currency_text, lambda c: seeds.currencies().get(c.lower()))
    known = set(organizations.loc[~organizations["rejected"], "org_uuid"])
    amount_bad = out["amount_raw"].notna() & (out["amount_original"].isna() | (out["amount_original"] < 0)
                                              | out["parsed_currency"].isna())
    out["rejected"] = (out["funding_round_uuid"].isna() | out["org_uuid"].isna() | ~out["org_uuid"].isin(known)
                       | (out["date_text"] == "") | out["announced_date"].isna()
                       | out["announced_date"].map(lambda d: d is not None and d > TODAY)
                       | out["round_type"].isna() | amount_bad)
    out["amount_status"] = out["amount_raw"].isna().map({True: "undisclosed", False: "exact"})
    out["currency"] = out["parsed_currency"].where(out["amount_raw"].notna(), None)
    out["round_raw"] = out["investment_type"]
    return out


def crunchbase_investments(raw: pd.DataFrame) -> pd.DataFrame:
    s = _records(raw)
    def trim(value):  # DuckDB's trim(): spaces only
        return None if value is None else nullif_empty(value.strip(" "))

    out = pd.DataFrame({
        "investment_uuid": mapped(s["uuid"], trim),
        "funding_round_uuid": mapped(s["funding_round_uuid"], trim),
        "investor_name": mapped(s["investor_name"], trim),
        "investor_type": mapped(s["investor_type"], normalise_label),
    })
    out["rejected"] = out["investment_uuid"].isna() | out["funding_round_uuid"].isna() | out["investor_name"].isna()
    return out


# ---------------------------------------------------------------- unicorns and FX

_VALUATION = re.compile(r"^(?:US)?\$?([0-9]+(?:\.[0-9]+)?)(?:B|BN|BILLION)?$")


def unicorns(raw: pd.DataFrame) -> pd.DataFrame:
    s = _records(raw)
    countries = seeds.country_lookup()
    date_text, joined, _ = _dates(s, "Date Joined", "unicorns")
    valuation_text = mapped(s["Valuation ($B)"], clean_text).where(lambda x: x.notna(), "")

    def valuation(text):
        m = _VALUATION.match(re.sub("[\t\n\f\r ,]", "", halfwidth(text)).upper())
        return float(m.group(1)) if m else None

    out = pd.DataFrame({
        "source_file": s["_source_file"], "source_row": s["_source_row"],
        "company_name": mapped(s["Company"], clean_label),
        "valuation_billion_usd": mapped(valuation_text, valuation),
        "date_joined_text": date_text, "date_joined": joined,
        "country_code": mapped(s["Country"], lambda v: countries.get(normalise_label(v))),
        "industry": mapped(s["Industry"], clean_label),
    })
    out["valuation_usd"] = out["valuation_billion_usd"] * 1e9
    out["rejected"] = (out["company_name"].isna() | (valuation_text == "") | out["valuation_billion_usd"].isna()
                       | (out["date_joined_text"] == "") | out["date_joined"].isna()
                       | out["date_joined"].map(lambda d: d is not None and d > TODAY))
    return out


def fx_rates(raw: pd.DataFrame) -> dict[tuple[str, str], float]:
    """(month, currency) -> CNY per unit, from the kept first copy of each record."""
    s = _records(raw).sort_values(["_source_file", "_source_row"])
    rates = {}
    first = s.drop_duplicates("_record_key", keep="first")
    for r in first.itertuples():
        month = (r.month or "").strip(" ")
        currency = (r.currency or "").strip(" ").upper()
        rate = try_double((r.cny_per_unit or "").strip(" ").replace(",", ""))
        if (re.fullmatch(r"\d{4}-\d{2}", month, re.ASCII) and 1 <= int(month[-2:]) <= 12
                and re.fullmatch("[A-Z]{3}", currency) and rate is not None and rate > 0):
            rates[(month, currency)] = rate
    return rates
