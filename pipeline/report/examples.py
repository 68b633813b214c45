"""The SQL examples in the report: one query per figure (`sql/examples/R<NN>_*.sql`, run read-only
against the published file, giving the figure's number), shown in a last section. Every figure line
links to its example there, as it links to its mart's page in the data docs (render.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.report.data import figure_number
from pipeline.report.document import Code, Document, Figures, Paragraph, Section

EXAMPLE_FILE = re.compile(r"^R(\d+)_[\w-]+\.sql$")


@dataclass(frozen=True)
class Example:
    number: int  # the figure's number (R2a and R2b share example R02)
    name: str  # as the repository has it: sql/examples/R02_yoy_change.sql
    text: str

    @property
    def anchor(self) -> str:
        return f"sql-R{self.number}"


def load_examples(directory: Path) -> dict[int, Example]:
    """The examples by figure number; none when the directory is not there (an install without
    the repository's sql/)."""
    if not directory.is_dir():
        return {}
    examples = {}
    for path in sorted(directory.iterdir()):
        match = EXAMPLE_FILE.match(path.name)
        if match:
            number = int(match.group(1))
            examples[number] = Example(number, f"sql/examples/{path.name}", path.read_text(encoding="utf-8").strip())
    return examples


def add_examples(document: Document, examples: dict[int, Example]) -> Document:
    """Link each figure line to its example and append the section that shows them."""
    if not examples:
        return document
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Figures):
                for line in block.lines:
                    example = examples.get(figure_number(line.figure_id) or -1)
                    line.example = example.anchor if example else ""
    section = Section("sql-examples", "B", "SQL示例", "SQL examples")
    section.blocks.append(Paragraph(
        "One query per figure, as in the repository's sql/examples/: open published.duckdb read-only "
        "(duckdb, DBeaver, a BI tool) and run it to get the figure's number; change the period in its "
        "first lines."))
    section.blocks += [Code(e.anchor, f"R{e.number} · {e.name}", e.text) for _, e in sorted(examples.items())]
    document.sections.append(section)
    return document
