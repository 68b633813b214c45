"""dbt assets: staging, intermediate (resolution, dedup, classification) and marts, built by
dbt-duckdb into the working DuckDB file. dbt tests become Dagster asset checks.

The report's period is run config of this asset (launchpad: ops → dbt_models → config;
`python -m pipeline run --year 2018 --as-of 2018-12-25` sets the same), passed to dbt as the vars
report_year and as_of_date; left empty, dbt derives both from the data (dbt_project.yml).
"""

import datetime as dt
import functools
import json
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from pydantic import Field

from pipeline import settings
from pipeline.dbt_manifest import dbt_executable, dbt_project, dbt_vars_for, ensure_manifest
from pipeline.errors import os_error_text
from pipeline.resources import WarehouseResource

DBT_OP_NAME = "dbt_models"  # the op of the dbt assets: its run config sets the report's period
# dbt unit tests check the SQL, not the data: CI runs them (tests/test_dbt_unit_tests.py), a
# production build does not spend a third of its time on them.
PRODUCTION_EXCLUDE = "resource_type:unit_test"


class Translator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # The audit tables (quarantine, row accounting, control totals) are the data-quality view
        # of a build; they sit in the "quality" group with the checks' subject matter.
        return "quality" if dbt_resource_props["name"].startswith("audit_") else "transform"

    def get_owners(self, dbt_resource_props: Mapping[str, Any]):
        return ["team:data-engineering"]


class ReportPeriodConfig(dg.Config):
    """The period the report figures are about; empty = derived from the data."""

    report_year: int | None = Field(
        default=None,
        description="Report year (R1–R14, R16, R18, R22; the prior year is the one before). "
        "Empty: the latest complete year of the data (the latest year whose December has a deal).",
    )
    as_of_date: str | None = Field(
        default=None,
        description="As-of date YYYY-MM-DD ending the period-to-date windows (R15, R17, R19–R21, R23). "
        "Empty: the latest announcement date of the data.",
    )

    def dbt_vars(self) -> dict[str, object]:
        """The dbt vars this config sets (only those given, so dbt_project.yml's stay otherwise)."""
        chosen: dict[str, object] = {}
        if self.report_year is not None:
            if not 1900 <= self.report_year <= 2999:
                raise ValueError(f"report_year must be a calendar year like 2018, got {self.report_year}")
            chosen["report_year"] = self.report_year
        if self.as_of_date:
            try:
                chosen["as_of_date"] = dt.date.fromisoformat(self.as_of_date.strip()).isoformat()
            except ValueError:
                raise ValueError(f"as_of_date must be a date YYYY-MM-DD, got {self.as_of_date!r}") from None
        return chosen


def dbt_build_args(config: ReportPeriodConfig, warehouse: Path) -> list[str]:
    """`dbt build` of a production run: the warehouse and the report period as dbt vars."""
    return ["build", "--exclude", PRODUCTION_EXCLUDE, "--vars", json.dumps({**dbt_vars_for(warehouse), **config.dbt_vars()})]


def report_period_run_config(report_year: int | None = None, as_of_date: str | None = None) -> dict:
    """Run config (of any job holding dbt_models) that sets the report's period; {} = derive it."""
    chosen = {k: v for k, v in (("report_year", report_year), ("as_of_date", as_of_date)) if v is not None}
    return {"ops": {DBT_OP_NAME: {"config": chosen}}} if chosen else {}


def dbt_models_asset() -> dg.AssetsDefinition:
    """The dbt assets of the current manifest (parsed first when the project changed)."""
    manifest = ensure_manifest()
    return _dbt_models_asset(manifest, manifest.stat().st_mtime_ns)


@functools.cache
def _dbt_models_asset(manifest: Path, modified_ns: int) -> dg.AssetsDefinition:
    project = dbt_project()

    @dbt_assets(name=DBT_OP_NAME, manifest=project.manifest_path, project=project, dagster_dbt_translator=Translator())
    def dbt_models(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource, config: ReportPeriodConfig
    ):
        yield from build_models(context, dbt, warehouse, config)

    return dbt_models


