"""Environment-driven settings in one place: where raw exports are read and where DuckDB files go.

Nothing here opens a file or a connection; it only names paths.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"

RAW_DIR_ENV = "DEALS_RAW_DIR"
WAREHOUSE_DIR_ENV = "DEALS_WAREHOUSE_DIR"

WORKING_DB_NAME = "warehouse.duckdb"  # built by ingest + dbt, audited by the checks
PUBLISHED_DB_NAME = "published.duckdb"  # what analysts and BI tools open, read-only


def raw_dir() -> Path:
    return Path(os.environ.get(RAW_DIR_ENV) or REPO_ROOT / "raw").resolve()


def warehouse_dir() -> Path:
    return Path(os.environ.get(WAREHOUSE_DIR_ENV) or REPO_ROOT / "warehouse").resolve()


def dbt_target_dir(warehouse: Path | None = None) -> Path:
    """dbt's target/ (manifest, run results) lives in the warehouse dir, not in the repo."""
    return (warehouse or warehouse_dir()) / "dbt_target"



def put_dbt_on_path() -> None:
    """Make `dbt` resolvable when this Python's venv is not on PATH (e.g. `.venv/bin/python -m`)."""
    import shutil
    import sys

    if shutil.which("dbt") is None:
        os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
