"""The project's docs stand on their own: the published-table reference is generated from the dbt
YAML and current, and nothing in the repo points to documents outside it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.dbt
def test_the_published_table_reference_is_current(dbt_manifest):
    sys.path.insert(0, str(REPO / "scripts"))
    from published_tables_doc import PAGE, render

    from pipeline.dbt_manifest import manifest_path

    assert PAGE.read_text() == render(json.loads(manifest_path().read_text())), (
        "docs/published-tables.md is stale: run python scripts/published_tables_doc.py")


@pytest.mark.unit
def test_nothing_refers_outside_the_repo():
    pattern = r"\.\./shared|shared/spec|/work/shared|raw-sources\.md|report-metrics\.md|published-marts\.md"
    found = subprocess.run(["git", "grep", "-nE", pattern, "--", ".", ":!tests/test_docs.py"],
                           cwd=REPO, capture_output=True, text=True)
    assert found.stdout == "", found.stdout
