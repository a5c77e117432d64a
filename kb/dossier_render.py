"""A dossier as one self-contained HTML page (inline CSS and SVG: works offline, prints cleanly) or as Markdown.

The chart is drawn by hand in SVG: a few bars need no plotting library, and
the page must carry no script or web font.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from html import escape
from pathlib import Path

from kb.dossier import Dossier, Flow

TEMPLATES = Path(__file__).parent / "templates"
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f")


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.2f}".rstrip("0")


def amount(flow: Flow) -> str:
    """'250 t a year', '1,500,000 USD', '3,000 t worth 1,500,000 USD'."""
    parts = []
    if flow.quantity is not None:
        parts.append(f"{number(flow.quantity)} {flow.unit or ''}".strip())
    if flow.value is not None:
        money = f"{number(flow.value)} {flow.currency or ''}".strip()
        parts.append(f"worth {money}" if parts else money)
    text = " ".join(parts) or "no figure given"
    return f"{text} a {flow.rate_period}" if flow.rate_period and parts else text


def chart_series(flows: list[Flow]) -> tuple[list[str], dict[str, dict[str, float]], str] | None:
    """Years, series (commodity and direction → year → amount) and the unit charted: tonnes where flows give a
    mass, else money in the currency most flows give; None when there is nothing to chart."""
    massed = [f for f in flows if f.quantity_kg is not None and f.year]
    if massed:
        chosen, unit, measure = massed, "tonnes", (lambda f: f.quantity_kg / 1000)
    else:
        currencies = defaultdict(int)
        for f in flows:
            if f.value is not None and f.year and f.currency:
                currencies[f.currency] += 1
        if not currencies:
            return None
        currency = max(currencies, key=lambda c: (currencies[c], c))
        chosen = [f for f in flows if f.value is not None and f.year and f.currency == currency]
        unit, measure = currency, (lambda f: f.value)
    series: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for f in chosen:
        label = f"{f.commodity} ({f.exporter or '?'} → {f.importer or '?'})"
        series[label][f.year] += measure(f)
    years = sorted({y for s in series.values() for y in s})
    return years, {k: dict(v) for k, v in sorted(series.items())}, unit


def chart_svg(flows: list[Flow]) -> str | None:
    """Grouped bars: one group per year, one bar per commodity and direction, with values written on them."""
    data = chart_series(flows)
    if data is None:
        return None
    years, series, unit = data
    width, height, left, bottom, top = 640, 200, 56, 28, 16
    plot_w, plot_h = width - left - 12, height - top - bottom
    peak = max(v for s in series.values() for v in s.values()) or 1
    group_w = plot_w / len(years)
    widest = max(sum(1 for values in series.values() if year in values) for year in years)
    bar_w = min(48, (group_w - 12) / widest)
    colours = {label: PALETTE[j % len(PALETTE)] for j, label in enumerate(series)}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 18 * len(series)}" '
           f'role="img" aria-label="Trade flows by year, in {escape(unit)}" class="chart">',
           f'<text x="4" y="12" class="axis">{escape(unit)}</text>',
           f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 12}" y2="{top + plot_h}" class="base"/>']
    for i, year in enumerate(years):
        present = [(label, values[year]) for label, values in series.items() if year in values]
        x0 = left + i * group_w + (group_w - bar_w * len(present)) / 2  # the year's bars side by side, centred
        for j, (label, value) in enumerate(present):
            h = max(1.0, plot_h * value / peak)
            x, y = x0 + j * bar_w, top + plot_h - h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 3:.1f}" height="{h:.1f}" '
                       f'fill="{colours[label]}"><title>{escape(label)}, {year}: {number(value)} {escape(unit)}'
                       f'</title></rect>')
            out.append(f'<text x="{x + (bar_w - 3) / 2:.1f}" y="{y - 3:.1f}" class="value">{number(value)}</text>')
        out.append(f'<text x="{left + i * group_w + group_w / 2:.1f}" y="{top + plot_h + 18}" '
                   f'class="year">{escape(year)}</text>')
    for j, label in enumerate(series):
        y = height + 18 * j + 4
        out.append(f'<rect x="{left}" y="{y}" width="12" height="12" fill="{PALETTE[j % len(PALETTE)]}"/>'
                   f'<text x="{left + 18}" y="{y + 10}" class="legend">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def html(dossier: Dossier) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["amount"] = amount
    env.filters["event"] = lambda a: a.event
    chart = chart_svg(dossier.flows)
    return env.get_template("dossier.html").render(d=dossier, chart=Markup(chart) if chart else None,
                                                   today=date.today().isoformat())


def _notes(numbers: list[int]) -> str:
    return "".join(f"[^{n}]" for n in numbers)


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def markdown(dossier: Dossier) -> str:
    d = dossier
    lines = [f"# {d.title}", "", _scope(d), ""]
    if d.partners:
        lines += ["## Partners", "", "| country | agreements | trade flows |", "| --- | ---: | ---: |"]
        lines += [f"| {p.name} ({p.code}) | {p.agreements} | {p.flows} |" for p in d.partners]
        lines.append("")
    lines += ["## Agreements", ""]
    if not d.agreements:
        lines.append("No agreement found.")
    for a in d.agreements:
        where = f" in {a.place}" if a.place else ""
        who = f"; signed by {a.signatories}" if a.signatories else ""
        lines.append(f"- **{a.date or 'undated'}** — {_cell(a.name)} ({a.kind or 'instrument'}; parties "
                     f"{a.parties or '?'}): {a.event}{where}{who}{_notes(a.notes)}")
    lines.append("")
    for side in filter(None, (d.first, d.second)):
        lines += [f"## Acting for {side.name}", ""]
        if side.agencies:
            lines.append("Agencies: " + "; ".join(f"{g.name} ({g.kind or 'agency'}){_notes(g.notes)}"
                                                   for g in side.agencies) + ".")
            lines.append("")
        for person in side.officials:
            posts = "; ".join(f"{p.title or 'post'}{', ' + p.agency if p.agency else ''} "
                              f"({_span(p.first_seen, p.last_seen)}){_notes(p.notes)}" for p in person.posts)
            lines.append(f"- {person.name}: {posts}")
        if not side.agencies and not side.officials:
            lines.append("No agency or official found.")
        lines.append("")
    lines += ["## Trade flows", ""]
    if d.flows:
        lines += ["| commodity | HS | from → to | year | amount | period |", "| --- | --- | --- | --- | --- | --- |"]
        lines += [f"| {_cell(f.commodity)}{_notes(f.notes)} | {f.hs_code or ''} | {f.exporter or '?'} → "
                  f"{f.importer or '?'} | {f.year or ''} | {amount(f)} | {f.period or ''} |" for f in d.flows]
    else:
        lines.append("No trade flow found.")
    lines += ["", "## Sources", ""]
    for n, s in enumerate(d.footnotes.sources, 1):
        quote = f"“{_cell(s.quote)}” — " if s.quote else ""
        title = f"[{s.title}]({s.url})" if s.url else (s.title or f"article {s.article_id}")
        lines.append(f"[^{n}]: {quote}{title}, {s.publisher or 'unknown publisher'}, {s.published or 'undated'}.")
    return "\n".join(lines).rstrip() + "\n"


def _scope(d: Dossier) -> str:
    window = ""
    if d.since or d.until:
        window = f" Dates from {d.since or 'the start'} to {d.until or 'now'}."
    return (f"From {d.articles} article{'s' * (d.articles != 1)} in the knowledge base; every statement is "
            f"footnoted to the sentence and article that support it.{window}")


def _span(first: str | None, last: str | None) -> str:
    if first and last and first != last:
        return f"{first} … {last}"
    return first or last or "undated"
