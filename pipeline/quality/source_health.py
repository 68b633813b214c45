"""No silent loss: the checks on dbt's audit_source_health, which says per source (raw table) and
per file how many rows came in, how many were quarantined, the most frequent reasons, and a status
computed from dbt vars (quarantine_share_warn, quarantine_share_block, required_sources).

- `source_health` (blocking): no source or file has status 'block': a quarantine share above
  quarantine_share_block, every row quarantined, or a required source that loaded no rows;
- `source_health_warnings` (warning): no source or file has status 'warn' (share above
  quarantine_share_warn).

The verdict is a GX expectation on the status column; the message is written for the analyst:
which source, which file(s), how many rows, the reasons with their counts, and the threshold, e.g.
"unicorns: 1,206 of 1,206 rows quarantined (100 %) in unicorns/Unicorn_Companies.csv — top reasons:
unparseable date in Date Joined ×1,206. Block threshold 5 % (var quarantine_share_block)."
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.ingest.sources import SOURCES
from pipeline.quality.gx_runner import CRITICAL, WARNING, SuiteResult, gxe, validate
from pipeline.quality.tables import TableReader

HEALTH_MODEL = "audit_source_health"
HEALTH_READS = (HEALTH_MODEL,)
MAX_FILES_NAMED = 5  # files named in one message; the check's `list` metadata has them all
DETAIL_COLUMNS = ["raw_table", "scope", "source_file", "rows_in", "rows_staged", "rows_quarantined",
                  "rows_excluded", "quarantine_share", "top_reasons", "status", "status_reason"]


@dataclass
class SourceHealthResult(SuiteResult):
    """A SuiteResult whose one-line verdict is the analyst's messages, one per source or file."""

    messages: list[str] = field(default_factory=list)

    def headline(self) -> str:
        if self.error or self.clean or not self.messages:
            return super().headline()
        return " | ".join(self.messages)


def percent(share: float) -> str:
    """0.05 → '5 %', 0.0048 → '0.48 %', 1 → '100 %' (never rounds a non-zero share to 0 or 100)."""
    value = share * 100
    if value == round(value):
        return f"{value:.0f} %"
    text = f"{value:.1f}" if value >= 1 else f"{value:.2g}"
    digits = 3
    while float(text) in (0.0, 100.0) and digits < 12:  # 99.97 % is not everything, 0.004 % not nothing
        text, digits = f"{value:.{digits}g}", digits + 1
    return f"{text} %"


def _count(n: object) -> str:
    return f"{int(n):,}"  # type: ignore[call-overload]


def _quarantined(row: pd.Series) -> int:
    return int(row["rows_quarantined"]) - int(row["rows_excluded"])


def _file_list(files: pd.DataFrame, with_counts: bool) -> str:
    files = files.sort_values(["rows_quarantined", "source_file"], ascending=[False, True])
    named = [
        f"{f.source_file} ({_count(f.rows_quarantined - f.rows_excluded)} of {_count(f.rows_in)})" if with_counts
        else str(f.source_file)
        for f in files.head(MAX_FILES_NAMED).itertuples()
    ]
    more = len(files) - MAX_FILES_NAMED
    return ", ".join(named) + (f" and {more} more file{'s' if more != 1 else ''}" if more > 0 else "")


def _threshold(row: pd.Series, status: str) -> str:
    if status == "block":
        return f"Block threshold {percent(row['block_above_share'])} (var quarantine_share_block)."
    return (f"Warn threshold {percent(row['warn_above_share'])} (var quarantine_share_warn); "
            f"blocks above {percent(row['block_above_share'])} (var quarantine_share_block).")


def share_message(row: pd.Series, files: pd.DataFrame) -> str:
    """A source or a file above a threshold (or with every row quarantined)."""
    quarantined = _quarantined(row)
    where = files[files["rows_quarantined"] > files["rows_excluded"]]
    if row["scope"] == "file":
        place = f" in {row['source_file']}"
    elif len(where):
        place = f" in {_file_list(where, with_counts=len(where) > 1)}"
    else:
        place = ""
    text = (f"{row['raw_table']}: {_count(quarantined)} of {_count(row['rows_in'])} rows quarantined "
            f"({percent(quarantined / row['rows_in'])}){place}")
    if row["rows_excluded"]:
        text += f" (not counting {_count(row['rows_excluded'])} excluded by an analyst)"
    if row["top_reasons"]:
        text += f" — top reasons: {row['top_reasons']}"
    text += "."
    if row["status"] == "block" and row["rows_staged"] == 0:
        text += " Every row is quarantined: nothing of it would be published."
    return f"{text} {_threshold(row, row['status'])}"


