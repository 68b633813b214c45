"""What `python -m pipeline run` shows while it runs: one block per stage, not the raw logs.

    [1/5] ingest     one line per raw source: files and rows read
    [2/5] transform  dbt build: a bar of the models, seeds and tests finished, then built / passed / failed
    [3/5] quality    the checks: passed, warnings, failed
    [4/5] publish    the version published and the file
    [5/5] report     the report and the data docs

The lines come from the run's Dagster event stream: `run_with_progress` adds a Dagster logger that
receives every event as it happens (materialisations, check results, step starts and failures) and
replaces the console logger. What the run would otherwise print — Dagster's log lines and dbt's own
log, which dagster-dbt writes to stdout — goes to a log file (`<warehouse>/run.log`). The Dagster UI
and its event log are unchanged; `python -m pipeline run --verbose` prints the full logs as before.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import dagster as dg
from dagster._core.log_manager import LOG_RECORD_METADATA_ATTR
from dagster._utils.log import default_date_format_string, default_format_string

STAGES = ["ingest", "transform", "quality", "publish", "report"]
BAR_WIDTH = 30


@dataclass(frozen=True)
class StepStages:
    """Which stage each step of the job belongs to, from the asset groups of what it builds (a step
    that only checks assets is quality), and how many events the dbt build will report."""

    stage_of_step: dict[str, str]
    dbt_step: str | None
    dbt_total: int  # the dbt step's assets (models, seeds) + asset checks (dbt tests)

    @classmethod
    def of_job(cls, job: dg.JobDefinition) -> StepStages:
        stage_of_step, dbt_step, dbt_total = {}, None, 0
        for assets_def in job.asset_layer.asset_graph.assets_defs:
            if not assets_def.is_executable:
                continue
            groups = set(assets_def.group_names_by_key.values())
            stage = next((s for s in STAGES if s in groups), "quality")  # no assets: checks only
            step = assets_def.node_def.name
            stage_of_step[step] = stage
            if stage == "transform":  # the dbt build (its audit models sit in group quality)
                dbt_step, dbt_total = step, len(list(assets_def.keys)) + len(list(assets_def.check_keys))
        return cls(stage_of_step, dbt_step, dbt_total)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


@dataclass
class RunProgress:
    """Turns the run's events into stage lines on `out` (stderr)."""

    stages: StepStages
    out: TextIO
    tty: bool = False
    current: str | None = None
    ingest: list[tuple[str, int, int]] = field(default_factory=list)  # source, files, rows
    dbt_done: int = 0
    dbt_built: int = 0
    dbt_tests: Counter = field(default_factory=Counter)  # passed / failed / warned
    checks: Counter = field(default_factory=Counter)
    _bar_quarter: int = -1  # the last quarter of the bar printed (not a terminal)
    _bar_done: int = -1
    _checks_shown: int = 0  # checks counted in the quality line printed
    _bar_open: bool = False  # a terminal's bar line not ended yet

    def _print(self, text: str) -> None:
        if self._bar_open:  # a terminal's bar being redrawn: end its line first
            self.out.write("\n")
            self._bar_open = False
        self.out.write(text + "\n")
        self.out.flush()

    def _line(self, text: str) -> None:
        self._print(f"      {text}")

    # --- events ---------------------------------------------------------------------------------

    def on_event(self, event: dg.DagsterEvent) -> None:
        kind = event.event_type_value
        stage = self.stages.stage_of_step.get(event.step_key or "")
        if kind == "STEP_START" and stage:
            self._enter(stage)
        elif kind == "ASSET_MATERIALIZATION":
            self._materialized(event, stage)
        elif kind == "ASSET_CHECK_EVALUATION":
            self._checked(event, stage)
        elif kind == "STEP_FAILURE":
            self._line(f"FAILED: {event.step_key} (the reason is in the summary at the end)")
        elif kind == "STEP_SKIPPED" and stage in ("publish", "report"):
            self._enter(stage)
            self._line(f"skipped: {event.step_key} (an upstream step failed or a blocking check did not pass)")

    def _enter(self, stage: str) -> None:
        if stage == self.current:
            return
        if self.current is not None and STAGES.index(stage) < STAGES.index(self.current):
            return  # a late check step after the publish started: counted, shown in the quality line
        self._leave()
        self.current = stage
        self._print(f"[{STAGES.index(stage) + 1}/{len(STAGES)}] {stage}")
        if stage == "transform":
            self._bar()

    def _leave(self) -> None:
        if self.current == "ingest" and self.ingest:
            files, rows = sum(f for _, f, _ in self.ingest), sum(r for _, _, r in self.ingest)
            self._line(f"{_count(len(self.ingest), 'source')}: {_count(files, 'file')}, {_count(rows, 'row')}")
        elif self.current == "transform":
            self._bar(final=True)
            t = self.dbt_tests
            self._line(f"{_count(self.dbt_built, 'model or seed', 'models and seeds')} built; "
                       f"{_count(sum(t.values()), 'test')}: {t['passed']:,} passed, {t['warned']:,} warned, "
                       f"{t['failed']:,} failed")
        elif self.current == "quality":
            self._quality_line()

    def _quality_line(self) -> None:
        c = self.checks
        self._checks_shown = sum(c.values())
        self._line(f"{_count(sum(c.values()), 'check')}: {c['passed']:,} passed, {c['warned']:,} "
                   f"{'warning' if c['warned'] == 1 else 'warnings'}, {c['failed']:,} failed (blocking)")

    def _materialized(self, event: dg.DagsterEvent, stage: str | None) -> None:
        materialization = event.event_specific_data.materialization
        key, meta = materialization.asset_key, materialization.metadata
        if stage == "ingest":
            files, rows = _int(meta.get("files_seen")), _int(meta.get("rows"))
            self.ingest.append((key.path[-1], files, rows))
            self._line(f"{key.path[-1]:<28} {_count(files, 'file'):>9} {_count(rows, 'row'):>14}")
        elif event.step_key == self.stages.dbt_step:
            self.dbt_built += 1
            self._dbt_node_done()
        elif stage == "publish":
            self._line(f"version {_text(meta.get('version'))} -> {_text(meta.get('published_file'))}")
        elif stage == "report":
            shown = [_text(meta[k]) for k in ("html", "markdown", "docs") if k in meta]
            self._line(", ".join(shown) or key.to_user_string())

    def _checked(self, event: dg.DagsterEvent, stage: str | None) -> None:
        evaluation = event.event_specific_data
        outcome = ("passed" if evaluation.passed
                   else "failed" if evaluation.severity == dg.AssetCheckSeverity.ERROR else "warned")
        if event.step_key == self.stages.dbt_step:
            self.dbt_tests[outcome] += 1
            self._dbt_node_done()
        else:
            self.checks[outcome] += 1

    def _dbt_node_done(self) -> None:
        self.dbt_done += 1
        self._bar()

    def _bar(self, final: bool = False) -> None:
        total = max(self.stages.dbt_total, self.dbt_done, 1)
        filled = BAR_WIDTH * self.dbt_done // total
        text = (f"      [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.dbt_done:,}/{total:,} "
                "dbt models, seeds and tests")
        if self.tty:  # a terminal: one line, redrawn
            self.out.write("\r" + text + ("\n" if final else ""))
            self.out.flush()
            self._bar_open = not final
            return
        # a pipe or a log file: a line at the start, at each quarter and at the end, not per node
        quarter = 4 * self.dbt_done // total
        if quarter > self._bar_quarter or (final and self.dbt_done != self._bar_done):
            self._bar_quarter, self._bar_done = quarter, self.dbt_done
            self._print(text)

    def finish(self) -> None:
        """After the run: close the last stage (and the quality line if checks came after publish)."""
        self._leave()
        if sum(self.checks.values()) > self._checks_shown:  # checks that ran after the publish started
            self._print("      quality, all checks of the run:")
            self._quality_line()
        self.current = None


