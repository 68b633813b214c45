"""The report's sections, in the original's order (1.1, 1.2, 2.1–2.4, trends) plus 2.5 investors,
each with its figures from the marts, a short narrative built from the numbers, and its charts.

Every number here comes from the published marts; where a mart has no row for a period (a small
or partial data set), the text says so instead of inventing a value.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable

from pipeline.report import charts, fmt
from pipeline.report.data import ReportData, Row, figure_number
from pipeline.report.document import Chart, Document, FigureLine, Figures, Paragraph, Section, Table
from pipeline.report.fmt import YI

# Figure numbers of docs/figures.md per section; mart_report_figures splits a figure into
# lettered parts (R2a, R2b), which go with their number.
SECTION_FIGURES = {
    "global": range(1, 11),
    "us-cn": range(11, 16),
    "aigc": range(16, 18),
    "technology": range(18, 20),
    "infrastructure": range(20, 22),
    "application": range(22, 23),
    "trends": range(23, 24),
}
STAGE_ORDER = ["late", "growth", "early", "strategic", "debt", "other"]  # pyramid top → bottom
SEGMENT_ORDER = ["aigc", "technology", "infrastructure", "application"]
PEAK_FACTOR = 1.5  # a month is a peak when its amount is ≥ 1.5 × the year's median month


def num(value: object) -> float | None:
    """Marts may return Decimal or int; charts and arithmetic want float (None stays None)."""
    return None if fmt.missing(value) else float(value)  # type: ignore[arg-type]


def _find(rows: Iterable[Row], **where: object) -> Row | None:
    for row in rows:
        if all(str(row.get(k)) == str(v) for k, v in where.items()):
            return row
    return None


def _signed_yi(amount_cny: float | None) -> str:
    if amount_cny is None:
        return "–"
    return f"{amount_cny / YI:+,.1f} 亿元"


def _text(value: object) -> str:
    return "" if fmt.missing(value) else str(value).strip()


def _figure_line(figure_id: str, row: Row) -> FigureLine:
    value = fmt.figure_value(row.get("value"), row.get("unit"))
    if _text(row.get("value_text")):
        value = f"{value} ({_text(row.get('value_text'))})" if value != "–" else _text(row.get("value_text"))
    # The original's number and sentence are about its own period only: another period shows none.
    own_period = row.get("is_report_period") is not False
    reference = fmt.figure_value(row.get("reference_value") if own_period else None, row.get("unit"))
    if own_period and _text(row.get("reference_text")):
        reference = (_text(row.get("reference_text")) if reference == "–"
                     else f"{reference} ({_text(row.get('reference_text'))})")
    return FigureLine(figure_id=figure_id, period=_text(row.get("period_label")),
                      description=_text(row.get("description")), value=value, reference=reference,
                      quote=_text(row.get("report_quote")) if own_period else "",
                      mart=_text(row.get("source_mart")))


def _figures_block(data: ReportData, numbers: Iterable[int] | None = None) -> Figures | None:
    wanted = None if numbers is None else set(numbers)
    lines = [_figure_line(figure_id, row)
             for figure_id, rows in data.figures.items()
             if wanted is None or figure_number(figure_id) in wanted
             for row in rows]
    return Figures(lines) if lines else None


def _figure_period(data: ReportData, figure_id: str, available: Iterable[object], fallback: str | None) -> str | None:
    """The period the report uses for a figure (mart_report_figures.period_label) when the mart
    has it, else `fallback`: charts show the report's own windows where the data covers them."""
    labels = {str(a) for a in available}
    for row in data.figure(figure_id):
        label = _text(row.get("period_label"))
        if label in labels:
            return label
    return fallback


def _years(data: ReportData) -> str:
    return f"{data.focus_year}年 vs {data.prior_year}年 · {data.focus_year} vs {data.prior_year}"


def _window(label: str | None) -> str:
    """A period in Chinese and English ('2018年1月1日至12月25日 · 2018 to date (to 2018-12-25)');
    a year stays '2018'."""
    if not label:
        return ""
    zh, en = fmt.period(label), fmt.period_en(label)
    return zh if zh == en else f"{zh} · {en}"


def _with_figures(section: Section, data: ReportData, key: str) -> Section:
    block = _figures_block(data, SECTION_FIGURES[key])
    if block:
        section.blocks.append(block)
    return section


# 1.1 -------------------------------------------------------------------------------------------

