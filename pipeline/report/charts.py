"""Inline SVG charts drawn in plain Python: no JavaScript, no CDN, nothing fetched at view time.

Each function returns one `<svg>` element sized by its viewBox (it scales to the page width).
Text uses the page's CJK-capable font stack so Chinese labels render without missing glyphs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
              '"Noto Sans", sans-serif')
INK, MUTED, GRID = "#1f2933", "#6b7785", "#e3e7ec"
US_BLUE, CN_RED, OTHER_GREY = "#2f6db5", "#d0453a", "#9aa3ad"
CURRENT, PRIOR, PEAK, LINE = "#2f6db5", "#c9d3de", "#d0453a", "#e08a1e"
SEGMENT_COLORS = {"aigc": "#7b4fc9", "technology": "#1b9e8f", "infrastructure": "#e08a1e",
                  "application": "#4a78b5"}
COUNTRY_COLORS = {"US": US_BLUE, "CN": CN_RED, "other": OTHER_GREY, "all": "#4d5966"}

Fmt = Callable[[float], str]


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def text_width(text: str, size: float) -> float:
    """Rough rendered width: CJK glyphs are one em wide, Latin ones a bit over half."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.58 for ch in text)


def _text(x: float, y: float, text: object, *, size: float = 12, anchor: str = "start",
          fill: str = INK, weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}">{_e(text)}</text>')


def _rect(x: float, y: float, w: float, h: float, fill: str, title: str = "") -> str:
    tip = f"<title>{_e(title)}</title>" if title else ""
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
            f'fill="{fill}">{tip}</rect>')


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="{_e(title)}" style="font-family: {_e(FONT_STACK)}; '
            f'max-width: 100%; height: auto">'
            f"<title>{_e(title)}</title>{''.join(body)}</svg>")


def _legend(items: Sequence[tuple[str, str]], x: float, y: float, size: float = 12) -> list[str]:
    out = []
    for name, color in items:
        out.append(_rect(x, y - size + 2, size, size - 2, color))
        out.append(_text(x + size + 4, y, name, size=size, fill=MUTED))
        x += size + 16 + text_width(name, size)
    return out


def _nice_max(value: float) -> float:
    """A round axis maximum ≥ value (1, 2, 2.5, 5 × 10^k)."""
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * exp >= value:
            return step * exp
    return 10 * exp


def monthly_amounts(months: Sequence[str], current: Sequence[float | None],
                    prior: Sequence[float | None], yoy: Sequence[float | None],
                    peaks: set[int], year: int, title: str) -> str:
    """Monthly amount bars (亿元) for `year` beside the prior year's, YoY % as a line on the
    right axis; peak months in red with their value."""
    width, height = 760, 360
    left, right, top, bottom = 64, 64, 48, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    amounts = [v for v in list(current) + list(prior) if v is not None]
    y_max = _nice_max(max(amounts, default=1.0))
    yoy_values = [v for v in yoy if v is not None]
    r_min = min(0.0, min(yoy_values, default=0.0))
    r_max = max(0.0, max(yoy_values, default=1.0))
    # Right axis in whole steps of a round size, so its ticks read as 0%, +100%, +200% ...
    r_step = _nice_max((r_max - r_min) / 4 or 0.25)
    r_min = math.floor(r_min / r_step) * r_step
    r_max = max(r_min + 4 * r_step, math.ceil(r_max / r_step) * r_step)
    r_ticks = round((r_max - r_min) / r_step)
    body = [_text(left, 20, title, size=14, weight="bold")]
    body += _legend([(f"{year}", CURRENT), (f"{year - 1}", PRIOR), ("峰值月 peak", PEAK),
                     ("同比 YoY (右轴)", LINE)], left, 38)
    for i in range(5):  # grid + left axis
        v = y_max * i / 4
        y = top + plot_h - plot_h * i / 4
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 4, f"{v:,.0f}", size=11, anchor="end", fill=MUTED))
    for i in range(r_ticks + 1):  # right axis (YoY)
        rv = r_min + r_step * i
        y = top + plot_h - plot_h * i / r_ticks
        body.append(_text(left + plot_w + 6, y + 4, f"{rv * 100:+,.0f}%", size=11, fill=LINE))
    body.append(_text(left - 6, top - 8, "亿元", size=11, anchor="end", fill=MUTED))
    slot = plot_w / max(len(months), 1)
    bar_w = slot * 0.36
    points = []
    for i, month in enumerate(months):
        x0 = left + i * slot + slot * 0.12
        p, c = prior[i], current[i]
        if p is not None:
            h = plot_h * p / y_max
            body.append(_rect(x0, top + plot_h - h, bar_w, h, PRIOR, f"{year - 1}-{month[-2:]}: {p:,.1f} 亿元"))
        if c is not None:
            h = plot_h * c / y_max
            color = PEAK if i in peaks else CURRENT
            body.append(_rect(x0 + bar_w, top + plot_h - h, bar_w, h, color, f"{month}: {c:,.1f} 亿元"))
            if i in peaks:
                body.append(_text(x0 + bar_w * 1.5, top + plot_h - h - 5, f"{c:,.0f}", size=11,
                                  anchor="middle", fill=PEAK, weight="bold"))
        body.append(_text(left + i * slot + slot / 2, top + plot_h + 18, f"{int(month[-2:])}月",
                          size=11, anchor="middle", fill=MUTED))
        if yoy[i] is not None:
            y = top + plot_h - plot_h * (yoy[i] - r_min) / (r_max - r_min)
            points.append((left + i * slot + slot / 2, y))
    if r_min < 0 < r_max:
        y0 = top + plot_h - plot_h * (0 - r_min) / (r_max - r_min)
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y0:.1f}" y2="{y0:.1f}" '
                    f'stroke="{LINE}" stroke-dasharray="3 3" stroke-width="1"/>')
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for x, y in points:
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{LINE}"/>')
    body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    return _svg(width, height, title, body)