def _int(value: object) -> int:
    value = getattr(value, "value", value)
    return int(value) if isinstance(value, (int, float)) else 0


def _text(value: object) -> str:
    value = getattr(value, "value", value)
    value = getattr(value, "path", value)  # a path metadata value
    return "" if value is None else str(value)


class _EventHandler(logging.Handler):
    def __init__(self, progress: RunProgress) -> None:
        super().__init__(level=logging.DEBUG)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        event = (getattr(record, LOG_RECORD_METADATA_ATTR, None) or {}).get("dagster_event")
        if event is not None:
            self.progress.on_event(event)


def progress_logger(progress: RunProgress, log_file: TextIO, log_level: str) -> dg.LoggerDefinition:
    """A Dagster logger: every event to `progress`, and log lines at `log_level` and above to
    `log_file` in Dagster's console format."""

    @dg.logger(description="stage lines on stderr; the full log to a file")
    def _progress(init_context: dg.InitLoggerContext) -> logging.Logger:
        logger = logging.Logger("dagster", level=logging.DEBUG)
        to_file = logging.StreamHandler(log_file)
        to_file.setLevel(logging.getLevelName(log_level.upper()))
        to_file.setFormatter(logging.Formatter(default_format_string(), default_date_format_string()))
        logger.addHandler(to_file)
        logger.addHandler(_EventHandler(progress))
        return logger

    return _progress


# dagster-dbt's note that a dbt test it has no asset check for (a test on a source) is recorded as
# an observation: about Dagster's bookkeeping, not about the data
NOT_ABOUT_THE_DATA = ("Logging an `AssetObservation` instead of an `AssetCheckResult`",)


def run_warnings(instance: dg.DagsterInstance, run_id: str, stages: StepStages) -> list[str]:
    """The warnings and errors the run's steps logged, once each, in order; not those of the check
    steps (each failed check is listed with its own result)."""
    return list(dict.fromkeys(
        entry.user_message.strip() for entry in instance.all_logs(run_id)
        if not entry.is_dagster_event and entry.level >= logging.WARNING
        and stages.stage_of_step.get(entry.step_key or "") != "quality"
        and not entry.user_message.startswith(NOT_ABOUT_THE_DATA)
    ))


def run_with_progress(job: dg.JobDefinition, *, log_path: Path, log_level: str = "INFO",
                      out: TextIO | None = None, **execute_kwargs) -> dg.ExecuteInProcessResult:
    """`job.execute_in_process(**execute_kwargs)` with stage lines on `out` (default stderr) and
    the full log, Dagster's and dbt's, in `log_path`."""
    out = out or sys.stderr
    progress = RunProgress(StepStages.of_job(job), out, tty=out.isatty())
    run_config = dict(execute_kwargs.pop("run_config", None) or {})
    run_config["loggers"] = {"progress": {}}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        quiet = job.with_logger_defs({"progress": progress_logger(progress, log, log_level)})
        try:
            return quiet.execute_in_process(run_config=run_config, **execute_kwargs)
        finally:
            progress.finish()
