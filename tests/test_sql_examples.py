"""sql/examples: one query per report figure (R1–R23), run read-only against a published file.

Each file starts with `-- R<n> · …` and may say `-- compare: R5a=column, …`: that column of the
query's first row must equal the value mart_report_figures has for that figure part, so the
examples an analyst copies into a BI tool give the report's numbers. `check_examples(path)` is
also used by the Dagster UI end-to-end test on the real pipeline's published file; set
DEALS_PUBLISHED_DB to check an existing published file as well.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import duckdb
import pytest

from tests.report_published_fixture import build_published_fixture

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "sql" / "examples"
TOLERANCE = 0.011  # the examples round to two decimals


def examples() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("R*.sql"))


def figure_of(path: Path) -> int:
    match = re.match(r"--\s*R(\d+)\s", path.read_text(encoding="utf-8"))
    assert match, f"{path.name}: first line must be '-- R<n> · <the report's statement>'"
    return int(match.group(1))


def comparisons(path: Path) -> dict[str, str]:
    match = re.search(r"^--\s*compare:\s*(.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        return {}
    return dict(part.strip().split("=", 1) for part in match.group(1).split(","))


def run_example(con: duckdb.DuckDBPyConnection, path: Path) -> list[dict[str, object]]:
    cursor = con.execute(path.read_text(encoding="utf-8"))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def check_examples(published: Path) -> dict[str, tuple[float, float]]:
    """Run every example read-only; return {figure part: (example value, mart value)} for the
    compared ones, after asserting they agree."""
    compared: dict[str, tuple[float, float]] = {}
    with duckdb.connect(str(published), read_only=True) as con:
        figures = {fid: value for fid, value in con.execute(
            "select figure_id, value from mart_report_figures where value is not null").fetchall()}
        for path in examples():
            rows = run_example(con, path)
            assert rows, f"{path.name} returned no rows from {published}"
            for figure_id, column in comparisons(path).items():
                assert column in rows[0], f"{path.name}: no column {column}"
                if figure_id not in figures:
                    continue  # the mart has no value for it in this data (e.g. no prior year)
                ours, theirs = rows[0][column], float(figures[figure_id])
                assert ours is not None, f"{path.name}: {column} is null but {figure_id} = {theirs}"
                assert math.isclose(float(ours), theirs, abs_tol=TOLERANCE, rel_tol=1e-6), (
                    f"{path.name}: {column} = {ours}, mart_report_figures {figure_id} = {theirs}")
                compared[figure_id] = (float(ours), theirs)
    return compared


def test_one_example_per_report_figure():
    assert [figure_of(p) for p in examples()] == list(range(1, 24))
    for path in examples():
        assert path.name.startswith(f"R{figure_of(path):02d}_"), path.name


def test_examples_run_read_only_and_match_the_figures_mart(tmp_path: Path):
    published = build_published_fixture(tmp_path / "published.duckdb")
    compared = check_examples(published)
    # Every figure part the fixture has a value for, and that an example names, was compared.
    assert {"R1", "R2a", "R2b", "R4", "R5a", "R5b", "R11a", "R11b", "R17a", "R23a", "R23b"} <= set(compared)


def test_examples_give_the_rows_an_analyst_expects(tmp_path: Path):
    published = build_published_fixture(tmp_path / "published.duckdb")
    with duckdb.connect(str(published), read_only=True) as con:
        months = run_example(con, EXAMPLES_DIR / "R03_monthly_double_peak.sql")
        assert len(months) == 12
        # The double peak: May and the three Q4 months are the four largest.
        assert {m["month"] for m in months if m["amount_rank"] <= 4} == {"2024-05", "2024-10", "2024-11", "2024-12"}
        ranks = run_example(con, EXAMPLES_DIR / "R22_application_rankings.sql")
        top_us = [r["sub_segment"] for r in ranks if r["country_group"] == "US"][:4]
        top_cn = [r["sub_segment"] for r in ranks if r["country_group"] == "CN"][:4]
        assert top_us == ["autonomous_driving", "unmanned_devices", "security", "programming_dev"]
        assert set(top_cn) == {"autonomous_driving", "unmanned_devices", "robotics", "healthcare"}


@pytest.mark.skipif(not os.environ.get("DEALS_PUBLISHED_DB"), reason="set DEALS_PUBLISHED_DB to check a real file")
def test_examples_on_an_existing_published_file():
    assert check_examples(Path(os.environ["DEALS_PUBLISHED_DB"]))
