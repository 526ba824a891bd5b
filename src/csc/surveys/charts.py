"""Charts drawn on the server as SVG (no script, no CDN): the trend across rounds and the item
profile of a round. Every label is escaped; the markup is safe to put in a page."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

BRAND = "#1f5fbf"
BAD = "#c53030"
MUTED = "#6b7385"
LINE = "#e2e6ee"


def _scale(values, floor=None, ceiling=None):
    known = [float(v) for v in values if v is not None]
    low = floor if floor is not None else (min(known) if known else 0)
    high = ceiling if ceiling is not None else (max(known) if known else 100)
    if high <= low:
        high = low + 1
    return float(low), float(high)


def trend(points, width=640, height=220, target=None, title=""):
    """Return an SVG line chart of [(label, value)] oldest first; ``target`` draws a line."""
    if not points:
        return ""
    values = [v for _label, v in points]
    low, high = _scale([*values, target], floor=None)
    low, high = max(0.0, low - 5), min(100.0, high + 5) if high <= 100 else high + 5
    left, right, top, bottom = 44, 40, 16, 36
    inner_w, inner_h = width - left - right, height - top - bottom
    step = inner_w / max(len(points) - 1, 1)

    def y(value):
        return top + inner_h - (float(value) - low) / (high - low) * inner_h

    parts = [_open(width, height, title)]
    parts += _grid(low, high, y, left, width - right)
    if target is not None:
        ty = y(target)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{BAD}" stroke-dasharray="4 3"/>'
        )
    coords = [
        (left + i * step if len(points) > 1 else left + inner_w / 2, y(v))
        for i, (_l, v) in enumerate(points)
        if v is not None
    ]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in coords)
        parts.append(f'<polyline fill="none" stroke="{BRAND}" stroke-width="2" points="{path}"/>')
    for i, (label, value) in enumerate(points):
        x = left + i * step if len(points) > 1 else left + inner_w / 2
        parts.append(
            f'<text x="{x:.1f}" y="{height - 14}" text-anchor="middle" font-size="11" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
        if value is not None:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y(value):.1f}" r="4" fill="{BRAND}"/>'
                f'<text x="{x:.1f}" y="{y(value) - 8:.1f}" text-anchor="middle" font-size="11">'
                f"{escape(value)}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped or numeric)


def item_profile(rows, requirement, maximum, width=640, title=""):
    """Return horizontal bars of each item's average with the requirement as a dashed line.

    ``rows`` are (label, average or None, meets requirement).
    """
    if not rows:
        return ""
    bar_h, gap, left, right, top = 18, 8, 230, 56, 8
    height = top + len(rows) * (bar_h + gap) + 8
    inner_w = width - left - right
    maximum = float(maximum or 100)
    parts = [_open(width, height, title)]
    for i, (label, average, meets) in enumerate(rows):
        y = top + i * (bar_h + gap)
        parts.append(
            f'<text x="{left - 8}" y="{y + 13}" text-anchor="end" font-size="12">'
            f"{escape(_shorten(str(label)))}</text>"
            f'<rect x="{left}" y="{y}" width="{inner_w}" height="{bar_h}" fill="#f4f6f9"/>'
        )
        if average is not None:
            w = inner_w * min(float(average) / maximum, 1.0)
            colour = BRAND if meets else BAD
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>'
                f'<text x="{left + w + 6:.1f}" y="{y + 13}" font-size="12">{escape(average)}</text>'
            )
    rx = left + inner_w * min(float(requirement) / maximum, 1.0)
    parts.append(
        f'<line x1="{rx:.1f}" x2="{rx:.1f}" y1="{top - 4}" y2="{height - 4}" stroke="{BAD}" '
        f'stroke-dasharray="4 3"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308


def _open(width, height, title):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px" role="img" aria-label="{escape(title)}" '
        'class="chart">'
        f"<title>{escape(title)}</title>"
    )


def _grid(low, high, y, x1, x2):
    lines = []
    step = Decimal(10) if high - low > 20 else Decimal(5)
    value = (Decimal(str(low)) // step) * step
    while value <= Decimal(str(high)):
        if value >= Decimal(str(low)):
            yy = y(value)
            lines.append(
                f'<line x1="{x1}" x2="{x2}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="{LINE}"/>'
                f'<text x="{x1 - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="11" '
                f'fill="{MUTED}">{value}</text>'
            )
        value += step
    return lines


def _shorten(text, limit=18):
    return text if len(text) <= limit else text[: limit - 1] + "…"
