"""Units of measure as people read them: the stored code stays short and language-free."""

from django.utils.translation import pgettext_lazy

#: The units the factory counts in; a code not listed here is shown as typed.
UNITS = {
    "pcs": pgettext_lazy("unit", "pcs"),
    "pc": pgettext_lazy("unit", "pcs"),
    "set": pgettext_lazy("unit", "set"),
    "sets": pgettext_lazy("unit", "set"),
    "roll": pgettext_lazy("unit", "roll"),
    "rolls": pgettext_lazy("unit", "roll"),
    "box": pgettext_lazy("unit", "box"),
    "pair": pgettext_lazy("unit", "pair"),
    "kg": pgettext_lazy("unit", "kg"),
    "g": pgettext_lazy("unit", "g"),
    "t": pgettext_lazy("unit", "t"),
    "m": pgettext_lazy("unit", "m"),
    "mm": pgettext_lazy("unit", "mm"),
    "l": pgettext_lazy("unit", "L"),
    "sheet": pgettext_lazy("unit", "sheet"),
    "pallet": pgettext_lazy("unit", "pallet"),
    "lot": pgettext_lazy("unit", "lot"),
    "ea": pgettext_lazy("unit", "pcs"),
}


def unit_label(code):
    """Return the unit in the active language; unknown codes come back unchanged."""
    if not code:
        return ""
    label = UNITS.get(str(code).strip().lower())
    return str(label) if label is not None else code
