"""Run one Great Expectations suite on one pandas frame, in-process, and summarise the result for
people: which expectation failed, how many rows, and which rows (by their key columns).

GX runs in an ephemeral context: nothing is written to disk, no GX project folder is needed.
Severity is carried by each expectation (GX 1.x `severity`): `critical` failures block publishing,
`warning` failures are reported and let the publish go on.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no usage statistics sent anywhere

import great_expectations as gx  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402

CRITICAL = "critical"
WARNING = "warning"
MAX_EXAMPLES = 5  # offending rows quoted per failed expectation


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's result, in words an analyst can act on."""

    description: str
    severity: str  # CRITICAL or WARNING
    success: bool
    unexpected_count: int | None = None
    observed: str = ""
    examples: tuple[str, ...] = ()

    @property
    def detail(self) -> str:
        parts = []
        if self.unexpected_count:
            parts.append(f"{self.unexpected_count} row{'s' if self.unexpected_count != 1 else ''}")
        if self.examples:
            parts.append("e.g. " + "; ".join(self.examples))
        elif self.observed:
            parts.append(f"observed {self.observed}")
        return ", ".join(parts)


@dataclass
class SuiteResult:
    """The outcome of one suite on one table (or on one reconciliation frame)."""

    suite: str
    outcomes: list[ExpectationOutcome] = field(default_factory=list)
    error: str | None = None  # the suite could not run at all (table missing, query failed)
    row_count: int | None = None
    note: str | None = None  # why there was nothing to check (e.g. no published version yet)
    details: pd.DataFrame | None = None  # the full list behind a failure, when it is a list (control totals)

    @property
    def failed(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success]

    @property
    def blocking_failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.failed if o.severity == CRITICAL]

    @property
    def warnings(self) -> list[ExpectationOutcome]:
        return [o for o in self.failed if o.severity != CRITICAL]

    @property
    def passed(self) -> bool:
        """True when nothing blocking failed (warnings do not fail a suite)."""
        return self.error is None and not self.blocking_failures

    @property
    def clean(self) -> bool:
        return self.error is None and not self.failed

    def headline(self) -> str:
        """One line for the check's description and the run log."""
        if self.error:
            return f"{self.suite}: could not run: {self.error}"
        if not self.outcomes and self.note:
            return f"{self.suite}: {self.note}"
        if self.clean:
            return f"{self.suite}: all {len(self.outcomes)} expectations passed"
        failed = self.failed
        listed = " | ".join(f"{o.description}: {o.detail}" if o.detail else o.description for o in failed)
        return f"{self.suite}: {len(failed)} of {len(self.outcomes)} expectations failed: {listed}"

    def markdown(self) -> str:
        """The whole result as a Markdown table (shown in the Dagster UI as check metadata)."""
        if self.error:
            return f"**Could not run**: {self.error}"
        if not self.outcomes:
            return self.note or "nothing to check"
        lines = ["| result | severity | expectation | details |", "|---|---|---|---|"]
        order = sorted(self.outcomes, key=lambda o: (o.success, o.severity != CRITICAL))
        for o in order:
            mark = "pass" if o.success else ("**FAIL**" if o.severity == CRITICAL else "warn")
            lines.append(f"| {mark} | {o.severity} | {_cell(o.description)} | {_cell(o.detail)} |")
        return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def frame_markdown(frame: pd.DataFrame, max_rows: int = 50) -> str:
    """A frame as a Markdown table (for check metadata), at most `max_rows` rows."""
    lines = ["| " + " | ".join(map(str, frame.columns)) + " |", "|" + "---|" * len(frame.columns)]
    for row in frame.head(max_rows).itertuples(index=False):
        lines.append("| " + " | ".join(_cell(_format_value(v)) for v in row) + " |")
    if len(frame) > max_rows:
        lines.append(f"\n… and {len(frame) - max_rows} more rows")
    return "\n".join(lines)


def _context():
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _format_value(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT:
        return "null"
    if isinstance(value, float):
        # amounts are in yuan: 76,026,800,000 reads better than 7.60268e+10
        return f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:.6g}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return repr(value) if isinstance(value, str) else str(value)


