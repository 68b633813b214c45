"""Render the document tree as a self-contained HTML page and as Markdown.

The HTML has its CSS and SVG charts inline and no script, link, font or image to fetch: it opens
offline, from a file, an e-mail attachment or a shared drive. Its only links besides in-page anchors
go to the data docs written beside it (docs.html, pipeline/docs_site.py): each figure's mart.
"""

from __future__ import annotations

import re
from html import escape

from pipeline.docs_site import model_link
from pipeline.report.charts import FONT_STACK
from pipeline.report.document import Chart, Code, Document, FigureLine, Figures, Paragraph, Section, Table

PARTS = {  # the original's part headings, shown before the first section of each part
    "1.1": ("总体分析", "Overview"),
    "2.1": ("AI细分领域维度分析", "By segment"),
    "A": ("附录", "Appendix"),
}

CSS = f"""
:root {{ color-scheme: light; }}
body {{ font-family: {FONT_STACK}; color: #1f2933; background: #f6f7f9; margin: 0; line-height: 1.6; }}
main {{ max-width: 900px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }}
h1 {{ font-size: 26px; margin: 8px 0 0; }}
.subtitle {{ color: #52606d; margin: 4px 0 12px; }}
.meta {{ color: #6b7785; font-size: 13px; margin: 0 0 16px; padding: 0; list-style: none; }}
.meta li {{ display: inline-block; margin-right: 18px; }}
nav {{ font-size: 14px; border-top: 1px solid #e3e7ec; border-bottom: 1px solid #e3e7ec; padding: 8px 0; }}
nav a {{ margin-right: 14px; color: #2f6db5; text-decoration: none; white-space: nowrap; }}
h2.part {{ font-size: 21px; margin: 36px 0 0; color: #52606d; border-bottom: 2px solid #2f6db5; }}
h3 {{ font-size: 18px; margin: 26px 0 8px; }}
p {{ margin: 8px 0; }}
figure {{ margin: 16px 0; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 12px; }}
.charts svg {{ flex: 1 1 340px; }}
figcaption {{ font-size: 13px; color: #6b7785; }}
table {{ border-collapse: collapse; font-size: 13px; margin: 8px 0 12px; width: 100%; }}
caption {{ text-align: left; font-weight: bold; padding: 4px 0; }}
th, td {{ border-bottom: 1px solid #e3e7ec; padding: 3px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f0f3f6; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
table.figures td:first-child {{ font-weight: bold; color: #2f6db5; white-space: nowrap; }}
.quote {{ color: #6b7785; font-size: 12px; }}
.sources {{ font-size: 11px; font-weight: normal; white-space: nowrap; }}
.sources a {{ color: #2f6db5; text-decoration: none; }}
h4 {{ font-size: 14px; margin: 18px 0 4px; }}
pre {{ background: #f6f7f9; border: 1px solid #e3e7ec; padding: 8px 10px; font-size: 12px; overflow-x: auto; }}
details {{ font-size: 13px; }}
footer {{ margin-top: 32px; font-size: 12px; color: #6b7785; }}
"""


def _e(text: object) -> str:
    return escape(str(text))


def _looks_numeric(cell: str) -> bool:
    stripped = cell.replace(",", "").replace("亿元", "").replace("%", "").replace("pp", "").replace("×", "").strip()
    return bool(stripped) and stripped.lstrip("+-–").replace(".", "", 1).isdigit()


def _html_table(table: Table, css_class: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in table.headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{_e(c)}</td>' if _looks_numeric(c) else f"<td>{_e(c)}</td>"
                         for c in row) + "</tr>"
        for row in table.rows)
    caption = f"<caption>{_e(table.caption)}</caption>" if table.caption else ""
    cls = f' class="{css_class}"' if css_class else ""
    return f"<table{cls}>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


FIGURE_HEADERS = ["图 figure", "期间 period", "指标 metric", "本数据 this data", "原报告 report"]


def _figures_table(block: Figures) -> Table:
    """Markdown: the report's sentence follows the metric in the same cell."""
    return Table(FIGURE_HEADERS,
                 [[f.figure_id, f.period, f"{f.description} — “{f.quote}”" if f.quote else f.description,
                   f.value, f.reference] for f in block.lines])


def _figure_sources(line: FigureLine) -> str:
    """Under the figure id: its mart's page in the data docs and its SQL example."""
    links = []
    if line.mart:
        links.append(f'<a href="{_e(model_link(line.mart))}" title="{_e(line.mart)}: tables, columns and '
                     f'lineage in the data docs">{_e(line.mart)}</a>')
    if line.example:
        links.append(f'<a href="#{_e(line.example)}" title="the SQL that gives this number">SQL</a>')
    return f'<div class="sources">{" · ".join(links)}</div>' if links else ""


