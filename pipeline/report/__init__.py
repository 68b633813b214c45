"""The regenerated report: figures read from the published marts, charts drawn as inline SVG,
written as one self-contained HTML page and the same content in Markdown.

    data.py      read the published file (read-only)        → ReportData
    sections.py  the original's sections, text and charts    → Document
    charts.py    SVG charts (no JavaScript, nothing fetched)
    render.py    Document → HTML, Document → Markdown
    build.py     write_report(): all of the above, to <warehouse>/report/
"""

from pipeline.report.build import ReportFiles, write_report

__all__ = ["ReportFiles", "write_report"]
