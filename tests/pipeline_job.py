"""The whole `deals_pipeline` job, in-process, on a raw dir and a warehouse dir, as
`python -m pipeline run` runs it (the tests that run it end to end share this)."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipeline import settings


def run_job(raw_dir: Path, warehouse: Path) -> dg.ExecuteInProcessResult:
    """Run the job with the dirs in the environment the definitions read, then put it back."""
    old = {k: os.environ.get(k) for k in (settings.RAW_DIR_ENV, settings.WAREHOUSE_DIR_ENV)}
    os.environ[settings.RAW_DIR_ENV] = str(raw_dir)
    os.environ[settings.WAREHOUSE_DIR_ENV] = str(warehouse)
    try:
        from pipeline.definitions import defs

        return defs().resolve_job_def("deals_pipeline").execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
