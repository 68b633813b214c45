"""Plain objects of the sample world: companies, financing events and their per-source records,
and the World that holds them while the steps of generate.build fill them in."""

from __future__ import annotations

import datetime as dt
import random

from sample_generator.fx import FX
from sample_generator.names import NameBook

YI = 100_000_000.0
WINDOW_START = dt.date(2023, 1, 1)
WINDOW_END = dt.date(2025, 3, 23)
GROUPS = ("US", "CN", "other")
HOME_CN = ("CN", "HK", "TW")


class Company:
    __slots__ = (
        "key", "is_real", "country", "group", "is_ai", "segment", "sub", "name_zh", "name_en",
        "cn_name", "cn_legal", "cb_name", "cb_legal", "aliases", "cn_place", "cn_address", "phone_area",
        "region", "city", "founded", "website", "cn_industry", "cn_desc", "cb_cats", "cb_groups", "cb_desc",
        "in_cn", "in_cb", "cb_uuid", "unicorn_joined", "valuation_usd", "unicorn_industry", "unicorn_investors",
        "events", "team", "status", "total_mismatch", "dash_files", "non_ai_sector",
    )

    def __init__(self, key: str):
        self.key = key
        self.is_real = False
        self.country = ""
        self.group = ""
        self.is_ai = True
        self.segment = ""
        self.sub = ""
        self.name_zh = ""
        self.name_en = ""
        self.cn_name = ""
        self.cn_legal = ""
        self.cb_name = ""
        self.cb_legal = ""
        self.aliases: tuple[str, str, str] = ("", "", "")
        self.cn_place = ""
        self.cn_address = ""
        self.phone_area = ""
        self.region = ""
        self.city = ""
        self.founded: dt.date | None = None
        self.website = ""
        self.cn_industry = ("", "")
        self.cn_desc = ""
        self.cb_cats: list[str] = []
        self.cb_groups: list[str] = []
        self.cb_desc = ""
        self.in_cn = False
        self.in_cb = False
        self.cb_uuid = ""
        self.unicorn_joined: dt.date | None = None
        self.valuation_usd = 0.0
        self.unicorn_industry = ""
        self.unicorn_investors = ""
        self.events: list[Event] = []
        self.team = ""
        self.status = "运营中"
        self.total_mismatch = 0.0
        self.dash_files: list[str] = []
        self.non_ai_sector: dict | None = None

    @property
    def home(self) -> str:
        return "cn_export" if self.country in ("CN", "HK", "TW") else "crunchbase"

    @property
    def display_name(self) -> str:
        return self.name_zh if self.country in ("CN", "HK", "TW") and self.name_zh else self.name_en


class Event:
    __slots__ = (
        "id", "company", "country", "year", "group", "segment", "sub", "is_real", "is_mega", "counted", "disclosed",
        "date", "date_precision", "stage", "round_cn", "round_cb", "cny", "true_cny", "currency", "orig",
        "status", "in_cn", "in_cb", "cn_status", "cb_status", "cn_form", "cn_ccy", "cn_text", "cb_amount",
        "cb_ccy", "cn_date", "cb_date", "cn_date_text", "investors", "state", "cb_uuid", "primary", "real",
        "weight", "fixed", "post_money", "pair", "cb_round_override", "cn_inv_sep", "records",
    )

    def __init__(self):
        self.id = ""
        self.company: Company | None = None
        self.country = ""
        self.year = 0
        self.group = ""
        self.segment = ""
        self.sub = ""
        self.is_real = False
        self.is_mega = False
        self.counted = True
        self.disclosed = True
        self.date: dt.date | None = None
        self.date_precision = "day"
        self.stage = ""
        self.round_cn = ""
        self.round_cb = ""
        self.cny = 0.0  # planned amount in CNY (yuan); final = amount_cny of the truth
        self.true_cny = 0.0
        self.currency = "CNY"
        self.orig = 0.0
        self.status = "exact"
        self.in_cn = False
        self.in_cb = False
        self.cn_status = ""  # exact / estimated / undisclosed
        self.cb_status = ""  # exact / undisclosed
        self.cn_form = ""  # fuzzy form when estimated
        self.cn_ccy = "CNY"
        self.cn_text = ""
        self.cb_amount = 0.0
        self.cb_ccy = ""
        self.cn_date: dt.date | None = None
        self.cb_date: dt.date | None = None
        self.cn_date_text = ""
        self.investors: list[tuple[str, str, str]] = []  # (name in cn, name in cb, kind)
        self.state = False
        self.cb_uuid = ""
        self.primary = ""
        self.real = None
        self.weight = 1.0
        self.fixed = False
        self.post_money = 0.0
        self.pair = None
        self.cb_round_override = ""
        self.cn_inv_sep = ","
        self.records: list = []


class World:
    """The sample under construction: its companies and events, the FX table, and the random
    streams the steps share (one `core` stream in a fixed order of steps, one for names)."""

    def __init__(self, seed: int, scale: float, fx: FX):
        self.seed = seed
        self.scale = scale
        self.fx = fx
        self.rng = random.Random(f"ai-deals-sample:{seed}:core")
        self.names = NameBook(random.Random(f"ai-deals-sample:{seed}:names"))
        self.companies: list[Company] = []
        self.events: list[Event] = []
        self.warnings: list[str] = []
        self.n_companies = 0  # synthetic company keys issued so far (C000001 …)
        self.synth_investors: list | None = None  # the pool of synthetic VC firms, drawn on first use

    def new_company(self) -> Company:
        self.n_companies += 1
        co = Company(f"C{self.n_companies:06d}")
        self.companies.append(co)
        return co

    def rand_date(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))
