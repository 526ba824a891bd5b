"""Small server-side SVG charts: bars with an optional line on a second axis.

SVG keeps the KPI page free of any script or CDN; each bar carries a <title> tooltip.
"""

from decimal import Decimal

from django.utils.html import escape
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


def bars_and_line(labels, bars, line=None, bar_name="", line_name="", line_max=None):
    """Return an SVG: one bar per label (left axis) and an optional line (right axis)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = max(len(labels), 1)
    slot = plot_w / count
    bar_top = _top(bars)
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
