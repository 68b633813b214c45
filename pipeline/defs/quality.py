"""Asset checks: the Great Expectations suites, reconciliations and warnings of pipeline/quality,
attached to the dbt model assets they validate (dbt tests show up beside them: dagster-dbt).

Each check opens the working file read-only (the dbt step has finished and closed it), runs its
suite in-process through GX's SQL datasource on DuckDB (the rows stay in DuckDB) and reports the
GX result in the check's metadata. Checks whose
failure means a wrong number are blocking: when one fails, `published_marts` does not run and the
published file stays as it was.
"""

from collections.abc import Mapping

import dagster as dg

from pipeline.dbt_manifest import published_and_all_models
from pipeline.defs.transform import KeyFor, dbt_asset_keys, key_function
from pipeline.quality import gate
from pipeline.quality.gx_runner import SuiteResult, frame_markdown
from pipeline.quality.tables import TableReader
from pipeline.resources import QualityGateResource, WarehouseResource


def check_metadata(result: SuiteResult, check: gate.Check) -> dict:
    metadata: dict = {
        "summary": dg.MetadataValue.md(result.markdown()),
        "blocking": check.blocking,
        "expectations": len(result.outcomes),
        "failed_expectations": len(result.failed),
    }
    if result.row_count is not None:
        metadata["rows_validated"] = result.row_count
    if result.details is not None and len(result.details):
        metadata["list"] = dg.MetadataValue.md(frame_markdown(result.details))
    return metadata


def evaluate(check: gate.Check, result: SuiteResult, key_for: KeyFor) -> dg.AssetCheckResult:
    """A GX result as a Dagster check result: blocking checks fail on critical failures (ERROR);
    warning checks on any failure (WARN)."""
    passed = result.passed if check.blocking else result.clean
    accepted = check.shows_warnings and result.passed and not result.clean
    if accepted:
        passed = False  # an accepted change: a visible warning, not a block
    blocks = check.blocking and not accepted
    return dg.AssetCheckResult(
        asset_key=key_for(check.table),
        check_name=check.name,
        passed=passed,
        severity=dg.AssetCheckSeverity.ERROR if blocks else dg.AssetCheckSeverity.WARN,
        description=result.headline(),
        metadata=check_metadata(result, check),
    )


def run_one(check: gate.Check, warehouse: WarehouseResource, quality_gate: QualityGateResource) -> SuiteResult:
    with TableReader.open(warehouse.working_db) as reader:
        return gate.run_check(check, reader, quality_gate.inputs(warehouse))


def _asset_check(check: gate.Check, key_for: KeyFor) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=key_for(check.table),
        name=check.name,
        blocking=check.blocking,
        description=check.description,
        # No additional_deps on the other tables a check reads: a blocking check waits for the
        # blocking checks of everything it depends on, so two tables checking each other would be
        # a cycle. All models come out of the one dbt step, which finishes before any check runs.
        metadata={"reads": ", ".join(check.reads)},
    )
    def _check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource,
               quality_gate: QualityGateResource) -> dg.AssetCheckResult:
        result = run_one(check, warehouse, quality_gate)
        outcome = evaluate(check, result, key_for)
        if not outcome.passed:
            log = context.log.error if outcome.severity == dg.AssetCheckSeverity.ERROR else context.log.warning
            log(f"{check.label}: {result.headline()}")
        return outcome

    return _check


def _multi_check(name: str, checks: list[gate.Check], description: str, key_for: KeyFor) -> dg.AssetChecksDefinition:
    """Many small warning checks (one per mart) in one step: one connection, one GX set-up."""
    by_key = {dg.AssetCheckKey(key_for(c.table), c.name): c for c in checks}

    @dg.multi_asset_check(
        name=name,
        description=description,
        can_subset=True,
        specs=[
            dg.AssetCheckSpec(c.name, asset=key_for(c.table), blocking=c.blocking, description=c.description)
            for c in checks
        ],
    )
    def _checks(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource,
                quality_gate: QualityGateResource):
        inputs = quality_gate.inputs(warehouse)
        with TableReader.open(warehouse.working_db) as reader:
            for key in sorted(context.selected_asset_check_keys, key=str):
                check = by_key[key]
                result = gate.run_check(check, reader, inputs)
                if not result.clean:
                    context.log.warning(f"{check.label}: {result.headline()}")
                yield evaluate(check, result, key_for)

    return _checks


def build_quality_checks(marts: list[str], models: list[str],
                         keys: Mapping[str, dg.AssetKey] | None = None) -> list[dg.AssetChecksDefinition]:
    """The checks of pipeline/quality for these dbt models; `keys` maps a model to its asset key
    (default: the model name alone)."""
    key_for = key_function(keys)
    checks = gate.checks_for(marts, models)
    per_mart_warnings = [c for c in checks if c.name in ("volume_vs_published", "documented")]
    definitions = [_asset_check(c, key_for) for c in checks if c not in per_mart_warnings]
    if per_mart_warnings:
        definitions.append(_multi_check(
            "mart_volume_and_docs", per_mart_warnings,
            "Warnings per mart: row count against the published version, and descriptions present.", key_for,
        ))
    return definitions


@dg.definitions
def quality_definitions() -> dg.Definitions:
    marts, models = published_and_all_models()
    return dg.Definitions(
        asset_checks=build_quality_checks(marts, models, dbt_asset_keys(models)),
        resources={"quality_gate": QualityGateResource()},
    )