def _monthly_chart(data: ReportData) -> tuple[Chart | None, list[int]]:
    year = data.focus_year
    by_month = {row["ym"]: row for row in data.monthly}
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    if not any(m in by_month for m in months):
        return None, []
    current, prior, yoy = [], [], []
    for m in months:
        row = by_month.get(m, {})
        prior_row = by_month.get(f"{year - 1}-{m[-2:]}", {})
        amount = num(row.get("amount_cny"))
        prior_amount = num(row.get("prior_year_amount_cny"))
        if prior_amount is None:
            prior_amount = num(prior_row.get("amount_cny"))
        current.append(None if amount is None else amount / YI)
        prior.append(None if prior_amount is None else prior_amount / YI)
        yoy_pct = num(row.get("yoy_pct"))  # percent in the mart; the chart wants a fraction
        yoy.append(None if yoy_pct is None else yoy_pct / 100)
    observed = [v for v in current if v is not None]
    median = statistics.median(observed) if observed else 0
    peaks = [i for i, v in enumerate(current) if v is not None and median > 0 and v >= PEAK_FACTOR * median]
    svg = charts.monthly_amounts(months, current, prior, yoy, set(peaks), year,
                                 f"{year}年月度融资额及同比 · Monthly AI funding and YoY")
    table = Table(
        ["月份 month", f"{year} 亿元", f"{year - 1} 亿元", "同比 YoY", "笔数 deals", "累计同比 YTD YoY"],
        [[m, "–" if c is None else f"{c:,.1f}", "–" if p is None else f"{p:,.1f}",
          fmt.pct(y, signed=True), fmt.count(by_month.get(m, {}).get("deal_count")),
          fmt.pct_change(by_month.get(m, {}).get("ytd_yoy_pct"))]
         for m, c, p, y in zip(months, current, prior, yoy, strict=True)],
    )
    caption = (f"双峰结构 double peak: months at ≥ {PEAK_FACTOR}× the median month are marked red "
               f"({', '.join(f'{i + 1}月' for i in peaks) or 'none'}).")
    return Chart([svg], caption, table), peaks


def _mega_chart(data: ReportData) -> Chart | None:
    rows, table_rows = [], []
    for year in (data.prior_year, data.focus_year):
        y = data.yearly.get(year)
        if not y:
            continue
        count_share, amount_share = num(y.get("mega_count_share")), num(y.get("mega_amount_share"))
        if count_share is None or amount_share is None:
            continue
        mega = f"{data.mega_name} {data.mega_rule}"
        rows.append((f"{year} 事件数 deals", [(mega, count_share, charts.PEAK),
                                              ("其他 other", 1 - count_share, charts.PRIOR)]))
        rows.append((f"{year} 金额 amount", [(mega, amount_share, charts.PEAK),
                                             ("其他 other", 1 - amount_share, charts.PRIOR)]))
        table_rows.append([str(year), fmt.count(y.get("mega_deal_count")), fmt.pct(count_share),
                           fmt.pct(amount_share), fmt.yi(y.get("mega_avg_amount_cny")),
                           fmt.pct(num(y.get("top10_amount_share")))])
    if not rows:
        return None
    n = data.top_deals_n
    svg = charts.stacked_shares(rows, f"{data.mega_name}融资事件占比 · Mega deals ({data.mega_rule}): share of deals vs amount",
                                [(f"{data.mega_name} mega", charts.PEAK), ("其他 other", charts.PRIOR)])
    table = Table(["年份 year", f"{data.mega_name}笔数 mega deals", "笔数占比 count share", "金额占比 amount share",
                   f"{data.mega_name}均值 mean mega deal", f"Top{n} 占比 top-{n} share"], table_rows)
    return Chart([svg], "A few deals carry most of the money.", table)


def _pyramid_chart(data: ReportData) -> Chart | None:
    now = {r["stage_group"]: r for r in data.stages if int(r["year"]) == data.focus_year}
    before = {r["stage_group"]: r for r in data.stages if int(r["year"]) == data.prior_year}
    if not now:
        return None
    order = [s for s in STAGE_ORDER if s in now] + sorted(set(now) - set(STAGE_ORDER))
    rows, table_rows = [], []
    for stage in order:
        r, p = now[stage], before.get(stage, {})
        rows.append((fmt.label(stage, fmt.STAGE_LABELS), num(r.get("count_share")), num(r.get("amount_share")),
                     num(p.get("count_share")), num(p.get("amount_share"))))
        table_rows.append([fmt.label(stage, fmt.STAGE_LABELS), fmt.count(r.get("deal_count")),
                           fmt.pct(num(r.get("count_share"))), fmt.pp(num(r.get("count_share_change_pp"))),
                           fmt.pct(num(r.get("amount_share"))), fmt.pp(num(r.get("amount_share_change_pp")))])
    svg = charts.stage_pyramid(rows, "融资轮次金字塔 · Stage pyramid", data.focus_year)
    table = Table(["阶段 stage", "笔数 deals", "笔数占比 count share", "变化 change", "金额占比 amount share",
                   "变化 change"], table_rows)
    return Chart([svg], f"Early rounds dominate the count, late rounds the money; ticks mark {data.prior_year}.", table)


