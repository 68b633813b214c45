"""The one job for the whole flow: ingest → transform → quality → publish → report."""

import dagster as dg

deals_pipeline_job = dg.define_asset_job(
    name="deals_pipeline",
    selection=dg.AssetSelection.all(),
    description="Ingest every raw export, build the dbt models, run the quality gate, publish the "
    "marts to published.duckdb and render the report.",
)
