"""Template helpers of the customer-property pages."""

from decimal import Decimal

from django import template

from ..stock import shown

register = template.Library()


@register.filter
def qty(value):
    """Show a quantity without trailing zeros or exponent: 100.000 → 100, 2.500 → 2.5."""
    if value is None or value == "":
        return "–"
    return shown(value if isinstance(value, Decimal) else Decimal(str(value)))


@register.filter
def percent_of(value, whole):
    """Return value as a percentage of whole (for bar widths), 0 when whole is 0."""
    try:
        return round(100 * float(value) / float(whole)) if whole else 0
    except (TypeError, ValueError):
        return 0
