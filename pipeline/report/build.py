"""Write the report files: <out_dir>/report.html and <out_dir>/report.md."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline import settings
from pipeline.report.data import ReportData, load_report_data
from pipeline.report.examples import add_examples, load_examples
from pipeline.report.render import to_html, to_markdown
from pipeline.report.sections import build_document


@dataclass
class ReportFiles:
    html_path: Path
    markdown_path: Path
    markdown: str
    data: ReportData


def _write_atomically(path: Path, text: str) -> None:
    """Readers (a browser refreshing, a file share) never see a half-written report."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; the report is for everyone who reads the share
    os.replace(tmp, path)


def write_report(published_db: Path, out_dir: Path) -> ReportFiles:
    data = load_report_data(published_db)
    document = add_examples(build_document(data), load_examples(settings.SQL_EXAMPLES_DIR))
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path, markdown_path = out_dir / "report.html", out_dir / "report.md"
    markdown = to_markdown(document)
    _write_atomically(html_path, to_html(document))
    _write_atomically(markdown_path, markdown)
    return ReportFiles(html_path, markdown_path, markdown, data)

