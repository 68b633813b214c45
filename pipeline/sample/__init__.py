"""Deterministic sample-data generator: `python -m pipeline.sample --out raw --seed 42` (see README.md)."""
