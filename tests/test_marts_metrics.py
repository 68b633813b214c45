"""The report marts (dbt_project/models/marts/metrics) against an independent Python computation.

A fixture small enough to check by hand (13 companies, 32 deals, 2023-01 to 2025-03) is written
straight into `marts.fct_deals` and `marts.dim_companies` of a temporary DuckDB file with the
contract columns of docs/published-tables.md; dbt then builds only the metric marts and the report seed
on top (dbt does not rebuild unselected parents). Every mart is recomputed below in plain Python
from the same rows, written from the definitions in docs/figures.md, not from the SQL, and the
two must agree row for row. A few totals are also worked out by hand in the comments.

Parameters of the main run: mega threshold 10亿元 (the default), top-10 deals (the default), the
top 3 AI unicorns (so the ranking matters on 7 unicorns), and the period derived from the data:
report year 2024 (the latest year with a December deal) and as-of date 2025-03-20 (the latest
announcement, a non-counted deal). A second run sets another period (report_year 2023, as_of_date
2025-03-23): the figures follow it, and the report's numbers stay only beside the figures whose
period is the report's own.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from pipeline import settings
from pipeline.report.fmt import YI

pytestmark = pytest.mark.dbt

MEGA = 10 * YI
TOP_DEALS_N = 10
TOP_UNICORNS_N = 3
REPORT_AS_OF = dt.date(2025, 3, 23)  # the original report's cut-off (截至3月23日)
DERIVED_YEAR, DERIVED_AS_OF = 2024, dt.date(2025, 3, 20)  # what the data gives (see the DEALS)
OTHER_YEAR, OTHER_AS_OF = 2023, REPORT_AS_OF  # the second run's vars
COUNTRY_GROUPS = ["US", "CN", "other"]

# company_id: (name, country_code, country_group, is_ai, segment, sub_segment, unicorn_joined, valuation_usd)
COMPANIES = {
    "c01": ("Alpha", "US", "US", True, "aigc", "foundation_models", dt.date(2019, 7, 1), 150e9),
    "c02": ("Beta", "US", "US", True, "infrastructure", "cloud_compute", dt.date(2023, 5, 1), 20e9),
    "c03": ("Gamma", "CN", "CN", True, "aigc", "foundation_models", dt.date(2024, 2, 1), 3e9),
    "c04": ("Delta", "CN", "CN", True, "infrastructure", "ai_chips", dt.date(2024, 6, 1), 2e9),
    "c05": ("Epsilon", "CN", "CN", True, "technology", "computer_vision", None, None),
    "c06": ("Zeta", "US", "US", True, "application", "security", dt.date(2024, 9, 1), 1.5e9),
    "c07": ("Eta", "GB", "other", True, "application", "robotics", None, None),
    "c08": ("Theta", "CN", "CN", True, "application", "healthcare", None, None),
    "c09": ("Iota", "US", "US", False, None, None, dt.date(2024, 3, 1), 5e9),
    "c10": ("Kappa", "CN", "CN", False, None, None, dt.date(2023, 8, 1), 1.2e9),
    "c11": ("Lambda", "US", "US", True, "application", "autonomous_driving", dt.date(2024, 11, 1), 40e9),
    "c12": ("Mu", "HK", "CN", True, "infrastructure", "ai_chips", None, None),
    "c13": ("Nu", "US", "US", True, "application", "programming_dev", dt.date(2022, 1, 1), 1.1e9),
}

STAGE_OF_ROUND = {
    "angel": "early", "seed": "early", "pre_a": "early", "series_a": "early",
    "series_b": "growth", "series_c": "growth",
    "series_d": "late", "series_e": "late",
    "strategic": "strategic", "debt": "debt", "acquisition": "other",
}
NOT_COUNTED_ROUNDS = {"acquisition"}

# deal_id: (company_id, announced, round_type, amount in 亿元 or None = undisclosed, has_state_capital)
DEALS = {
    # 2023: counted total 70+5+0.5+2+1+0.2+30 = 108.7 亿元 (d05 undisclosed, d09 not AI)
    "d01": ("c01", dt.date(2023, 1, 10), "series_c", 70, False),
    "d02": ("c02", dt.date(2023, 3, 15), "series_a", 5, False),
    "d03": ("c03", dt.date(2023, 3, 20), "angel", 0.5, False),
    "d04": ("c05", dt.date(2023, 5, 8), "strategic", 2, True),
    "d05": ("c08", dt.date(2023, 6, 30), "series_b", None, False),  # June 2023: only undisclosed
    "d06": ("c04", dt.date(2023, 7, 1), "series_a", 1.0, False),  # estimated amount
    "d07": ("c07", dt.date(2023, 9, 9), "seed", 0.2, False),
    "d08": ("c01", dt.date(2023, 11, 11), "strategic", 30, False),
    "d09": ("c09", dt.date(2023, 12, 1), "series_b", 50, False),  # not AI: not counted
    # 2024: counted total 282.99 + 0.3 = 283.29 亿元; top 10 = 277.99 (rank 10 is a tie at 2 亿元)
    "d10": ("c01", dt.date(2024, 1, 20), "series_d", 100, False),
    "d11": ("c03", dt.date(2024, 2, 10), "series_a", 8, False),
    "d12": ("c04", dt.date(2024, 2, 28), "strategic", 3, True),
    "d32": ("c06", dt.date(2024, 3, 22), "seed", 0.3, False),  # inside 01-01..03-23, outside ..03-20
    "d13": ("c02", dt.date(2024, 5, 5), "series_b", 60, False),
    "d14": ("c02", dt.date(2024, 5, 25), "debt", 40, False),
    "d15": ("c05", dt.date(2024, 6, 18), "series_a", 2, True),
    "d16": ("c06", dt.date(2024, 7, 7), "seed", 1, False),
    "d25": ("c03", dt.date(2024, 8, 8), "series_b", 10, False),  # exactly the mega threshold
    "d17": ("c11", dt.date(2024, 10, 10), "series_c", 40, False),
    "d18": ("c12", dt.date(2024, 10, 15), "pre_a", 1, False),
    "d19": ("c08", dt.date(2024, 11, 11), "angel", None, False),
    "d20": ("c07", dt.date(2024, 11, 20), "series_a", 1, False),
    "d21": ("c13", dt.date(2024, 12, 1), "series_b", 5, False),
    "d22": ("c05", dt.date(2024, 12, 12), "strategic", 2, True),
    "d23": ("c01", dt.date(2024, 12, 20), "acquisition", 500, False),  # M&A: not counted
    "d24": ("c04", dt.date(2024, 12, 30), "series_b", 9.99, False),  # just below the threshold
    # 2025 to 03-20: counted total 80+12+1.5 = 93.5 亿元; 'other' has no deal
    "d26": ("c01", dt.date(2025, 1, 15), "series_e", 80, False),
    "d27": ("c03", dt.date(2025, 2, 2), "series_c", 12, True),
    "d28": ("c05", dt.date(2025, 3, 1), "strategic", 1.5, True),
    "d29": ("c08", dt.date(2025, 3, 10), "series_a", None, False),  # CN healthcare: only undisclosed
    "d30": ("c11", dt.date(2025, 3, 20), "acquisition", 10, False),  # the latest date: not counted
}
ESTIMATED = {"d06"}


def fixture_deal_rows() -> list[dict]:
    rows = []
    for deal_id, (company_id, announced, round_type, amount_yi, state) in DEALS.items():
        name, code, group, is_ai, segment, sub_segment, _, _ = COMPANIES[company_id]
        amount_cny = None if amount_yi is None else amount_yi * YI
        status = "undisclosed" if amount_yi is None else ("estimated" if deal_id in ESTIMATED else "exact")
        rows.append({
            "deal_id": deal_id, "company_id": company_id, "company_name": name,
            "announced_date": announced, "year": announced.year,
            "quarter": f"{announced.year}-Q{(announced.month + 2) // 3}", "month": f"{announced:%Y-%m}",
            "country_code": code, "country_group": group,
            "round_type": round_type, "stage_group": STAGE_OF_ROUND[round_type],
            "is_ai": is_ai, "is_counted": is_ai and round_type not in NOT_COUNTED_ROUNDS,
            "amount_status": status,
            "amount_original": None if amount_cny is None else amount_cny / 7.1, "currency": "USD",
            "amount_cny": amount_cny, "amount_usd": None if amount_cny is None else amount_cny / 7.1,
            "is_mega": amount_cny is not None and amount_cny >= MEGA,
            "segment": segment, "sub_segment": sub_segment,
            "investor_names": "State Fund" if state else "Some VC",
            "has_state_capital": state, "source_count": 1,
        })
    return rows


def fixture_company_rows() -> list[dict]:
    return [
        {"company_id": cid, "company_name": name, "aliases": name, "country_code": code,
         "country_group": group, "is_ai": is_ai, "segment": segment, "sub_segment": sub,
         "unicorn_joined_date": joined, "latest_valuation_usd": valuation}
        for cid, (name, code, group, is_ai, segment, sub, joined, valuation) in COMPANIES.items()
    ]


FCT_DEALS_DDL = """
create table marts.fct_deals (
    deal_id varchar, company_id varchar, company_name varchar, announced_date date,
    year integer, quarter varchar, month varchar, country_code varchar, country_group varchar,
    round_type varchar, stage_group varchar, is_ai boolean, is_counted boolean,
    amount_status varchar, amount_original double, currency varchar, amount_cny double,
    amount_usd double, is_mega boolean, segment varchar, sub_segment varchar,
    investor_names varchar, has_state_capital boolean, source_count integer
)"""
DIM_COMPANIES_DDL = """
create table marts.dim_companies (
    company_id varchar, company_name varchar, aliases varchar, country_code varchar,
    country_group varchar, is_ai boolean, segment varchar, sub_segment varchar,
    unicorn_joined_date date, latest_valuation_usd double
)"""


def write_fixture(db_path: Path) -> None:
    with duckdb.connect(str(db_path)) as con:
        con.execute("create schema marts")
        for ddl, rows, table in ((FCT_DEALS_DDL, fixture_deal_rows(), "fct_deals"),
                                 (DIM_COMPANIES_DDL, fixture_company_rows(), "dim_companies")):
            con.execute(ddl)
            columns = list(rows[0])
            con.executemany(
                f"insert into marts.{table} ({', '.join(columns)}) values ({', '.join('?' * len(columns))})",
                [[row[c] for c in columns] for row in rows],
            )


def run_dbt(args: list[str], warehouse: Path, **extra_vars) -> subprocess.CompletedProcess:
    dbt = Path(sys.executable).parent / "dbt"
    env = {**os.environ, "DO_NOT_TRACK": "1", settings.WAREHOUSE_DIR_ENV: str(warehouse)}
    project = str(settings.DBT_PROJECT_DIR)
    return subprocess.run(
        [str(dbt) if dbt.exists() else "dbt", *args, "--project-dir", project, "--profiles-dir", project,
         "--target-path", str(warehouse / "dbt_target"),
         "--vars", json.dumps({"top_unicorns_n": TOP_UNICORNS_N, **extra_vars})],
        env=env, capture_output=True, text=True, check=False,
    )


def build_marts(path: Path, **extra_vars) -> Path:
    write_fixture(path / settings.WORKING_DB_NAME)
    # audit_build_parameters (the build's vars, over fct_deals) is what mart_report_figures reads
    # the parameters from; it is built with the metric marts
    for args in (["seed", "--select", "path:seeds/report"],
                 ["run", "--select", "path:models/marts/metrics", "audit_build_parameters"]):
        proc = run_dbt(args, path, **extra_vars)
        assert proc.returncode == 0, f"dbt {args[0]} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-3000:]}"
    return path


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The marts with the period derived from the data (no report_year, no as_of_date)."""
    return build_marts(tmp_path_factory.mktemp("marts_fixture"))


