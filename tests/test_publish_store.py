"""The publish step on a hand-made working file: what the published file holds (every mart, with
comments, plus an accumulating audit_runs), versions kept and pruned, rollback, and leftovers of a
killed run cleaned up."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.publish import (
    GateSummary,
    PublishError,
    current_version,
    list_versions,
    publish,
    rollback,
    table_checksums,
    versions_dir,
)
from tests.quality_fixture_working_db import build_working_db, fixture_deals, run_sql

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def clean_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_working_db(tmp_path_factory.mktemp("publish") / "clean.duckdb")


@pytest.fixture()
def warehouse(clean_file: Path, tmp_path: Path) -> Path:
    shutil.copyfile(clean_file, tmp_path / "warehouse.duckdb")
    return tmp_path


def published_tables(path: Path) -> dict[str, str | None]:
    with duckdb.connect(str(path), read_only=True) as con:
        return dict(con.execute(
            "select table_name, comment from duckdb_tables() where schema_name = 'main'").fetchall())


def test_published_file_has_every_mart_with_comments_and_audit_runs(warehouse: Path) -> None:
    working = warehouse / "warehouse.duckdb"
    result = publish(working, warehouse, gate=GateSummary(checks_passed=53, checks_warned=1, warnings=("w",)))
    published = warehouse / "published.duckdb"
    assert result.path == published

    with duckdb.connect(str(working), read_only=True) as con:
        marts = {r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()}
        column_comments = con.execute(
            "select table_name, column_name, comment from duckdb_columns() where schema_name = 'marts' order by all"
        ).fetchall()
    tables = published_tables(published)
    assert set(tables) == marts | {"audit_runs"}
    assert all(tables.values()), "every published table has a comment"
    assert tables["fct_deals"] == "Fixture fct_deals: one row per its grain."
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute(
            "select table_name, column_name, comment from duckdb_columns() where schema_name = 'main' "
            "and database_name = current_database() and table_name <> 'audit_runs' order by all"
        ).fetchall() == column_comments
        undocumented = con.execute(
            "select count(*) from duckdb_columns() where table_name = 'audit_runs' and comment is null "
            "and database_name = current_database()").fetchone()[0]
        assert undocumented == 0
        run = con.execute("select * from audit_runs").df().iloc[0]
    assert run["version"] == result.audit_row["version"] == current_version(warehouse)
    assert (run["deals"], run["counted_deals"], run["rows_quarantined"]) == (60, 57, 2)
    assert (run["checks_passed"], run["checks_warned"], run["warnings"]) == (53, 1, "w")
    assert run["rows_in"] == run["rows_staged"] + run["rows_quarantined"]
    assert run["raw_files"] == 2  # cn_export/export_1.csv and export_2.csv
    # the same rows as the working file, table by table
    with duckdb.connect(str(published), read_only=True) as con:
        con.execute(f"attach '{working}' as working (read_only)")
        for table in marts:
            assert con.execute(
                f"select count(*) from (select * from working.marts.{table} except all select * from main.{table})"
            ).fetchone()[0] == 0
            assert con.execute(f"select count(*) from main.{table}").fetchone()[0] == \
                con.execute(f"select count(*) from working.marts.{table}").fetchone()[0]


def test_audit_runs_accumulate_across_publishes(warehouse: Path) -> None:
    working = warehouse / "warehouse.duckdb"
    first = publish(working, warehouse).audit_row["version"]
    run_sql(working, "delete from marts.fct_deals where deal_id = 'D0059'")
    second = publish(working, warehouse).audit_row["version"]
    with duckdb.connect(str(warehouse / "published.duckdb"), read_only=True) as con:
        runs = con.execute("select version, deals from audit_runs order by published_at, version").fetchall()
    assert runs == [(first, 60), (second, 59)]


def test_keeps_the_last_n_versions(warehouse: Path) -> None:
    working = warehouse / "warehouse.duckdb"
    made = [publish(working, warehouse, keep=3).audit_row["version"] for _ in range(5)]
    kept = [v.version for v in list_versions(warehouse)]
    assert kept == sorted(made, reverse=True)[:3]
    assert [v.is_current for v in list_versions(warehouse)] == [True, False, False]
    assert "<- current (published.duckdb)" in str(list_versions(warehouse)[0])


def test_rollback_to_previous_and_to_a_named_version(warehouse: Path) -> None:
    working = warehouse / "warehouse.duckdb"
    v1 = publish(working, warehouse).audit_row["version"]
    v1_content = table_checksums(warehouse / "published.duckdb")
    run_sql(working, "update marts.fct_deals set company_name = 'Renamed' where deal_id = 'D0001'")
    v2 = publish(working, warehouse).audit_row["version"]
    v2_content = table_checksums(warehouse / "published.duckdb")
    assert v1_content != v2_content

    assert rollback(warehouse) == v1
    assert current_version(warehouse) == v1
    assert table_checksums(warehouse / "published.duckdb") == v1_content
    assert rollback(warehouse, version=v2) == v2
    assert table_checksums(warehouse / "published.duckdb") == v2_content
    # the kept copies are untouched by a rollback
    assert {v.version for v in list_versions(warehouse)} == {v1, v2}

    with pytest.raises(PublishError, match="no kept version 'nope'"):
        rollback(warehouse, version="nope")
    rollback(warehouse, version=v1)
    with pytest.raises(PublishError, match="oldest kept version"):
        rollback(warehouse)


def test_rollback_with_nothing_published_says_so(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="no kept versions"):
        rollback(tmp_path)


def test_leftovers_of_a_killed_run_are_removed_and_ignored(warehouse: Path) -> None:
    working = warehouse / "warehouse.duckdb"
    publish(working, warehouse)
    store = warehouse / "published"
    (store / ".staging-20990101T000000.000Z-dead00.duckdb").write_bytes(b"half a file")
    (versions_dir(warehouse) / ".20990101T000000.000Z-dead00.duckdb.abc123.tmp").write_bytes(b"half a copy")
    assert len(list_versions(warehouse)) == 1  # hidden leftovers are not versions
    publish(working, warehouse)
    assert not list(store.glob(".staging-*")) and not list(versions_dir(warehouse).glob(".*.tmp"))


def test_two_publishes_of_the_same_working_file_have_equal_content(warehouse: Path) -> None:
    working = warehouse / "warehouse.duckdb"
    first = publish(working, warehouse).audit_row
    time.sleep(0.01)
    second = publish(working, warehouse).audit_row
    assert first["content_checksum"] == second["content_checksum"]
    assert first["version"] != second["version"]


def test_different_deals_give_a_different_checksum(tmp_path: Path) -> None:
    a = build_working_db(tmp_path / "a.duckdb", fixture_deals(seed=1))
    b = build_working_db(tmp_path / "b.duckdb", fixture_deals(seed=2))
    assert publish(a, tmp_path / "wa").audit_row["content_checksum"] != \
        publish(b, tmp_path / "wb").audit_row["content_checksum"]


def test_published_file_opens_with_duckdb_1_0_storage(warehouse: Path) -> None:
    publish(warehouse / "warehouse.duckdb", warehouse)
    with duckdb.connect(str(warehouse / "published.duckdb"), read_only=True) as con:
        tags = con.execute("select tags from duckdb_databases() where database_name = 'published'").fetchone()[0]
    assert tags["storage_version"].startswith("v1.0.0")


def test_publishing_an_empty_working_file_fails_and_keeps_the_published_one(warehouse: Path, tmp_path: Path) -> None:
    publish(warehouse / "warehouse.duckdb", warehouse)
    before = (warehouse / "published.duckdb").read_bytes()
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(ValueError, match="no tables in schema marts"):
        publish(empty, warehouse)
    assert (warehouse / "published.duckdb").read_bytes() == before
    assert not list((warehouse / "published").glob(".staging-*"))
