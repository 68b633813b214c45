"""Ingest assets: one per raw source, each loading every file of its source into `raw.<source>`."""


import dagster as dg

from pipeline.ingest.files import RawFileError
from pipeline.ingest.load import load_source, preview
from pipeline.ingest.sources import SOURCES
from pipeline.resources import WarehouseResource


def _ingest_asset(name: str) -> dg.AssetsDefinition:
    spec = SOURCES[name]

    @dg.asset(
        key=["raw", name],
        group_name="ingest",
        kinds={"duckdb", "csv"},
        owners=["team:data-engineering"],
        description=(
            f"{spec.description}\n\nReads `{spec.directory}/{spec.pattern}` from the raw dir into "
            f"`raw.{name}` as text, with provenance columns (file, row, hash, record key, load time)."
        ),
    )
    def _asset(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            try:
                report = load_source(con, name, warehouse.raw_path)
            except RawFileError as exc:
                # A clear message naming the file and the problem, not a traceback.
                raise dg.Failure(description=f"Cannot load source {name}: {exc}") from None
            table_preview = preview(con, name)
        for note in report.notes:  # empty files and the ECB fallback are worth a line in the run log
            context.log.info(note)
        rows_per_file = "\n".join(
            f"| {f.file} | {f.encoding} | {f.rows} |" for f in report.files
        ) or "| (no files) | | 0 |"
        return dg.MaterializeResult(
            metadata={
                "files_seen": len(report.files),
                "rows": dg.MetadataValue.int(report.rows),
                "distinct_records": dg.MetadataValue.int(report.distinct_records),
                "rows_per_file": dg.MetadataValue.md("| file | encoding | rows |\n|---|---|---|\n" + rows_per_file),
                "notes": dg.MetadataValue.text("\n".join(report.notes) or "none"),
                "preview": dg.MetadataValue.md(table_preview),
            }
        )

    return _asset


ingest_assets = [_ingest_asset(name) for name in SOURCES]
