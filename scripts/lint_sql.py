"""Lint the dbt models with sqlfluff (rules and their reasons: .sqlfluff), as dbt compiles them.

The dbt templater compiles every model, and some macros read seeds while compiling (legal
suffixes, taxonomy keywords, amount qualifiers), so the seeds are loaded first into a throw-away
warehouse in a temporary directory: no warehouse is needed, and nothing is written into the
checkout. CI runs this (README's test command), and so does the pre-commit hook on the models a
commit changes.

    python scripts/lint_sql.py                      # lint dbt_project/models and dbt_project/tests
    python scripts/lint_sql.py path/to/model.sql    # lint these files
    python scripts/lint_sql.py --fix [paths]        # let sqlfluff fix what it can
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DBT_DIR = REPO / "dbt_project"
DEFAULT_PATHS = ["dbt_project/models", "dbt_project/tests"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="SQL files or folders (default: the models and tests)")
    parser.add_argument("--fix", action="store_true", help="fix what sqlfluff can fix, then report the rest")
    args = parser.parse_args(argv)

    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="lint_sql_") as tmp:
        env = {
            **os.environ,
            "DEALS_WAREHOUSE_DIR": tmp,  # profiles.yml: the warehouse the templater compiles against
            "DBT_TARGET_PATH": str(Path(tmp) / "target"),
            "DBT_LOG_PATH": str(Path(tmp) / "logs"),
            "DO_NOT_TRACK": "1",
        }
        seed = subprocess.run(
            [str(bin_dir / "dbt"), "seed", "--quiet", "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR)],
            cwd=REPO, env=env, capture_output=True, text=True, check=False,
        )
        if seed.returncode != 0:
            print("dbt seed failed, so the models cannot be compiled for the lint:", file=sys.stderr)
            print(seed.stdout[-4000:], seed.stderr[-2000:], sep="\n", file=sys.stderr)
            return seed.returncode
        command = [str(bin_dir / "sqlfluff"), "fix" if args.fix else "lint", *(args.paths or DEFAULT_PATHS)]
        return subprocess.run(command, cwd=REPO, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
