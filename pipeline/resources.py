"""The warehouse resource: where the raw exports are and where the DuckDB files live.

Paths come from DEALS_RAW_DIR / DEALS_WAREHOUSE_DIR (see settings.py) and can be overridden as
resource config in the Dagster launchpad. Connections are opened inside assets, never at import.

Inside a run the resource holds the warehouse's run lock (pipeline/run_lock.py) from before the
first step to after the last, so two runs never write one warehouse at once, whatever started them
(the CLI, the launchpad, the schedule, the sensor). The job uses the in-process executor: one
resource set-up, hence one lock, per run.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
from pydantic import Field

from pipeline import run_lock, settings


class WarehouseResource(dg.ConfigurableResource):
    """Raw export folder and warehouse folder (working + published DuckDB files)."""

    raw_dir: str
    warehouse_dir: str
    run_lock_wait_seconds: float = Field(
        default=0.0,
        description="How long a run waits for another run on the same warehouse to finish before it "
        "refuses (0: refuse at once, naming the run that holds the warehouse).",
    )

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        # Only runs lock: a sensor tick or a schedule evaluation builds the resource too.
        if context.run is None:
            return
        log = context.log.warning if context.log else None
        try:
            run_lock.acquire(self.warehouse_path, context.run.run_id, self.run_lock_wait_seconds, log=log)
        except run_lock.RunLockBusy as exc:
            raise dg.Failure(description=str(exc)) from None

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        # called whatever the steps did (Dagster skips it only when the set-up failed)
        if context.run is not None:
            run_lock.release(self.warehouse_path, context.run.run_id)

    @property
    def raw_path(self) -> Path:
        return Path(self.raw_dir).resolve()

    @property
    def warehouse_path(self) -> Path:
        path = Path(self.warehouse_dir).resolve()
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def working_db(self) -> Path:
        return self.warehouse_path / settings.WORKING_DB_NAME

    @property
    def published_db(self) -> Path:
        return self.warehouse_path / settings.PUBLISHED_DB_NAME

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        """A connection to the working file. Writers are one process at a time (the job runs
        in-process), readers (the quality checks) open it read-only."""
        return duckdb.connect(str(self.working_db), read_only=read_only)


class QualityGateResource(dg.ConfigurableResource):
    """Thresholds of the warning checks (blocking checks have no knobs: a wrong number is wrong)."""

    freshness_max_age_days: int = 120  # latest deal older than this → warning
    volume_max_change: float = 0.5  # row count beyond ±50 % of the published version → warning
    accept_change: str = Field(
        default="",
        description="Why a wholesale change against the published version is real (a new database, a "
        "backfill): with a reason here the change gate passes with a warning, and the reason is "
        "recorded in audit_runs.accepted_change. Empty: such a change blocks the publish.",
    )

    @property
    def accepted_change(self) -> str | None:
        return self.accept_change.strip() or None

    def inputs(self, warehouse: WarehouseResource):
        """What the checks need besides the working file (pipeline/quality/gate.py GateInputs)."""
        from pipeline.quality.gate import GateInputs
        from pipeline.quality.monitors import MonitorSettings

        return GateInputs(
            published_db=warehouse.published_db,
            raw_dir=warehouse.raw_path,
            settings=MonitorSettings(self.freshness_max_age_days, self.volume_max_change),
            accept_change=self.accepted_change,
        )


def warehouse_from_env() -> WarehouseResource:
    """The resource as configured by the environment: EnvVar when set (shown as such in the UI),
    else the repo's raw/ and warehouse/ folders."""
    import os

    def pick(env: str, default: Path) -> str | dg.EnvVar:
        return dg.EnvVar(env) if os.environ.get(env) else str(default)

    return WarehouseResource(
        raw_dir=pick(settings.RAW_DIR_ENV, settings.raw_dir()),
        warehouse_dir=pick(settings.WAREHOUSE_DIR_ENV, settings.warehouse_dir()),
        run_lock_wait_seconds=settings.run_lock_wait_seconds(),
    )
