"""Ingest assets: one per raw source, each loading every file of its source into `raw.<source>`."""


import dagster as dg
import duckdb

from pipeline.errors import os_error_text
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
            f"{spec.description}\n\nReads `{spec.directory}/` ({', '.join(spec.patterns)}) from the raw "
            f"dir into `raw.{name}` as text, one row per data line, with provenance columns (file, line, "
            "hash, encoding, record key, load time) and the reason for any line that is not a record."
        ),
    )
    def _asset(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        try:
            with warehouse.connect() as con:
                try:
                    report = load_source(con, name, warehouse.raw_path)
                except RawFileError as exc:
                    # A clear message naming the file and the problem, not a traceback.
                    raise dg.Failure(description=f"Cannot load source {name}: {exc}") from None
                table_preview = preview(con, name)
        except OSError as exc:  # a full disk, a permission: the cause and the path, first
            raise dg.Failure(description=f"Cannot load source {name}: {os_error_text(exc)}") from None
        except duckdb.Error as exc:  # DuckDB's I/O errors name the file and the OS reason
            raise dg.Failure(description=f"Cannot load source {name} into {warehouse.working_db}: "
                             f"{type(exc).__name__}: {exc}") from exc
        for note in report.notes:  # skipped rows, stray files and the ECB fallback: worth a line in the log
            context.log.info(note)
        if not report.files and name != "fx_rates":
            context.log.warning(f"{name}: no file in {spec.directory}/ matches {', '.join(spec.patterns)}")
        rows_per_file = "\n".join(
            f"| {f.file} | {f.file_format}{' / ' + f.sheet if f.sheet else ''} | {f.encoding}"
            f"{f' ({f.encoding_confidence:.2f})' if f.encoding_confidence is not None else ''} | "
            f"{f.header_row or ''} | {f.rows} | {f.rejected_lines} | {f.skipped or ''} |"
            for f in report.files
        ) or "| (no files) | | | | 0 | 0 | |"
        return dg.MaterializeResult(
            metadata={
                "files_seen": len(report.files),
                "rows": dg.MetadataValue.int(report.rows),
                "distinct_records": dg.MetadataValue.int(report.distinct_records),
                "rejected_lines": dg.MetadataValue.int(report.rejected_lines),
                "rows_per_file": dg.MetadataValue.md(
                    "| file | format | encoding (confidence) | header row | rows | rejected lines | skipped |\n"
                    "|---|---|---|---|---|---|---|\n" + rows_per_file
                ),
                "notes": dg.MetadataValue.text("\n".join(report.notes) or "none"),
                "preview": dg.MetadataValue.md(table_preview),
            }
        )

    return _asset


ingest_assets = [_ingest_asset(name) for name in SOURCES]
