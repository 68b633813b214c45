"""Measured quality of the transform on the sample's truth file.

The sample generator (sample_generator) writes raw exports in the real formats and, beside them,
the truth: which raw line belongs to which financing event (records.csv), and each event's
company, classification and amount (events.csv). This test builds the transform on the sample
(generated afresh with the shipped sample's seed; the shipped raw/ + sample_truth/ when the
generator is not there) and measures, against the truth:

* dedup precision and recall, pairwise over raw export lines (cn_export rows and Crunchbase
  rounds that belong to an event): a pair is "together" when both lines are in one event (truth)
  or one deal (pipeline). Lines the pipeline did not turn into a deal are never together.
* is_ai accuracy over events, segment accuracy over AI events (each event is compared with the
  deal that holds most of its lines; an event without a deal counts as wrong);
* control totals: the companies listed as 融资总额 mismatches against the truth's flag;
* amount: the amount_cny of every deal that is exactly one event (the same raw lines) within 0.5 %
  of the event's (a dedup miss is already counted by recall; the share over all events is
  reported too);
* investor resolution precision and recall, pairwise over raw investor mentions (each name of a
  cn_export 投资方 cell, each Crunchbase investments row: investor_mentions.csv of the truth): a
  pair is "together" when both mentions are one investor (truth) or resolve to one investor_id
  (pipeline); and the type of each investor (dim_investors) against the truth's.

Thresholds are those of the transform's issue: precision and recall ≥ 0.98, segment ≥ 0.95,
is_ai ≥ 0.98, every amount within 0.5 %; investor resolution precision and recall ≥ 0.98. The numbers are printed (pytest -s) and written to
<tmp>/quality.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest.load import load_source
from pipeline.ingest.sources import SOURCES

pytestmark = pytest.mark.dbt

REPO = Path(__file__).resolve().parent.parent
DBT_DIR = REPO / "dbt_project"
TRANSFORM_SELECTION = ["path:seeds", "path:models/staging", "path:models/intermediate", "path:models/marts/core"]
SAMPLE_SEED = 42  # the shipped sample is `python -m sample_generator --out raw --seed 42`

# docs/taxonomy.md: "every report-named company lands in the segment a reader of the report expects"
REPORT_NAMED_COMPANIES = {
    "OpenAI": "aigc", "xAI": "aigc", "Anthropic": "aigc", "CoreWeave": "infrastructure", "Waymo": "application",
    "渊亭科技": "technology", "新石器": "application", "智谱AI": "aigc", "月之暗面": "aigc",
}


def _sample_dirs(tmp: Path) -> tuple[Path, Path]:
    """A raw dir and its truth: generated afresh with the shipped sample's seed (a few seconds,
    and immune to someone editing raw/ by hand), else the shipped raw/ + sample_truth/."""
    try:
        import sample_generator.generate  # noqa: F401
    except ImportError:
        shipped_raw, shipped_truth = REPO / "raw", REPO / "sample_truth"
        if (shipped_truth / "records.csv").exists() and (shipped_raw / "cn_export").is_dir():
            return shipped_raw, shipped_truth
        pytest.skip("no sample generator and no shipped sample (raw/ + sample_truth/)")
    raw, truth = tmp / "raw", tmp / "sample_truth"
    result = subprocess.run(
        [sys.executable, "-m", "sample_generator", "--out", str(raw), "--seed", str(SAMPLE_SEED), "--quiet"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return raw, truth


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("dbt_quality")
    raw, truth = _sample_dirs(tmp)
    warehouse = tmp / "warehouse"
    warehouse.mkdir()
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"))
    for name in SOURCES:
        load_source(con, name, raw)
    con.close()
    env = {**os.environ, "DO_NOT_TRACK": "1", "DEALS_WAREHOUSE_DIR": str(warehouse)}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "build", "--select", *TRANSFORM_SELECTION,
         "--target-path", str(warehouse / "dbt_target")],
        cwd=DBT_DIR, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-6000:]
    return warehouse, truth


def measure(warehouse: Path, truth: Path) -> dict[str, float]:
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    try:
        con.execute(f"create temp table t_records as select * from read_csv('{truth / 'records.csv'}', all_varchar = true)")
        con.execute(f"create temp table t_events as select * from read_csv('{truth / 'events.csv'}', all_varchar = true)")
        con.execute("""
            create temp table lines as
            select r.source_file, r.source_row::integer as source_row, r.event_id, s.deal_id
            from t_records as r
            left join marts.fct_deal_sources as s
                on s.source_file = r.source_file and s.source_row = r.source_row::integer
            where r.source in ('cn_export', 'crunchbase_funding_rounds') and r.event_id is not null
        """)
        # pairs counted from group sizes (n lines together give n(n-1)/2 pairs): linear, no self-join
        true_pairs, predicted_pairs, both = con.execute("""
            select
                (select coalesce(sum(n * (n - 1) / 2), 0) from (select count(*) as n from lines group by event_id)),
                (select coalesce(sum(n * (n - 1) / 2), 0)
                 from (select count(*) as n from lines where deal_id is not null group by deal_id)),
                (select coalesce(sum(n * (n - 1) / 2), 0)
                 from (select count(*) as n from lines where deal_id is not null group by event_id, deal_id))
        """).fetchone()
        con.execute("""
            create temp table event_deal as
            select e.*, d.is_ai as deal_is_ai, d.segment as deal_segment, d.sub_segment as deal_sub_segment,
                   d.amount_cny as deal_amount_cny
            from t_events as e
            left join (select event_id, mode(deal_id) as deal_id from lines where deal_id is not null group by event_id) as m
                using (event_id)
            left join marts.fct_deals as d using (deal_id)
        """)
        is_ai, segment, sub_segment, events = con.execute("""
            select
                avg(coalesce((is_ai = 'true') = deal_is_ai, false)::integer),
                avg(case when is_ai = 'true' then coalesce(segment = deal_segment, false)::integer end),
                avg(case when is_ai = 'true' then coalesce(sub_segment = deal_sub_segment, false)::integer end),
                count(*)
            from event_deal
        """).fetchone()
        # amounts: over the deals that are exactly one event (same lines), so a dedup miss (counted
        # by recall above) is not counted twice; all_events_amounts_ok shows the overall picture
        amounts_ok, amounts, all_ok, all_amounts = con.execute("""
            with event_sizes as (
                select event_id, count(*) as event_lines from lines group by event_id
            ),
            exact_deals as (
                -- deals whose lines are exactly the lines of one event
                select l.deal_id, any_value(l.event_id) as event_id
                from lines as l
                join event_sizes as s using (event_id)
                where l.deal_id is not null
                group by l.deal_id
                having count(distinct l.event_id) = 1 and count(*) = any_value(s.event_lines)
            )
            select
                count(*) filter (where abs(d.amount_cny - e.amount_cny::double) <= 0.005 * e.amount_cny::double),
                count(*),
                (select count(*) filter (where abs(deal_amount_cny - amount_cny::double) <= 0.005 * amount_cny::double)
                 from event_deal where amount_cny is not null),
                (select count(*) from event_deal where amount_cny is not null)
            from exact_deals as x
            join t_events as e using (event_id)
            join marts.fct_deals as d using (deal_id)
            where e.amount_cny is not null
        """).fetchone()
        con.execute(f"create temp table t_companies as select * from read_csv('{truth / 'companies.csv'}', all_varchar = true)")
        flagged_right, flagged, truth_mismatches = con.execute("""
            select
                count(*) filter (where c.is_mismatch and t.cn_total_mismatch = 'true'),
                count(*) filter (where c.is_mismatch),
                count(*) filter (where t.cn_total_mismatch = 'true')
            from intermediate.int_cn_export_control_totals_reconciled as c
            join t_companies as t on c.company_name in (t.name_zh, t.company_name)
        """).fetchone()
        named = {}
        for name, _ in REPORT_NAMED_COMPANIES.items():
            rows = con.execute(
                "select distinct segment from marts.dim_companies where list_contains(string_split(aliases, ' | '), ?)"
                " or company_name = ?", [name, name]).fetchall()
            named[name] = [r[0] for r in rows]
    finally:
        con.close()
    return {
        "dedup_precision": both / predicted_pairs if predicted_pairs else 1.0,
        "dedup_recall": both / true_pairs if true_pairs else 1.0,
        "is_ai_accuracy": is_ai,
        "segment_accuracy_ai": segment,
        "sub_segment_accuracy_ai": sub_segment,
        "amounts_within_0_5pct": amounts_ok / amounts if amounts else 1.0,
        "amounts_checked": amounts,
        "all_events_amounts_within_0_5pct": all_ok / all_amounts if all_amounts else 1.0,
        "events": events,
        "true_pairs": true_pairs,
        "control_total_mismatch_precision": flagged_right / flagged if flagged else 1.0,
        "control_total_mismatch_recall": flagged_right / truth_mismatches if truth_mismatches else 1.0,
        "named_company_segments": named,
    }


def measure_investors(warehouse: Path, truth: Path) -> dict[str, float]:
    """Investor resolution against the truth's investor mentions (pairs counted from group sizes,
    like the dedup pairs), and investor types."""
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    try:
        con.execute(f"create temp table t_mentions as select * from read_csv('{truth / 'investor_mentions.csv'}', all_varchar = true)")
        con.execute(f"create temp table t_investors as select * from read_csv('{truth / 'investors.csv'}', all_varchar = true)")
        con.execute("""
            create temp table mentions as
            select t.investor_key, p.investor_id
            from t_mentions as t
            left join (
                select m.source_file, m.source_row, m.investor_name, any_value(r.investor_id) as investor_id
                from intermediate.int_investor_mentions_keyed as m
                join intermediate.int_investor_mentions_resolved as r using (mention_ref)
                group by all
            ) as p
                on p.source_file = t.source_file and p.source_row = t.source_row::integer
               and p.investor_name = t.investor_name
        """)
        true_pairs, predicted_pairs, both, found, total = con.execute("""
            select
                (select coalesce(sum(n * (n - 1) / 2), 0) from (select count(*) as n from mentions group by investor_key)),
                (select coalesce(sum(n * (n - 1) / 2), 0)
                 from (select count(*) as n from mentions where investor_id is not null group by investor_id)),
                (select coalesce(sum(n * (n - 1) / 2), 0)
                 from (select count(*) as n from mentions where investor_id is not null group by investor_key, investor_id)),
                (select count(investor_id) from mentions),
                (select count(*) from mentions)
        """).fetchone()
        # each true investor's type against the investor holding most of its mentions
        typed, typed_right = con.execute("""
            with holder as (
                select investor_key, mode(investor_id) as investor_id from mentions
                where investor_id is not null group by investor_key
            )
            select count(*), count(*) filter (where d.investor_type = t.investor_type)
            from holder as h
            join t_investors as t using (investor_key)
            join marts.dim_investors as d using (investor_id)
        """).fetchone()
    finally:
        con.close()
    return {
        "investor_precision": both / predicted_pairs if predicted_pairs else 1.0,
        "investor_recall": both / true_pairs if true_pairs else 1.0,
        "investor_true_pairs": true_pairs,
        "investor_mentions_found": found / total if total else 1.0,
        "investor_mentions": total,
        "investor_type_accuracy": typed_right / typed if typed else 1.0,
    }


def test_quality_against_the_truth(built: tuple[Path, Path]):
    warehouse, truth = built
    m = measure(warehouse, truth)
    print("\ntransform quality on the sample:", json.dumps(m, ensure_ascii=False, indent=1))
    (warehouse / "quality.json").write_text(json.dumps(m, ensure_ascii=False, indent=1))
    assert m["true_pairs"] > 100 and m["amounts_checked"] > 1000  # the sample really has overlaps
    assert m["dedup_precision"] >= 0.98
    assert m["dedup_recall"] >= 0.98
    assert m["is_ai_accuracy"] >= 0.98
    assert m["segment_accuracy_ai"] >= 0.95
    assert m["amounts_within_0_5pct"] == 1.0
    # the control-total warning list finds the companies whose 融资总额 the truth says is off
    assert m["control_total_mismatch_precision"] >= 0.9
    assert m["control_total_mismatch_recall"] >= 0.9


def test_report_named_companies_land_where_the_report_puts_them(built: tuple[Path, Path]):
    warehouse, truth = built
    segments = measure(warehouse, truth)["named_company_segments"]
    for name, expected in REPORT_NAMED_COMPANIES.items():
        assert segments[name] == [expected], (name, segments[name])


def test_every_sample_row_is_staged_or_quarantined_as_the_truth_says(built: tuple[Path, Path]):
    warehouse, truth = built
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    try:
        con.execute(f"create temp table t_records as select * from read_csv('{truth / 'records.csv'}', all_varchar = true)")
        wrong = con.execute("""
            select r.source_file, r.source_row, r.is_bad, r.bad_reason, q.reason
            from t_records as r
            left join marts.audit_quarantine as q
                on q.source_file = r.source_file and q.source_row = r.source_row::integer
            where (r.is_bad = 'true') <> (q.reason is not null)
        """).fetchall()
        accounting = con.execute("select raw_table, rows_in, rows_staged, rows_quarantined from marts.audit_source_rows").fetchall()
    finally:
        con.close()
    assert wrong == []
    assert all(rows_in == staged + quarantined for _, rows_in, staged, quarantined in accounting)


def test_investor_resolution_against_the_truth(built: tuple[Path, Path]):
    """One investor across sources and languages (a16z = Andreessen Horowitz = 安德森·霍洛维茨,
    红杉中国 = HongShan, suffixes such as LLC or （有限合伙）), and nobody merged with a namesake."""
    warehouse, truth = built
    m = measure_investors(warehouse, truth)
    print("\ninvestor resolution on the sample:", json.dumps(m, indent=1))
    assert m["investor_mentions"] > 10_000 and m["investor_true_pairs"] > 100_000
    assert m["investor_mentions_found"] >= 0.999  # every mention of a deal row is one the pipeline reads
    assert m["investor_precision"] >= 0.98
    assert m["investor_recall"] >= 0.98
    assert m["investor_type_accuracy"] >= 0.95
