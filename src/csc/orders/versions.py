"""The content of a review record version and the difference between two versions (ORD-7).

A version's ``snapshot`` holds the order's header and lines as reviewed; its items are rows.
``content`` puts both together in plain values; ``diff`` compares two contents.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .choices import ItemCategory, OrderType
from .rules import plain_number

HEADER_FIELDS = [
    "order_type",
    "sample",
    "customer_reference",
    "payment_terms",
    "trade_terms",
    "notes",
]
LINE_FIELDS = [
    "product",
    "specification",
    "quantity",
    "unit_price",
    "currency",
    "requested_date",
    "promised_date",
]


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_number(value)  # 400, not 400.000
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def line_snapshot(line):
    """Return one order line as plain values (strings), as a version keeps it."""
    return {
        "id": line.pk,
        "no": line.line_no,
        "product": str(line.product),
        "product_id": line.product_id,
        "unit": line.product.unit,
        **{name: _plain(getattr(line, name)) for name in LINE_FIELDS if name != "product"},
    }


def snapshot(order, lines):
    """Return the order's header and lines as a version stores them."""
    return {
        "header": {name: _plain(getattr(order, name)) for name in HEADER_FIELDS},
        "lines": [line_snapshot(line) for line in lines],
    }


def content(version, items=None):
    """Return {header, lines, items} of a version; items as {category: [requirement, …]}."""
    items = version.items.all() if items is None else items
    grouped = {}
    for item in items:
        grouped.setdefault(item.category, []).append(item.requirement)
    data = version.snapshot or {}
    return {"header": data.get("header", {}), "lines": data.get("lines", []), "items": grouped}


@dataclass(frozen=True)
class Difference:
    """One changed value between two versions: where, what, old → new."""

    where: str
    what: str
    old: str
    new: str


def _header_label(name):
    labels = {
        "order_type": _("Order type"),
        "sample": _("Sample order"),
        "customer_reference": _("Customer's order no."),
        "payment_terms": _("Payment terms"),
        "trade_terms": _("Trade terms"),
        "notes": _("Notes"),
    }
    return labels.get(name, name)


def _line_label(name):
    labels = {
        "product": _("Product"),
        "specification": _("Specification"),
        "quantity": _("Quantity"),
        "unit_price": _("Unit price"),
        "currency": _("Currency"),
        "requested_date": _("Requested delivery date"),
        "promised_date": _("Promised delivery date"),
    }
    return labels.get(name, name)


def _shown(name, value):
    if name == "order_type" and value in OrderType.values:
        return str(OrderType(value).label)
    if name == "sample":
        return _("yes") if value == "True" else _("no")
    return value


def diff(old, new):
    """Return the Differences from content ``old`` to content ``new`` (header, lines, items)."""
    changes = []
    for name in HEADER_FIELDS:
        before, after = old["header"].get(name, ""), new["header"].get(name, "")
        if before != after:
            changes.append(
                Difference(
                    _("Order"), _header_label(name), _shown(name, before), _shown(name, after)
                )
            )
    changes += _line_differences(old["lines"], new["lines"])
    for category in ItemCategory:
        before = "\n".join(old["items"].get(category.value, []))
        after = "\n".join(new["items"].get(category.value, []))
        if before != after:
            changes.append(Difference(_("Review items"), str(category.label), before, after))
    return changes


def _line_differences(old_lines, new_lines):
    before = {line["id"]: line for line in old_lines}
    changes = []
    for line in new_lines:
        where = _("Line %(no)s") % {"no": line["no"]}
        previous = before.pop(line["id"], None)
        if previous is None:
            changes.append(Difference(where, _("Added"), "", _line_summary(line)))
            continue
        for name in LINE_FIELDS:
            if previous.get(name, "") != line.get(name, ""):
                changes.append(
                    Difference(where, _line_label(name), previous.get(name, ""), line.get(name, ""))
                )
    for line in before.values():
        where = _("Line %(no)s") % {"no": line["no"]}
        changes.append(Difference(where, _("Removed"), _line_summary(line), ""))
    return changes


def _line_summary(line):
    return f"{line['product']} × {line['quantity']} {line.get('unit', '')}".strip()
