"""The data docs (pipeline/docs_site.py): dbt's static page made to open offline, the asset in the
code location, and — on the session's run of the shipped sample — the page written beside the
report, generated from the working file opened read-only. The page in a browser: test_ui_offline.py."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline import settings
from pipeline.docs_site import (
    CONTENT_SECURITY_POLICY,
    DOCS_FILE_NAME,
    OFFLINE_PATCHES,
    build_vars,
    make_offline,
    model_link,
    write_docs_site,
)


def _installed_dbt_page() -> str:
    from dbt.task.docs import DOCS_INDEX_FILE_PATH

    return Path(DOCS_INDEX_FILE_PATH).read_text(encoding="utf-8")


@pytest.mark.unit
def test_the_offline_patches_fit_the_installed_dbt_page() -> None:
    """A dbt upgrade that changes what the page asks for shows here, not in an analyst's browser."""
    page = _installed_dbt_page()
    for original, _ in OFFLINE_PATCHES:
        assert original in page, f"dbt's page changed: {original!r} is gone (check the patch is still needed)"
    offline = make_offline(page)
    for original, replacement in OFFLINE_PATCHES:
        assert original not in offline and replacement in offline
    assert 'xlink:href="{{' not in offline and "${require(" not in offline
    assert offline.index(f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">') \
        == offline.index("<head>") + len("<head>")
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY and "connect-src 'none'" in CONTENT_SECURITY_POLICY


@pytest.mark.unit
def test_links_and_the_builds_vars(tmp_path: Path) -> None:
    assert model_link("mart_funding_yearly") == f"{DOCS_FILE_NAME}#!/model/model.ai_deals.mart_funding_yearly"
    assert build_vars(tmp_path) == {}, "no dbt build in this target dir: dbt_project.yml's vars"
    (tmp_path / "run_results.json").write_text(json.dumps({"args": {"vars": {"report_year": 2018}}}))
    assert build_vars(tmp_path) == {"report_year": 2018}


@pytest.mark.unit
def test_data_docs_asset_in_the_code_location(dbt_manifest) -> None:
    from pipeline.definitions import defs

    d = defs()
    node = d.resolve_asset_graph().get(dg.AssetKey(["data_docs"]))
    assert node.group_name == "report"
    assert dg.AssetKey(["published_marts"]) in node.parent_keys
    assert {"dbt", "html"} <= set(node.kinds)
    assert dg.AssetKey(["data_docs"]) in d.resolve_job_def("deals_pipeline").asset_layer.selected_asset_keys


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.e2e
def test_the_run_writes_the_docs_beside_the_report(shipped_sample_run) -> None:
    _, warehouse, result = shipped_sample_run
    assert result.success
    [docs_event] = [e for e in result.get_asset_materialization_events()
                    if e.asset_key == dg.AssetKey(["data_docs"])]
    page = warehouse / "report" / DOCS_FILE_NAME
    assert docs_event.materialization.metadata["docs"].value == str(page)
    html = page.read_text(encoding="utf-8")
    assert "MANIFEST.JSON INLINE DATA" not in html and "CATALOG.JSON INLINE DATA" not in html
    with duckdb.connect(str(warehouse / settings.PUBLISHED_DB_NAME), read_only=True) as con:
        published = [t for (t,) in con.execute("select table_name from duckdb_tables() where schema_name = 'main'")
                     .fetchall() if t != "audit_runs"]
    for table in published:
        assert f'"model.ai_deals.{table}"' in html, f"{table} is not in the docs"


@pytest.mark.e2e
def test_docs_read_the_working_file_read_only(shipped_sample_run, tmp_path: Path) -> None:
    """Generated while this process holds the working file open read-only: a writer could not open
    it then. The file is byte for byte what it was."""
    _, warehouse, _ = shipped_sample_run
    copy = tmp_path / "warehouse"
    copy.mkdir()
    working = copy / settings.WORKING_DB_NAME
    shutil.copy2(warehouse / settings.WORKING_DB_NAME, working)
    before = _sha(working)
    with duckdb.connect(str(working), read_only=True):
        page = write_docs_site(copy, copy / "report")
    assert page == copy / "report" / DOCS_FILE_NAME and page.stat().st_size > 1_000_000
    assert _sha(working) == before
    assert not list(page.parent.glob(".*.tmp"))
