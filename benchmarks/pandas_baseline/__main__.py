"""`python -m benchmarks.pandas_baseline --raw-db DB --published PUBLISHED --out result.json`"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import duckdb

from benchmarks.pandas_baseline import (
    classification,
    compare,
    dedup,
    marts,
    resolution,
    staging,
)

RAW_TABLES = ["cn_export", "crunchbase_organizations", "crunchbase_funding_rounds", "crunchbase_investments",
              "unicorns", "fx_rates", "manual_additions", "manual_exclusions"]


def read_raw(db: Path) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"select * from raw.{t}").df() for t in RAW_TABLES}


def transform(raw: dict, timings: dict) -> dict:
    def timed(stage, fn, *args):
        started = time.perf_counter()
        value = fn(*args)
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started
        return value

    for table in ["manual_additions", "manual_exclusions"]:
        if (raw[table]["_line_error"].isna()).any():
            raise SystemExit(f"pandas baseline: raw.{table} has rows; analyst additions/exclusions are not implemented")
    cn = timed("staging", staging.cn_export, raw["cn_export"])
    orgs = timed("staging", staging.crunchbase_organizations, raw["crunchbase_organizations"])
    rounds = timed("staging", staging.crunchbase_funding_rounds, raw["crunchbase_funding_rounds"], orgs)
    investments = timed("staging", staging.crunchbase_investments, raw["crunchbase_investments"])
    unicorns = timed("staging", staging.unicorns, raw["unicorns"])
    fx = timed("staging", staging.fx_rates, raw["fx_rates"])

    mentions = timed("entity_resolution", resolution.mentions, orgs, cn, unicorns)
    resolved = timed("entity_resolution", resolution.resolve, mentions)
    companies = timed("entity_resolution", resolution.companies, mentions, resolved)

    rows = timed("dedup", dedup.deal_rows, cn, rounds, fx)
    records = timed("dedup", dedup.deal_records, rows, resolved)
    matches = timed("dedup", dedup.deal_ids, records)
    deals = timed("dedup", dedup.deals, records, matches, companies)

    classified = timed("classification", classification.classify_companies, companies, mentions, resolved)
    types = timed("classification", classification.investor_types, rows, investments)

    investors = timed("marts", marts.deal_investors, records, matches, investments, types)
    fct = timed("marts", marts.fct_deals, deals, companies, classified, investors)
    yearly = timed("marts", marts.funding_yearly, fct)
    countries = timed("marts", marts.country_comparison, fct)
    return {"fct_deals": fct, "mart_funding_yearly": yearly, "mart_country_comparison": countries}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pandas_baseline", description=__doc__)
    parser.add_argument("--raw-db", required=True, type=Path, help="a DuckDB file with the ingest's raw.* tables")
    parser.add_argument("--published", required=True, type=Path, help="the pipeline's published.duckdb")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    raw = read_raw(args.raw_db)
    read_s = time.perf_counter() - started
    timings: dict[str, float] = {}
    started = time.perf_counter()
    out = transform(raw, timings)
    transform_s = time.perf_counter() - started
    check = compare.compare(str(args.published), out["fct_deals"], out["mart_funding_yearly"], out["mart_country_comparison"])
    result = {"read_s": read_s, "transform_s": transform_s, "stages": timings,
              "rows": {k: len(v) for k, v in out.items()}, "check": check}
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    for item in check["items"]:
        print(f"[{'ok' if item['ok'] else 'DIFF'}] {item['name']}: {item['detail']}")
    return 0 if check["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