def stacked_shares(rows: Sequence[tuple[str, Sequence[tuple[str, float, str]]]], title: str,
                   legend: Sequence[tuple[str, str]]) -> str:
    """Horizontal 100 % bars: each row is (label, [(part, share, color), ...])."""
    row_h, gap = 26, 10
    label_w = max((text_width(label, 12) for label, _ in rows), default=60) + 16
    width = 760
    top = 56
    height = top + len(rows) * (row_h + gap) + 16
    plot_w = width - label_w - 20
    body = [_text(8, 20, title, size=14, weight="bold")]
    body += _legend(legend, 8, 42)
    for r, (label, parts) in enumerate(rows):
        y = top + r * (row_h + gap)
        body.append(_text(label_w - 8, y + row_h / 2 + 4, label, size=12, anchor="end"))
        x = label_w
        total = sum(max(share, 0) for _, share, _ in parts) or 1.0
        for part, share, color in parts:
            w = plot_w * max(share, 0) / max(total, 1.0)
            body.append(_rect(x, y, w, row_h, color, f"{label} · {part}: {share * 100:.1f}%"))
            if w > 34:
                body.append(_text(x + w / 2, y + row_h / 2 + 4, f"{share * 100:.0f}%", size=11,
                                  anchor="middle", fill="#ffffff", weight="bold"))
            x += w
    return _svg(width, height, title, body)


def stage_pyramid(rows: Sequence[tuple[str, float | None, float | None, float | None, float | None]],
                  title: str, year: int) -> str:
    """Population-pyramid layout: count share to the left, amount share to the right, one row per
    stage group (later stages on top); the prior year as a black tick on each bar."""
    row_h, gap = 24, 8
    center_w = max((text_width(r[0], 12) for r in rows), default=80) + 20
    width = 760
    top = 64
    half = (width - center_w - 40) / 2
    height = top + len(rows) * (row_h + gap) + 10
    cx_left, cx_right = 20 + half, 20 + half + center_w
    scale = max([v for r in rows for v in r[1:] if v is not None] + [0.01])
    scale = _nice_max(scale)
    body = [_text(8, 20, title, size=14, weight="bold")]
    body.append(_text(cx_left, 44, f"← 事件数占比 share of deals ({year})", size=12, anchor="end", fill=MUTED))
    body.append(_text(cx_right, 44, f"金额占比 share of amount ({year}) →", size=12, fill=MUTED))
    body += _legend([(f"| = {year - 1}", INK)], width - 110, 20)
    for i, (label, count_share, amount_share, prior_count, prior_amount) in enumerate(rows):
        y = top + i * (row_h + gap)
        body.append(_text((cx_left + cx_right) / 2, y + row_h / 2 + 4, label, size=12, anchor="middle"))
        if count_share is not None:
            w = half * count_share / scale
            body.append(_rect(cx_left - w, y, w, row_h, US_BLUE, f"{label}: {count_share * 100:.1f}% of deals"))
            body.append(_text(cx_left - w - 4, y + row_h / 2 + 4, f"{count_share * 100:.0f}%", size=11, anchor="end"))
        if amount_share is not None:
            w = half * amount_share / scale
            body.append(_rect(cx_right, y, w, row_h, LINE, f"{label}: {amount_share * 100:.1f}% of amount"))
            body.append(_text(cx_right + w + 4, y + row_h / 2 + 4, f"{amount_share * 100:.0f}%", size=11))
        for prior, sign, origin in ((prior_count, -1, cx_left), (prior_amount, 1, cx_right)):
            if prior is not None:
                x = origin + sign * half * prior / scale
                body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 2}" y2="{y + row_h + 2}" '
                            f'stroke="{INK}" stroke-width="2"><title>{year - 1}: {prior * 100:.1f}%</title></line>')
    return _svg(width, height, title, body)


