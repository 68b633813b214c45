"""Dagster definitions, one module per stage of the flow; loaded by pipeline/definitions.py."""