def folder_listing(raw_table: str, raw_dir: Path | None) -> str:
    """What the source's folder holds, in words: why the ingest found nothing to load. The ingest's
    own file matching decides what counts (pipeline/ingest/files.py)."""
    from pipeline.ingest.files import source_files

    spec = SOURCES.get(raw_table)
    if spec is None:
        return "no rows loaded"
    wanted = f"{spec.directory}/ ({', '.join(spec.patterns)})"
    if raw_dir is None:
        return f"no rows loaded from {wanted}"
    if not (Path(raw_dir) / spec.directory).is_dir():
        return f"no rows loaded: the raw dir has no folder {spec.directory}/ (the ingest reads {wanted})"
    listing = source_files(spec, Path(raw_dir))
    entries = [f"{p.name} (empty)" if p.stat().st_size == 0 else f"{p.name} (no data rows)" for p in listing.files]
    entries += [note.split("/", 1)[-1] for note in listing.ignored]
    if not entries:
        return f"no rows loaded: {spec.directory}/ holds no file (the ingest reads {wanted})"
    return f"no rows loaded: {spec.directory}/ holds no readable export, only {'; '.join(entries)}"


def empty_source_message(row: pd.Series, raw_dir: Path | None) -> str:
    table = row["raw_table"]
    return (f"{table}: {folder_listing(table, raw_dir)}. {table} is a required source (var required_sources): "
            f"add a readable export, or, if you do not license it, make it optional by removing {table} from "
            "required_sources in dbt_project/dbt_project.yml (or run dbt with "
            "--vars '{required_sources: [...]}' listing the sources you have).")


def messages_for(frame: pd.DataFrame, status: str, raw_dir: Path | None = None) -> list[str]:
    """One message per source with this status, then one per file with it whose source does not
    already say so (a blocked source's files are named in its message)."""
    sources = frame[frame["scope"] == "source"].sort_values("raw_table")
    files = frame[frame["scope"] == "file"]
    messages = []
    for _, row in sources[sources["status"] == status].iterrows():
        if row["rows_in"] == 0:
            messages.append(empty_source_message(row, raw_dir))
        else:
            messages.append(share_message(row, files[files["raw_table"] == row["raw_table"]]))
    covered = set(sources.loc[sources["status"].isin([status, "block"]), "raw_table"])
    for _, row in files[(files["status"] == status) & ~files["raw_table"].isin(covered)].sort_values(
            ["raw_table", "source_file"]).iterrows():
        messages.append(share_message(row, files.iloc[0:0]))
    return messages


def validate_source_health(reader: TableReader, raw_dir: Path | None, blocking: bool) -> SourceHealthResult:
    """The blocking verdict (no 'block' row) or the warning one (no 'warn' row). The messages
    read the table's rows (one per source and file)."""
    status = "block" if blocking else "warn"
    description = (
        "no source or file loses rows silently: quarantine share at most var quarantine_share_block, "
        "not every row quarantined, every source of var required_sources loaded"
        if blocking else
        "quarantine share of every source and file at most var quarantine_share_warn"
    )
    expectation = gxe.ExpectColumnValuesToNotBeInSet(
        column="status", value_set=[status], severity=CRITICAL if blocking else WARNING, description=description,
    )
    result = validate(f"{HEALTH_MODEL} {'blocking' if blocking else 'warnings'}", reader.table_rows(HEALTH_MODEL),
                      [expectation], key_columns=["raw_table", "source_file"])
    health = SourceHealthResult(**vars(result))
    frame = reader.frame(HEALTH_MODEL)
    flagged = frame[frame["status"] == status]
    if len(flagged):
        health.messages = messages_for(frame, status, raw_dir)
        health.details = flagged[[c for c in DETAIL_COLUMNS if c in flagged.columns]]
    return health
