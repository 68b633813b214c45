"""End to end on the shipped sample with its unicorn list replaced by the form that circulates
widely (the Kaggle-style copy of CB Insights' list): one CSV, `Date Joined` written day first
(07-04-2017), valuations '$350'. It must publish the same new-unicorn counts per year as the list
itself says: the day/month order is read from the file's own values, not guessed."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from tests.pipeline_job import run_job

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).resolve().parent.parent
HEADER = ["Company", "Valuation ($B)", "Date Joined", "Country", "City", "Industry", "Select Investors"]


def _vendor_rows(raw: Path) -> list[dict[str, str]]:
    """The sample's unicorn rows (every vintage), read here without the pipeline's ingest."""
    from python_calamine import CalamineWorkbook

    rows: list[dict[str, str]] = []
    for path in sorted((raw / "unicorns").iterdir()):
        if path.suffix == ".csv":
            lines = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        elif path.suffix == ".xlsx":
            sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Unicorns")
            lines = [[str(v) if not isinstance(v, (dt.date, dt.datetime)) else v for v in row]
                     for row in sheet.to_python(skip_empty_area=False)]
        else:
            continue
        start = next(i for i, line in enumerate(lines) if "Company" in [str(c).strip() for c in line])
        names = [str(c).strip() for c in lines[start]]
        for line in lines[start + 1:]:
            row = dict(zip(names, line))
            if str(row.get("Company", "")).strip() and row.get("Date Joined") not in (None, ""):
                rows.append(row)
    return rows


def _joined(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    month, day, year = (int(p) for p in str(value).split("/"))
    return dt.date(year, month, day)


def _identity(row: dict) -> tuple[str, str, str]:
    return tuple(" ".join(str(row.get(c, "")).split()).lower() for c in ("Company", "Country", "City"))


@pytest.fixture(scope="module")
def dayfirst_run(tmp_path_factory: pytest.TempPathFactory, dbt_manifest):
    raw = tmp_path_factory.mktemp("dayfirst") / "raw"
    shutil.copytree(REPO_ROOT / "raw", raw)
    companies: dict[tuple, dict] = {}
    for row in _vendor_rows(REPO_ROOT / "raw"):
        companies.setdefault(_identity(row), row)
    shutil.rmtree(raw / "unicorns")
    (raw / "unicorns").mkdir()
    with open(raw / "unicorns" / "Unicorn_Companies.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for row in companies.values():
            joined = _joined(row["Date Joined"])
            valuation = str(row["Valuation ($B)"]).strip().lstrip("$")
            writer.writerow([str(row["Company"]).strip(), f"${valuation}", joined.strftime("%d-%m-%Y"),
                             row["Country"], row["City"], str(row["Industry"]).strip(), row["Select Investors"]])
    expected = Counter(_joined(r["Date Joined"]).year for r in companies.values())
    assert any(_joined(r["Date Joined"]).day > 12 for r in companies.values())  # the file settles its order

    warehouse = raw.parent / "warehouse"
    return run_job(raw, warehouse), warehouse, expected


def test_a_day_first_unicorn_list_publishes_the_right_counts_per_year(dayfirst_run):
    result, warehouse, expected = dayfirst_run
    assert result.success, [e.message for e in result.all_events if e.is_step_failure]
    with duckdb.connect(str(warehouse / "published.duckdb"), read_only=True) as con:
        got = dict(con.execute(
            "select year, new_unicorns from mart_unicorns where country_group = 'all' and new_unicorns > 0").fetchall())
        (quarantined,) = con.execute(
            "select count(*) from audit_quarantine where raw_table = 'unicorns'").fetchone()
    assert quarantined == 0
    assert {y: n for y, n in got.items()} == {y: n for y, n in expected.items() if y in got}
    assert sum(got.values()) == sum(expected.values())


def test_the_run_log_says_which_order_the_file_was_read_in(dayfirst_run):
    _, warehouse, _ = dayfirst_run
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        (order, basis) = con.execute(
            "select date_order, order_basis from intermediate.int_date_orders_detected "
            "where raw_table = 'unicorns' and column_name = 'Date Joined'").fetchone()
    assert order == "dmy" and "day > 12" in basis
