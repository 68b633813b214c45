"""The report asset: the original report's sections and figures regenerated from the published
marts, as a self-contained HTML page and Markdown (shown in the asset's metadata in the UI).

It also puts the build's audit numbers (rows in, staged, quarantined, deals, checks) on the run as
tags, so the Runs page shows them for every run without opening it.
"""

import dagster as dg

from pipeline.defs.publish import PUBLISHED_MARTS
from pipeline.report import write_report
from pipeline.report.data import PublishedFileError
from pipeline.resources import WarehouseResource

AUDIT_FIELDS = ["raw_files", "rows_in", "rows_staged", "rows_quarantined", "deals", "checks_passed"]


@dg.asset(
    key=["ai_investment_report"],
    deps=[PUBLISHED_MARTS],
    group_name="report",
    kinds={"html", "markdown"},
    owners=["team:analysts"],
    description=(
        "全球AI投融资分析 (the original: 2024年, 截至2025-03-23) regenerated for the run's report year and "
        "as-of date: sections 1.1, 1.2, 2.1–2.4, investors (2.5: league tables, state capital, R25) and trends "
        "with every figure (R1–R23) and its charts, "
        "the original's numbers beside those of its own periods, read from the published file "
        "(read-only). Writes "
        "`<warehouse>/report/report.html` (self-contained, opens offline) and `report.md`."
    ),
)
def ai_investment_report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    out_dir = warehouse.warehouse_path / "report"
    try:
        files = write_report(warehouse.published_db, out_dir)
    except PublishedFileError as exc:
        raise dg.Failure(description=f"Cannot render the report: {exc}") from None

    audit = files.data.audit or {}
    run_tags = {f"deals/{name}": str(audit[name]) for name in AUDIT_FIELDS if audit.get(name) is not None}
    if run_tags:
        context.instance.add_run_tags(context.run.run_id, run_tags)

    metadata: dict[str, object] = {
        "report": dg.MetadataValue.md(files.markdown),
        "html": dg.MetadataValue.path(str(files.html_path)),
        "markdown": dg.MetadataValue.path(str(files.markdown_path)),
        "report_year": files.data.focus_year,
        "as_of_date": str(files.data.as_of_date) if files.data.as_of_date else "n/a",
        "figures": dg.MetadataValue.int(sum(len(rows) for rows in files.data.figures.values())),
    }
    for name in AUDIT_FIELDS:
        if audit.get(name) is not None:
            metadata[name] = dg.MetadataValue.int(int(audit[name]))
    if audit.get("published_at") is not None:
        metadata["published_at"] = str(audit["published_at"])
    return dg.MaterializeResult(metadata=metadata)