def build_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource,
                 config: ReportPeriodConfig):
    try:
        args = dbt_build_args(config, warehouse.warehouse_path)
    except ValueError as exc:
        raise dg.Failure(description=f"Run config of {DBT_OP_NAME}: {exc}") from None
    if config.dbt_vars():
        context.log.info(f"report period set by run config: dbt vars {json.dumps(config.dbt_vars())}")
    # dbt's target and logs of this run in the warehouse dir (dagster-dbt's default is a new
    # dbt_project/target/<op>-<run>-<id> per run, ~20 MB each, in the checkout)
    target = settings.dbt_run_target_dir(warehouse.warehouse_path, context.run.run_id)
    try:
        prune_run_targets(target.parent, keep=settings.DBT_RUN_TARGETS_KEPT - 1)
        target.mkdir(parents=True, exist_ok=True)
        parsed = settings.dbt_target_dir(warehouse.warehouse_path) / "partial_parse.msgpack"
        if parsed.exists():  # the parse done before the run: dbt re-uses it instead of parsing again
            shutil.copy2(parsed, target / parsed.name)
        # A failed dbt test gets no description from dagster-dbt: hold its check result until dbt
        # has exited, then name the table, the rule and the failing rows (quality/dbt_tests.py).
        invocation = dbt.cli(args, context=context, target_path=target)
        held = []
        for event in invocation.stream():
            if isinstance(event, dg.AssetCheckResult) and not event.passed:
                held.append(event)
            else:
                yield event
    except OSError as exc:
        raise dg.Failure(description=f"dbt build could not write: {os_error_text(exc)}") from None
    log_date_orders(context, warehouse.warehouse_path / settings.WORKING_DB_NAME)
    from pipeline.quality.dbt_tests import describe_failed_tests  # only here: it loads Great Expectations

    described = describe_failed_tests(invocation.target_path,
                                      warehouse.warehouse_path / settings.WORKING_DB_NAME) if held else {}
    for event in held:
        unique_id = event.metadata.get("unique_id")
        unique_id = getattr(unique_id, "value", unique_id)
        yield dg.AssetCheckResult(passed=event.passed, asset_key=event.asset_key, check_name=event.check_name,
                                  severity=event.severity, metadata=event.metadata,
                                  description=described.get(unique_id) or event.description)


def log_date_orders(context: dg.AssetExecutionContext, working_db: Path) -> None:
    """Say in the run log how each file's year-last dates (7/4/2017) were read when the file's own
    values did not settle it: the source's default (var date_order_default) or a conflict."""
    import duckdb

    try:
        with duckdb.connect(str(working_db), read_only=True) as con:
            rows = con.execute(
                "select source_file, column_name, order_status, order_basis from intermediate.int_date_orders_detected "
                "where order_status in ('default', 'inconsistent') order by source_file, column_name"
            ).fetchall()
    except duckdb.Error:  # the build stopped before the model: dbt's own failure says why
        return
    for source_file, column, status, basis in rows:
        log = context.log.warning if status == "inconsistent" else context.log.info
        log(f"dates of {source_file} · {column}: {basis}")


def prune_run_targets(runs_dir: Path, keep: int) -> None:
    """Delete all but the newest `keep` per-run dbt target dirs."""
    if not runs_dir.is_dir():
        return
    dirs = sorted((d for d in runs_dir.iterdir() if d.is_dir()), key=lambda d: d.stat().st_mtime, reverse=True)
    for old in dirs[max(keep, 0):]:
        shutil.rmtree(old, ignore_errors=True)


def dbt_asset_keys(models: list[str]) -> dict[str, dg.AssetKey]:
    """model name -> the asset key dagster-dbt gave it (whatever the translator's key scheme)."""
    from dagster_dbt import get_asset_key_for_model

    return {m: get_asset_key_for_model([dbt_models_asset()], m) for m in models}


KeyFor = Callable[[str], dg.AssetKey]


def key_function(keys: Mapping[str, dg.AssetKey] | None) -> KeyFor:
    return (lambda model: keys.get(model, dg.AssetKey([model]))) if keys else (lambda model: dg.AssetKey([model]))


@dg.definitions
def transform_defs() -> dg.Definitions:
    # A module with a @dg.definitions function contributes only what that function returns.
    return dg.Definitions(
        assets=[dbt_models_asset()],
        resources={"dbt": DbtCliResource(project_dir=dbt_project(), dbt_executable=dbt_executable())},
    )
