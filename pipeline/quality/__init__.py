"""The quality gate between the working file and the published one (docs/publishing.md).

    contract.py         the published tables, their columns, kinds and keys (docs/published-tables.md)
    suites.py           GX expectation suites of every published table, as code
    staging.py          the staged deals' suite (int_deal_records_collapsed)
    reconciliations.py  numbers that must agree across tables
    monitors.py         warnings: volume, freshness, cn_export control totals, descriptions
    gate.py             every check, blocking or not, and run_gate() over a working file
    gx_runner.py        runs one suite in-process on a pandas frame, summarises it for people
    tables.py           read-only frames from a DuckDB file
    catalog.py          the list of every expectation (python -m pipeline.quality.catalog)
"""