@pytest.fixture(scope="module")
def other_period_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The marts for report year 2023 as of 2025-03-23 (set as dbt vars)."""
    return build_marts(tmp_path_factory.mktemp("marts_other_period"),
                       report_year=OTHER_YEAR, as_of_date=OTHER_AS_OF.isoformat())


def mart_rows(warehouse: Path, table: str) -> list[dict]:
    with duckdb.connect(str(warehouse / settings.WORKING_DB_NAME), read_only=True) as con:
        cursor = con.execute(f"select * from marts.{table}")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


# ---------------------------------------------------------------------------------------------
# The independent computation, from docs/figures.md

def counted_deals() -> list[dict]:
    """Counted deals; the amount only when exact or estimated."""
    deals = []
    for row in fixture_deal_rows():
        if not row["is_counted"]:
            continue
        known = row["amount_status"] in ("exact", "estimated")
        deals.append({**row, "amount": row["amount_cny"] if known else None})
    return deals


def all_dates() -> list[dt.date]:
    return [d[1] for d in DEALS.values()]


def as_of_dates(as_of: dt.date | None = None) -> list[dt.date]:
    """The as-of date of a run: the given one, or else the latest announcement date."""
    return [as_of or max(all_dates())]


def covered_years() -> list[int]:
    return list(range(min(all_dates()).year, max(all_dates()).year + 1))


def ratio(numerator, denominator):
    if numerator is None or denominator in (None, 0):
        return None
    return numerator / denominator


def pct_change(current, prior):
    if current is None or prior in (None, 0):
        return None
    return (current - prior) * 100 / prior


def total(deals) -> float:
    return sum(d["amount"] for d in deals if d["amount"] is not None)


def minus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def periods(as_of: dt.date | None = None) -> dict[tuple[str, str], tuple[dt.date, dt.date]]:
    """(period_type, period_label) -> (start, end), as described in docs/figures.md."""
    result = {}
    first, last = min(all_dates()), max(all_dates())
    for year in covered_years():
        result[("year", str(year))] = (dt.date(year, 1, 1), dt.date(year, 12, 31))
        for q in range(1, 5):
            start = dt.date(year, 3 * q - 2, 1)
            end = (dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)) - dt.timedelta(days=1)
            if start <= last:
                result[("quarter", f"{year}-Q{q}")] = (start, end)
    for as_of in as_of_dates(as_of):
        for year in range(first.year, as_of.year + 1):
            end = minus_years(as_of, as_of.year - year)
            result[("ytd", f"{year}-01-01..{end}")] = (dt.date(year, 1, 1), end)
            if year < as_of.year:
                result[("since", f"{year}-01-01..{as_of}")] = (dt.date(year, 1, 1), as_of)
    return result


def in_window(deals, start, end):
    return [d for d in deals if start <= d["announced_date"] <= end]


def expected_yearly() -> dict:
    deals = counted_deals()
    out = {}
    prior_amount = None
    for year in covered_years():
        ds = [d for d in deals if d["year"] == year]
        amount = total(ds)
        mega = [d for d in ds if d["amount"] is not None and d["amount"] >= MEGA]
        with_amount = sorted((d for d in ds if d["amount"] is not None), key=lambda d: -d["amount"])
        top = with_amount[:TOP_DEALS_N]
        top_amount = total(top)
        by_company = defaultdict(float)
        names = {}
        for d in top:
            by_company[d["company_id"]] += d["amount"]
            names[d["company_id"]] = d["company_name"]
        leaders = sorted(by_company, key=lambda c: (-by_company[c], names[c]))[:3]
        out[year] = {
            "deal_count": len(ds),
            "amount_cny": amount,
            "amount_change_cny": None if prior_amount is None else amount - prior_amount,
            "amount_change_pct": pct_change(amount, prior_amount),
            "mega_deal_count": len(mega),
            "mega_count_share": ratio(len(mega), len(ds)),
            "mega_amount_share": ratio(total(mega), amount),
            "mega_avg_amount_cny": ratio(total(mega), len(mega)),
            "top10_amount_share": ratio(top_amount, amount),
            "top3_companies": ", ".join(names[c] for c in leaders) if leaders else None,
            "top3_share_of_top10": ratio(sum(by_company[c] for c in leaders), top_amount) if leaders else None,
        }
        prior_amount = amount
    return out


def expected_monthly() -> dict:
    deals = counted_deals()
    last = max(all_dates())
    months = []
    year, month = covered_years()[0], 1
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    def of_month(ym):
        return [d for d in deals if (d["announced_date"].year, d["announced_date"].month) == ym]

    amount = {ym: total(of_month(ym)) for ym in months}
    count = {ym: len(of_month(ym)) for ym in months}
    ytd = {(y, m): sum(amount[(y, k)] for k in range(1, m + 1)) for (y, m) in months}
    out = {}
    for (y, m) in months:
        prior = (y - 1, m)
        prior_amount = amount.get(prior)  # None: before the data
        prior_ytd = ytd.get(prior)
        out[dt.date(y, m, 1)] = {
            "deal_count": count[(y, m)],
            "amount_cny": amount[(y, m)],
            "prior_year_amount_cny": prior_amount,
            "yoy_pct": pct_change(amount[(y, m)], prior_amount),
            "ytd_amount_cny": ytd[(y, m)],
            "prior_ytd_amount_cny": prior_ytd,
            "ytd_yoy_pct": pct_change(ytd[(y, m)], prior_ytd),
        }
    return out


def expected_stage_structure() -> dict:
    deals = counted_deals()
    stages = sorted({d["stage_group"] for d in deals})
    out = {}
    for year in covered_years():
        ds = [d for d in deals if d["year"] == year]
        for stage in stages:
            ss = [d for d in ds if d["stage_group"] == stage]
            count_share = ratio(len(ss), len(ds))
            amount_share = ratio(total(ss), total(ds))
            prior = out.get((year - 1, stage))
            out[(year, stage)] = {
                "deal_count": len(ss),
                "count_share": count_share,
                "amount_cny": total(ss),
                "amount_share": amount_share,
                "count_share_change_pp": None if prior is None or prior["count_share"] is None or count_share is None
                else (count_share - prior["count_share"]) * 100,
                "amount_share_change_pp": None if prior is None or prior["amount_share"] is None or amount_share is None
                else (amount_share - prior["amount_share"]) * 100,
            }
    return out


def expected_country_comparison() -> dict:
    deals = counted_deals()
    out = {}
    for year in covered_years():
        ds = [d for d in deals if d["year"] == year]
        shares = {g: ratio(total([d for d in ds if d["country_group"] == g]), total(ds)) for g in COUNTRY_GROUPS}
        for group in COUNTRY_GROUPS:
            gs = [d for d in ds if d["country_group"] == group]
            with_amount = [d for d in gs if d["amount"] is not None]
            out[(year, group)] = {
                "deal_count": len(gs),
                "amount_cny": total(gs),
                "amount_share": shares[group],
                "avg_amount_cny": ratio(total(with_amount), len(with_amount)),
                "us_cn_share_ratio": ratio(shares["US"], shares["CN"]),
            }
    return out


def expected_segment_share(as_of: dt.date | None = None) -> dict:
    deals = counted_deals()
    keys = sorted({(d["segment"], d["sub_segment"]) for d in deals} | {(d["segment"], "all") for d in deals})
    out = {}
    for (ptype, label), (start, end) in periods(as_of).items():
        window = in_window(deals, start, end)
        for group in ["all", *COUNTRY_GROUPS]:
            gs = [d for d in window if group == "all" or d["country_group"] == group]
            for segment, sub in keys:
                seg = [d for d in gs if d["segment"] == segment]
                rows = seg if sub == "all" else [d for d in seg if d["sub_segment"] == sub]
                out[(ptype, label, group, segment, sub)] = {
                    "deal_count": len(rows),
                    "amount_cny": total(rows),
                    "amount_share": ratio(total(rows), total(gs)),
                    "count_share": ratio(len(rows), len(gs)),
                    "segment_count_share": ratio(len(rows), len(seg)),
                    "segment_amount_share": ratio(total(rows), total(seg)),
                }
    return out


def expected_unicorns() -> dict:
    unicorns = [c for c in COMPANIES.values() if c[6] is not None]
    years = range(min(c[6].year for c in unicorns), max(c[6].year for c in unicorns) + 1)
    out = {}
    for year in years:
        for group in ["all", *COUNTRY_GROUPS]:
            new = [c for c in unicorns if c[6].year == year and (group == "all" or c[2] == group)]
            ai = [c for c in new if c[3]]
            out[(year, group)] = {"new_unicorns": len(new), "new_ai_unicorns": len(ai), "ai_share": ratio(len(ai), len(new))}
    return out


def expected_top_unicorn_funding(as_of: dt.date | None = None) -> dict:
    ranked = sorted(
        (cid for cid, c in COMPANIES.items() if c[3] and c[6] is not None and c[7] is not None),
        key=lambda cid: (-COMPANIES[cid][7], cid),
    )
    top = set(ranked[:TOP_UNICORNS_N])
    deals = counted_deals()
    out = {}
    for (ptype, label), (start, end) in periods(as_of).items():
        window = in_window(deals, start, end)
        top_amount = total([d for d in window if d["company_id"] in top])
        for group in ["all", *COUNTRY_GROUPS]:
            rows = [d for d in window if d["company_id"] in top and (group == "all" or d["country_group"] == group)]
            out[(ptype, label, group)] = {
                "top_n": TOP_UNICORNS_N,
                "amount_cny": total(rows),
                "share_of_ai_total": ratio(total(rows), total(window)),
                "share_of_top_n_amount": ratio(total(rows), top_amount),
            }
    return out


def expected_state_capital(as_of: dt.date | None = None) -> dict:
    deals = counted_deals()
    segments = sorted({d["segment"] for d in deals}) + ["all"]
    out = {}
    for (ptype, label), (start, end) in periods(as_of).items():
        window = in_window(deals, start, end)
        for segment in segments:
            rows = [d for d in window if segment == "all" or d["segment"] == segment]
            out[(ptype, label, segment)] = {
                "deals_with_state_capital": sum(1 for d in rows if d["has_state_capital"]),
                "deal_count": len(rows),
            }
    return out


def expected_period_to_date(as_of: dt.date | None = None) -> dict:
    deals = counted_deals()
    segments = sorted({d["segment"] for d in deals}) + ["all"]
    first_year = covered_years()[0]
    out = {}
    for as_of in as_of_dates(as_of):
        start = dt.date(as_of.year, 1, 1)
        prior_start, prior_end = dt.date(as_of.year - 1, 1, 1), minus_years(as_of, 1)
        for group in ["all", *COUNTRY_GROUPS]:
            for segment in segments:
                def keep(d):
                    return (group == "all" or d["country_group"] == group) and (segment == "all" or d["segment"] == segment)
                now = total([d for d in in_window(deals, start, as_of) if keep(d)])
                prior = (total([d for d in in_window(deals, prior_start, prior_end) if keep(d)])
                         if as_of.year - 1 >= first_year else None)
                out[(as_of, group, segment)] = {
                    "window_start": start, "amount_cny": now, "prior_amount_cny": prior,
                    "yoy_pct": pct_change(now, prior),
                }
    return out


# ---------------------------------------------------------------------------------------------
# Comparison


def same(actual, expected) -> bool:
    if expected is None or actual is None:
        return actual is None and expected is None
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return math.isclose(float(actual), float(expected), rel_tol=1e-9, abs_tol=1e-6)
    return actual == expected


def assert_mart_matches(warehouse: Path, table: str, key_columns: list[str], expected: dict) -> None:
    rows = mart_rows(warehouse, table)
    actual = {}
    for row in rows:
        key = tuple(row[c] for c in key_columns)
        key = key[0] if len(key) == 1 else key
        assert key not in actual, f"{table}: two rows for {key}"
        actual[key] = row
    assert set(actual) == set(expected), (
        f"{table}: rows differ; missing {sorted(set(expected) - set(actual), key=str)[:10]}, "
        f"unexpected {sorted(set(actual) - set(expected), key=str)[:10]}"
    )
    mismatches = [
        f"{key} {column}: mart {actual[key][column]!r}, expected {value!r}"
        for key, columns in expected.items()
        for column, value in columns.items()
        if not same(actual[key][column], value)
    ]
    assert not mismatches, f"{table}: {len(mismatches)} values differ:\n" + "\n".join(mismatches[:30])


def test_funding_yearly(warehouse: Path) -> None:
    assert_mart_matches(warehouse, "mart_funding_yearly", ["year"], expected_yearly())


def test_funding_yearly_by_hand(warehouse: Path) -> None:
    """2024 worked out by hand from the DEALS table above."""
    row = {r["year"]: r for r in mart_rows(warehouse, "mart_funding_yearly")}[2024]
    assert row["deal_count"] == 16  # d10–d22, d24, d25, d32 minus the M&A d23
    assert row["amount_cny"] == pytest.approx(283.29 * YI)
    assert row["amount_change_cny"] == pytest.approx((283.29 - 108.7) * YI)
    assert row["mega_deal_count"] == 5  # 100, 60, 40, 40, 10 (9.99 is below)
    assert row["mega_avg_amount_cny"] == pytest.approx(250 / 5 * YI)
    assert row["top10_amount_share"] == pytest.approx(277.99 / 283.29)
    # Alpha 100 and Beta 60+40 tie at the top (name order), then Lambda 40.
    assert row["top3_companies"] == "Alpha, Beta, Lambda"
    assert row["top3_share_of_top10"] == pytest.approx(240 / 277.99)


def test_funding_monthly(warehouse: Path) -> None:
    assert_mart_matches(warehouse, "mart_funding_monthly", ["month"], expected_monthly())


def test_funding_monthly_by_hand(warehouse: Path) -> None:
    rows = {r["month_label"]: r for r in mart_rows(warehouse, "mart_funding_monthly")}
    assert len(rows) == 27  # 2023-01 .. 2025-03, months without deals included
    assert rows["2023-02"]["deal_count"] == 0 and rows["2023-02"]["prior_year_amount_cny"] is None
    # February 2023 had no deal: February 2024's YoY is null, not a division by zero.
    assert rows["2024-02"]["prior_year_amount_cny"] == 0 and rows["2024-02"]["yoy_pct"] is None
    # June 2023 had only an undisclosed deal: one deal, no money.
    assert rows["2023-06"]["deal_count"] == 1 and rows["2023-06"]["amount_cny"] == 0
    # Year to date restarts in January: 2025-01 is January alone.
    assert rows["2025-01"]["ytd_amount_cny"] == pytest.approx(80 * YI)
    assert rows["2025-01"]["prior_ytd_amount_cny"] == pytest.approx(100 * YI)
    assert rows["2025-03"]["ytd_yoy_pct"] == pytest.approx((93.5 - 111.3) / 111.3 * 100)


def test_stage_structure(warehouse: Path) -> None:
    assert_mart_matches(warehouse, "mart_stage_structure", ["year", "stage_group"], expected_stage_structure())


def test_stage_structure_by_hand(warehouse: Path) -> None:
    rows = {(r["year"], r["stage_group"]): r for r in mart_rows(warehouse, "mart_stage_structure")}
    # Strategic: 2 of 8 deals in 2023, 2 of 16 in 2024.
    assert rows[(2024, "strategic")]["count_share_change_pp"] == pytest.approx((2 / 16 - 2 / 8) * 100)
    # Debt had no deal in 2023: a real 0 share, so its 2024 change is defined.
    assert rows[(2023, "debt")]["count_share"] == 0
    assert rows[(2024, "debt")]["amount_share_change_pp"] == pytest.approx(40 / 283.29 * 100)


def test_country_comparison(warehouse: Path) -> None:
    assert_mart_matches(warehouse, "mart_country_comparison", ["year", "country_group"], expected_country_comparison())


def test_country_comparison_by_hand(warehouse: Path) -> None:
    rows = {(r["year"], r["country_group"]): r for r in mart_rows(warehouse, "mart_country_comparison")}
    # 2025 has no deal outside the US and CN: the group is listed with zeros and no mean.
    assert rows[(2025, "other")]["deal_count"] == 0 and rows[(2025, "other")]["avg_amount_cny"] is None
    # CN 2025: 3 deals, 2 with an amount (12 + 1.5): the mean is over those 2.
    assert rows[(2025, "CN")]["avg_amount_cny"] == pytest.approx(6.75 * YI)
    # 2025: US 80, CN 13.5 of 93.5 亿元.
    assert rows[(2025, "US")]["us_cn_share_ratio"] == pytest.approx(80 / 13.5)


def test_segment_share(warehouse: Path) -> None:
    assert_mart_matches(
        warehouse, "mart_segment_share",
        ["period_type", "period_label", "country_group", "segment", "sub_segment"], expected_segment_share(),
    )


def test_segment_share_by_hand(warehouse: Path) -> None:
    rows = {(r["period_label"], r["country_group"], r["segment"], r["sub_segment"]): r
            for r in mart_rows(warehouse, "mart_segment_share")}
    # 2024 aigc: 100 + 8 + 10 of 283.29 亿元.
    assert rows[("2024", "all", "aigc", "all")]["amount_share"] == pytest.approx(118 / 283.29)
    # CN infrastructure since 2024 (to 03-20): Delta 3 + 9.99, Mu 1; all three deals are ai_chips.
    chips = rows[("2024-01-01..2025-03-20", "CN", "infrastructure", "ai_chips")]
    assert chips["segment_count_share"] == 1 and chips["amount_cny"] == pytest.approx(13.99 * YI)
    # CN healthcare in 2025 to date: one undisclosed deal.
    health = rows[("2025-01-01..2025-03-20", "CN", "application", "healthcare")]
    assert health["deal_count"] == 1 and health["amount_cny"] == 0


def test_unicorns(warehouse: Path) -> None:
    assert_mart_matches(warehouse, "mart_unicorns", ["year", "country_group"], expected_unicorns())


def test_unicorns_by_hand(warehouse: Path) -> None:
    rows = {(r["year"], r["country_group"]): r for r in mart_rows(warehouse, "mart_unicorns")}
    # 2024: Gamma, Delta, Zeta, Lambda (AI) and Iota (not AI).
    assert (rows[(2024, "all")]["new_unicorns"], rows[(2024, "all")]["new_ai_unicorns"]) == (5, 4)
    assert rows[(2024, "US")]["new_ai_unicorns"] == 2
    assert rows[(2020, "all")]["new_unicorns"] == 0  # a year between joins is listed


def test_top_unicorn_funding(warehouse: Path) -> None:
    assert_mart_matches(
        warehouse, "mart_top_unicorn_funding", ["period_type", "period_label", "country_group"],
        expected_top_unicorn_funding(),
    )


def test_top_unicorn_funding_by_hand(warehouse: Path) -> None:
    rows = {(r["period_label"], r["country_group"]): r for r in mart_rows(warehouse, "mart_top_unicorn_funding")}
    # Top 3 AI unicorns by valuation: Alpha, Lambda, Beta. 2024: 100 + 40 + 60 + 40 of 283.29.
    assert rows[("2024", "all")]["amount_cny"] == pytest.approx(240 * YI)
    assert rows[("2024", "all")]["share_of_ai_total"] == pytest.approx(240 / 283.29)
    assert rows[("2024", "CN")]["amount_cny"] == 0


def test_state_capital(warehouse: Path) -> None:
    assert_mart_matches(
        warehouse, "mart_state_capital", ["period_type", "period_label", "segment"], expected_state_capital(),
    )


def test_period_to_date(warehouse: Path) -> None:
    assert_mart_matches(
        warehouse, "mart_period_to_date", ["as_of_date", "country_group", "segment"], expected_period_to_date(),
    )


def test_period_to_date_by_hand(warehouse: Path, other_period_warehouse: Path) -> None:
    # The as-of date is the latest announcement (the M&A on 2025-03-20), the only one in the mart.
    rows = {(r["as_of_date"], r["country_group"], r["segment"]): r for r in mart_rows(warehouse, "mart_period_to_date")}
    assert {as_of for as_of, _, _ in rows} == {DERIVED_AS_OF}
    default = rows[(DERIVED_AS_OF, "all", "all")]
    assert default["amount_cny"] == pytest.approx(93.5 * YI)
    # d32 (2024-03-22) lies after 2024-03-20: only the 03-23 cut-off's prior window has it.
    assert default["prior_amount_cny"] == pytest.approx(111 * YI)
    rows = {(r["as_of_date"], r["country_group"], r["segment"]): r
            for r in mart_rows(other_period_warehouse, "mart_period_to_date")}
    assert {as_of for as_of, _, _ in rows} == {OTHER_AS_OF}
    assert rows[(OTHER_AS_OF, "all", "all")]["prior_amount_cny"] == pytest.approx(111.3 * YI)


# The application sub-segments the report names for R22 (seed reference_text), US and CN.
R22_NAMED = {"US": ["autonomous_driving", "unmanned_devices", "security", "programming_dev"],
             "CN": ["autonomous_driving", "unmanned_devices", "healthcare", "robotics"]}


def peak(amounts: dict[int, float]) -> int | None:
    """The key with the largest amount; ties go to the earlier one."""
    return min(amounts, key=lambda k: (-amounts[k], k)) if amounts else None


def expected_figures(year: int, as_of: dt.date) -> dict[str, tuple[str, object]]:
    """figure_id -> (period_label, value) for a run with this report year and as-of date."""
    yearly, monthly = expected_yearly(), expected_monthly()
    stages, countries = expected_stage_structure(), expected_country_comparison()
    segments, unicorns = expected_segment_share(as_of), expected_unicorns()
    top, state = expected_top_unicorn_funding(as_of), expected_state_capital(as_of)
    ptd = expected_period_to_date(as_of)
    prior = year - 1
    ytd, since = f"{as_of.year}-01-01..{as_of}", f"{year}-01-01..{as_of}"
    since_type = "ytd" if as_of.year == year else "since"

    def get(table, key, column, scale=1.0):
        row = table.get(key)
        return None if row is None or row[column] is None else row[column] * scale

    month_amounts = {d.month: r["amount_cny"] for d, r in monthly.items() if d.year == year}
    quarter_amounts = defaultdict(float)
    for month, amount in month_amounts.items():
        quarter_amounts[(month + 2) // 3] += amount
    infra = {}
    for sub in {k[4] for k in segments if k[3] == "infrastructure" and k[4] != "all"}:
        us = segments[(since_type, since, "US", "infrastructure", sub)]["amount_cny"]
        cn = segments[(since_type, since, "CN", "infrastructure", sub)]["amount_cny"]
        if us > 0 or cn > 0:
            infra[sub] = (us, cn)

    def named_in_top(group):
        amounts = {k[4]: r["amount_cny"] for k, r in segments.items()
                   if k[:4] == ("year", str(year), group, "application") and k[4] != "all" and r["amount_cny"] > 0}
        ranked = sorted(amounts, key=lambda sub: (-amounts[sub], sub))[:len(R22_NAMED[group])]
        return sum(1 for sub in R22_NAMED[group] if sub in ranked)

    y, p = str(year), str(prior)
    window_tech = get(state, ("ytd", ytd, "technology"), "deals_with_state_capital")
    year_before_window = get(state, ("year", str(as_of.year - 1), "technology"), "deals_with_state_capital")
    return {
        "R1": (y, get(yearly, year, "amount_cny", 1 / YI)),
        "R2a": (y, get(yearly, year, "amount_change_cny", 1 / YI)),
        "R2b": (y, get(yearly, year, "amount_change_pct")),
        "R3a": (y, peak(month_amounts)),
        "R3b": (y, peak(dict(quarter_amounts))),
        "R4": (f"{year}-04", get(monthly, dt.date(year, 4, 1), "ytd_yoy_pct")),
        "R5a": (y, get(yearly, year, "mega_count_share", 100)),
        "R5b": (y, get(yearly, year, "mega_amount_share", 100)),
        "R6a": (y, get(yearly, year, "mega_avg_amount_cny", 1 / YI)),
        "R6b": (p, get(yearly, prior, "mega_avg_amount_cny", 1 / YI)),
        "R7": (y, get(yearly, year, "top10_amount_share", 100)),
        "R8": (y, get(yearly, year, "top3_share_of_top10", 100)),
        "R9a": (y, get(stages, (year, "early"), "count_share", 100)),
        "R9b": (y, get(stages, (year, "early"), "count_share_change_pp")),
        "R10a": (y, get(stages, (year, "strategic"), "count_share_change_pp")),
        "R10b": (y, get(stages, (year, "strategic"), "amount_share_change_pp")),
        "R11a": (y, get(countries, (year, "US"), "amount_share", 100)),
        "R11b": (y, get(countries, (year, "CN"), "amount_share", 100)),
        "R12a": (y, get(countries, (year, "US"), "us_cn_share_ratio")),
        "R12b": (p, get(countries, (prior, "US"), "us_cn_share_ratio")),
        "R13a": (y, get(countries, (year, "CN"), "avg_amount_cny", 1 / YI)),
        "R13b": (y, get(countries, (year, "US"), "avg_amount_cny", 1 / YI)),
        "R14a": (y, get(unicorns, (year, "all"), "new_unicorns")),
        "R14b": (y, get(unicorns, (year, "all"), "new_ai_unicorns")),
        "R14c": (y, get(unicorns, (year, "all"), "ai_share", 100)),
        "R14d": (y, get(unicorns, (year, "US"), "new_ai_unicorns")),
        "R14e": (y, get(unicorns, (year, "CN"), "new_ai_unicorns")),
        "R15a": (since, get(top, (since_type, since, "all"), "amount_cny", 1 / YI)),
        "R15b": (since, get(top, (since_type, since, "all"), "share_of_ai_total", 100)),
        "R15c": (since, get(top, (since_type, since, "US"), "share_of_top_n_amount", 100)),
        "R15d": (since, get(top, (since_type, since, "CN"), "share_of_top_n_amount", 100)),
        "R16": (y, get(segments, ("year", y, "all", "aigc", "all"), "amount_share", 100)),
        "R17a": (ytd, get(segments, ("ytd", ytd, "US", "aigc", "all"), "amount_share", 100)),
        "R17b": (ytd, get(segments, ("ytd", ytd, "CN", "aigc", "all"), "amount_share", 100)),
        "R18": (y, get(segments, ("year", y, "all", "technology", "all"), "amount_share", 100)),
        "R19a": (ytd, window_tech),
        "R19b": (str(as_of.year - 1), year_before_window),
        "R19c": (ytd, ratio(window_tech, year_before_window)),
        "R20a": (since, get(segments, (since_type, since, "CN", "infrastructure", "ai_chips"), "segment_count_share", 100)),
        "R20b": (since, get(segments, (since_type, since, "CN", "infrastructure", "ai_chips"), "amount_cny", 1 / YI)),
        "R21a": (since, ratio(sum(1 for us, cn in infra.values() if us > cn) * 100, len(infra))),
        "R21b": (since, ratio(*infra["cloud_compute"]) if "cloud_compute" in infra else None),
        "R22a": (y, named_in_top("US")),
        "R22b": (y, named_in_top("CN")),
        "R23a": (ytd, get(ptd, (as_of, "all", "all"), "amount_cny", 1 / YI)),
        "R23b": (ytd, get(ptd, (as_of, "all", "all"), "yoy_pct")),
        # R25 is computed by mart_featured_investors (tests/test_investor_marts.py), which this
        # mart does not read yet: its seed rows stand here with their periods and no value
        "R25a": (p, None),
        "R25b": (y, None),
        "R25c": (y, None),
    }


def assert_figures_match(warehouse: Path, expected: dict[str, tuple[str, object]]) -> dict[str, dict]:
    figures = {r["figure_id"]: r for r in mart_rows(warehouse, "mart_report_figures")}
    assert set(figures) == set(expected), sorted(set(figures) ^ set(expected))
    mismatches = [f"{fid}: mart {figures[fid]['period_label']} {figures[fid]['value']!r}, expected {label} {value!r}"
                  for fid, (label, value) in expected.items()
                  if figures[fid]["period_label"] != label or not same(figures[fid]["value"], value)]
    assert not mismatches, "\n".join(mismatches)
    return figures


def test_report_figures_follow_the_marts(warehouse: Path) -> None:
    """Each figure for the derived period (2024, as of 2025-03-20) equals the number recomputed here."""
    expected = expected_figures(DERIVED_YEAR, DERIVED_AS_OF)
    # By hand, on the DEALS above:
    assert expected["R3a"] == ("2024", 1)  # January 2024 (100) ties May (60 + 40): the earlier month wins
    assert expected["R3b"] == ("2024", 1)  # Q1 2024: 100 + 8 + 3 + 0.3 = 111.3 > Q2 102 > Q4 58.99 > Q3 11
    # Infrastructure since 2024: ai_chips US 0 vs CN 13.99; cloud_compute US 100 vs CN 0 (no ratio).
    assert expected["R21a"][1] == 50.0 and expected["R21b"][1] is None
    # US application 2024 by amount: autonomous_driving 40, programming_dev 5, security 1.3; CN
    # application 2024 has only an undisclosed healthcare deal: nothing ranks.
    assert (expected["R22a"][1], expected["R22b"][1]) == (3, 0)
    figures = assert_figures_match(warehouse, expected)
    assert figures["R8"]["value_text"] == "Alpha, Beta, Lambda"
    # The year is the report's own: its number stands beside the figure ...
    assert figures["R1"]["is_report_period"] and figures["R6b"]["is_report_period"]
    assert figures["R1"]["reference_value"] == pytest.approx(5995.2)
    assert figures["R1"]["difference"] == pytest.approx(figures["R1"]["value"] - 5995.2)
    # ... the cut-off is not (03-20, not the report's 03-23): no reference for the windows.
    for fid in ("R15a", "R17a", "R19c", "R20a", "R23a", "R23b"):
        row = figures[fid]
        assert not row["is_report_period"], fid
        assert row["reference_value"] is None and row["difference"] is None, fid
        assert row["report_period_label"] in ("2024-01-01..2025-03-23", "2025-01-01..2025-03-23"), fid


def test_report_figures_for_another_period(other_period_warehouse: Path) -> None:
    """report_year 2023, as_of_date 2025-03-23: every figure is about that period; the report's
    numbers stay only beside the year-to-date figures, whose window is the report's own."""
    expected = expected_figures(OTHER_YEAR, OTHER_AS_OF)
    # By hand: 2023 is the first year (no prior year); its ytd window 2025-01-01..03-23 is 93.5 亿元
    # against 111.3 a year earlier; R19b is 2024, the year before that window.
    assert expected["R1"] == ("2023", pytest.approx(108.7))
    assert expected["R2b"] == ("2023", None) and expected["R6b"] == ("2022", None)
    assert expected["R23a"] == ("2025-01-01..2025-03-23", pytest.approx(93.5))
    assert expected["R15a"][0] == "2023-01-01..2025-03-23" and expected["R19b"][0] == "2024"
    figures = assert_figures_match(other_period_warehouse, expected)
    own = {fid for fid, row in figures.items() if row["period_label"] == row["report_period_label"]}
    assert own == {"R17a", "R17b", "R19a", "R19b", "R19c", "R23a", "R23b"}
    for fid, row in figures.items():
        assert row["is_report_period"] == (fid in own), fid
        if fid not in own:
            assert row["reference_value"] is None and row["difference"] is None, fid
            assert row["reference_text"] is None, fid
    assert figures["R23a"]["reference_value"] == pytest.approx(1448.5)
    assert figures["R23a"]["difference"] == pytest.approx(93.5 - 1448.5)


