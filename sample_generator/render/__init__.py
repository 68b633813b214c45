"""Renderers of the raw directory: one module per source, the truth tables, the .xlsx writer."""
