"""No silent loss: the source_health checks on a hand-made working file whose audit_source_health
rows are set by hand (dbt's model itself is tested in test_dbt_models). A source whose every row
is quarantined, a share above the block threshold, a required source without rows block, with a
message naming the source, the files, the share and the reasons; a share above the warn threshold
warns."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.quality import gate
from pipeline.quality.source_health import percent
from pipeline.quality.tables import TableReader
from tests.quality_fixture_working_db import TODAY, build_working_db, run_sql

pytestmark = pytest.mark.unit

BLOCKING = "audit_source_health:source_health"
WARNINGS = "audit_source_health:source_health_warnings"
COLUMNS = ("raw_table, scope, source_file, is_required, file_count, rows_in, rows_staged, rows_quarantined, "
           "rows_excluded, quarantine_share, top_reasons, warn_above_share, block_above_share, status, status_reason")


@pytest.fixture(scope="module")
def clean_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_working_db(tmp_path_factory.mktemp("source_health") / "clean.duckdb")


@pytest.fixture()
def working(clean_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(clean_file, path)
    return path


def add_rows(path: Path, *rows: str) -> None:
    run_sql(path, *(f"insert into marts.audit_source_health ({COLUMNS}) values ({r})" for r in rows))


def run_check(path: Path, label: str, raw_dir: Path | None = None):
    with TableReader.open(path, today=TODAY) as reader:
        checks = {c.label: c for c in gate.checks_for(reader.tables("marts"), reader.relations())}
        return gate.run_check(checks[label], reader, gate.GateInputs(raw_dir=raw_dir))


def test_clean_file_passes_both_checks(clean_file: Path) -> None:
    for label in (BLOCKING, WARNINGS):
        result = run_check(clean_file, label)
        assert result.clean, result.headline()
    labels = {c.label: c.blocking for c in gate.checks_for(["audit_source_health"], ["audit_source_health"])}
    assert labels[BLOCKING] is True and labels[WARNINGS] is False


def test_every_row_quarantined_blocks_naming_source_file_share_and_reasons(working: Path) -> None:
    add_rows(working,
             "'unicorns', 'source', null, true, 1, 1206, 0, 1206, 0, 1.0, 'unparseable date in Date Joined ×1,206', "
             "0.005, 0.05, 'block', 'every row quarantined'",
             "'unicorns', 'file', 'unicorns/Unicorn_Companies.csv', true, 1, 1206, 0, 1206, 0, 1.0, "
             "'unparseable date in Date Joined ×1,206', 0.005, 0.05, 'block', 'every row quarantined'")
    result = run_check(working, BLOCKING)
    assert not result.passed
    assert result.headline() == (
        "unicorns: 1,206 of 1,206 rows quarantined (100 %) in unicorns/Unicorn_Companies.csv — top reasons: "
        "unparseable date in Date Joined ×1,206. Every row is quarantined: nothing of it would be published. "
        "Block threshold 5 % (var quarantine_share_block)."
    )
    # the rows behind it, for the check's metadata
    assert set(result.details["source_file"].fillna("*")) == {"*", "unicorns/Unicorn_Companies.csv"}
    # a blocked source is not repeated as a warning
    assert run_check(working, WARNINGS).clean


def test_share_above_block_names_each_file_with_its_counts(working: Path) -> None:
    add_rows(working,
             "'crunchbase_funding_rounds', 'source', null, true, 2, 1000, 920, 83, 3, 0.08, "
             "'unparseable date in announced_on ×70; negative amount in raised_amount ×10', 0.005, 0.05, 'block', null",
             "'crunchbase_funding_rounds', 'file', 'crunchbase/funding_rounds.csv', true, 1, 900, 890, 10, 0, 0.0111, "
             "'negative amount in raised_amount ×10', 0.005, 0.05, 'warn', null",
             "'crunchbase_funding_rounds', 'file', 'crunchbase/funding_rounds_2025q1.csv', true, 1, 100, 27, 73, 3, 0.7, "
             "'unparseable date in announced_on ×70', 0.005, 0.05, 'block', null")
    result = run_check(working, BLOCKING)
    assert not result.passed
    assert result.headline() == (
        "crunchbase_funding_rounds: 80 of 1,000 rows quarantined (8 %) in crunchbase/funding_rounds_2025q1.csv "
        "(70 of 100), crunchbase/funding_rounds.csv (10 of 900) (not counting 3 excluded by an analyst) — top "
        "reasons: unparseable date in announced_on ×70; negative amount in raised_amount ×10. "
        "Block threshold 5 % (var quarantine_share_block)."
    )


def test_one_bad_file_of_a_healthy_source_blocks(working: Path) -> None:
    run_sql(working, "update marts.audit_source_health set rows_in = 3, rows_staged = 1, quarantine_share = 2 / 3, "
                     "status = 'block' where source_file = 'cn_export/export_1.csv'")
    result = run_check(working, BLOCKING)
    assert not result.passed
    assert result.headline() == (
        "cn_export: 2 of 3 rows quarantined (66.7 %) in cn_export/export_1.csv — top reasons: unparseable date "
        "in 融资时间 ×2. Block threshold 20 % (var quarantine_share_block)."
    )


def test_share_above_warn_warns_without_blocking(working: Path) -> None:
    run_sql(working, "update marts.audit_source_health set rows_in = 30, rows_staged = 28, quarantine_share = 2 / 30, "
                     "status = 'warn' where source_file = 'cn_export/export_1.csv'")
    assert run_check(working, BLOCKING).clean
    result = run_check(working, WARNINGS)
    assert result.passed and not result.clean  # a warning: fails, does not block
    assert result.headline() == (
        "cn_export: 2 of 30 rows quarantined (6.7 %) in cn_export/export_1.csv — top reasons: unparseable date "
        "in 融资时间 ×2. Warn threshold 5 % (var quarantine_share_warn); blocks above 20 % (var quarantine_share_block)."
    )


def test_required_source_without_readable_file_blocks_and_says_how_to_make_it_optional(
        working: Path, tmp_path: Path) -> None:
    add_rows(working, "'unicorns', 'source', null, true, 0, 0, 0, 0, 0, null, '', 0.005, 0.05, 'block', "
                      "'no rows loaded from a required source (var required_sources)'")
    raw = tmp_path / "raw"
    (raw / "unicorns").mkdir(parents=True)
    (raw / "unicorns" / "Unicorn_Companies.pdf").write_bytes(b"%PDF-1.4 a report, not an export")
    (raw / "unicorns" / "unicorns_2025.csv").write_bytes(b"")
    result = run_check(working, BLOCKING, raw_dir=raw)
    assert not result.passed
    assert result.headline() == (
        "unicorns: no rows loaded: unicorns/ holds no readable export, only unicorns_2025.csv (empty); "
        "Unicorn_Companies.pdf: ignored, matches no source pattern of unicorns/ (*.csv, *.xlsx, *.xls). "
        "unicorns is a required source (var required_sources): "
        "add a readable export, or, if you do not license it, make it optional by removing unicorns from "
        "required_sources in dbt_project/dbt_project.yml (or run dbt with --vars '{required_sources: [...]}' "
        "listing the sources you have)."
    )
    shutil.rmtree(raw / "unicorns")
    assert "the raw dir has no folder unicorns/ (the ingest reads unicorns/ (*.csv, *.xlsx, *.xls))" in \
        run_check(working, BLOCKING, raw_dir=raw).headline()


def test_folder_listing_ignores_files_other_sources_of_the_folder_read(working: Path, tmp_path: Path) -> None:
    add_rows(working, "'crunchbase_funding_rounds', 'source', null, true, 0, 0, 0, 0, 0, null, '', 0.005, 0.05, "
                      "'block', 'no rows loaded from a required source (var required_sources)'")
    folder = tmp_path / "raw" / "crunchbase"
    folder.mkdir(parents=True)
    for name in ("organizations.csv", "investments.csv", "rounds_2024.xlsx", "funding_rounds.xlsx.bak"):
        (folder / name).write_text("uuid\nx\n")
    headline = run_check(working, BLOCKING, raw_dir=tmp_path / "raw").headline()
    assert headline.startswith(
        "crunchbase_funding_rounds: no rows loaded: crunchbase/ holds no readable export, only "
        "funding_rounds.xlsx.bak: ignored, matches no source pattern of crunchbase/ (organizations*.csv, "
        "organizations*.xlsx, organizations*.xls, funding_rounds*.csv, funding_rounds*.xlsx, funding_rounds*.xls, "
        "investments*.csv, investments*.xlsx, investments*.xls); rounds_2024.xlsx: ignored")
    assert "organizations.csv" not in headline.split("only", 1)[1].split("(", 1)[0]


@pytest.mark.parametrize(("share", "shown"), [
    (1.0, "100 %"), (0.05, "5 %"), (0.005, "0.5 %"), (0.0048, "0.48 %"), (2 / 3, "66.7 %"),
    (0.99999, "99.999 %"), (0.0000301, "0.003 %"),
])
def test_percent(share: float, shown: str) -> None:
    assert percent(share) == shown
