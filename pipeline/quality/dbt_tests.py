"""One-line descriptions of failed dbt tests, in the words the GX checks use: the table, the rule,
and a few offending rows by the columns the test returns (dagster-dbt gives a failed dbt test no
description at all, so the check used to read "failed" and nothing else).

The rows come from running the test's own compiled query again, read-only, after dbt has exited
(run_results.json holds it); a share test returns the group it failed for (`year=2024,
country_group='US' (share_total=1.19)`), a not_null / accepted_values test the value.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from pipeline.quality.gx_runner import _format_value
from pipeline.settings import MARTS_SCHEMA

MAX_ROWS = 3
# Columns that name a row of the marts; a test returning whole rows (expression_is_true) is
# quoted by these (and the column it tests) rather than by all of its columns.
KEY_COLUMNS = ("deal_id", "company_id", "year", "month", "period_type", "period_label", "as_of_date",
               "country_group", "segment", "sub_segment", "stage_group", "figure_id", "raw_table", "scope",
               "source", "source_file", "source_row", "source_record_key")


def _rule(node: dict) -> str:
    meta = node.get("test_metadata") or {}
    name = meta.get("name") or node.get("name", "test")
    kwargs = {k: v for k, v in (meta.get("kwargs") or {}).items() if k not in ("model",) and v is not None}
    column = kwargs.pop("column_name", None)
    detail = ", ".join(f"{k}={v}" for k, v in kwargs.items() if not str(v).startswith("{{"))
    rule = f"{name} on {column}" if column else name
    return f"{rule} ({detail})" if detail else rule


def _model(node: dict, manifest: dict) -> str:
    attached = node.get("attached_node") or next(iter((node.get("depends_on") or {}).get("nodes") or []), "")
    return (manifest.get("nodes", {}).get(attached) or {}).get("name") or attached.split(".")[-1] or "?"


def _examples(con: duckdb.DuckDBPyConnection, sql: str, column: str | None) -> list[str]:
    rows = con.execute(f"select * from ({sql}) as failing limit {MAX_ROWS}")
    names = [d[0] for d in rows.description]
    keys = [n for n in names if n in KEY_COLUMNS]
    shown = [n for n in names if n in keys or n == column] if keys else names
    if "deal_id" in names and "source_file" not in names:
        shown.append("source_line")
    examples = []
    for row in rows.fetchall():
        values = dict(zip(names, row))
        if "source_line" in shown:
            values["source_line"] = _deal_line(con, values["deal_id"])
        examples.append(", ".join(f"{n}={_format_value(values[n])}" for n in shown))
    return examples


def _deal_line(con: duckdb.DuckDBPyConnection, deal_id: object) -> str | None:
    """The raw file:line behind a deal (its anchor record in fct_deal_sources)."""
    try:
        row = con.execute(
            f"select source_file || ':' || source_row from {MARTS_SCHEMA}.fct_deal_sources where deal_id = ? "
            "order by is_anchor_record desc, source_file, source_row limit 1", [deal_id]).fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def describe_failed_tests(target_path: Path, working_db: Path) -> dict[str, str]:
    """unique_id -> description, for every test of the last dbt invocation that failed or warned."""
    results_file, manifest_file = target_path / "run_results.json", target_path / "manifest.json"
    if not results_file.exists() or not manifest_file.exists():
        return {}
    results = json.loads(results_file.read_text(encoding="utf-8")).get("results", [])
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    failed = [r for r in results if r.get("unique_id", "").startswith("test.") and r.get("status") in ("fail", "warn", "error")]
    if not failed:
        return {}
    descriptions = {}
    con = duckdb.connect(str(working_db), read_only=True) if working_db.exists() else None
    try:
        for r in failed:
            node = manifest.get("nodes", {}).get(r["unique_id"], {})
            count = r.get("failures")
            head = f"{_model(node, manifest)}: dbt test failed: {_rule(node)}"
            if r.get("status") == "error":
                descriptions[r["unique_id"]] = f"{head}: could not run: {(r.get('message') or '').splitlines()[0] if r.get('message') else 'error'}"
                continue
            examples: list[str] = []
            if con is not None and r.get("compiled_code"):
                try:
                    column = ((node.get("test_metadata") or {}).get("kwargs") or {}).get("column_name")
                    examples = _examples(con, r["compiled_code"], column)
                except duckdb.Error:
                    examples = []
            rows = f"{count} row{'s' if count != 1 else ''}" if count is not None else "failing rows"
            descriptions[r["unique_id"]] = f"{head}: {rows}" + (", e.g. " + "; ".join(examples) if examples else "")
    finally:
        if con is not None:
            con.close()
    return descriptions
