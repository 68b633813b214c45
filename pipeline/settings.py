"""Environment-driven settings in one place: where raw exports are read, where DuckDB files go and
the schemas inside them.

Nothing here opens a file or a connection; it only names paths.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SQL_EXAMPLES_DIR = REPO_ROOT / "sql" / "examples"  # one query per report figure, shown in the report

RAW_DIR_ENV = "DEALS_RAW_DIR"
WAREHOUSE_DIR_ENV = "DEALS_WAREHOUSE_DIR"

RUN_LOCK_WAIT_ENV = "DEALS_RUN_LOCK_WAIT_SECONDS"  # wait for another run on the warehouse (default 0)

WORKING_DB_NAME = "warehouse.duckdb"  # built by ingest + dbt, audited by the checks
PUBLISHED_DB_NAME = "published.duckdb"  # what analysts and BI tools open, read-only
RUN_LOG_NAME = "run.log"  # the full log of the latest `python -m pipeline run` (pipeline/progress.py)

MARTS_SCHEMA = "marts"  # where dbt builds the marts in the working file: what gets published
WORKING_SCHEMAS = (MARTS_SCHEMA, "intermediate", "staging")  # where dbt models live, by layer
PUBLISHED_SCHEMA = "main"  # where the publish step puts the marts in published.duckdb


def raw_dir() -> Path:
    return Path(os.environ.get(RAW_DIR_ENV) or REPO_ROOT / "raw").resolve()


def warehouse_dir() -> Path:
    return Path(os.environ.get(WAREHOUSE_DIR_ENV) or REPO_ROOT / "warehouse").resolve()


def run_lock_wait_seconds() -> float:
    text = os.environ.get(RUN_LOCK_WAIT_ENV, "").strip()
    try:
        return max(float(text), 0.0) if text else 0.0
    except ValueError:
        raise ValueError(f"{RUN_LOCK_WAIT_ENV} must be a number of seconds, got {text!r}") from None


def dbt_target_dir(warehouse: Path | None = None) -> Path:
    """dbt's target/ (manifest, run results) lives in the warehouse dir, not in the repo."""
    return (warehouse or warehouse_dir()) / "dbt_target"


def dbt_log_dir(warehouse: Path | None = None) -> Path:
    """dbt's logs/ too: nothing a run writes lands in the checkout."""
    return (warehouse or warehouse_dir()) / "dbt_logs"


DBT_RUN_TARGETS_KEPT = 3  # per-run dbt target dirs (run_results.json, compiled SQL) kept


def dbt_run_target_dir(warehouse: Path, run_id: str) -> Path:
    """The target dir of one run's `dbt build` (dagster-dbt wants a fresh one per invocation)."""
    return dbt_target_dir(warehouse) / "runs" / run_id
