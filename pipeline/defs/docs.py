"""The data docs asset: dbt's documentation site of the published build, written beside the report
(`<warehouse>/report/docs.html`, pipeline/docs_site.py). After the publish, so it documents what was
published; the report's figures link to their marts' pages in it."""

import dagster as dg

from pipeline import settings
from pipeline.defs.publish import PUBLISHED_MARTS
from pipeline.docs_site import DOCS_FILE_NAME, DocsSiteError, build_vars, docs_site_is_current, write_docs_site
from pipeline.errors import os_error_text
from pipeline.resources import WarehouseResource


@dg.asset(
    key=["data_docs"],
    deps=[PUBLISHED_MARTS],
    group_name="report",
    kinds={"dbt", "html"},
    owners=["team:analysts"],
    description=(
        "dbt's documentation site of the published build: every table and column with its description, "
        "the tests, the SQL and the lineage graph, as one page that opens offline "
        f"(`<warehouse>/report/{DOCS_FILE_NAME}`, beside the report, whose figures link to it). Reads "
        "the working file read-only."
    ),
)
def data_docs(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    # the vars this run's dbt build used (report period), so the compiled SQL shown is what ran
    dbt_vars = build_vars(settings.dbt_run_target_dir(warehouse.warehouse_path, context.run.run_id))
    out_dir = warehouse.warehouse_path / "report"
    if docs_site_is_current(warehouse.warehouse_path, out_dir, dbt_vars):
        path = out_dir / DOCS_FILE_NAME
        context.log.info(f"data docs unchanged (same dbt project and vars as the last build): {path}")
        return dg.MaterializeResult(metadata={
            "docs": dg.MetadataValue.path(str(path)), "regenerated": False, "dbt_vars": dg.MetadataValue.json(dbt_vars),
        })
    try:
        path = write_docs_site(warehouse.warehouse_path, out_dir, dbt_vars)
    except DocsSiteError as exc:
        raise dg.Failure(description=f"Cannot write the data docs: {exc}") from None
    except OSError as exc:  # a full disk, a permission: the cause and the path
        raise dg.Failure(description=f"Cannot write the data docs: {os_error_text(exc)}") from None
    return dg.MaterializeResult(metadata={
        "docs": dg.MetadataValue.path(str(path)),
        "size_bytes": dg.MetadataValue.int(path.stat().st_size),
        "regenerated": True,
        "dbt_vars": dg.MetadataValue.json(dbt_vars),
    })
