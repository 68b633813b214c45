"""Amounts as the exports write them: nice rounding, fuzzy forms (数千万, 超3亿 …), the cn_export
融资金额 text and its other real forms (step 10), and the final amounts of every record (step 8)."""

from __future__ import annotations

import math
import random

from sample_generator import vocab
from sample_generator.dates import source_dates
from sample_generator.fx import FX
from sample_generator.model import HOME_CN, Event, World
from sample_generator.sources import best_status, primary_source


def nice(x: float) -> float:
    """Round an amount the way databases show it (3 significant digits, at least whole 万)."""
    if x <= 0:
        return 0.0
    if x >= 1e8:
        q = 1e6
    elif x >= 1e7 or x >= 1e6:
        q = 1e5
    else:
        q = 1e4
    return max(q, round(x / q) * q)


def fuzzy_form(rng: random.Random, amount: float, mega: bool = False) -> str:
    """A fuzzy quantity (read by the seed fuzzy_amount_rules) describing `amount` (in currency units)."""
    if amount < 1e6:
        return "数十万"
    if amount < 1e7:
        return "数百万"
    if amount < 7e7:
        return "数千万"
    if amount < 1e8:
        return "近亿" if rng.random() < 0.5 else "数千万"
    if amount < 2e8:
        return rng.choice(["超亿", "亿元及以上", "超亿"]) if amount < 1.6e8 else "近2亿"
    if amount < 1e9:
        n = int(amount // 1e8)
        r = rng.random()
        if r < 0.4:
            return "数亿"
        if r < 0.65:
            return f"超{n}亿"
        if r < 0.85:
            return f"{n}亿以上"
        return f"近{min(n + 1, 9)}亿"
    if mega:
        return rng.choice(["数十亿", "超10亿", "10亿以上"])
    return "数亿"


def split_cn_amount(text: str) -> tuple[str, str]:
    for ccy, zh in vocab.CN_CURRENCY.items():
        if text.endswith(zh):
            return text[: -len(zh)], ccy
    raise ValueError(text)


def cn_quantity(x: float) -> str:
    """Exact quantity as cn_export writes it: 1.5亿, 3200万, 500000 (bare, rarely)."""
    if x >= 1e8:
        s = f"{x / 1e8:.4f}".rstrip("0").rstrip(".")
        return f"{s}亿"
    if x >= 1e4:
        s = f"{x / 1e4:.2f}".rstrip("0").rstrip(".")
        return f"{s}万"
    return f"{x:.0f}"


def cn_amount_text(rng: random.Random, e: Event, fx: FX) -> str:
    if e.cn_status == "undisclosed":
        return "未透露"
    zh = vocab.CN_CURRENCY[e.cn_ccy]
    if e.cn_status == "estimated":
        return f"{e.cn_form}{zh}"
    # exact: the primary's amount, or the other source's amount converted (nice) when currencies differ
    if e.is_real and e.real and e.cn_ccy == e.real.currency:
        q = float(e.real.amount)
    elif e.cn_ccy == e.currency:
        q = e.orig
    else:
        q = nice(e.cny / fx.at(e.date, e.cn_ccy))
    text = cn_quantity(q)
    if e.cn_ccy == "CNY" and rng.random() < 0.2:
        return f"{text}元"
    if 1e5 <= q < 1e7 and rng.random() < 0.03 and q == int(q):
        return f"{int(q)}{zh}"
    return f"{text}{zh}"


def _one_digit(q: float, up: bool) -> float:
    """q rounded down (or up) to one significant digit: 3200万 -> 3000万 (4000万)."""
    k = 10 ** math.floor(math.log10(q))
    return (math.ceil(q / k) if up else math.floor(q / k)) * k


def cn_amount_form(rng: random.Random, e: Event) -> str:
    """The 融资金额 text of a cn record in the form the export uses (see rewrite_amount_forms)."""
    text = e.cn_text
    if e.cn_status == "undisclosed":
        if rng.random() >= vocab.UNDISCLOSED_WITH_CURRENCY_P:
            return vocab.UNDISCLOSED
        return vocab.UNDISCLOSED + vocab.CN_CURRENCY.get(e.cn_ccy, "美元")
    zh = vocab.CN_CURRENCY[e.cn_ccy]
    if e.cn_status == "estimated":
        form = e.cn_form
        if rng.random() < 0.3:
            if form == "超亿":
                form = rng.choice(["过亿", "逾亿"])
            elif form.startswith("超") and form.endswith("亿"):
                form = rng.choice(["逾", "过"]) + form[1:]
            elif form.endswith("亿以上"):
                form = form[:-2] + "及以上"
            assert vocab.fuzzy_value(form) == vocab.fuzzy_value(e.cn_form), (form, e.cn_form)
            e.cn_form = form
        return f"{form}{zh}"
    # exact: <quantity><currency>, or <quantity>元 for CNY
    body, suffix = (text[: -len(zh)], zh) if text.endswith(zh) else (text[:-1], "元")
    q = cn_text_quantity(body)
    survives_elsewhere = e.in_cb and e.primary == "crunchbase" and e.cb_status == "exact"
    if survives_elsewhere and e.cn_ccy == "USD" and e.currency in ("EUR", "GBP", "JPY", "SGD") and e.cb_ccy == e.currency:
        # the company's local currency, as Crunchbase has it (rare: cn_export mostly converts to 美元)
        e.cn_ccy = e.currency
        return f"{cn_quantity(e.cb_amount)}{vocab.CN_CURRENCY_ALL[e.currency]}"
    if survives_elsewhere and q >= 1e6 and rng.random() < 0.15:
        # a fuzzy reading of the amount (the Crunchbase amount survives, so the truth holds)
        r = rng.random()
        if 1e7 <= q < 2e7 and r < 0.7:
            form = "千万级"
        elif 1e8 <= q < 2e8 and r < 0.5:
            form = "亿元及以上"
        elif r < 0.75:
            form = rng.choice(["超", "逾", "过"]) + cn_quantity(_one_digit(q, up=False))
        else:
            form = "近" + cn_quantity(_one_digit(q, up=True))
        e.cn_status, e.cn_form = "estimated", form
        return f"{form}{zh}"
    num = body.rstrip("万亿")
    if num.isdigit() and int(num) >= 1000 and rng.random() < 0.12:
        return f"{int(num):,}{body[len(num):]}{suffix}"  # 3,200万人民币
    return text


def cn_text_quantity(body: str) -> float:
    """The quantity of an exact cn amount text without its currency: 1.5亿, 3200万元, 500000."""
    core = body.removesuffix("元")
    mult = 1e8 if core.endswith("亿") else (1e4 if core.endswith("万") else 1)
    return float(core.rstrip("万亿").replace(",", "")) * mult


def finalize_amounts(world: World) -> None:
    """Step 8: the final amount and currencies of each record, the per-source dates and the
    cn_export amount text (one pass over the events: the draws of one event stay together)."""
    rng = world.rng
    for e in world.events:
        _final_amount(rng, world.fx, e)
        source_dates(rng, e)
        if e.in_cn:
            e.cn_text = cn_amount_text(rng, e, world.fx)
        e.cn_inv_sep = "、" if rng.random() < 0.15 else ","


def _final_amount(rng: random.Random, fx: FX, e: Event) -> None:
    """The primary record, the original amount in the deal's currency (nice), and the amounts and
    currencies of both records."""
    co = e.company
    if not e.is_real:
        # primary record and the currencies of both records
        assert e.status == best_status(e), (e.status, e.cn_status, e.cb_status)
        e.primary = primary_source(e)
        rate = fx.at(e.date, e.currency)
        if e.status == "exact":
            e.orig = nice(e.cny / rate)
            e.cny = e.orig * rate
            e.true_cny = e.cny
            if e.primary == "cn_export":
                e.cn_ccy = e.currency
                if e.cb_status == "exact":  # the same amount in Crunchbase, sometimes in USD
                    if e.currency == "USD" or rng.random() < 0.5:
                        e.cb_ccy, e.cb_amount = e.currency, e.orig
                    else:
                        e.cb_ccy, e.cb_amount = "USD", nice(e.cny / fx.at(e.date, "USD"))
            else:
                e.cb_ccy, e.cb_amount = e.currency, e.orig
                if e.cn_status == "exact":
                    # same amount in cn_export, sometimes in another currency (converted)
                    if e.currency in vocab.CN_CURRENCY and rng.random() < 0.7:
                        e.cn_ccy = e.currency
                    else:
                        e.cn_ccy = "CNY" if co.country in HOME_CN and e.currency != "CNY" else "USD"
                elif e.cn_status == "estimated":
                    e.cn_ccy = e.currency if e.currency in vocab.CN_CURRENCY else "USD"
                    e.cn_form = fuzzy_form(rng, e.cny / fx.at(e.date, e.cn_ccy), mega=e.is_mega)
        elif e.status == "estimated":
            e.currency = e.cn_ccy
            e.orig = vocab.fuzzy_value(e.cn_form)
            e.cny = e.orig * fx.at(e.date, e.cn_ccy)
            e.true_cny = max(e.true_cny, 1e5)
        else:
            e.cny = 0.0
    else:
        if e.status == "estimated":
            e.currency = e.cn_ccy
            e.orig = vocab.fuzzy_value(e.cn_form)
            e.cny = e.orig * fx.at(e.date, e.cn_ccy)
    if e.cb_status == "exact" and e.cb_ccy and not e.cb_amount:
        e.cb_amount = e.orig


def rewrite_amount_forms(world: World) -> None:
    """The other ways real exports write 融资金额, at their rates: 未透露<currency> for most
    undisclosed rounds, synonyms of a fuzzy form with the same value (逾N亿, 过亿, N亿及以上),
    thousands separators (3,200万), and, on records whose amount does not survive (the event's
    Crunchbase amount is exact and wins), fuzzy readings of the exact amount (千万级, 超3000万,
    近3亿 …) and the company's local currency (日元, 新加坡元 …). Its own RNG stream, so the rest
    of the sample is unchanged; every rewrite keeps the truth (same value, or a record that is
    not the survivor)."""
    rng = random.Random(f"ai-deals-sample:{world.seed}:forms")
    for e in world.events:
        if e.in_cn and not e.is_real:
            e.cn_text = cn_amount_form(rng, e)
