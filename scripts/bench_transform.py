"""Benchmark of the transform (dbt staging → intermediate → core marts) at production scale.

Builds a throw-away warehouse with synthetic raw tables of the requested size — by default
1,000,000 Crunchbase funding rounds and 100,000 cn_export rows, with organizations, investments,
unicorns and the ECB-derived FX rates — then times `dbt run` of the transform models (seeds
first, untimed) and, unless --no-tests, `dbt test` of the same selection.

    python scripts/bench_transform.py                   # full scale, prints the timings
    python scripts/bench_transform.py --rounds 100000 --cn-rows 10000 --keep /tmp/bench
    python scripts/bench_transform.py --sample-scale 1000   # the sample generator's long tail
                                                            # (~1M rounds, ~100k cn rows), loaded
                                                            # by the real ingest (untimed)

The synthetic rows use the real export formats (dates in every cn form, fuzzy amounts,
continuation rows, Chinese aliases in Crunchbase, overlapping cn files) so the joins, regexes and
dedup do the work they do on real data. Generation happens in DuckDB (seconds); the ingest of CSV
files is not part of this benchmark.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
DBT_DIR = REPO / "dbt_project"
TRANSFORM_SELECTION = ["path:models/staging", "path:models/intermediate", "path:models/marts/core"]


def create_raw_schema(warehouse: Path) -> None:
    """Empty raw tables with the exact ingest schema (via the real loader on an empty raw dir);
    fx_rates gets the ECB-derived monthly rates, as a raw dir without reference/fx_rates.csv does."""
    sys.path.insert(0, str(REPO))
    from pipeline.ingest.load import load_source
    from pipeline.ingest.sources import SOURCES

    empty_raw = warehouse / "empty_raw"
    empty_raw.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"))
    try:
        for name in SOURCES:
            load_source(con, name, empty_raw)
    finally:
        con.close()


def fill_raw(warehouse: Path, rounds: int, cn_rows: int) -> dict[str, int]:
    orgs = max(rounds // 4, 1)
    investments = rounds * 2
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"))
    con.execute("set threads = 2")
    try:
        con.execute(f"""
            insert into raw.crunchbase_organizations by name
            select
                'org-' || i as uuid,
                'Org' || i || (['', ' AI', ' Labs', ' Robotics', ' Health', ' Inc.'])[1 + i % 6] as name,
                'Org' || i || ' Inc.' as legal_name,
                (['USA', 'CHN', 'GBR', 'FRA', 'DEU', 'ISR', 'JPN', 'IND', 'CAN', 'HKG'])[1 + i % 10] as country_code,
                'Region' as region, 'City' as city,
                (['Builds large language models for enterprises.', 'Runs an AI cloud for training.',
                  'Online marketplace for home goods.', 'Computer vision for factories, powered by AI.',
                  'Dental clinics and health care services.', 'AI agents for customer support.'])[1 + i % 6]
                    as short_description,
                (['Artificial Intelligence (AI),Generative AI,Machine Learning', 'Artificial Intelligence (AI),Cloud Computing',
                  'E-Commerce,Retail', 'Artificial Intelligence (AI),Computer Vision', 'Health Care,Medical',
                  'Artificial Intelligence (AI),Enterprise Software'])[1 + i % 6] as category_list,
                'Software' as category_groups_list,
                '2015-01-01' as founded_on,
                case when i % 5 = 0 then '公司' || (i // 5) || '智能' end as alias1,
                null as alias2, null as alias3,
                'crunchbase/organizations.csv' as _source_file, (i + 2)::integer as _source_row,
                'bench' as _file_hash, 'utf-8' as _encoding, 'org-' || i as _record_key,
                now()::timestamp as _loaded_at
            from range({orgs}) t(i)
        """)
        con.execute(f"""
            insert into raw.crunchbase_funding_rounds by name
            select
                'round-' || i as uuid,
                'Round - Org' || (i % {orgs}) as name,
                'org-' || (i % {orgs}) as org_uuid,
                'Org' || (i % {orgs}) as org_name,
                (['seed', 'series_a', 'series_b', 'series_c', 'corporate_round', 'debt_financing',
                  'series_unknown', 'angel', 'private_equity', 'grant'])[1 + (i * 7) % 10] as investment_type,
                strftime(date '2016-01-01' + ((i * 37) % 3400)::integer, '%Y-%m-%d') as announced_on,
                case when i % 9 = 0 then '' else ((1 + (i * 13) % 500) * 100000)::varchar end as raised_amount,
                case when i % 9 = 0 then '' else (['USD', 'USD', 'USD', 'EUR', 'GBP', 'CNY'])[1 + i % 6] end
                    as raised_amount_currency_code,
                '' as raised_amount_usd, '' as post_money_valuation_usd, '3' as investor_count,
                '' as lead_investor_uuids,
                'crunchbase/funding_rounds.csv' as _source_file, (i + 2)::integer as _source_row,
                'bench' as _file_hash, 'utf-8' as _encoding, 'round-' || i as _record_key,
                now()::timestamp as _loaded_at
            from range({rounds}) t(i)
        """)
        con.execute(f"""
            insert into raw.crunchbase_investments by name
            select
                'inv-' || i as uuid, 'round-' || (i % {rounds}) as funding_round_uuid,
                'investor-' || (i % 5000) as investor_uuid,
                (['Sequoia Capital', 'Microsoft', 'Temasek', 'Fund ' || (i % 5000), '国家中小企业发展基金'])[1 + i % 5]
                    as investor_name,
                'venture_capital' as investor_type, 'false' as is_lead_investor,
                'crunchbase/investments.csv' as _source_file, (i + 2)::integer as _source_row,
                'bench' as _file_hash, 'utf-8' as _encoding, 'inv-' || i as _record_key,
                now()::timestamp as _loaded_at
            from range({investments}) t(i)
        """)
        # cn_export: each company has a company row and two continuation rows; one company in five
        # is also a Crunchbase organization (its Chinese alias), so cross-source dedup has work.
        con.execute(f"""
            insert into raw.cn_export by name
            with rows as (
                select i, i // 3 as company, i % 3 as position from range({cn_rows}) t(i)
            )
            select
                case when position = 0 then '公司' || company || '智能' end as "公司名称",
                case when position = 0 then '北京公司' || company || '智能科技有限公司' end as "工商名称",
                case when position = 0 then (['北京-海淀区', '上海-浦东新区', '广东-深圳', '香港-中西区', '北美洲-美国'])[1 + company % 5] end as "地点",
                case when position = 0 then (['人工智能', '企业服务', '硬件', '医疗健康'])[1 + company % 4] end as "行业",
                case when position = 0 then (['大模型', '计算机视觉', 'AI芯片', '口腔连锁'])[1 + company % 4] end as "子行业",
                case when position = 0 then '公司简介' end as "公司简介",
                (['2024-03-05', '2023/7/1', '2022.11.20', '2021年5月9日', '2024-06'])[1 + i % 5] as "融资时间",
                (['A轮', 'B轮', '天使轮', '战略投资', 'Pre-A轮', 'C轮'])[1 + (i * 7) % 6] as "轮次",
                (['1000万人民币', '数千万人民币', '1.5亿美元', '未透露', '近亿人民币', '超10亿元', '500万欧元'])[1 + i % 7]
                    as "融资金额",
                '红杉中国,国家中小企业发展基金' as "投资方",
                case when position = 0 then '9.1亿' end as "融资总额",
                'cn_export/export_' || (company % 2) || '.csv' as _source_file,
                (i + 2)::integer as _source_row, 'bench' as _file_hash, 'utf-8' as _encoding,
                md5(company || '|' || i) as _record_key,
                position > 0 as _is_continuation,
                (i - position + 2)::integer as _company_row,
                '公司' || company || '智能' as _company_name,
                now()::timestamp as _loaded_at
            from rows
        """)
        con.execute(f"""
            insert into raw.unicorns by name
            select 'Org' || (i * 97 % {orgs}) as "Company", '$' || (1 + i % 50) as "Valuation ($B)",
                   strftime(date '2018-01-01' + (i * 11 % 2500)::integer, '%-m/%-d/%Y') as "Date Joined",
                   (['United States', 'China', 'United Kingdom'])[1 + i % 3] as "Country", 'City' as "City",
                   (['Artificial intelligence', 'Fintech', 'Enterprise Tech'])[1 + i % 3] as "Industry",
                   'Sequoia Capital' as "Select Investors",
                   'unicorns/list.csv' as _source_file, (i + 2)::integer as _source_row, 'bench' as _file_hash,
                   'utf-8' as _encoding, md5('u' || i) as _record_key, now()::timestamp as _loaded_at
            from range(1500) t(i)
        """)
        counts = {
            t: con.execute(f"select count(*) from raw.{t}").fetchone()[0]
            for t in ["crunchbase_organizations", "crunchbase_funding_rounds", "crunchbase_investments",
                      "cn_export", "unicorns", "fx_rates"]
        }
    finally:
        con.close()
    return counts


def load_generated_sample(warehouse: Path, scale: float) -> dict[str, int]:
    """Generate the sample at `scale` with sample_generator and load it with the real ingest."""
    sys.path.insert(0, str(REPO))
    from pipeline.ingest.load import load_source
    from pipeline.ingest.sources import SOURCES

    raw = warehouse / "raw"
    subprocess.run([sys.executable, "-m", "sample_generator", "--out", str(raw), "--seed", "42",
                    "--scale", str(scale), "--quiet"], cwd=REPO, check=True)
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"))
    try:
        return {name: load_source(con, name, raw).rows for name in SOURCES}
    finally:
        con.close()


def dbt(args: list[str], warehouse: Path) -> tuple[float, float]:
    """Run dbt; return (wall-clock seconds, CPU seconds of dbt and its DuckDB threads). On a
    shared machine the wall clock depends on the neighbours; CPU seconds do not, and CPU / 2 is
    the wall clock on an idle 2-core machine when both cores are kept busy."""
    env = {**os.environ, "DO_NOT_TRACK": "1", "DEALS_WAREHOUSE_DIR": str(warehouse)}
    dbt_bin = Path(sys.executable).parent / "dbt"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [str(dbt_bin), *args, "--target-path", str(warehouse / "dbt_target")],
        cwd=DBT_DIR, env=env, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-5000:])
        raise SystemExit(f"dbt {' '.join(args)} failed")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1_000_000, help="Crunchbase funding rounds")
    parser.add_argument("--cn-rows", type=int, default=100_000, help="cn_export rows")
    parser.add_argument("--sample-scale", type=float,
                        help="use the sample generator at this scale instead of synthetic tables")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp dir, removed)")
    parser.add_argument("--no-tests", action="store_true", help="time the models only")
    args = parser.parse_args()

    warehouse = args.keep or Path(tempfile.mkdtemp(prefix="bench_transform_"))
    warehouse.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        if args.sample_scale:
            counts = load_generated_sample(warehouse, args.sample_scale)
        else:
            create_raw_schema(warehouse)
            counts = fill_raw(warehouse, args.rounds, args.cn_rows)
        print(f"raw tables generated in {time.perf_counter() - t0:.1f} s: {counts}")
        dbt(["seed", "--full-refresh"], warehouse)
        print(f"load average before the run: {os.getloadavg()[0]:.2f} (other processes share the cores)")
        run_s, run_cpu = dbt(["run", "--select", *TRANSFORM_SELECTION], warehouse)
        print(f"dbt run (staging + intermediate + core marts): {run_s:.1f} s wall, {run_cpu:.1f} s CPU")
        if not args.no_tests:
            test_s, test_cpu = dbt(["test", "--select", *TRANSFORM_SELECTION], warehouse)
            print(f"dbt test (same selection: data and unit tests): {test_s:.1f} s wall, {test_cpu:.1f} s CPU")
        con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
        deals, sources, quarantined = con.execute(
            "select (select count(*) from marts.fct_deals), (select count(*) from marts.fct_deal_sources),"
            " (select count(*) from marts.audit_quarantine)").fetchone()
        con.close()
        print(f"fct_deals {deals:,} rows, fct_deal_sources {sources:,}, audit_quarantine {quarantined:,}")
    finally:
        if not args.keep:
            shutil.rmtree(warehouse, ignore_errors=True)


if __name__ == "__main__":
    main()