def _top_deals_table(data: ReportData) -> Table | None:
    if not data.top_deals:
        return None
    rows = [[str(i + 1), str(d["company_name"]), str(d["announced_date"])[:10], str(d["country_group"]),
             str(d["round_type"]), fmt.label(d.get("segment"), fmt.SEGMENT_LABELS), fmt.yi(d["amount_cny"]),
             "–" if fmt.missing(d.get("amount_usd")) else f"{float(d['amount_usd']) / 1e9:,.2f}"]
            for i, d in enumerate(data.top_deals)]
    return Table(["#", "公司 company", "日期 date", "国家 country", "轮次 round", "领域 segment",
                  "金额 amount", "bn USD"], rows,
                 caption=f"{data.focus_year}年 Top{data.top_deals_n} 融资事件 · {data.top_deals_n} largest deals")


def global_view(data: ReportData) -> Section:
    section = Section("global", "1.1", "全球视图", "Global view", period=_years(data))
    year, prior = data.focus_year, data.prior_year
    y, p = data.yearly.get(year, {}), data.yearly.get(prior)
    text = f"{year}年全球AI领域融资总额 {fmt.yi(y.get('amount_cny'))},共 {fmt.count(y.get('deal_count'))} 笔融资事件"
    change = num(y.get("amount_change_cny"))
    if change is None and p:
        change = num(y.get("amount_cny")) - num(p.get("amount_cny"))  # type: ignore[operator]
    if change is not None:
        text += (f";较{prior}年({fmt.yi(p.get('amount_cny')) if p else '–'})变化 {_signed_yi(change)},"
                 f"同比 {fmt.pct_change(y.get('amount_change_pct'))}")
    section.blocks.append(Paragraph(text + "。"))

    chart, peaks = _monthly_chart(data)
    if chart:
        by_month = {row["ym"]: row for row in data.monthly}
        april = by_month.get(f"{year}-04", {})
        december = by_month.get(f"{year}-12", {})
        q4 = sum(num(by_month.get(f"{year}-{m}", {}).get("amount_cny")) or 0 for m in ("10", "11", "12"))
        total = num(y.get("amount_cny"))
        section.blocks.append(Paragraph(
            f"月度分布:峰值月份 {', '.join(f'{i + 1}月' for i in peaks) or '无'};第四季度占全年 "
            f"{fmt.pct(q4 / total if total else None)}。前4个月累计同比 "
            f"{fmt.pct_change(april.get('ytd_yoy_pct'))},全年累计同比 "
            f"{fmt.pct_change(december.get('ytd_yoy_pct'))}。"))
        section.blocks.append(chart)

    if y:
        text = (f"{data.mega_name}融资事件({data.mega_rule})数量占比 {fmt.pct(num(y.get('mega_count_share')))},金额占比 "
                f"{fmt.pct(num(y.get('mega_amount_share')))};平均单笔 {fmt.yi(y.get('mega_avg_amount_cny'))}")
        if p:
            text += f"({prior}年为 {fmt.yi(p.get('mega_avg_amount_cny'))})"
        text += (f"。Top{data.top_deals_n}融资事件占总额 {fmt.pct(num(y.get('top10_amount_share')))},其中 "
                 f"{y.get('top3_companies') or '–'} 三家占 {fmt.pct(num(y.get('top3_share_of_top10')))}。")
        section.blocks.append(Paragraph(text))
    mega = _mega_chart(data)
    if mega:
        section.blocks.append(mega)
    top = _top_deals_table(data)
    if top:
        section.blocks.append(top)

    early = _find(data.stages, year=year, stage_group="early")
    strategic = _find(data.stages, year=year, stage_group="strategic")
    if early or strategic:
        parts = []
        if early:
            parts.append(f"早期融资(天使轮到A轮)事件数量占比 {fmt.pct(num(early.get('count_share')))},"
                         f"较{prior}年 {fmt.pp(num(early.get('count_share_change_pp')))}")
        if strategic:
            parts.append(f"战略投资事件数量占比变化 {fmt.pp(num(strategic.get('count_share_change_pp')))},"
                         f"金额占比变化 {fmt.pp(num(strategic.get('amount_share_change_pp')))}")
        section.blocks.append(Paragraph(";".join(parts) + "。"))
    pyramid = _pyramid_chart(data)
    if pyramid:
        section.blocks.append(pyramid)
    return _with_figures(section, data, "global")


# 1.2 -------------------------------------------------------------------------------------------