def grouped_bars(categories: Sequence[str], series: Sequence[tuple[str, str, Sequence[float | None]]],
                 title: str, fmt: Fmt, width: int = 370, height: int = 280) -> str:
    """Vertical grouped bars: one group per category, one bar per series (name, color, values)."""
    left, right, top, bottom = 16, 10, 60, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _, _, vs in series for v in vs if v is not None]
    y_max = _nice_max(max(values, default=1.0)) * 1.08
    body = [_text(8, 20, title, size=14, weight="bold")]
    body += _legend([(name, color) for name, color, _ in series], 8, 42)
    slot = plot_w / max(len(categories), 1)
    bar_w = slot * 0.7 / max(len(series), 1)
    for c, category in enumerate(categories):
        x0 = left + c * slot + slot * 0.15
        for s, (name, color, vs) in enumerate(series):
            v = vs[c]
            if v is None:
                continue
            h = plot_h * v / y_max
            x = x0 + s * bar_w
            body.append(_rect(x, top + plot_h - h, bar_w - 2, h, color, f"{category} · {name}: {fmt(v)}"))
            body.append(_text(x + bar_w / 2 - 1, top + plot_h - h - 4, fmt(v), size=10, anchor="middle"))
        body.append(_text(left + c * slot + slot / 2, top + plot_h + 18, category, size=12, anchor="middle", fill=MUTED))
    body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    return _svg(width, height, title, body)


def butterfly(categories: Sequence[str], left_values: Sequence[float | None],
              right_values: Sequence[float | None], left_name: str, right_name: str,
              title: str, fmt: Fmt) -> str:
    """US vs CN side by side on one shared scale: left bars for one country, right for the other."""
    row_h, gap = 22, 8
    center_w = max((text_width(c, 12) for c in categories), default=80) + 20
    width = 760
    top = 56
    half = (width - center_w - 120) / 2
    height = top + len(categories) * (row_h + gap) + 10
    cx_left, cx_right = 60 + half, 60 + half + center_w
    scale = _nice_max(max([v for v in list(left_values) + list(right_values) if v is not None] + [0.01]))
    body = [_text(8, 20, title, size=14, weight="bold")]
    body.append(_text(cx_left, 44, f"← {left_name}", size=12, anchor="end", fill=US_BLUE, weight="bold"))
    body.append(_text(cx_right, 44, f"{right_name} →", size=12, fill=CN_RED, weight="bold"))
    for i, category in enumerate(categories):
        y = top + i * (row_h + gap)
        body.append(_text((cx_left + cx_right) / 2, y + row_h / 2 + 4, category, size=12, anchor="middle"))
        lv, rv = left_values[i], right_values[i]
        if lv is not None:
            w = half * lv / scale
            body.append(_rect(cx_left - w, y, w, row_h, US_BLUE, f"{category} · {left_name}: {fmt(lv)}"))
            body.append(_text(cx_left - w - 4, y + row_h / 2 + 4, fmt(lv), size=11, anchor="end"))
        if rv is not None:
            w = half * rv / scale
            body.append(_rect(cx_right, y, w, row_h, CN_RED, f"{category} · {right_name}: {fmt(rv)}"))
            body.append(_text(cx_right + w + 4, y + row_h / 2 + 4, fmt(rv), size=11))
    return _svg(width, height, title, body)


def ranked_bars(items: Sequence[tuple[str, float]], title: str, color: str, fmt: Fmt,
                width: int = 370) -> str:
    """Horizontal bars sorted as given (largest first), one panel."""
    row_h, gap = 20, 6
    label_w = max((text_width(label, 11) for label, _ in items), default=60) + 10
    top = 34
    height = top + len(items) * (row_h + gap) + 8
    plot_w = width - label_w - 56
    scale = _nice_max(max([v for _, v in items] + [0.01]))
    body = [_text(8, 20, title, size=14, weight="bold", fill=color)]
    for i, (label, value) in enumerate(items):
        y = top + i * (row_h + gap)
        body.append(_text(label_w, y + row_h / 2 + 4, label, size=11, anchor="end"))
        w = plot_w * value / scale
        body.append(_rect(label_w + 6, y, w, row_h, color, f"{label}: {fmt(value)}"))
        body.append(_text(label_w + 10 + w, y + row_h / 2 + 4, fmt(value), size=11))
    return _svg(width, height, title, body)
