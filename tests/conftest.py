"""Shared test set-up: a fresh dbt manifest once per session, and per-test warehouse dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# Tests never phone home and never write into the repo's warehouse/.
os.environ["DO_NOT_TRACK"] = "1"


@pytest.fixture(scope="session")
def dbt_manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A session-wide warehouse dir holding a dbt manifest parsed fresh once (for tests that load
    the Dagster definitions)."""
    from pipeline import settings
    from pipeline.dbt_manifest import ensure_manifest

    warehouse = tmp_path_factory.mktemp("session_warehouse")
    os.environ[settings.WAREHOUSE_DIR_ENV] = str(warehouse)
    ensure_manifest(force=True)
    return warehouse