def _country_chart(data: ReportData) -> Chart | None:
    years = [yr for yr in (data.prior_year, data.focus_year) if any(int(r["year"]) == yr for r in data.countries)]
    if not years:
        return None
    groups = ["US", "CN", "other"]

    def value(year: int, group: str, column: str, scale: float = 1.0) -> float | None:
        row = _find(data.countries, year=year, country_group=group)
        v = num(row.get(column)) if row else None
        return None if v is None else v / scale

    share_svg = charts.grouped_bars(
        [str(yr) for yr in years],
        [(fmt.label(g, fmt.COUNTRY_LABELS), charts.COUNTRY_COLORS[g], [value(yr, g, "amount_share") for yr in years])
         for g in groups],
        "融资金额份额 · Share of amount", lambda v: f"{v * 100:.0f}%")
    avg_svg = charts.grouped_bars(
        [str(yr) for yr in years],
        [(fmt.label(g, fmt.COUNTRY_LABELS), charts.COUNTRY_COLORS[g], [value(yr, g, "avg_amount_cny", YI) for yr in years])
         for g in ("US", "CN")],
        "单笔均值(亿元)· Average deal", lambda v: f"{v:,.1f}")
    rows = []
    for yr in years:
        for g in groups:
            r = _find(data.countries, year=yr, country_group=g)
            if r:
                rows.append([str(yr), fmt.label(g, fmt.COUNTRY_LABELS), fmt.count(r.get("deal_count")),
                             fmt.yi(r.get("amount_cny")), fmt.pct(num(r.get("amount_share"))),
                             fmt.yi(r.get("avg_amount_cny")), fmt.times(num(r.get("us_cn_share_ratio")))])
    table = Table(["年份 year", "国家 country", "笔数 deals", "金额 amount", "份额 share",
                   "单笔均值 mean deal", "美/中份额比 US/CN"], rows)
    return Chart([share_svg, avg_svg], "US vs CN: share of the year's AI funding and mean deal size.", table)


def us_cn(data: ReportData) -> Section:
    section = Section("us-cn", "1.2", "中美博弈", "US vs China", period=_years(data))
    year, prior = data.focus_year, data.prior_year
    us = _find(data.countries, year=year, country_group="US")
    cn = _find(data.countries, year=year, country_group="CN")
    us_prior = _find(data.countries, year=prior, country_group="US")
    if us and cn:
        text = (f"{year}年美国AI领域融资份额 {fmt.pct(num(us.get('amount_share')))}(中国 "
                f"{fmt.pct(num(cn.get('amount_share')))}),份额比 {fmt.times(num(us.get('us_cn_share_ratio')))}")
        if us_prior:
            text += f"({prior}年 {fmt.times(num(us_prior.get('us_cn_share_ratio')))})"
        text += (f"。单笔均值:中国 {fmt.yi(cn.get('avg_amount_cny'))},美国 {fmt.yi(us.get('avg_amount_cny'))};"
                 f"事件数:中国 {fmt.count(cn.get('deal_count'))} 笔,美国 {fmt.count(us.get('deal_count'))} 笔。")
        section.blocks.append(Paragraph(text))
    else:
        section.blocks.append(Paragraph(f"No US/CN rows in mart_country_comparison for {year}."))
    chart = _country_chart(data)
    if chart:
        section.blocks.append(chart)

    unicorn_rows = [r for r in data.unicorns if int(r["year"]) == year]
    if unicorn_rows:
        total = _find(unicorn_rows, country_group="all")
        us_u, cn_u = _find(unicorn_rows, country_group="US"), _find(unicorn_rows, country_group="CN")
        if total:
            section.blocks.append(Paragraph(
                f"{year}年全球新晋独角兽 {fmt.count(total.get('new_unicorns'))} 家,其中AI领域 "
                f"{fmt.count(total.get('new_ai_unicorns'))} 家(占比 {fmt.pct(num(total.get('ai_share')))});"
                f"美国新晋AI独角兽 {fmt.count(us_u.get('new_ai_unicorns')) if us_u else '–'} 家,中国 "
                f"{fmt.count(cn_u.get('new_ai_unicorns')) if cn_u else '–'} 家。"))
        section.blocks.append(Table(
            ["国家 country", "新晋独角兽 new unicorns", "其中AI new AI unicorns", "AI占比 AI share"],
            [[fmt.label(r["country_group"], fmt.COUNTRY_LABELS), fmt.count(r.get("new_unicorns")),
              fmt.count(r.get("new_ai_unicorns")), fmt.pct(num(r.get("ai_share")))] for r in unicorn_rows],
            caption=f"{year}年新晋独角兽 · new unicorns"))

    if data.top_unicorns:
        labels = [r["period_label"] for r in data.top_unicorns]
        label = _figure_period(data, "R15a", labels, max(str(x) for x in labels))
        rows = [r for r in data.top_unicorns if str(r["period_label"]) == label]
        total = _find(rows, country_group="all")
        if total and num(total.get("amount_cny")):
            whole = num(total.get("amount_cny"))
            split = ",".join(
                f"{fmt.label(r['country_group'], fmt.COUNTRY_LABELS)} {fmt.pct((num(r.get('amount_cny')) or 0) / whole)}"
                for r in rows if r["country_group"] != "all")
            section.blocks.append(Paragraph(
                f"存量独角兽:{fmt.period(label)},全球前 {fmt.count(total.get('top_n'))} 强AI独角兽融资 "
                f"{fmt.yi(whole)}(占AI融资总额 {fmt.pct(num(total.get('share_of_ai_total')))});{split}。"))
    return _with_figures(section, data, "us-cn")


