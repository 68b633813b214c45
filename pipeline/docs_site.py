"""The data docs: dbt's documentation site of the build — every model, seed and source with its
description and columns (types from the working file's catalog), the tests, the SQL and the lineage
graph — as one self-contained page, `<warehouse>/report/docs.html`, beside the report that links to
it (`docs.html#!/model/model.ai_deals.<mart>`).

`dbt docs generate --static` does the work. It reads the working file through the profile's `docs`
target, which opens it read-only: generating the docs never takes DuckDB's writer lock, so readers
of the working file are never blocked. It compiles with the vars of the run's own `dbt build`, so
the compiled SQL shown is the SQL that ran.

dbt's page is made for a web server; opened from a file, it asked for a few URLs that do not exist
(an icon template before AngularJS filled it in, a favicon). `make_offline` removes those requests
and adds a Content-Security-Policy that forbids the page any network access, so it opens offline,
from a shared drive or an e-mail attachment, and never phones home (dbt's tracking is off too).
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import tempfile
from pathlib import Path

from pipeline import settings

DOCS_FILE_NAME = "docs.html"
DBT_DOCS_TARGET = "docs"  # the read-only target of dbt_project/profiles.yml


class DocsSiteError(Exception):
    """`dbt docs generate` failed; the message holds dbt's own output."""


@functools.cache
def project_name() -> str:
    """The dbt project's name (dbt_project.yml `name`): the docs' node ids are model.<name>.<model>."""
    for line in (settings.DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("name:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    raise DocsSiteError("dbt_project.yml has no name")


def model_link(model: str, project: str | None = None) -> str:
    """The docs page of a model, relative to the report dir (where both pages are written)."""
    return f"{DOCS_FILE_NAME}#!/model/model.{project or project_name()}.{model}"


def build_vars(run_target: Path) -> dict:
    """The --vars of the dbt build whose target dir this is (its run_results.json), {} without one."""
    try:
        results = json.loads((run_target / "run_results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    chosen = results.get("args", {}).get("vars") or {}
    return chosen if isinstance(chosen, dict) else {}


# What dbt's page asks for when opened from a file, and what it gets instead (the originals are
# inside the page's JavaScript bundle, hence the escaped quotes).
OFFLINE_PATCHES = [
    # The file tree's icons: an SVG <use> with an href template the browser fetches as a relative
    # URL before AngularJS fills it in (0.6k failed requests per page). ng-attr-href sets the
    # attribute only once it is filled in (an in-page #symbol, nothing to fetch).
    ("<use xlink:href=\"{{ getIcon(item.type, \\'on\\') }}\">",
     "<use ng-attr-href=\"{{ getIcon(item.type, \\'on\\') }}\">"),
    ("<use xlink:href=\"{{ getIcon(item.type, \\'off\\') }}\">",
     "<use ng-attr-href=\"{{ getIcon(item.type, \\'off\\') }}\">"),
    # A favicon left as an unbuilt webpack require(): an empty icon instead of a missing file.
    ("<link rel=\"shortcut icon\" href=\"${require('./assets/favicons/favicon.ico')}\"/>",
     "<link rel=\"icon\" href=\"data:,\"/>"),
]
# The page is one file: inline scripts and styles, images and fonts as data: URIs. Nothing else
# may load (AngularJS evaluates its expressions with Function(), hence 'unsafe-eval').
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'none'; form-action 'none'"
)


def make_offline(html: str) -> str:
    for original, replacement in OFFLINE_PATCHES:
        html = html.replace(original, replacement)
    csp = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    head = html.find("<head>")
    if head < 0:
        raise DocsSiteError("dbt's static docs page has no <head>")
    cut = head + len("<head>")
    return html[:cut] + csp + html[cut:]


def _dbt_docs_generate(warehouse: Path, target: Path, dbt_vars: dict) -> Path:
    from pipeline.dbt_manifest import dbt_executable, dbt_vars_for

    dbt_vars = {**dbt_vars, **dbt_vars_for(warehouse)}
    env = {**os.environ, "DO_NOT_TRACK": "1"}
    args = [dbt_executable(), "--no-send-anonymous-usage-stats", "docs", "generate", "--static",
            "--target", DBT_DOCS_TARGET, "--target-path", str(target),
            "--log-path", str(settings.dbt_log_dir(warehouse)),
            "--project-dir", str(settings.DBT_PROJECT_DIR), "--profiles-dir", str(settings.DBT_PROJECT_DIR)]
    args += ["--vars", json.dumps(dbt_vars)]
    proc = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    page = target / "static_index.html"
    if proc.returncode != 0 or not page.exists():
        raise DocsSiteError(f"dbt docs generate failed (exit {proc.returncode}):\n"
                            f"{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}".rstrip())
    return page


def docs_fingerprint(warehouse: Path, dbt_vars: dict) -> str:
    """What the page depends on: the dbt project's files (models, descriptions, tests: hence the
    catalog's tables and column types too) and the build's vars."""
    from pipeline.dbt_manifest import project_fingerprint

    return f"{project_fingerprint(warehouse)} {json.dumps(dbt_vars, sort_keys=True)}"


def docs_site_is_current(warehouse: Path, out_dir: Path, dbt_vars: dict | None = None) -> bool:
    """True when `<out_dir>/docs.html` was generated from this project and these vars: a rerun on
    new exports with unchanged models does not pay for `dbt docs generate` again."""
    stamp = settings.dbt_target_dir(warehouse) / "docs" / "docs.fingerprint"
    return ((out_dir / DOCS_FILE_NAME).exists() and stamp.exists()
            and stamp.read_text() == docs_fingerprint(warehouse, dbt_vars or {}))


def write_docs_site(warehouse: Path, out_dir: Path, dbt_vars: dict | None = None) -> Path:
    """Generate the docs of the working file's build and write `<out_dir>/docs.html` (atomically:
    a reader never sees half a page). dbt's own target dir is `<warehouse>/dbt_target/docs/`."""
    target = settings.dbt_target_dir(warehouse) / "docs"
    target.mkdir(parents=True, exist_ok=True)
    stamp = target / "docs.fingerprint"
    stamp.unlink(missing_ok=True)
    page = _dbt_docs_generate(warehouse, target, dbt_vars or {})
    html = make_offline(page.read_text(encoding="utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / DOCS_FILE_NAME
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(html)
    os.chmod(tmp, 0o644)  # for everyone who reads the share, like the report
    os.replace(tmp, path)
    stamp.write_text(docs_fingerprint(warehouse, dbt_vars or {}))
    return path
