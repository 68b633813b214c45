"""The quality gate's suites on a hand-made working file: a clean file passes every blocking check,
and each kind of broken input fails the check that should catch it, with a message naming the
table, the rule and the offending row."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.quality import gate
from pipeline.quality.monitors import MonitorSettings
from pipeline.quality.tables import TableReader
from tests.quality_fixture_working_db import TODAY, build_working_db, run_sql

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def clean_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_working_db(tmp_path_factory.mktemp("quality") / "clean.duckdb")


@pytest.fixture()
def working(clean_file: Path, tmp_path: Path) -> Path:
    """A private copy of the clean working file, to break."""
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(clean_file, path)
    return path


def run_check(path: Path, label: str, inputs: gate.GateInputs = gate.GateInputs()):
    with TableReader.open(path, today=TODAY) as reader:
        checks = {c.label: c for c in gate.checks_for(reader.tables("marts"), reader.relations())}
        return gate.run_check(checks[label], reader, inputs)


def test_clean_file_passes_every_check(clean_file: Path) -> None:
    report = gate.run_gate(clean_file, today=TODAY)
    assert report.passed, report.summary()
    labels = {c.label for c, _ in report.results}
    # every published table has its suite, the reconciliations and the warnings are all there
    for table in ("fct_deals", "fct_deal_sources", "dim_companies", "mart_funding_yearly", "mart_segment_share",
                  "mart_report_figures", "audit_quarantine", "audit_source_rows"):
        assert f"{table}:gx_expectations" in labels
    for label in ("mart_funding_yearly:totals_match_fct_deals", "mart_funding_monthly:months_sum_to_year",
                  "mart_country_comparison:country_groups_sum_to_total",
                  "mart_stage_structure:stage_groups_sum_to_total", "mart_segment_share:segment_shares_sum_to_one",
                  "int_deal_records_collapsed:gx_expectations", "fct_deals:freshness",
                  "audit_control_total_mismatches:cn_export_control_totals", "fct_deals:volume_vs_published",
                  "audit_source_health:source_health", "audit_source_health:source_health_warnings"):
        assert label in labels
    assert [c.label for c, r in report.results if not r.clean] == []
    suite = dict((c.label, r) for c, r in report.results)["fct_deals:gx_expectations"]
    assert len(suite.outcomes) > 40  # schema, types, keys, ranges, values, references


def test_share_above_one_fails_the_mart_suite_and_the_reconciliation(working: Path) -> None:
    run_sql(working, "update marts.mart_country_comparison set amount_share = 1.2 "
                     "where year = 2024 and country_group = 'US'")
    suite = run_check(working, "mart_country_comparison:gx_expectations")
    assert not suite.passed
    assert suite.headline() == (
        "mart_country_comparison: 1 of 19 expectations failed: amount_share is a fraction in [0, 1]: "
        "1 row, e.g. year=2024, country_group='US' (amount_share=1.2)"
    )
    reconciliation = run_check(working, "mart_country_comparison:country_groups_sum_to_total")
    assert not reconciliation.passed
    assert "key='2024', measure='sum of amount_share'" in reconciliation.headline()


def test_negative_amount_past_staging_fails_staged_and_fact_suites(working: Path) -> None:
    run_sql(working, "update intermediate.int_deal_records_collapsed set amount_cny = -5 where record_id = 'cn_export:D0001-1'",
            "update marts.fct_deals set amount_cny = -5 where deal_id = 'D0001'")
    staged = run_check(working, "int_deal_records_collapsed:gx_expectations")
    assert [o.description for o in staged.blocking_failures] == ["amount_cny is never negative"]
    assert "record_id='cn_export:D0001-1'" in staged.headline()
    fact = run_check(working, "fct_deals:gx_expectations")
    assert [o.description for o in fact.blocking_failures] == ["amount_cny is never negative"]
    # the deal is named by its id and the raw line behind it (fct_deal_sources)
    assert "deal_id='D0001', source_line='cn_export/export_1.csv:D0001-1' (amount_cny=-5)" in fact.headline()


def test_text_in_a_number_column_fails_the_type_expectation(working: Path) -> None:
    run_sql(working, "alter table marts.mart_funding_yearly alter amount_cny type varchar")
    result = run_check(working, "mart_funding_yearly:gx_expectations")
    assert [o.description for o in result.blocking_failures] == ["amount_cny is a number"]
    assert "data_type='VARCHAR'" in result.headline()


def test_missing_contract_column_fails_the_schema_expectation(working: Path) -> None:
    run_sql(working, "alter table marts.dim_companies drop column latest_valuation_usd")
    result = run_check(working, "dim_companies:gx_expectations")
    assert not result.passed
    assert "missing columns ['latest_valuation_usd']" in result.headline()


@pytest.mark.parametrize(
    ("statement", "label", "failed"),
    [
        ("update marts.fct_deals set deal_id = 'D0002' where deal_id = 'D0003'",
         "fct_deals:gx_expectations", "deal_id is unique"),
        ("update marts.fct_deals set company_id = 'C999' where deal_id = 'D0004'",
         "fct_deals:gx_expectations", "every company_id exists in dim_companies"),
        ("update marts.fct_deals set announced_date = date '2025-06-01', year = 2025 where deal_id = 'D0005'",
         "fct_deals:gx_expectations", "announced_date is not in the future (≤ 2025-04-01)"),
        ("update marts.fct_deals set year = 2019 where deal_id = 'D0006'",
         "fct_deals:gx_expectations", "year is the year of announced_date"),
        ("update marts.fct_deals set is_ai = false where deal_id = 'D0007'",
         "fct_deals:gx_expectations", "a counted deal is an AI deal (is_counted ⇒ is_ai)"),
        ("update marts.fct_deals set stage_group = 'seed' where deal_id = 'D0008'",
         "fct_deals:gx_expectations", "stage_group is one of early, growth, late, strategic, debt, other"),
        ("update marts.fct_deal_sources set source_record_key = 'D0009-1' where deal_id = 'D0010'",
         "fct_deal_sources:gx_expectations", "a raw record feeds one deal only (no double counting)"),
        ("update marts.mart_funding_monthly set amount_cny = amount_cny + 1e8 where month = date '2024-05-01'",
         "mart_funding_monthly:months_sum_to_year", None),
        ("update marts.mart_segment_share set amount_cny = amount_cny + 1e8 "
         "where period_label = '2024' and country_group = 'US' and segment = 'aigc' and sub_segment <> 'all'",
         "mart_segment_share:segment_shares_sum_to_one", None),
        ("update marts.mart_funding_yearly set deal_count = deal_count + 1 where year = 2023",
         "mart_funding_yearly:totals_match_fct_deals", None),
        ("update marts.audit_source_rows set rows_staged = rows_staged - 1",
         "audit_source_rows:gx_expectations",
         "every raw row is staged or quarantined (rows_in = rows_staged + rows_quarantined)"),
    ],
)
def test_broken_input_fails_its_check(working: Path, statement: str, label: str, failed: str | None) -> None:
    run_sql(working, statement)
    result = run_check(working, label)
    assert not result.passed, result.headline()
    if failed is not None:
        assert [o.description for o in result.blocking_failures] == [failed]


def test_failing_reconciliation_names_both_sides(working: Path) -> None:
    run_sql(working, "update marts.mart_funding_monthly set amount_cny = amount_cny + 1e8 where month = date '2024-05-01'")
    with duckdb.connect(str(working), read_only=True) as con:
        year_total = con.execute("select amount_cny from marts.mart_funding_yearly where year = 2024").fetchone()[0]
    result = run_check(working, "mart_funding_monthly:months_sum_to_year")
    expected = f"key='2024', measure='amount_cny', expected={year_total:,.0f}, actual={year_total + 1e8:,.0f}"
    assert expected in result.headline()


def test_volume_change_beyond_half_is_a_warning(working: Path, tmp_path: Path) -> None:
    from pipeline.publish import publish

    warehouse = tmp_path / "wh"
    publish(working, warehouse)
    inputs = gate.GateInputs(published_db=warehouse / "published.duckdb")
    assert run_check(working, "fct_deals:volume_vs_published", inputs).clean
    run_sql(working, "delete from marts.fct_deals where deal_id >= 'D0020'")  # 60 → 20 rows
    result = run_check(working, "fct_deals:volume_vs_published", inputs)
    assert result.passed and not result.clean  # a warning, not a blocking failure
    assert "row count within ±50% of the published version (60 rows)" in result.headline()
    assert "rows_now=20" in result.headline()


def test_first_publish_has_no_volume_to_compare(working: Path) -> None:
    result = run_check(working, "fct_deals:volume_vs_published")
    assert result.clean and result.note == "no published version to compare with yet"


def test_freshness_warns_when_the_latest_deal_is_old(working: Path) -> None:
    fresh = run_check(working, "fct_deals:freshness", gate.GateInputs(settings=MonitorSettings(freshness_max_age_days=30)))
    assert fresh.clean  # latest deal 2025-03-23, today 2025-04-01
    stale = run_check(working, "fct_deals:freshness", gate.GateInputs(settings=MonitorSettings(freshness_max_age_days=5)))
    assert stale.passed and not stale.clean
    assert "latest is 2025-03-23" in stale.headline()


def test_control_total_mismatch_is_a_warning_with_the_list(working: Path) -> None:
    assert run_check(working, "audit_control_total_mismatches:cn_export_control_totals").clean
    run_sql(working, "insert into marts.audit_control_total_mismatches values "
                     "('Company 5', 'cn_export/export_1.csv', 3, '9.1亿', 9.1e8, 7.2e8, -1.9e8, 2, 0, 0)")
    result = run_check(working, "audit_control_total_mismatches:cn_export_control_totals")
    assert result.passed and not result.clean
    assert "company_name='Company 5', export_total_cny=910,000,000, pipeline_total_cny=720,000,000" in result.headline()
    assert list(result.details["company_name"]) == ["Company 5"]


def test_missing_descriptions_are_a_warning(working: Path) -> None:
    run_sql(working, "comment on column marts.fct_deals.amount_cny is null")
    result = run_check(working, "fct_deals:documented")
    assert result.passed and not result.clean
    assert "object='amount_cny'" in result.headline()


def test_new_mart_gets_the_generic_rules(working: Path) -> None:
    run_sql(working, "create table marts.mart_new_metric as select 2024 as year, 1.5 as some_share, -3.0 as amount_cny")
    result = run_check(working, "mart_new_metric:gx_expectations")
    assert sorted(o.description for o in result.blocking_failures) == [
        "amount_cny is never negative", "some_share is a fraction in [0, 1]"]


def test_gate_summary_lists_each_blocking_failure(working: Path) -> None:
    run_sql(working, "update marts.fct_deals set amount_usd = -1 where deal_id = 'D0000'")
    report = gate.run_gate(working, today=TODAY, only_blocking=True)
    assert not report.passed
    line = report.summary().splitlines()[1]
    assert line.startswith("  fct_deals:gx_expectations: fct_deals: 1 of ")
    assert line.endswith("expectations failed: amount_usd is never negative: 1 row, e.g. deal_id='D0000', "
                         "source_line='cn_export/export_1.csv:D0000-1' (amount_usd=-1)")
    assert len(report.summary().splitlines()) == 2  # nothing else failed
    assert all(c.blocking for c, _ in report.results)