# 2.x -------------------------------------------------------------------------------------------

def _ytd_period(data: ReportData) -> str | None:
    """The year-to-date window of R17 (the report's 2025 window) when the mart has it, else the
    latest year-to-date window."""
    return _figure_period(data, "R17a", (r["period_label"] for r in data.segments), data.ytd_label)


def _segment_share(data: ReportData, period_label: str, group: str, segment: str) -> float | None:
    row = _find(data.segment_rows(period_label, group), segment=segment, sub_segment="all")
    return num(row.get("amount_share")) if row else None


def _segment_chart(data: ReportData) -> Chart | None:
    ytd = _ytd_period(data)
    periods = [str(data.focus_year)] + ([ytd] if ytd else [])
    rows, table_rows = [], []
    for period in periods:
        for group in ("all", "US", "CN"):
            shares = [(seg, _segment_share(data, period, group, seg)) for seg in SEGMENT_ORDER]
            if all(v is None for _, v in shares):
                continue
            rows.append((f"{fmt.label(group, fmt.COUNTRY_LABELS)} {period}",
                         [(fmt.label(s, fmt.SEGMENT_LABELS), v or 0.0, charts.SEGMENT_COLORS[s]) for s, v in shares]))
            table_rows.append([period, fmt.label(group, fmt.COUNTRY_LABELS)] + [fmt.pct(v) for _, v in shares])
    if not rows:
        return None
    svg = charts.stacked_shares(rows, "细分领域融资金额占比 · Segment share of amount, by country",
                                [(fmt.label(s, fmt.SEGMENT_LABELS), charts.SEGMENT_COLORS[s]) for s in SEGMENT_ORDER])
    table = Table(["期间 period", "国家 country"] + [fmt.label(s, fmt.SEGMENT_LABELS) for s in SEGMENT_ORDER], table_rows)
    return Chart([svg], "Each bar is one country group's funding in the period, split by segment.", table)


def aigc(data: ReportData) -> Section:
    ytd = _ytd_period(data)
    year = str(data.focus_year)
    section = Section("aigc", "2.1", "AIGC", "Generative AI",
                      period=f"{year}" + (f"; {_window(ytd)}" if ytd else ""))
    text = f"{year}年AIGC领域融资金额在人工智能占比 {fmt.pct(_segment_share(data, year, 'all', 'aigc'))}"
    if ytd:
        text += (f";{fmt.period(ytd)}:美国AIGC占美国AI融资 {fmt.pct(_segment_share(data, ytd, 'US', 'aigc'))},"
                 f"中国AIGC占中国AI融资 {fmt.pct(_segment_share(data, ytd, 'CN', 'aigc'))}")
    section.blocks.append(Paragraph(text + "。"))
    chart = _segment_chart(data)
    if chart:
        section.blocks.append(chart)
    return _with_figures(section, data, "aigc")


def technology(data: ReportData) -> Section:
    year = str(data.focus_year)
    r19 = _figure_period(data, "R19a", (r["period_label"] for r in data.state_capital), data.ytd_label)
    section = Section("technology", "2.2", "AI技术层", "Technology layer",
                      period=f"{year}" + (f"; {_window(r19)}" if r19 else ""))
    section.blocks.append(Paragraph(
        f"{year}年全球AI技术层融资金额在人工智能占比 {fmt.pct(_segment_share(data, year, 'all', 'technology'))}。"))
    if data.state_capital:
        # Calendar years plus the report's window of R19 (2025 so far), not every quarter.
        labels = [r["period_label"] for r in data.state_capital]
        window = _figure_period(data, "R19a", labels, data.ytd_label)
        periods = sorted({str(r["period_label"]) for r in data.state_capital
                          if r.get("period_type", "year") == "year"} | ({window} if window else set()))
        segments = [seg for seg in SEGMENT_ORDER if any(r["segment"] == seg for r in data.state_capital)]
        rows = []
        for period in periods:
            row = [period]
            for seg in segments:
                r = _find(data.state_capital, period_label=period, segment=seg)
                row.append(f"{fmt.count(r.get('deals_with_state_capital'))} / {fmt.count(r.get('deal_count'))}"
                           if r else "–")
            rows.append(row)
        tech = {str(r["period_label"]): r for r in data.state_capital if r["segment"] == "technology"}
        if tech:
            section.blocks.append(Paragraph("国资参与AI技术层投资次数:" + ",".join(
                f"{fmt.period(p)} {fmt.count(tech[p].get('deals_with_state_capital'))} 次" for p in periods if p in tech) + "。"))
        section.blocks.append(Table(["期间 period"] + [fmt.label(seg, fmt.SEGMENT_LABELS) for seg in segments], rows,
                                    caption="国资参与的投资事件 / 全部事件 · deals with state-owned investors / all deals"))
    return _with_figures(section, data, "technology")


