"""The child process of a benchmark: the real `deals_pipeline` job, in-process, as
`python -m pipeline run` runs it, then its step timings read back from the Dagster event log.

    python -m benchmarks.flow --raw-dir RAW --warehouse-dir WH --out timings.json

Writes {"startup_s", "job_s", "success", "steps": [{"key", "start", "end", "status"}], ...}.
Timing comes only from the event log (STEP_START / STEP_SUCCESS / STEP_FAILURE timestamps), so
the pipeline needs no hook of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

STEP_EVENTS = {"STEP_START": "start", "STEP_SUCCESS": "end", "STEP_FAILURE": "end"}


def step_timings(instance, run_id: str) -> list[dict]:
    """Per step key: first start and last end timestamp (epoch seconds) and the final status."""
    steps: dict[str, dict] = {}
    for record in instance.all_logs(run_id):
        event = record.dagster_event
        if event is None or event.step_key is None or event.event_type_value not in STEP_EVENTS:
            continue
        step = steps.setdefault(event.step_key, {"key": event.step_key, "start": None, "end": None, "status": None})
        field = STEP_EVENTS[event.event_type_value]
        if field == "start":
            step["start"] = record.timestamp if step["start"] is None else min(step["start"], record.timestamp)
        else:
            step["end"] = record.timestamp
            step["status"] = "success" if event.event_type_value == "STEP_SUCCESS" else "failure"
    return sorted(steps.values(), key=lambda s: s["start"] or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.flow", description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw-dir", required=True, type=Path)
    parser.add_argument("--warehouse-dir", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)

    started = time.time()
    # The same settings `python -m pipeline run --raw-dir --warehouse-dir` makes.
    os.environ["DEALS_RAW_DIR"] = str(args.raw_dir.resolve())
    os.environ["DEALS_WAREHOUSE_DIR"] = str(args.warehouse_dir.resolve())
    os.environ.setdefault("DO_NOT_TRACK", "1")

    marks = {}
    import dagster as dg

    from pipeline.dbt_manifest import ensure_manifest

    marks["imports"] = time.time()
    ensure_manifest()  # as `python -m pipeline run`: parses when the project changed
    marks["dbt_parse"] = time.time()
    from pipeline.definitions import defs

    job = defs().resolve_job_def("deals_pipeline")
    marks["definitions"] = time.time()
    instance = dg.DagsterInstance.ephemeral()
    job_started = time.time()
    result = job.execute_in_process(
        instance=instance,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )
    finished = time.time()
    failures = [f"{e.step_key}: {e.message}" for e in result.all_events if e.is_step_failure]
    payload = {
        "success": result.success,
        "run_id": result.run_id,
        "process_start": started,
        "job_start": job_started,
        "job_end": finished,
        "startup_s": job_started - started,  # imports, dbt parse, loading the definitions
        "startup_parts_s": {name: at - prev for (name, at), prev in
                            zip(marks.items(), [started, *list(marks.values())[:-1]])},
        "job_s": finished - job_started,
        "steps": step_timings(instance, result.run_id),
        "failures": failures,
    }
    args.out.write_text(json.dumps(payload, indent=2))
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
