"""A plain pandas implementation of the transformation (staging parse, entity resolution,
cross-source dedup, classification, fct_deals and two metric marts): what an analyst would write
without the SQL pipeline. One module per stage; `run` times each and checks the result against
the pipeline's published tables (compare.py).

Input: the raw tables the pipeline's ingest wrote (read from a DuckDB file), and the seeds as CSV.
Scope: the deal sources of the shipped exports (cn_export, Crunchbase, unicorns, FX); analyst
manual additions/exclusions are not implemented and make the run fail with a clear message.
"""