def _sub_segment_amounts(data: ReportData, period: str, group: str, segment: str) -> dict[str, float]:
    return {str(r["sub_segment"]): num(r.get("amount_cny")) or 0.0
            for r in data.segment_rows(period, group)
            if r["segment"] == segment and r["sub_segment"] != "all"}


def infrastructure(data: ReportData) -> Section:
    # The figures' window (R21: "2024年以来" in the original) when the mart has it, else the report year.
    year = _figure_period(data, "R21a", (r["period_label"] for r in data.segments), str(data.focus_year))
    section = Section("infrastructure", "2.3", "AI基础层", "Infrastructure layer", period=_window(year))
    chips = _find(data.segment_rows(year, "CN"), segment="infrastructure", sub_segment="ai_chips")
    if chips:
        section.blocks.append(Paragraph(
            f"{fmt.period(year)},中国AI基础层投资事件中 {fmt.pct(num(chips.get('segment_count_share')))} 投向芯片研发企业"
            f"({fmt.count(chips.get('deal_count'))} 笔),投资规模 {fmt.yi(chips.get('amount_cny'))}。"))
    us, cn = (_sub_segment_amounts(data, year, g, "infrastructure") for g in ("US", "CN"))
    subs = sorted(set(us) | set(cn), key=lambda s: -(us.get(s, 0) + cn.get(s, 0)))
    if subs:
        behind = [s for s in subs if cn.get(s, 0) < us.get(s, 0)]
        section.blocks.append(Paragraph(
            f"{fmt.period(year)},基础层细分领域中,中国在 {len(behind)}/{len(subs)} 个领域的融资额落后于美国"
            + (f"(差距最大:{fmt.label(max(subs, key=lambda s: us.get(s, 0) - cn.get(s, 0)), fmt.SUB_SEGMENT_LABELS)})"
               if behind else "") + "。"))
        svg = charts.butterfly([fmt.label(s, fmt.SUB_SEGMENT_LABELS) for s in subs],
                               [us.get(s, 0) / YI for s in subs], [cn.get(s, 0) / YI for s in subs],
                               "美国 US", "中国 CN", f"{fmt.period(year)} 基础层细分领域融资额(亿元)· Infrastructure sub-segments",
                               lambda v: f"{v:,.1f}")
        table = Table(["细分 sub-segment", "美国 US", "中国 CN"],
                      [[fmt.label(s, fmt.SUB_SEGMENT_LABELS), fmt.yi(us.get(s)), fmt.yi(cn.get(s))] for s in subs])
        section.blocks.append(Chart([svg], "One shared scale, so the gap is visible as it is.", table))
    else:
        section.blocks.append(Paragraph(f"No infrastructure sub-segment rows for {year}."))
    return _with_figures(section, data, "infrastructure")


def application(data: ReportData) -> Section:
    year = _figure_period(data, "R22a", (r["period_label"] for r in data.segments), str(data.focus_year))
    section = Section("application", "2.4", "AI应用层", "Application layer", period=_window(year))
    panels, ranked = [], {}
    for group, color in (("US", charts.US_BLUE), ("CN", charts.CN_RED)):
        amounts = _sub_segment_amounts(data, year, group, "application")
        total = sum(amounts.values())
        items = sorted(((s, v / total) for s, v in amounts.items() if total), key=lambda kv: -kv[1])
        ranked[group] = items
        if items:
            panels.append(charts.ranked_bars(
                [(fmt.label(s, fmt.SUB_SEGMENT_LABELS), v) for s, v in items],
                f"{fmt.label(group, fmt.COUNTRY_LABELS)} 应用层 · {fmt.period(year)}", color, lambda v: f"{v * 100:.0f}%"))
    if panels:
        def top(group: str) -> str:
            return "、".join(fmt.label(s, fmt.SUB_SEGMENT_LABELS).split(" ")[0] for s, _ in ranked[group][:4]) or "–"
        section.blocks.append(Paragraph(
            f"{fmt.period(year)},应用层融资额排名前四的细分领域 —— 美国:{top('US')};中国:{top('CN')}。"))
        depth = max(len(ranked["US"]), len(ranked["CN"]))
        rows = []
        for i in range(depth):
            row = [str(i + 1)]
            for group in ("US", "CN"):
                if i < len(ranked[group]):
                    s, v = ranked[group][i]
                    row += [fmt.label(s, fmt.SUB_SEGMENT_LABELS), fmt.pct(v)]
                else:
                    row += ["", ""]
            rows.append(row)
        table = Table(["#", "美国 US", "份额 share", "中国 CN", "份额 share"], rows)
        section.blocks.append(Chart(panels, "Sub-segments ranked by amount, as a share of each country's "
                                            "application-layer funding.", table))
    else:
        section.blocks.append(Paragraph(f"No application sub-segment rows for {year}."))
    return _with_figures(section, data, "application")


