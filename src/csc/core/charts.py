"""The one chart module: small server-side SVG charts (bars with an optional line on a second
axis, trends against a target whose points link to the records behind them, and horizontal
bars against a requirement).

SVG keeps the pages free of any script or CDN and prints unchanged into the PDFs (fpdf2 draws
SVG): hovering a bar or point shows its value (a <title> tooltip) and a trend point is a link,
so "click to drill down" works in every browser without a chart library.
"""

from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 48, 16, 56
BAR, LINE = "#1f5fbf", "#c05621"


def _top(values):
    """Return a round upper bound for an axis holding ``values``."""
    peak = max([float(v) for v in values if v is not None] + [0])
    if peak <= 0:
        return 1.0
    step = 10 ** (len(str(int(peak))) - 1)
    return float((int(peak / step) + 1) * step)


def _number(value):
    if value is None:
        return "–"
    if isinstance(value, float | Decimal) and value != int(value):
        return f"{value:,.2f}"
    return f"{int(value):,}"


def bars_and_line(labels, bars, line=None, bar_name="", line_name="", line_max=None, bar_max=None):
    """Return an SVG: one bar per label (left axis) and an optional line (right axis); the
    axes end at ``bar_max`` / ``line_max`` when given (100 for shares in per cent)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = max(len(labels), 1)
    slot = plot_w / count
    bar_top = bar_max or _top(bars)
    parts = [_axes(plot_w, plot_h, bar_top, line_max or (_top(line) if line else None))]
    for index, (label, value) in enumerate(zip(labels, bars, strict=True)):
        x = LEFT + index * slot
        height = plot_h * float(value or 0) / bar_top
        parts.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{TOP + plot_h - height:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{height:.1f}" fill="{BAR}">'
            f"<title>{escape(label)} · {escape(bar_name)}: {_number(value)}</title></rect>"
        )
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 14}" font-size="11" '
            f'text-anchor="end" transform="rotate(-35 {x + slot / 2:.1f} {HEIGHT - BOTTOM + 14})">'
            f"{escape(label)}</text>"
        )
    if line:
        parts.append(_line(labels, line, slot, plot_h, line_max or _top(line), line_name))
    parts.append(_legend(bar_name, line_name if line else ""))
    body = "".join(parts)
    return mark_safe(  # noqa: S308 (every text inside is escaped above)
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(bar_name)}" xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    )


def _axes(plot_w, plot_h, left_top, right_top):
    lines = [
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#999"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#999"/>',
    ]
    for step in range(5):
        y = TOP + plot_h - plot_h * step / 4
        lines.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#eee"/>'
        )
        lines.append(
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">'
            f"{_number(left_top * step / 4)}</text>"
        )
        if right_top:
            lines.append(
                f'<text x="{LEFT + plot_w + 4}" y="{y + 4:.1f}" font-size="10" fill="{LINE}">'
                f"{_number(right_top * step / 4)}</text>"
            )
    return "".join(lines)


def _line(labels, values, slot, plot_h, top, name):
    points, dots = [], []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        if value is None:
            continue
        x = LEFT + index * slot + slot / 2
        y = TOP + plot_h - plot_h * float(value) / top
        points.append(f"{x:.1f},{y:.1f}")
        dots.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{LINE}">'
            f"<title>{escape(label)} · {escape(name)}: {_number(value)}</title></circle>"
        )
    path = f'<polyline points="{" ".join(points)}" fill="none" stroke="{LINE}" stroke-width="2"/>'
    return path + "".join(dots)


def _legend(bar_name, line_name):
    legend = (
        f'<rect x="{LEFT}" y="{HEIGHT - 14}" width="10" height="10" fill="{BAR}"/>'
        f'<text x="{LEFT + 14}" y="{HEIGHT - 5}" font-size="11">{escape(bar_name)}</text>'
    )
    if line_name:
        legend += (
            f'<line x1="{LEFT + 180}" y1="{HEIGHT - 9}" x2="{LEFT + 196}" y2="{HEIGHT - 9}" '
            f'stroke="{LINE}" stroke-width="2"/>'
            f'<text x="{LEFT + 200}" y="{HEIGHT - 5}" font-size="11">{escape(line_name)}</text>'
        )
    return legend


def pareto_chart(rows, name, cumulative_name):
    """Return the Pareto chart of rows [(value, label, count, cumulative %)]."""
    labels = [label for _value, label, _n, _c in rows]
    return bars_and_line(
        labels,
        [n for _v, _l, n, _c in rows],
        [c for _v, _l, _n, c in rows],
        bar_name=name,
        line_name=cumulative_name,
        line_max=100.0,
    )


TARGET = "#c53030"


def trend(points, target=None, name="", width=WIDTH, height=200):
    """Return an SVG line of ``points`` [(label, value, url or "")], oldest first, with the
    target as a dashed line; a point with a url is a link to the records behind it."""
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - 36
    top = _top([v for _l, v, _u in points] + [target])
    slot = plot_w / max(len(points), 1)

    def y(value):
        return TOP + plot_h - plot_h * float(value) / top

    parts = [_grid(plot_w, plot_h, top, width)]
    if target is not None:
        parts.append(
            f'<line class="target" x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(target):.1f}" '
            f'y2="{y(target):.1f}" stroke="{TARGET}" stroke-dasharray="4 3"/>'
        )
    known = [(i, v) for i, (_l, v, _u) in enumerate(points) if v is not None]
    line = " ".join(f"{LEFT + i * slot + slot / 2:.1f},{y(v):.1f}" for i, v in known)
    parts.append(f'<polyline points="{line}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    for index, (label, value, url) in enumerate(points):
        x = LEFT + index * slot + slot / 2
        if index % max(len(points) // 12, 1) == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - 20}" font-size="10" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
        if value is not None:
            parts.append(_point(x, y(value), f"{label} · {name}: {_number(value)}", url))
    return mark_safe(  # noqa: S308 (every text inside is escaped)
        f'<svg class="chart trend" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(name)}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


def _grid(plot_w, plot_h, top, width):
    lines = []
    for step in range(5):
        y = TOP + plot_h - plot_h * step / 4
        lines.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#eee"/>'
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">'
            f"{_number(top * step / 4)}</text>"
        )
    return "".join(lines)


def _point(x, y, tip, url):
    dot = format_html(
        '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{}</title></circle>',
        f"{x:.1f}",
        f"{y:.1f}",
        BAR,
        tip,
    )
    return format_html('<a href="{}">{}</a>', url, dot) if url else dot


def item_profile(rows, requirement, maximum, width=WIDTH, title=""):
    """Return horizontal bars of each item's average with the requirement as a dashed line.

    ``rows`` are (label, average or None, meets requirement); an item below it is red.
    """
    if not rows:
        return ""
    bar_h, gap, left, right, top = 18, 8, 230, 56, 8
    height = top + len(rows) * (bar_h + gap) + 8
    inner_w = width - left - right
    maximum = float(maximum or 100)
    parts = []
    for i, (label, average, meets) in enumerate(rows):
        y = top + i * (bar_h + gap)
        parts.append(
            f'<text x="{left - 8}" y="{y + 13}" text-anchor="end" font-size="12">'
            f"{escape(_shorten(str(label)))}<title>{escape(label)}</title></text>"
            f'<rect x="{left}" y="{y}" width="{inner_w}" height="{bar_h}" fill="#f4f6f9"/>'
        )
        if average is not None:
            w = inner_w * min(float(average) / maximum, 1.0)
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{BAR if meets else TARGET}"><title>{escape(label)}: {_number(average)}'
                f'</title></rect><text x="{left + w + 6:.1f}" y="{y + 13}" font-size="12">'
                f"{escape(average)}</text>"
            )
    rx = left + inner_w * min(float(requirement) / maximum, 1.0)
    parts.append(
        f'<line x1="{rx:.1f}" x2="{rx:.1f}" y1="{top - 4}" y2="{height - 4}" stroke="{TARGET}" '
        f'stroke-dasharray="4 3"/>'
    )
    return mark_safe(  # noqa: S308 (every text inside is escaped)
        f'<svg class="chart profile" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(parts)}</svg>'
    )


def _shorten(text, limit=18):
    return text if len(text) <= limit else text[: limit - 1] + "…"
