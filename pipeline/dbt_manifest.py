"""Keeping dbt's manifest (which dagster-dbt reads to build the asset graph) in step with the models.

`dagster dev` re-parses on start (DbtProject.prepare_if_dev). The CLI, tests and CI call
`ensure_manifest(force=True)` before loading the definitions, so a changed model is never run
from a stale manifest; importing the definitions only parses when there is no manifest at all.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from pipeline import settings


def manifest_path() -> Path:
    return settings.dbt_target_dir() / "manifest.json"


def ensure_manifest(force: bool = False) -> Path:
    path = manifest_path()
    if path.exists() and not force:
        return path
    settings.put_dbt_on_path()
    env = {**os.environ, "DO_NOT_TRACK": "1", settings.WAREHOUSE_DIR_ENV: str(settings.warehouse_dir())}
    target = settings.dbt_target_dir()
    target.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        # target and logs in the warehouse dir: a parse writes nothing into the checkout
        ["dbt", "parse", "--quiet", "--target-path", str(target), "--log-path", str(settings.dbt_log_dir()),
         "--project-dir", str(settings.DBT_PROJECT_DIR), "--profiles-dir", str(settings.DBT_PROJECT_DIR)],
        env=env, capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{proc.stdout}\n{proc.stderr}")
    return path