def _examples(result: dict, column: str | None, key_columns: list[str]) -> tuple[str, ...]:
    """Offending rows, named by their key columns where GX reports them."""
    examples: list[str] = []
    for item in (result.get("unexpected_index_list") or [])[:MAX_EXAMPLES]:
        if isinstance(item, dict):
            named = ", ".join(f"{k}={_format_value(v)}" for k, v in item.items() if k in key_columns)
            value = item.get(column) if column else None
            hide_value = (not column or column in key_columns or column not in item
                          or isinstance(value, (bool, np.bool_)) or value is None or value != value)
            shown = named if hide_value else f"{named} ({column}={_format_value(value)})"
            if shown not in examples:
                examples.append(shown)
    if not examples:
        examples = [_format_value(v) for v in (result.get("partial_unexpected_list") or [])[:MAX_EXAMPLES]]
    return tuple(examples)


def _observed(result: dict) -> str:
    if "details" in result and isinstance(result["details"], dict) and "mismatched" in result["details"]:
        mismatched = result["details"]["mismatched"]
        missing = mismatched.get("missing") or []
        return f"missing columns {missing}" if missing else str(mismatched)
    if "observed_value" in result:
        return _format_value(result["observed_value"])
    return ""


def describe(expectation: gx.expectations.Expectation) -> str:
    """The expectation's own description, else its type and main arguments."""
    if expectation.description:
        return expectation.description
    kwargs = {k: v for k, v in expectation.configuration.kwargs.items() if k not in ("batch_id",)}
    return f"{expectation.expectation_type} {kwargs}"


def _unique(expectations: list[gx.expectations.Expectation]) -> list[gx.expectations.Expectation]:
    """Drop repeats (GX keeps one of two equal expectations; layers of a suite may overlap)."""
    seen, unique = set(), []
    for e in expectations:
        signature = (e.expectation_type, repr(sorted(e.configuration.kwargs.items(), key=lambda kv: kv[0])))
        if signature not in seen:
            seen.add(signature)
            unique.append(e)
    return unique


def validate(
    suite_name: str,
    frame: pd.DataFrame,
    expectations: list[gx.expectations.Expectation],
    key_columns: list[str] | tuple[str, ...] = (),
) -> SuiteResult:
    """Validate `frame` against `expectations`; failures name offending rows by `key_columns`."""
    key_columns = [c for c in key_columns if c in frame.columns]
    context = _context()
    batch = (
        context.data_sources.add_pandas("frames")
        .add_dataframe_asset(suite_name)
        .add_batch_definition_whole_dataframe("whole")
        .get_batch(batch_parameters={"dataframe": frame})
    )
    expectations = _unique(expectations)
    suite = gx.ExpectationSuite(name=suite_name)
    # GX reports results in its own order and ephemeral suites give no ids: number them in `meta`.
    numbered = [e.copy(update={"meta": {**(e.meta or {}), "position": i}}) for i, e in enumerate(expectations)]
    for expectation in numbered:
        suite.add_expectation(expectation)
    result_format: dict = {"result_format": "COMPLETE", "partial_unexpected_count": MAX_EXAMPLES}
    if key_columns:
        result_format["unexpected_index_column_names"] = key_columns
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GX deprecation chatter; results carry the real problems
        validation = batch.validate(suite, result_format=result_format)

    by_position = {r.expectation_config.meta["position"]: r for r in validation.results}
    outcomes = []
    for position, expectation in enumerate(numbered):
        r = by_position[position]
        severity = CRITICAL if str(getattr(expectation.severity, "value", expectation.severity)) == CRITICAL else WARNING
        if r.exception_info and r.exception_info.get("raised_exception"):
            message = (r.exception_info.get("exception_message") or "error").splitlines()[0]
            outcomes.append(ExpectationOutcome(describe(expectation), severity, False, observed=f"error: {message}"))
            continue
        column = expectation.configuration.kwargs.get("column")
        outcomes.append(
            ExpectationOutcome(
                description=describe(expectation),
                severity=severity,
                success=bool(r.success),
                unexpected_count=r.result.get("unexpected_count"),
                observed=_observed(r.result) if not r.success else "",
                examples=() if r.success else _examples(r.result, column, key_columns),
            )
        )
    return SuiteResult(suite=suite_name, outcomes=outcomes, row_count=len(frame))
