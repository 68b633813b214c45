"""The benchmark long tail of `--scale X` (X > 1): about (X-1) × 1,000 more Crunchbase funding rounds
(all sectors, ~25 % AI) and (X-1) × 100 more cn_export rows, appended to the calibrated sample.

Written in a streaming way (chunks, open file handles) so `--scale 1000` (~1M rounds, ~100k
cn_export rows) stays far below 2 GB of memory. Texts come from templates validated once against
vocab.classify (with the same name suffixes), and synthetic names are checked against the
keyword list, so every company still classifies to its truth. The long tail is not calibrated:
it adds amounts to every figure (that is the point of a benchmark, not of the sample).
"""