# 2.5 -------------------------------------------------------------------------------------------

def _league_table(rows: list[Row], ranking: str, year: int) -> Table | None:
    ranked = [r for r in rows if r["ranking"] == ranking]
    if not ranked:
        return None
    by = "参与AI融资事件数 AI deals joined" if ranking == "deal_count" else "参与AI融资事件金额 amount of the AI deals joined"
    return Table(
        ["#", "投资方 investor", "类型 type", "笔数 AI deals", "占比 share of deals", "金额 amount", "领投 led"],
        [[str(r["rank"]), str(r["investor_name"]), fmt.label(r.get("investor_type"), fmt.INVESTOR_TYPE_LABELS),
          fmt.count(r.get("deal_count")), fmt.pct(num(r.get("deal_share"))), fmt.yi(r.get("amount_cny")),
          fmt.count(r.get("led_deal_count"))] for r in ranked],
        caption=f"{year}年 Top{ranked[0]['top_n']} 投资方,按{by}(金额为所投轮次的总额 · amounts are whole rounds)")


def _featured_block(data: ReportData) -> list[Paragraph | Table]:
    """R25: each featured investor's AI share per year, beside the original's number where the
    row is about the original's own period."""
    rows = data.featured_investors
    if not rows:
        return []
    blocks: list[Paragraph | Table] = []
    for name in sorted({str(r["featured_investor"]) for r in rows}):
        mine = [r for r in rows if str(r["featured_investor"]) == name]
        shown = _text(mine[0].get("investor_name")) or "no investor of that name in the data"
        now = _find(mine, year=data.focus_year)
        before = _find(mine, year=data.prior_year)
        if now and before:
            text = (f"{name}({shown}):AI投资占其投资事件的比例从{data.prior_year}年的 "
                    f"{fmt.pct(num(before.get('ai_count_share')))} 变为{data.focus_year}年的 "
                    f"{fmt.pct(num(now.get('ai_count_share')))}({fmt.pp(num(now.get('ai_count_share_change_pp')))})")
            references = [r for r in (before, now) if r.get("is_report_period")]
            if references:
                text += ";原报告:" + " → ".join(
                    f"{r['year']}年 {fmt.pct(num(r.get('reference_ai_count_share')))}" for r in references
                    if not fmt.missing(r.get("reference_ai_count_share")))
            blocks.append(Paragraph(text + "。"))
        blocks.append(Table(
            ["年份 year", "事件数 deals", "AI事件数 AI deals", "AI占比 AI share", "变化 change", "金额口径AI占比 AI share of amount",
             "原报告 report"],
            [[str(r["year"]), fmt.count(r.get("deal_count")), fmt.count(r.get("ai_deal_count")),
              fmt.pct(num(r.get("ai_count_share"))), fmt.pp(num(r.get("ai_count_share_change_pp"))),
              fmt.pct(num(r.get("ai_amount_share"))),
              (fmt.pct(num(r.get("reference_ai_count_share")))
               + (f" ({fmt.pp(num(r.get('reference_change_pp')))})" if not fmt.missing(r.get("reference_change_pp")) else ""))
              if r.get("is_report_period") else "–"]
             for r in mine],
            caption=f"R25 · {name}: AI share of its deals (financing rounds of any sector it joined)"))
    return blocks


