"""The code location: every asset, check, job, schedule and sensor under pipeline/defs, plus the
resources. `dagster dev` in the repo root loads this (pyproject.toml [tool.dagster])."""


from pathlib import Path

import dagster as dg

from pipeline.resources import warehouse_from_env


@dg.definitions
def defs() -> dg.Definitions:
    from_folder = dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent)
    return dg.Definitions.merge(
        from_folder,
        dg.Definitions(
            resources={"warehouse": warehouse_from_env()},
            # One process: DuckDB allows a single writer, and per-step processes cost seconds each.
            executor=dg.in_process_executor,
        ),
    )
