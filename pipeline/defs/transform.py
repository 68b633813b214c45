"""dbt assets: staging, intermediate (resolution, dedup, classification) and marts, built by
dbt-duckdb into the working DuckDB file. dbt tests become Dagster asset checks."""

import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from pipeline import settings
from pipeline.dbt_manifest import ensure_manifest
from pipeline.resources import WarehouseResource

os.environ.setdefault("DO_NOT_TRACK", "1")  # dbt's anonymous usage tracking phones home
settings.put_dbt_on_path()  # dagster-dbt's manifest preparation calls plain `dbt`

dbt_project = DbtProject(
    project_dir=settings.DBT_PROJECT_DIR,
    profiles_dir=settings.DBT_PROJECT_DIR,
    target_path=settings.dbt_target_dir(),
)
# `dagster dev` re-parses on start; elsewhere parse only when there is no manifest yet (the CLI and
# tests force a fresh parse before loading the definitions: pipeline/dbt_manifest.py).
dbt_project.prepare_if_dev()
ensure_manifest()


class Translator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # The audit tables (quarantine, row accounting, control totals) are the data-quality view
        # of a build; they sit in the "quality" group with the checks' subject matter.
        return "quality" if dbt_resource_props["name"].startswith("audit_") else "transform"

    def get_owners(self, dbt_resource_props: Mapping[str, Any]):
        return ["team:data-engineering"]


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=Translator())
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    # dbt reads the working file's location from the environment (profiles.yml).
    os.environ[settings.WAREHOUSE_DIR_ENV] = str(warehouse.warehouse_path)
    yield from dbt.cli(["build"], context=context).stream()


@dg.definitions
def transform_defs() -> dg.Definitions:
    # A module with a @dg.definitions function contributes only what that function returns.
    return dg.Definitions(assets=[dbt_models], resources={"dbt": DbtCliResource(project_dir=dbt_project)})
