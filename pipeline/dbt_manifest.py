"""The dbt project as the stages see it: where dbt is, the cached DbtProject, and a manifest kept
in step with the models (dagster-dbt builds the asset graph from the manifest).

Nothing here runs at import. `ensure_manifest()` is called when the definitions load (the
`@dg.definitions` of pipeline/defs/transform.py): it runs `dbt parse` only when the project's files,
the dbt version or the warehouse location differ from those of the last parse, so a run whose
models did not change starts without a parse, and a changed model is never run from a stale
manifest. The fingerprint is a hash of every file dbt reads (models, macros, seeds, tests,
dbt_project.yml, profiles.yml), written beside the manifest.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline import settings

FINGERPRINT_NAME = "manifest.fingerprint"
# what dbt reads from the project dir (dbt_project.yml: model/seed/macro/test paths)
PROJECT_FOLDERS = ("models", "macros", "seeds", "tests", "analyses", "snapshots")
PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "packages.yml", "dependencies.yml", "selectors.yml")


def dbt_executable() -> str:
    """The dbt next to this Python (the venv's), else `dbt` on PATH: no change to PATH needed."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def dbt_vars_for(warehouse: Path) -> dict[str, str]:
    """The dbt vars that point dbt at a warehouse (profiles.yml reads var('warehouse_dir'))."""
    return {"warehouse_dir": str(warehouse)}


def dbt_project():
    """dagster-dbt's DbtProject of the current warehouse (its target is in the warehouse dir)."""
    return _dbt_project(settings.dbt_target_dir())


@functools.cache
def _dbt_project(target: Path):
    from dagster_dbt import DbtProject

    return DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR, target_path=target)


def manifest_path() -> Path:
    return settings.dbt_target_dir() / "manifest.json"


def project_fingerprint(warehouse: Path | None = None) -> str:
    """A hash of everything a parse depends on: the project's files, dbt's version, the warehouse."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update(f"dbt-core {version('dbt-core')} dbt-duckdb {version('dbt-duckdb')}\n".encode())
    digest.update(f"warehouse {warehouse or settings.warehouse_dir()}\n".encode())
    root = settings.DBT_PROJECT_DIR
    files = [root / name for name in PROJECT_FILES if (root / name).is_file()]
    for folder in PROJECT_FOLDERS:
        if (root / folder).is_dir():
            files += sorted(p for p in (root / folder).rglob("*") if p.is_file())
    for path in files:
        digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def ensure_manifest(force: bool = False) -> Path:
    """The manifest of the project as it is now: parsed again only when the fingerprint changed
    (or `force`). Raises RuntimeError with dbt's own output when the parse fails."""
    path = manifest_path()
    target = settings.dbt_target_dir()
    stamp = target / FINGERPRINT_NAME
    warehouse = settings.warehouse_dir()
    fingerprint = project_fingerprint(warehouse)
    if not force and path.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return path
    target.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    proc = subprocess.run(
        # target and logs in the warehouse dir: a parse writes nothing into the checkout
        [dbt_executable(), "parse", "--quiet", "--target-path", str(target), "--log-path", str(settings.dbt_log_dir()),
         "--project-dir", str(settings.DBT_PROJECT_DIR), "--profiles-dir", str(settings.DBT_PROJECT_DIR),
         "--vars", json.dumps(dbt_vars_for(warehouse))],
        env={**os.environ, "DO_NOT_TRACK": "1"}, capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{proc.stdout}\n{proc.stderr}")
    stamp.write_text(fingerprint)
    return path


@functools.cache
def _manifest_models(path: Path, modified_ns: int) -> tuple[tuple[str, str | None], ...]:
    manifest = json.loads(path.read_text())
    return tuple(sorted((n["name"], n["config"].get("schema"))
                        for n in manifest["nodes"].values() if n["resource_type"] == "model"))


def published_and_all_models() -> tuple[list[str], list[str]]:
    """(marts, every model) from the manifest: the marts are the models built into schema
    `marts`, which is what gets published."""
    path = ensure_manifest()
    models = _manifest_models(path, path.stat().st_mtime_ns)
    return sorted(name for name, schema in models if schema == settings.MARTS_SCHEMA), [name for name, _ in models]