def _html_figures(block: Figures) -> str:
    """HTML: the report's sentence under the metric, in grey; the figure's sources under its id."""
    head = "".join(f"<th>{_e(h)}</th>" for h in FIGURE_HEADERS)
    rows = "".join(
        f"<tr><td>{_e(f.figure_id)}{_figure_sources(f)}</td><td>{_e(f.period)}</td><td>{_e(f.description)}"
        + (f'<div class="quote">{_e(f.quote)}</div>' if f.quote else "")
        + f'</td><td class="num">{_e(f.value)}</td><td class="num">{_e(f.reference)}</td></tr>'
        for f in block.lines)
    return f'<table class="figures"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _html_block(block: object) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_e(block.text)}</p>"
    if isinstance(block, Table):
        return _html_table(block)
    if isinstance(block, Figures):
        return _html_figures(block)
    if isinstance(block, Chart):
        return (f'<figure><div class="charts">{"".join(block.svgs)}</div>'
                f"<figcaption>{_e(block.caption)}</figcaption>"
                f"<details><summary>数据 data</summary>{_html_table(block.data)}</details></figure>")
    if isinstance(block, Code):
        return f'<h4 id="{_e(block.anchor)}">{_e(block.title)}</h4><pre><code>{_e(block.text)}</code></pre>'
    raise TypeError(f"unknown block {type(block).__name__}")


def _html_section(section: Section) -> str:
    part = ""
    if section.number in PARTS:
        zh, en = PARTS[section.number]
        part = f'<h2 class="part">{_e(zh)} · {_e(en)}</h2>'
    blocks = "\n".join(_html_block(b) for b in section.blocks)
    return f'{part}<section id="{_e(section.anchor)}"><h3>{_e(section.heading)}</h3>\n{blocks}</section>'


def to_html(doc: Document) -> str:
    meta = "".join(f"<li>{_e(k)}: {_e(v)}</li>" for k, v in doc.meta)
    nav = "".join(f'<a href="#{_e(s.anchor)}">{_e(s.number)} {_e(s.title_zh)}</a>' for s in doc.sections)
    sections = "\n".join(_html_section(s) for s in doc.sections)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(doc.title)}</title>
<style>{CSS}</style>
</head>
<body>
<main>
<h1>{_e(doc.title)}</h1>
<p class="subtitle">{_e(doc.subtitle)}</p>
<ul class="meta">{meta}</ul>
<nav>{nav}</nav>
{sections}
<footer>Generated by the ai-deals pipeline from the published marts. Amounts in 亿元 (100 million CNY) at monthly average rates; shares of counted AI deals.</footer>
</main>
</body>
</html>
"""


# Markdown renders inline HTML and follows links and images: a company named
# `<img src=x onerror=alert(1)>` or `[x](javascript:…)` must come out as text. Every text in the
# Markdown goes through _md_text: HTML's special characters become entities, Markdown's
# punctuation is backslash-escaped (both render as the character itself).
_MD_PUNCTUATION = str.maketrans({c: "\\" + c for c in "\\`*_[]"})


def _md_text(text: object) -> str:
    return escape(str(text), quote=False).translate(_MD_PUNCTUATION)


def _md_cell(text: object) -> str:
    return _md_text(text).replace("|", "\\|").replace("\n", " ")


def _md_table(table: Table) -> str:
    lines = []
    if table.caption:
        lines.append(f"**{_md_text(table.caption)}**\n")
    lines.append("| " + " | ".join(_md_cell(h) or " " for h in table.headers) + " |")
    lines.append("|" + "---|" * len(table.headers))
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines)


def _md_code(text: str, language: str = "sql") -> str:
    """A fenced block longer than any run of backticks in the text, so nothing ends it early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}"


def _md_block(block: object) -> str:
    if isinstance(block, Paragraph):
        return _md_text(block.text)
    if isinstance(block, Table):
        return _md_table(block)
    if isinstance(block, Figures):
        return _md_table(_figures_table(block))
    if isinstance(block, Chart):
        return f"*{_md_text(block.caption)}*\n\n{_md_table(block.data)}"
    if isinstance(block, Code):
        return f"**{_md_text(block.title)}**\n\n{_md_code(block.text)}"
    raise TypeError(f"unknown block {type(block).__name__}")


def to_markdown(doc: Document) -> str:
    parts = [f"# {_md_text(doc.title)}", f"*{_md_text(doc.subtitle)}*",
             "\n".join(f"- {_md_text(k)}: {_md_text(v)}" for k, v in doc.meta)]
    for section in doc.sections:
        if section.number in PARTS:
            zh, en = PARTS[section.number]
            parts.append(f"## {_md_text(zh)} · {_md_text(en)}")
        parts.append(f"### {_md_text(section.heading)}")
        parts += [_md_block(b) for b in section.blocks]
    return "\n\n".join(parts) + "\n"
