"""The ingest assets of the real Definitions, materialised against a temporary warehouse dir."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline import settings
from tests.test_ingest import CN_HEADER, CN_ROWS, write

pytestmark = pytest.mark.e2e


@pytest.fixture
def env_dirs(tmp_path: Path, dbt_manifest):
    raw, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    write(raw / "cn_export/2024.csv", CN_HEADER + "\n" + "\n".join(CN_ROWS) + "\n")
    write(raw / "cn_export/2024_gbk.csv", CN_HEADER + "\n" + CN_ROWS[0] + "\n", encoding="gb18030")
    write(raw / "unicorns/list.csv", "Company,Valuation ($B),Date Joined,Country,City,Industry,Select Investors\n"
          'Acme AI,$2,1/2/2024,United States,SF,Artificial intelligence,"A, B"\n', encoding="utf-8", newline="\n")
    old = {k: os.environ.get(k) for k in (settings.RAW_DIR_ENV, settings.WAREHOUSE_DIR_ENV)}
    os.environ[settings.RAW_DIR_ENV], os.environ[settings.WAREHOUSE_DIR_ENV] = str(raw), str(warehouse)
    yield raw, warehouse
    for k, v in old.items():
        os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)


def materialise_ingest() -> dg.ExecuteInProcessResult:
    from pipeline.definitions import defs

    d = defs()
    keys = [k for k in d.resolve_asset_graph().get_all_asset_keys() if k.path[0] == "raw"]
    return d.resolve_implicit_global_asset_job_def().execute_in_process(
        asset_selection=keys, instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
    )


def test_ingest_assets_load_every_source_with_metadata(env_dirs) -> None:
    raw, warehouse = env_dirs
    result = materialise_ingest()
    assert result.success
    materialisations = [e.event_specific_data.materialization for e in result.get_asset_materialization_events()]
    mats = {m.asset_key.path[1]: m.metadata for m in materialisations}
    assert set(mats) == {"cn_export", "crunchbase_organizations", "crunchbase_funding_rounds",
                         "crunchbase_investments", "unicorns", "fx_rates", "manual_additions", "manual_exclusions"}
    cn = mats["cn_export"]
    assert cn["files_seen"].value == 2 and cn["rows"].value == 5
    assert "cn_export/2024_gbk.csv | csv | gb18030 (1.00) | 1 | 1 | 0 |" in cn["rows_per_file"].value
    assert "深瞳智算" in cn["preview"].value
    assert "ECB" in mats["fx_rates"]["notes"].value
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from raw.cn_export").fetchone() == (5,)
        assert con.execute("select count(*) from raw.unicorns").fetchone() == (1,)


def test_a_bad_file_fails_its_asset_with_the_file_named(env_dirs) -> None:
    raw, warehouse = env_dirs
    write(raw / "crunchbase/organizations.csv", "uuid,name\no1,X\n", encoding="utf-8", newline="\n")
    result = materialise_ingest()
    assert not result.success
    failures = [e for e in result.all_events if e.is_step_failure]
    assert [e.step_key for e in failures] == ["raw__crunchbase_organizations"]
    message = failures[0].event_specific_data.error.message
    assert "crunchbase/organizations.csv: missing required column(s) legal_name" in message
    assert "Traceback" not in message