def investors(data: ReportData) -> Section | None:
    if not data.has_investors:
        return None
    year = data.focus_year
    section = Section("investors", "2.5", "投资方", "Investors", period=str(year))
    league = data.investor_league
    top = [r for r in league if r["ranking"] == "deal_count"][:3]
    if top:
        section.blocks.append(Paragraph(
            f"{year}年参与AI融资事件最多的投资方:" + "、".join(
                f"{r['investor_name']}({fmt.count(r.get('deal_count'))} 笔)" for r in top) + "。"))
    for ranking in ("deal_count", "amount_cny"):
        table = _league_table(league, ranking, year)
        if table:
            section.blocks.append(table)
    if not league:
        section.blocks.append(Paragraph(f"No investor of an AI deal in {year}."))
    for label, rows in data.state_capital_investors.items():
        if not rows:
            section.blocks.append(Paragraph(f"{fmt.period(label)}:没有国资参与的AI融资事件 · no state-capital investor."))
            continue
        section.blocks.append(Paragraph(
            f"{fmt.period(label)},{len(rows)} 家国资投资方参与AI融资事件,参与最多的是 "
            + "、".join(f"{r['investor_name']}({fmt.count(r.get('deal_count'))} 笔)" for r in rows[:3]) + "。"))
        shown = rows[:data.top_investors_n]
        more = f"; {len(rows) - len(shown)} more in fct_deal_investors" if len(rows) > len(shown) else ""
        section.blocks.append(Table(
            ["投资方 investor", "中文名 Chinese name", "AI事件数 AI deals", "其中技术层 technology", "金额 amount"],
            [[str(r["investor_name"]),
              "" if _text(r.get("investor_name_zh")) == str(r["investor_name"]) else _text(r.get("investor_name_zh")),
              fmt.count(r.get("deal_count")), fmt.count(r.get("technology_deal_count")), fmt.yi(r.get("amount_cny"))]
             for r in shown],
            caption=f"国资参与方 · state-capital investors of AI deals, {_window(label)} (top {len(shown)}{more})"))
    section.blocks.extend(_featured_block(data))
    return section


def trends(data: ReportData) -> Section:
    zh, en = fmt.to_date(data.as_of_date) if data.as_of_date else ("", "")
    section = Section("trends", "3", "未来发展趋势", "Trends: period to date",
                      period=f"{zh} · {en}" if zh else "")
    if data.period_to_date:
        # The as-of date of the run (the original: 截至3月23日); one per mart row set.
        for as_of in sorted({str(r["as_of_date"])[:10] for r in data.period_to_date}):
            rows = [r for r in data.period_to_date if str(r["as_of_date"])[:10] == as_of]
            total = _find(rows, country_group="all", segment="all")
            if total:
                stretch = fmt.to_date(dt.date.fromisoformat(as_of))[0]
                section.blocks.append(Paragraph(
                    f"{stretch},全球人工智能领域融资额 {fmt.yi(total.get('amount_cny'))}"
                    f"({str(total.get('window_start'))[:10]} 至 {as_of}),上年同期 "
                    f"{fmt.yi(total.get('prior_amount_cny'))},同比 {fmt.pct_change(total.get('yoy_pct'))}。"))
            rows = [r for r in rows if r["segment"] == "all" or r["country_group"] == "all"]
            section.blocks.append(Table(
                ["国家 country", "领域 segment", "金额 amount", "上年同期 prior", "同比 YoY"],
                [[fmt.label(r["country_group"], fmt.COUNTRY_LABELS), fmt.label(r["segment"], fmt.SEGMENT_LABELS),
                  fmt.yi(r.get("amount_cny")), fmt.yi(r.get("prior_amount_cny")), fmt.pct_change(r.get("yoy_pct"))]
                 for r in rows], caption=f"截至 as of {as_of}"))
    else:
        section.blocks.append(Paragraph("mart_period_to_date is empty."))
    return _with_figures(section, data, "trends")


def appendix(data: ReportData) -> Section:
    section = Section("figures", "A", "全部图表数据", "All report figures")
    section.blocks.append(Paragraph(
        "Every figure of the original report (docs/figures.md R1–R23) as mart_report_figures has it, "
        "with the report's own number where the period is the report's."))
    block = _figures_block(data)
    if block:
        section.blocks.append(block)
    audit = data.audit
    rows = [["published file", str(data.published_db)], ["report generated", str(data.generated_at)]]
    if audit:
        rows += [[k, str(v)] for k, v in audit.items()]
    section.blocks.append(Table(["", ""], rows, caption="数据来源 · data provenance (latest audit_runs row)"))
    return section


def build_document(data: ReportData) -> Document:
    year, trend_year = data.focus_year, data.trend_year
    meta = [("期间 period", _years(data))]
    if data.as_of_date:
        meta.append(("截至 as of", data.as_of_date.isoformat()))
    meta.append(("原报告数字 report's numbers",
                 "见“原报告”列(仅原报告自身的期间)· beside the figures of the original report's own periods"
                 if data.shows_report_numbers else
                 "不适用:期间不同于原报告 · not shown: the period is not the original report's"))
    meta += [("数据 data", f"{data.published_db.name} (published marts)"), ("生成 generated", str(data.generated_at))]
    if data.audit:
        meta.append(("发布 published", str(data.audit.get("published_at"))))
    return Document(
        title=f"{year}年全球AI投融资分析及{trend_year}趋势预判",
        subtitle=f"Global AI investment and financing in {year}, and trends for {trend_year} — regenerated from the deal data",
        meta=meta,
        sections=[section for section in (
            global_view(data), us_cn(data), aigc(data), technology(data), infrastructure(data),
            application(data), investors(data), trends(data), appendix(data)) if section is not None],
    )
