"""When the whole flow runs by itself: a weekly schedule and a sensor on the raw dir.

Both start the one job `deals_pipeline` and both are off until an analyst turns them on in the UI
(Automation tab). DuckDB allows one writer, so neither starts a run while another run of the job
is queued or in progress: the schedule skips that tick, the sensor waits for the next one.
"""

import hashlib
import json

import dagster as dg

from pipeline.ingest.files import source_files
from pipeline.ingest.sources import SOURCES
from pipeline.resources import WarehouseResource

JOB_NAME = "deals_pipeline"

_ACTIVE_STATUSES = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def raw_file_fingerprint(raw_dir) -> tuple[str, int]:
    """A stable hash of every file the ingest would read (path, size, mtime_ns), and the count.

    Only files matching a source's directory/pattern count, so a README or an Excel lock file in
    the raw dir does not start a run. Returns ("", 0) when there are no such files.
    """
    entries = []
    for spec in SOURCES.values():
        for path in source_files(spec, raw_dir).files:
            stat = path.stat()
            entries.append([path.relative_to(raw_dir).as_posix(), stat.st_size, stat.st_mtime_ns])
    if not entries:
        return "", 0
    entries.sort()
    digest = hashlib.sha256(json.dumps(entries, ensure_ascii=False).encode()).hexdigest()
    return digest, len(entries)


def _active_run_ids(instance: dg.DagsterInstance) -> list[str]:
    runs = instance.get_runs(
        filters=dg.RunsFilter(job_name=JOB_NAME, statuses=_ACTIVE_STATUSES), limit=5
    )
    return [run.run_id for run in runs]


@dg.sensor(
    name="raw_files_sensor",
    job_name=JOB_NAME,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Starts `deals_pipeline` when export files are added to or changed in the raw dir. "
    "The cursor is a fingerprint (path, size, modification time) of every file the ingest reads, "
    "and the run key is that fingerprint, so the same set of files never starts two runs.",
)
def raw_files_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    raw_dir = warehouse.raw_path
    if not raw_dir.is_dir():
        return dg.SkipReason(f"Raw dir {raw_dir} does not exist.")
    fingerprint, file_count = raw_file_fingerprint(raw_dir)
    if not fingerprint:
        return dg.SkipReason(f"No export files in {raw_dir}.")
    if fingerprint == context.cursor:
        return dg.SkipReason(f"No new or changed files among the {file_count} in {raw_dir}.")
    active = _active_run_ids(context.instance)
    if active:
        # Cursor left as is: the change is picked up on a tick after that run ends.
        return dg.SkipReason(f"Raw files changed, waiting for run {active[0]} to finish.")
    context.update_cursor(fingerprint)
    return dg.RunRequest(
        run_key=fingerprint,
        tags={"deals/trigger": "raw_files_sensor", "deals/raw_files": str(file_count)},
    )


@dg.schedule(
    name="weekly_deals_pipeline",
    job_name=JOB_NAME,
    cron_schedule="0 7 * * 1",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Every Monday 07:00 (Asia/Shanghai): rebuild everything from the raw dir, publish "
    "if the quality gate passes, and regenerate the report.",
    tags={"deals/trigger": "weekly_schedule"},
)
def weekly_deals_pipeline(context: dg.ScheduleEvaluationContext):
    active = _active_run_ids(context.instance)
    if active:
        return dg.SkipReason(f"Run {active[0]} of {JOB_NAME} is still in progress.")
    return dg.RunRequest()
