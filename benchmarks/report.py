"""Tables of benchmark results: one point in the terminal, many as the Markdown of RESULTS.md."""

from __future__ import annotations

from benchmarks.harness import STAGES


def _s(value) -> str:
    return "—" if value is None else f"{value:.1f}"


def _gb(value) -> str:
    return "—" if not value else f"{value / 2**30:.2f}"


def _ratio(value) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _load(values) -> str:
    return "—" if not values else f"{values[0]:.2f}"


def point_table(result: dict) -> str:
    """A plain-text table of one result."""
    p = result.get("pipeline", {})
    lines = [f"scale {result['scale']}  ({result['raw']['source']}, {result['raw']['bytes']['total'] / 2**20:.0f} MiB raw)",
             f"pipeline {'OK' if p.get('success') else 'FAILED'}  load average before: {result.get('load_before_pipeline')}"]
    for stage in STAGES:
        lines.append(f"  {stage:<10} {_s(p.get('stages', {}).get(stage)):>8} s")
    lines.append(f"  {'total':<10} {_s(p.get('wall_s')):>8} s   CPU {_s(p.get('cpu_s'))} s   peak RSS {_gb(p.get('peak_rss_bytes'))} GiB")
    for kind, v in sorted(p.get("dbt_seconds_by_kind", {}).items()):
        lines.append(f"    dbt {kind:<10} {v['nodes']:>4} nodes, {v['seconds']:7.1f} s summed")
    sql = result.get("compiled_sql")
    if sql:
        lines.append(f"compiled SQL  ingest {_s(sql.get('ingest_s'))} s + models {_s(sql.get('models_s'))} s = "
                     f"{_s(sql.get('total_s'))} s   CPU {_s(sql.get('timed_cpu_s'))} s   peak RSS {_gb(sql.get('peak_rss_bytes'))} GiB"
                     f"   (load {_load(result.get('load_before_compiled_sql'))})")
    pd_ = result.get("pandas")
    if pd_:
        check = pd_.get("check", {})
        lines.append(f"pandas        read {_s(pd_.get('read_s'))} s + transform {_s(pd_.get('transform_s'))} s   "
                     f"CPU {_s(pd_.get('cpu_s'))} s   peak RSS {_gb(pd_.get('peak_rss_bytes'))} GiB   (load {_load(result.get('load_before_pandas'))})")
        for stage, seconds in pd_.get("stages", {}).items():
            lines.append(f"  {stage:<22} {seconds:8.1f} s")
        lines.append(f"  equality with the published tables: {'PASSED' if check.get('passed') else 'FAILED'}")
        for item in check.get("items", []):
            lines.append(f"    [{'ok' if item['ok'] else 'DIFF'}] {item['name']}: {item['detail']}")
    for name, value in result.get("ratios", {}).items():
        lines.append(f"{name}: {_ratio(value)}")
    return "\n".join(lines)


def markdown_rows(results: list[dict]) -> str:
    """The per-scale table of RESULTS.md."""
    head = ("| scale | rounds (CB + cn rows) | load 1-min | " + " | ".join(STAGES) +
            " | pipeline total s | CPU s | peak RSS GiB | compiled SQL s (load) | SQL RSS GiB | pandas transform s (load) |"
            " pandas RSS GiB | pipeline/SQL | pandas/SQL | pandas check |")
    sep = "|" + "---|" * (head.count("|") - 1)
    rows = [head, sep]
    for r in results:
        p, sql, pd_ = r.get("pipeline", {}), r.get("compiled_sql", {}), r.get("pandas", {})
        counts = r.get("raw_rows") or {}
        counts = (f"{counts.get('crunchbase_funding_rounds', 0):,} + {counts.get('cn_export', 0):,}" if counts else "")
        rows.append(
            f"| {r['scale']} | {counts} | {_load(r.get('load_before_pipeline'))} | "
            + " | ".join(_s(p.get("stages", {}).get(s)) for s in STAGES)
            + f" | {_s(p.get('wall_s'))} | {_s(p.get('cpu_s'))} | {_gb(p.get('peak_rss_bytes'))}"
            + f" | {_s(sql.get('total_s'))} ({_load(r.get('load_before_compiled_sql'))}) | {_gb(sql.get('peak_rss_bytes'))}"
            + f" | {_s(pd_.get('transform_s'))} ({_load(r.get('load_before_pandas'))}) | {_gb(pd_.get('peak_rss_bytes'))}"
            + f" | {_ratio(r.get('ratios', {}).get('pipeline_over_compiled_sql'))}"
            + f" | {_ratio(r.get('ratios', {}).get('pandas_over_sql_transform'))}"
            + f" | {'passed' if pd_.get('check', {}).get('passed') else ('failed' if pd_ else '—')} |"
        )
    return "\n".join(rows)
