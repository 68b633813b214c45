"""The list of every check and expectation the gate runs on a working file, and which block
publishing, as Markdown (docs/publishing.md carries a copy made from the sample build):

    python -m pipeline.quality.catalog [warehouse/warehouse.duckdb]
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline import settings
from pipeline.quality import gate, staging
from pipeline.quality.gx_runner import CRITICAL, describe
from pipeline.quality.reconciliations import RECONCILIATIONS
from pipeline.quality.suites import table_suite, type_expectations
from pipeline.quality.tables import TableReader


def _expectations(check: gate.Check, reader: TableReader) -> list[tuple[str, bool]]:
    """(description, blocking) of each expectation of a check, without running it."""
    if check.name == "gx_expectations" and check.table in {s.model for s in staging.STAGED_SUITES}:
        suite = next(s for s in staging.STAGED_SUITES if s.model == check.table)
        expectations = staging.expectations_for(reader, suite)
    elif check.name == "gx_expectations":
        expectations = type_expectations(check.table, reader.column_types(check.table))
        expectations += table_suite(reader, check.table)[0]
    else:
        return [(check.description, check.blocking)]
    seen, listed = set(), []
    for e in expectations:
        text = describe(e)
        if text not in seen:
            seen.add(text)
            blocking = str(getattr(e.severity, "value", e.severity)) == CRITICAL and check.blocking
            listed.append((text, blocking))
    return listed


def catalog_markdown(working_db: Path) -> str:
    lines = []
    with TableReader.open(working_db) as reader:
        checks = gate.checks_for(reader.tables(settings.MARTS_SCHEMA), reader.relations())
        for check in checks:
            if check.name in ("volume_vs_published", "documented"):
                continue  # one line for all marts below
            kind = "**blocking**" if check.blocking else "warning"
            lines.append(f"\n#### `{check.table}` · `{check.name}` ({kind})\n")
            for text, blocking in _expectations(check, reader):
                lines.append(f"- {text}{'' if blocking else ' — *warning*'}")
        marts = sorted({c.table for c in checks if c.name == "volume_vs_published"})
        lines.append("\n#### Every mart · `volume_vs_published` and `documented` (warnings)\n")
        lines.append(f"- row count within ±50 % (configurable) of the published version — *warning* "
                     f"({len(marts)} marts)")
        lines.append("- the table and every column have a description (COMMENT) — *warning*")
    reconciliations = ", ".join(f"`{r.name}`" for r in RECONCILIATIONS)
    header = (f"{len(checks)} checks on {len(marts)} marts; reconciliations: {reconciliations}.")
    return header + "\n" + "\n".join(lines) + "\n"


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else settings.warehouse_dir() / settings.WORKING_DB_NAME
    print(catalog_markdown(path))
