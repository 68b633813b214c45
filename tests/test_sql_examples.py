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
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.report_published_fixture import FIGURES as FIGURES_IN_FIXTURE
from tests.report_published_fixture import build_published_fixture

pytestmark = pytest.mark.unit

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


def check_examples(published: Path, empty: list[str] | None = None) -> dict[str, tuple[float, float]]:
    """Run every example read-only; return {figure part: (example value, mart value)} for the
    compared ones, after asserting they agree. An example may return no rows only when the data
    has nothing for its period (then mart_report_figures has no value for its figures either);
    such examples are appended to `empty`."""
    compared: dict[str, tuple[float, float]] = {}
    with duckdb.connect(str(published), read_only=True) as con:
        figures = {fid: value for fid, value in con.execute(
            "select figure_id, value from mart_report_figures where value is not null").fetchall()}
        for path in examples():
            rows = run_example(con, path)
            if not rows:
                valued = [f for f in comparisons(path) if f in figures]
                assert not valued, f"{path.name} returned no rows, but the mart has {valued}"
                if empty is not None:
                    empty.append(path.name)
                continue
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
    empty: list[str] = []
    compared = check_examples(published, empty)
    assert empty == []  # the fixture covers every period the examples ask for
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


def _working_file_from_fixture(tmp_path: Path) -> Path:
    """A working file whose `marts` schema holds the fixture's tables (what publish copies)."""
    fixture = build_published_fixture(tmp_path / "fixture.duckdb")
    working = tmp_path / "warehouse" / "warehouse.duckdb"
    working.parent.mkdir(parents=True)
    with duckdb.connect(str(working)) as con:
        con.execute(f"attach '{fixture}' as fixture (read_only)")
        con.execute("create schema marts")
        for (table,) in con.execute("select table_name from duckdb_tables() where database_name = 'fixture' "
                                    "and table_name <> 'audit_runs'").fetchall():
            con.execute(f"create table marts.{table} as select * from fixture.main.{table}")
    return working


PUBLISHER = """
import sys
from pathlib import Path
from pipeline.publish.store import publish
for _ in range(int(sys.argv[3])):
    publish(Path(sys.argv[1]), Path(sys.argv[2]))
"""
LONG_READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("select count(*) from audit_runs").fetchone()[0], flush=True)
sys.stdin.readline()
print(con.execute("select count(*) from audit_runs").fetchone()[0])
print(con.execute("select count(*) from mart_report_figures").fetchone()[0])
"""


def test_sqlalchemy_reads_read_only_while_a_publish_happens(tmp_path: Path):
    """duckdb-engine, as Superset uses it: read_only, one connection per query (NullPool). Readers
    never fail while new versions are swapped in, each query sees one whole version, writes are
    refused, and a new connection sees the newest version."""
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    from pipeline.publish.store import publish

    working = _working_file_from_fixture(tmp_path)
    warehouse = working.parent
    publish(working, warehouse)
    published = warehouse / "published.duckdb"
    engine = sa.create_engine(f"duckdb:///{published}", connect_args={"read_only": True}, poolclass=NullPool)

    # Another process (a BI tool) holding the file open the whole time does not stop the publisher
    # and keeps reading the version it opened.
    long_reader = subprocess.Popen(
        [sys.executable, "-c", LONG_READER, str(published)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert long_reader.stdout.readline().strip() == "1"  # audit_runs rows of the first version

    # The publisher runs in its own process, as in real life (the Dagster run vs. the BI server):
    # DuckDB shares one database instance per file within a process, which would hide the swap.
    publishes = 3
    publisher = subprocess.Popen(
        [sys.executable, "-c", PUBLISHER, str(working), str(warehouse), str(publishes)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    seen_versions, queries = [], 0
    r11 = (EXAMPLES_DIR / "R11_us_cn_share.sql").read_text(encoding="utf-8")
    deadline = time.monotonic() + 180
    while publisher.poll() is None or queries < 5:
        assert time.monotonic() < deadline, "the publisher did not finish in 3 minutes"
        with engine.connect() as con:
            versions = con.execute(sa.text("select count(*) from audit_runs")).scalar()
            row = con.execute(sa.text(r11)).mappings().one()
            assert (row["us_share_pct"], row["cn_share_pct"]) == (78.0, 14.0)
            with pytest.raises(sa.exc.DBAPIError, match="read-only"):
                con.execute(sa.text("create table analyst_scratch (x integer)"))
        seen_versions.append(versions)
        queries += 1
    _, err = publisher.communicate(timeout=120)
    assert publisher.returncode == 0, err
    out, _ = long_reader.communicate("\n", timeout=60)
    assert out.split() == ["1", str(len(FIGURES_IN_FIXTURE))]

    with engine.connect() as con:  # every earlier connection closed: the newest version is read
        assert con.execute(sa.text("select count(*) from audit_runs")).scalar() == 1 + publishes
    assert seen_versions == sorted(seen_versions) and seen_versions[0] >= 1
