"""The weekly schedule and the raw-dir sensor (pipeline/defs/automation.py), evaluated directly."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import pytest

from pipeline.defs.automation import raw_file_fingerprint, raw_files_sensor, weekly_deals_pipeline
from pipeline.resources import WarehouseResource

pytestmark = pytest.mark.unit


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    _write(raw / "cn_export" / "itjuzi_2024q1.csv", "公司名称\nA\n")
    _write(raw / "crunchbase" / "funding_rounds.csv", "uuid\nr1\n")
    return raw


def _tick(raw: Path, cursor: str | None, instance: dg.DagsterInstance | None = None):
    # the warehouse resource has set-up and tear-down (the run lock), so its context is a context manager
    with dg.build_sensor_context(
        cursor=cursor, instance=instance or dg.DagsterInstance.ephemeral(),
        resources={"warehouse": WarehouseResource(raw_dir=str(raw), warehouse_dir=str(raw.parent / "wh"))},
    ) as context:
        result = raw_files_sensor(context)
        return result, context.cursor


def test_new_files_start_one_run_and_the_same_files_never_start_another(raw: Path):
    first, cursor = _tick(raw, None)
    assert isinstance(first, dg.RunRequest)
    assert first.run_key == cursor and len(cursor) == 64
    assert first.tags["deals/raw_files"] == "2"

    again, cursor_again = _tick(raw, cursor)
    assert isinstance(again, dg.SkipReason) and "No new or changed files" in again.skip_message
    assert cursor_again == cursor


def test_a_changed_or_added_file_starts_a_new_run(raw: Path):
    _, cursor = _tick(raw, None)
    path = raw / "cn_export" / "itjuzi_2024q1.csv"
    path.write_text("公司名称\nA\nB\n", encoding="utf-8")  # changed size
    changed, cursor2 = _tick(raw, cursor)
    assert isinstance(changed, dg.RunRequest) and cursor2 != cursor

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # same size, re-saved
    touched, cursor3 = _tick(raw, cursor2)
    assert isinstance(touched, dg.RunRequest) and cursor3 not in (cursor, cursor2)

    _write(raw / "unicorns" / "cbinsights.csv", "Company\nX\n")
    added, cursor4 = _tick(raw, cursor3)
    assert isinstance(added, dg.RunRequest) and added.tags["deals/raw_files"] == "3"


def test_files_the_ingest_does_not_read_do_not_start_runs(raw: Path):
    _, cursor = _tick(raw, None)
    _write(raw / "README.md", "notes")
    _write(raw / "cn_export" / "~$itjuzi_2024q1.csv", "excel lock file")
    _write(raw / "cn_export" / "notes.txt", "not a csv")
    _write(raw / "crunchbase" / "people.csv", "not a crunchbase table the pipeline reads")
    result, _ = _tick(raw, cursor)
    assert isinstance(result, dg.SkipReason)


def test_fingerprint_is_stable_and_ignores_order(raw: Path):
    assert raw_file_fingerprint(raw) == raw_file_fingerprint(raw)
    assert raw_file_fingerprint(raw)[1] == 2
    assert raw_file_fingerprint(raw / "missing") == ("", 0)


def test_empty_or_missing_raw_dir_skips_with_a_reason(tmp_path: Path):
    missing, _ = _tick(tmp_path / "nope", None)
    assert isinstance(missing, dg.SkipReason) and "does not exist" in missing.skip_message
    (tmp_path / "empty").mkdir()
    empty, cursor = _tick(tmp_path / "empty", None)
    assert isinstance(empty, dg.SkipReason) and "No export files" in empty.skip_message and cursor is None


def _instance_with_active_run() -> tuple[dg.DagsterInstance, str]:
    instance = dg.DagsterInstance.ephemeral()
    run = instance.add_run(dg.DagsterRun(job_name="deals_pipeline", status=dg.DagsterRunStatus.STARTED))
    return instance, run.run_id


def test_sensor_waits_while_the_job_is_running_and_keeps_the_change(raw: Path):
    instance, run_id = _instance_with_active_run()
    waiting, cursor = _tick(raw, "old-fingerprint", instance)
    assert isinstance(waiting, dg.SkipReason) and run_id in waiting.skip_message
    assert cursor == "old-fingerprint"  # picked up on a tick after the run ends


def test_weekly_schedule_monday_seven_shanghai_off_by_default():
    assert weekly_deals_pipeline.cron_schedule == "0 7 * * 1"
    assert weekly_deals_pipeline.execution_timezone == "Asia/Shanghai"
    assert weekly_deals_pipeline.default_status == dg.DefaultScheduleStatus.STOPPED
    assert weekly_deals_pipeline.job_name == "deals_pipeline"
    assert raw_files_sensor.job_name == "deals_pipeline"
    assert raw_files_sensor.default_status == dg.DefaultSensorStatus.STOPPED

    # A schedule context needs an instance with a reference (not an ephemeral one).
    with dg.instance_for_test() as instance:
        request = weekly_deals_pipeline(dg.build_schedule_context(instance=instance))
        assert isinstance(request, dg.RunRequest)
        run = instance.add_run(dg.DagsterRun(job_name="deals_pipeline", status=dg.DagsterRunStatus.STARTED))
        skipped = weekly_deals_pipeline(dg.build_schedule_context(instance=instance))
        assert isinstance(skipped, dg.SkipReason) and run.run_id in skipped.skip_message