def test_report_period_rule_and_bad_vars(warehouse: Path) -> None:
    """The derived report year falls back to the latest year when no December has a deal; a
    malformed var stops dbt with a message naming it."""
    no_december = ("(select date '2023-12-05' as announced_date union all select date '2024-11-30' "
                   "union all select date '2025-02-01')")
    sql = (f"select {{{{ metrics_report_year(\"{no_december}\") }}}} as with_december, "
           "{{ metrics_report_year(\"(select date '2024-11-30' as announced_date)\") }} as without_december")
    proc = run_dbt(["show", "--inline", sql, "--output", "json"], warehouse)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert '"with_december": 2023' in proc.stdout and '"without_december": 2024' in proc.stdout, proc.stdout[-2000:]
    proc = run_dbt(["show", "--inline", "select {{ metrics_as_of_date('x') }}"], warehouse, as_of_date="25.12.2018")
    assert proc.returncode != 0
    assert "var as_of_date must be a date 'YYYY-MM-DD'" in proc.stdout + proc.stderr
    assert "25.12.2018" in proc.stdout + proc.stderr


def test_dbt_data_and_unit_tests_pass(warehouse: Path) -> None:
    """The YAML tests of the marts on this fixture, and the dbt unit tests of the tricky windows."""
    proc = run_dbt(["test", "--select", "path:models/marts/metrics", "path:seeds/report", "audit_build_parameters"],
                   warehouse)
    assert proc.returncode == 0, proc.stdout[-8000:]
    # production builds skip unit tests (pipeline/defs/transform.py): every one of the metrics marts runs here
    manifest = json.loads((warehouse / "dbt_target" / "manifest.json").read_text())
    expected = {uid for uid, node in manifest["unit_tests"].items()
                if node["original_file_path"].startswith("models/marts/metrics")}
    results = json.loads((warehouse / "dbt_target" / "run_results.json").read_text())["results"]
    ran = {r["unique_id"]: r["status"] for r in results if r["unique_id"].startswith("unit_test.")}
    assert expected and set(ran) == expected
    assert set(ran.values()) == {"pass"}, ran


