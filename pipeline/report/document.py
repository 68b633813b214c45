"""The report as a small document tree, built once and rendered twice (HTML for the browser,
Markdown for the asset's metadata in the Dagster UI), so both always say the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass
class Chart:
    """One or more SVGs shown side by side, with the numbers behind them as a table (the Markdown
    shows the table; the HTML shows the SVGs and keeps the table one click away)."""

    svgs: list[str]
    caption: str
    data: Table


@dataclass
class FigureLine:
    figure_id: str
    period: str
    description: str
    value: str
    reference: str
    quote: str = ""  # the report's own sentence (report_quote)
    mart: str = ""  # the mart its value is read from (source_mart): linked to its page in the data docs
    example: str = ""  # the anchor of its SQL example in the report (pipeline/report/examples.py)


@dataclass
class Figures:
    lines: list[FigureLine]


@dataclass
class Code:
    """A block of code shown as it is (an SQL example), under a heading, with an anchor to link to."""

    anchor: str
    title: str
    text: str


Block = Paragraph | Table | Chart | Figures | Code


@dataclass
class Section:
    anchor: str
    number: str
    title_zh: str
    title_en: str
    blocks: list[Block] = field(default_factory=list)
    period: str = ""  # the period the section shows, e.g. "2018 vs 2017"

    @property
    def heading(self) -> str:
        heading = f"{self.number} {self.title_zh} · {self.title_en}".strip()
        return f"{heading} — {self.period}" if self.period else heading


@dataclass
class Document:
    title: str
    subtitle: str
    meta: list[tuple[str, str]]  # label, value lines under the title
    sections: list[Section]
