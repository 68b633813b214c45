"""Benchmarks of the whole flow and two baselines (`python -m benchmarks run --scale N`).

    __main__.py        the command line
    harness.py         one benchmark point: data, the three child processes, the result JSON
    data.py            the raw data: the shipped sample, or the generator at a scale (cached)
    measure.py         wall time, CPU and peak RSS of a child process tree (/proc)
    flow.py            child: the real `deals_pipeline` job, stage times from the event log
    compiled_sql.py    child: ingest + dbt's compiled SQL in one DuckDB connection
    pandas_baseline/   child: the same transformation in pandas, checked against the pipeline
    report.py          the tables (terminal, RESULTS.md)
"""