def test_the_metric_marts_pass_the_quality_gate(warehouse: Path) -> None:
    """Keys, allowed values, shares in [0, 1] and shares adding up to 1 are the quality gate's (GX)
    checks, not the marts' dbt tests: on this fixture every blocking check of a metric mart passes."""
    from pipeline.quality.gate import run_gate

    report = run_gate(warehouse / settings.WORKING_DB_NAME, only_blocking=True)
    on_marts = [(check, result) for check, result in report.results if check.table.startswith("mart_")]
    ran = {check.label for check, _ in on_marts}
    assert {"mart_segment_share:gx_expectations", "mart_unicorns:gx_expectations",
            "mart_country_comparison:country_groups_sum_to_total", "mart_stage_structure:stage_groups_sum_to_total",
            "mart_segment_share:segment_shares_sum_to_one"} <= ran, ran
    failed = [f"{check.label}: {result.headline()}" for check, result in on_marts if not result.passed]
    assert not failed, failed


def test_every_table_and_column_has_a_comment(warehouse: Path) -> None:
    """The YAML descriptions reach DuckDB as COMMENT ON (what BI users browse in the published file)."""
    with duckdb.connect(str(warehouse / settings.WORKING_DB_NAME), read_only=True) as con:
        tables = con.execute(
            "select table_name, comment from duckdb_tables() where schema_name = 'marts' and table_name like 'mart_%'"
        ).fetchall()
        columns = con.execute(
            "select table_name, column_name from duckdb_columns() "
            "where schema_name = 'marts' and table_name like 'mart_%' and coalesce(comment, '') = ''"
        ).fetchall()
    assert len(tables) == 10, tables
    assert all(comment for _, comment in tables), [t for t, c in tables if not c]
    assert not columns, f"columns without a description: {columns}"
