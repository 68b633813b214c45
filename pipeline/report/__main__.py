"""`python -m pipeline.report [PUBLISHED_DB] [OUT_DIR]`: render the report without Dagster
(defaults: the warehouse dir's published.duckdb and report/ beside it)."""

import sys
from pathlib import Path

from pipeline import settings
from pipeline.report.build import write_report


def main(argv: list[str]) -> None:
    published = Path(argv[0]) if argv else settings.warehouse_dir() / settings.PUBLISHED_DB_NAME
    out_dir = Path(argv[1]) if len(argv) > 1 else published.parent / "report"
    files = write_report(published, out_dir)
    print(files.html_path)
    print(files.markdown_path)


if __name__ == "__main__":
    main(sys.argv[1:])
