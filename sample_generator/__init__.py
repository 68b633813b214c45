"""Deterministic sample-data generator: `python -m sample_generator --out raw --seed 42` (see README.md)."""
