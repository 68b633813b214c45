"""The publish asset: after every blocking check passed, copy the marts into a new DuckDB file and
swap it in as published.duckdb (pipeline/publish). Key `published_marts`, group `publish`; the
report asset depends on it.

The gate is enforced twice. Dagster does not start this asset when a blocking check on one of its
upstream marts failed in the same run. And the asset itself looks at this run's check results
before publishing: if the run did not include every blocking GX check (someone materialised this
asset alone), it runs them itself, in-process, and refuses to publish on any failure.
"""

import dataclasses
from collections.abc import Mapping

import dagster as dg
import pandas as pd

from pipeline.dbt_manifest import published_and_all_models
from pipeline.defs.transform import dbt_asset_keys, key_function
from pipeline.publish import GateSummary, PublishError, list_versions, publish
from pipeline.quality import gate
from pipeline.quality.gx_runner import frame_markdown
from pipeline.resources import QualityGateResource, WarehouseResource

PUBLISHED_MARTS = dg.AssetKey(["published_marts"])


class PublishResource(dg.ConfigurableResource):
    """How published versions are written and kept."""

    keep_versions: int = 5  # published versions kept for rollback
    storage_version: str = "v1.0.0"  # DuckDB storage format: readable by DuckDB >= 1.0 clients


def _run_evaluations(context: dg.AssetExecutionContext) -> list:
    records = context.instance.all_logs(context.run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)
    return [r.dagster_event.event_specific_data for r in records if r.dagster_event is not None]


def gate_verdict(context: dg.AssetExecutionContext, blocking: list[gate.Check], warehouse: WarehouseResource,
                 quality_gate: QualityGateResource) -> tuple[list[str], GateSummary]:
    """(blocking failures, summary for audit_runs) from this run's check results, or from running
    the gate here when the run did not include every blocking check."""
    evaluations = _run_evaluations(context)
    evaluated = {(e.asset_key.path[-1], e.check_name) for e in evaluations}
    missing = [c for c in blocking if (c.table, c.name) not in evaluated]
    if blocking and not missing:
        failures = [f"{e.asset_key.to_user_string()}:{e.check_name}: {e.description or ''}"
                    for e in evaluations if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR]
        warnings = [f"{e.asset_key.to_user_string()}:{e.check_name}: {e.description or ''}"
                    for e in evaluations if not e.passed and e.severity != dg.AssetCheckSeverity.ERROR]
        passed = sum(1 for e in evaluations if e.passed)
        return failures, GateSummary(passed, len(warnings), tuple(warnings))

    context.log.info(
        f"{len(missing)} blocking check(s) did not run in this run"
        + (f" (e.g. {missing[0].label})" if missing else " (none known: is dbt's manifest current?)")
        + ": running the quality gate before publishing."
    )
    report = gate.run_gate(warehouse.working_db, quality_gate.inputs(warehouse))
    failures = [f"{c.label}: {r.headline()}" for c, r in report.blocking_failures]
    warnings = [f"{c.label}: {r.headline()}" for c, r in report.warnings]
    passed = sum(1 for c, r in report.results if (r.passed if c.blocking else r.clean))
    return failures, GateSummary(passed, len(warnings), tuple(warnings))


def build_published_marts(marts: list[str], models: list[str],
                          keys: Mapping[str, dg.AssetKey] | None = None) -> dg.AssetsDefinition:
    """The publish asset, downstream of every mart (`keys` maps a model to its asset key)."""
    blocking = [c for c in gate.checks_for(marts, models) if c.blocking]
    key_for = key_function(keys)

    @dg.asset(
        key=PUBLISHED_MARTS,
        deps=[key_for(m) for m in marts],
        group_name="publish",
        kinds={"duckdb"},
        owners=["team:data-engineering"],
        description=(
            "The marts as analysts and BI tools read them: `<warehouse>/published.duckdb`, tables in "
            "schema `main` with table and column comments, plus `audit_runs`. Written only after "
            "every blocking check passed, as a new file swapped in by an atomic rename, so readers "
            "never see a partial file and are never blocked. The last N versions are kept; "
            "`python -m pipeline rollback` puts the previous one back."
        ),
    )
    def published_marts(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                        quality_gate: QualityGateResource, publishing: PublishResource) -> dg.MaterializeResult:
        failures, summary = gate_verdict(context, blocking, warehouse, quality_gate)
        if quality_gate.accepted_change:
            summary = dataclasses.replace(summary, accepted_change=quality_gate.accepted_change)
            context.log.warning(f"publishing with an accepted change: {quality_gate.accepted_change}")
        if failures:
            raise dg.Failure(
                description="Not published: blocking quality checks failed. published.duckdb is unchanged.\n"
                + "\n".join(failures),
            )
        try:
            result = publish(warehouse.working_db, warehouse.warehouse_path, gate=summary,
                             keep=publishing.keep_versions, storage_version=publishing.storage_version)
        except PublishError as exc:
            raise dg.Failure(description=f"Not published: {exc}") from exc.__cause__
        row = result.audit_row
        context.log.info(f"published version {row['version']} to {result.path}")
        tables = pd.DataFrame(
            [{"table": t, "rows_and_checksum": c} for t, c in sorted(result.checksums.items())]
        )
        return dg.MaterializeResult(
            metadata={
                "version": row["version"],
                "published_file": dg.MetadataValue.path(str(result.path)),
                "tables": dg.MetadataValue.md(frame_markdown(tables)),
                "content_checksum": row["content_checksum"],
                "deals": dg.MetadataValue.int(int(row["deals"] or 0)),
                "checks_passed": dg.MetadataValue.int(summary.checks_passed),
                "warnings": dg.MetadataValue.md("\n".join(f"- {w}" for w in summary.warnings) or "none"),
                "kept_versions": dg.MetadataValue.md(
                    "\n".join(f"- `{v}`" for v in list_versions(warehouse.warehouse_path))
                ),
                "rollback": "python -m pipeline rollback [--to VERSION]",
            }
        )

    return published_marts


@dg.definitions
def publish_definitions() -> dg.Definitions:
    marts, models = published_and_all_models()
    return dg.Definitions(
        assets=[build_published_marts(marts, models, dbt_asset_keys(marts))],
        resources={"publishing": PublishResource()},
    )
