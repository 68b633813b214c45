"""Changing a parameter changes every number and label that depends on it: a build of the fixture
exports with a 5亿元 mega-deal threshold and top-3 deals (instead of 10亿元 and top 10)."""

from __future__ import annotations

import json

import duckdb
import pytest

from pipeline.ingest.load import load_source
from pipeline.ingest.sources import SOURCES
from tests.test_dbt_models import FIXTURE_RAW, run_dbt

pytestmark = pytest.mark.dbt

CHANGED = {"mega_deal_threshold_cny": 500000000, "top_deals_n": 3, "top_unicorns_n": 2}


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    wh = tmp_path_factory.mktemp("parameters_wh")
    with duckdb.connect(str(wh / "warehouse.duckdb")) as c:
        for name in SOURCES:
            load_source(c, name, FIXTURE_RAW)
    result = run_dbt(["build", "--exclude", "resource_type:unit_test", "--vars", json.dumps(CHANGED)], wh)
    assert result.returncode == 0, result.stdout[-6000:]
    c = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
    yield c
    c.close()


def test_the_build_publishes_the_parameters_it_used(con):
    rows = dict(con.execute("select parameter, value_number from marts.audit_build_parameters").fetchall())
    assert rows["mega_deal_threshold_cny"] == 5e8 and rows["top_deals_n"] == 3 and rows["top_unicorns_n"] == 2
    origins = dict(con.execute("select parameter, origin from marts.audit_build_parameters").fetchall())
    assert origins["report_year"] == "derived from the data"


def test_mega_deals_follow_the_threshold(con):
    (wrong,) = con.execute("select count(*) from marts.fct_deals where is_mega <> coalesce(amount_cny >= 5e8, false)").fetchone()
    assert wrong == 0
    expected = dict(con.execute("""
        select year, count(*) filter (where amount_cny >= 5e8 and amount_status <> 'undisclosed')
        from marts.fct_deals where is_counted group by year""").fetchall())
    got = dict(con.execute("select year, mega_deal_count from marts.mart_funding_yearly").fetchall())
    assert {y: n for y, n in got.items() if y in expected} == expected
    assert any(n > 0 for n in expected.values())


def test_top_n_follows_the_var(con):
    assert {n for (n,) in con.execute("select distinct top_n from marts.mart_funding_yearly").fetchall()} == {3}
    assert {n for (n,) in con.execute("select distinct top_n from marts.mart_top_unicorn_funding").fetchall()} == {2}


def test_the_reports_numbers_are_not_shown_for_other_parameters(con):
    rows = dict(con.execute("""
        select figure_id, reference_value is not null from marts.mart_report_figures
        where figure_id in ('R5a', 'R6a', 'R7', 'R8', 'R15a')""").fetchall())
    assert rows and not any(rows.values())
