"""Command line: `python -m pipeline run | export | rollback | versions`.

`run` materialises the whole flow (the `deals_pipeline` job) in this process, recording the run in
the Dagster instance of $DAGSTER_HOME when set (so it shows in the UI). It shows one block per stage
on stderr (files and rows ingested, a bar of the dbt build, checks passed and failed, the publish,
the report: pipeline/progress.py) and writes the full log to <warehouse>/run.log; `--verbose`
prints the full Dagster and dbt logs instead. It ends by printing where the published file is, a
few headline figures read back from it, and the run's warnings. `--year` and `--as-of` set the
report's period as run config of the dbt asset, exactly as the launchpad does (default: derived
from the data: the latest complete year, as of the latest announcement date).

One run at a time per warehouse: `run` takes the warehouse's run lock before anything else and
refuses, naming the run that holds it, when another run (CLI or Dagster) is using the warehouse.
`--accept-change "reason"` lets a wholesale change against the published version through the
change gate (recorded with its reason in audit_runs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

from pipeline import settings
from pipeline.docs_site import DOCS_FILE_NAME


def _headline(published: Path) -> list[str]:
    """A few figures read back from the published file (what an analyst would query)."""
    import duckdb

    lines = []
    with duckdb.connect(str(published), read_only=True) as con:
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        if "mart_report_figures" in tables:
            year, window = con.execute(
                "select max(period_label) filter (where figure_id = 'R1'), "
                "max(period_label) filter (where figure_id = 'R23a') from mart_report_figures"
            ).fetchone()
            if year or window:
                lines.append(f"  report year {year or 'n/a'}; year to date {window or 'n/a'}")
            rows = con.execute(
                "select figure_id, period_label, description, value, unit, reference_value "
                "from mart_report_figures order by try_cast(regexp_extract(figure_id, '\\d+') as int), figure_id"
            ).fetchall()
            for fid, period, desc, value, unit, ref in rows[:8]:
                shown = "n/a" if value is None else f"{value:,.4g}"
                ref_shown = "" if ref is None else f"  (report: {ref:,.4g})"
                lines.append(f"  {fid:<5} {period:<12} {shown:>12} {unit or '':<6} {desc}{ref_shown}")
        if "fct_deals" in tables:
            n, ai = con.execute("select count(*), count(*) filter (where is_counted) from fct_deals").fetchone()
            lines.append(f"  deals: {n:,} deduplicated financing events, {ai:,} counted AI deals")
    return lines


def cmd_run(args: argparse.Namespace) -> int:
    if args.raw_dir:
        os.environ[settings.RAW_DIR_ENV] = str(Path(args.raw_dir).resolve())
    if args.warehouse_dir:
        os.environ[settings.WAREHOUSE_DIR_ENV] = str(Path(args.warehouse_dir).resolve())
    os.environ.setdefault("DO_NOT_TRACK", "1")

    if args.wait_for_lock is not None:
        os.environ[settings.RUN_LOCK_WAIT_ENV] = str(args.wait_for_lock)

    import uuid

    from pipeline import run_lock
    from pipeline.errors import os_error_text

    started = time.monotonic()
    warehouse = settings.warehouse_dir()
    run_id = str(uuid.uuid4())  # Dagster's run ids are uuid4s; known before the run for the lock
    # The lock before anything writes (the dbt parse below writes the manifest into the warehouse);
    # the run's warehouse resource takes it again, re-entrantly, for the same run id.
    try:
        run_lock.acquire(warehouse, run_id, settings.run_lock_wait_seconds(), log=print)
    except run_lock.RunLockBusy as exc:
        print(f"RUN REFUSED: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. the warehouse dir is not writable
        print(f"RUN FAILED: cannot take the warehouse lock: {os_error_text(exc)}", file=sys.stderr)
        return 1
    try:
        return _execute(args, run_id, started)
    finally:
        run_lock.release(warehouse, run_id)


def _event_errors(result) -> list[str]:
    """Why the run failed, one line per failed step (the real cause, not Dagster's wrapper), or
    the run's own error when it failed before any step (a resource that could not start)."""
    from pipeline.errors import error_info_text

    lines = []
    for e in result.all_events:
        data = e.event_specific_data
        if e.is_step_failure:
            failure = getattr(data, "user_failure_data", None)
            text = (failure.description if failure is not None and failure.description
                    else error_info_text(data.error) if data is not None and data.error else e.message)
            lines.append(f"  step {e.step_key}: {text.strip()}")
    if lines:
        return lines
    for e in result.all_events:
        error = getattr(e.event_specific_data, "error", None)
        if error is not None:
            lines.append(f"  {error_info_text(error)}")
    return list(dict.fromkeys(lines))


def _execute(args: argparse.Namespace, run_id: str, started: float) -> int:
    import dagster as dg

    from pipeline.dbt_manifest import ensure_manifest

    try:
        ensure_manifest()  # parses when the dbt project changed since the last parse
    except OSError as exc:
        from pipeline.errors import os_error_text

        print(f"RUN FAILED: cannot parse the dbt project: {os_error_text(exc)}", file=sys.stderr)
        return 1
    except RuntimeError as exc:  # dbt parse failed: its own output says why
        print(f"RUN FAILED: {exc}", file=sys.stderr)
        return 1
    from pipeline.definitions import defs
    from pipeline.defs.transform import report_period_run_config
    from pipeline.progress import StepStages, run_warnings, run_with_progress

    job = defs().resolve_job_def("deals_pipeline")
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    print(f"raw dir:       {settings.raw_dir()}")
    print(f"warehouse dir: {settings.warehouse_dir()}")
    print(f"report period: year {args.year or 'derived from the data'}, "
          f"as of {args.as_of or 'the latest announcement date'}")
    if args.accept_change:
        print(f"accepting a wholesale change against the published version: {args.accept_change}")
    run_config: dict = {
        # step-by-step progress without Dagster's DEBUG chatter
        "loggers": {"console": {"config": {"log_level": args.log_level}}},
        # the report's period: the dbt asset's run config, as in the launchpad
        **report_period_run_config(args.year, args.as_of),
    }
    if args.accept_change:
        # the change gate's acceptance: config of the quality_gate resource, as in the launchpad
        run_config["resources"] = {"quality_gate": {"config": {"accept_change": args.accept_change}}}
    execute = {"instance": instance, "raise_on_error": False, "run_id": run_id, "run_config": run_config}
    log_path = settings.warehouse_dir() / settings.RUN_LOG_NAME
    sys.stdout.flush()  # the lines above before the stage lines on stderr, also through a pipe
    if args.verbose:
        result = job.execute_in_process(**execute)
    else:
        result = run_with_progress(job, log_path=log_path, log_level=args.log_level, **execute)
    elapsed = time.monotonic() - started

    failures = _event_errors(result)
    failed_checks = [
        f"  check {e.event_specific_data.check_name} on {e.event_specific_data.asset_key.to_user_string()}"
        f" ({e.event_specific_data.severity.value.lower()}): {e.event_specific_data.description or ''}"
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed
    ]
    if failed_checks:
        print("\nchecks that did not pass:")
        print("\n".join(failed_checks))
    warnings = run_warnings(instance, result.run_id, StepStages.of_job(job))
    if warnings:
        print("\nwarnings:")
        print("\n".join(f"  {w}" for w in warnings))
    published = settings.warehouse_dir() / settings.PUBLISHED_DB_NAME
    if not result.success:
        print(f"\nRUN FAILED after {elapsed:.0f} s (run id {result.run_id}).")
        print("\n".join(failures))
        if published.exists():
            print(f"The previously published file is unchanged: {published}")
        if not args.verbose:
            print(f"Full log: {log_path} (or run again with --verbose)")
        return 1
    print(f"\nRun succeeded in {elapsed:.0f} s (run id {result.run_id}).")
    if published.exists():
        print(f"Published file: {published}")
        print("\n".join(_headline(published)))
    report = settings.warehouse_dir() / "report" / "report.html"
    if report.exists():
        print(f"Report: {report}")
    docs = report.parent / DOCS_FILE_NAME
    if docs.exists():
        print(f"Data docs: {docs}")
    if not args.verbose:
        print(f"Full log: {log_path}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.errors import os_error_text
    from pipeline.export import ExportError, export

    warehouse = Path(args.warehouse_dir).resolve() if args.warehouse_dir else settings.warehouse_dir()
    published = warehouse / settings.PUBLISHED_DB_NAME
    out_dir = Path(args.out).resolve() if args.out else warehouse / "export"
    try:
        exported = export(published, out_dir, args.format, args.table)
    except ExportError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"export: cannot write {out_dir}: {os_error_text(exc)}", file=sys.stderr)
        return 1
    for item in exported:
        print(f"{item.table:<32} {item.rows:>10,} rows  {item.path}")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from pipeline.publish import PublishError, rollback

    try:
        restored = rollback(settings.warehouse_dir(), version=args.to)
    except PublishError as exc:
        print(f"rollback: {exc}", file=sys.stderr)
        return 1
    print(f"published.duckdb now holds version {restored}")
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from pipeline.publish import list_versions

    for version in list_versions(settings.warehouse_dir()):
        print(version)
    return 0


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a year like 2018, got {text!r}")
    return int(text)


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the whole flow on the raw dir and publish")
    run.add_argument("--raw-dir", help=f"raw exports folder (default ${settings.RAW_DIR_ENV} or raw/)")
    run.add_argument("--warehouse-dir", help=f"DuckDB files folder (default ${settings.WAREHOUSE_DIR_ENV} or warehouse/)")
    run.add_argument("--year", type=_year, help="report year (default: the latest complete year of the data)")
    run.add_argument("--as-of", type=_date, help="as-of date YYYY-MM-DD of the period-to-date figures "
                     "(default: the latest announcement date)")
    run.add_argument("--log-level", default="INFO", help="log level of the full log: the console with --verbose, "
                     f"else <warehouse>/{settings.RUN_LOG_NAME} (default INFO)")
    run.add_argument("--verbose", action="store_true",
                     help="print the full Dagster and dbt logs instead of one block per stage")
    run.add_argument("--accept-change", metavar="REASON",
                     help="publish although a source's staged rows or a year's deals or amount changed "
                     "beyond the change gate's thresholds against the published version; the reason is "
                     "recorded in audit_runs.accepted_change")
    run.add_argument("--wait-for-lock", type=float, metavar="SECONDS",
                     help=f"wait this long for another run on the warehouse to finish before refusing "
                     f"(default ${settings.RUN_LOCK_WAIT_ENV} or 0: refuse at once)")
    run.set_defaults(func=cmd_run)
    ex = sub.add_parser("export", help="write the published figures and deal list for spreadsheets (xlsx or csv)",
                        description="Write mart_report_figures and fct_deals, plus any --table, from the "
                        "published file (read-only) as one .xlsx workbook or one UTF-8 CSV per table. "
                        "Text a spreadsheet would take for a formula is escaped.")
    ex.add_argument("--format", choices=["xlsx", "csv"], default="xlsx", help="xlsx (default) or csv")
    ex.add_argument("--table", action="append", default=[], metavar="TABLE",
                    help="another published table to export as well (repeatable), e.g. dim_companies")
    ex.add_argument("--out", metavar="DIR", help="folder to write to (default <warehouse>/export)")
    ex.add_argument("--warehouse-dir", help=f"the warehouse whose published.duckdb is read "
                    f"(default ${settings.WAREHOUSE_DIR_ENV} or warehouse/)")
    ex.set_defaults(func=cmd_export)
    rb = sub.add_parser("rollback", help="put an earlier published version back")
    rb.add_argument("--to", help="version to restore (default: the one before the current)")
    rb.set_defaults(func=cmd_rollback)
    sub.add_parser("versions", help="list the kept published versions").set_defaults(func=cmd_versions)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
