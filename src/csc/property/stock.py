"""Balances of the stock ledger (PRP-4), all computed in SQL from the ledger entries.

Every figure is a SUM over ``Movement`` read through the index (item, lot, moved_on, quantity),
so the balance of an item or a lot at any past date costs one index range scan.
"""

from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value, Window
from django.db.models.functions import Coalesce

from .choices import USABLE_LOT_STATES
from .models import QUANTITY, Movement

ZERO = Decimal("0")


def shown(quantity):
    """Return a quantity as people write it: 30, 2.5 (no trailing zeros, no exponent)."""
    text = f"{Decimal(quantity).normalize():f}"
    return "0" if text == "-0" else text


def _quantity_field():
    return DecimalField(**QUANTITY)


def _pk(obj):
    return getattr(obj, "pk", obj)


def entries(item, at=None, lot=None):
    """Return the ledger entries of an item (or of one of its lots) up to the end of ``at``."""
    queryset = Movement.objects.filter(item=_pk(item))
    if lot is not None:
        queryset = queryset.filter(lot=_pk(lot))
    if at is not None:
        queryset = queryset.filter(moved_on__lte=at)
    return queryset


def balance(item, at=None, lot=None):
    """Return the quantity held of an item (or one lot) at the end of day ``at`` (default now)."""
    total = entries(item, at, lot).aggregate(total=Sum("quantity"))["total"]
    return total if total is not None else ZERO


def lot_balances(item, at=None):
    """Return {lot id: balance} of every lot of the item with entries up to ``at``."""
    rows = entries(item, at).order_by().values("lot").annotate(total=Sum("quantity"))
    return dict(rows.values_list("lot", "total"))


def usable_stock(item):
    """Return [(lot id, balance)] of the lots that may be issued, oldest first (FIFO).

    Only accepted lots and lots used as is under a concession count (PRP-4: issue only from
    received, accepted stock).
    """
    rows = (
        Movement.objects.filter(item=_pk(item), lot__status__in=USABLE_LOT_STATES)
        .order_by()
        .values("lot")
        .annotate(total=Sum("quantity"))
        .filter(total__gt=0)
        .order_by("lot__received_on", "lot")
        .values_list("lot", "total")
    )
    return list(rows)


def on_hand():
    """Return an annotation: the current balance of each item row (a correlated SUM)."""
    total = (
        Movement.objects.filter(item=OuterRef("pk"))
        .order_by()
        .values("item")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return Coalesce(
        Subquery(total, output_field=_quantity_field()),
        Value(ZERO, output_field=_quantity_field()),
    )


def lot_on_hand():
    """Return an annotation: the current balance of each lot row."""
    total = (
        Movement.objects.filter(item=OuterRef("item"), lot=OuterRef("pk"))
        .order_by()
        .values("lot")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return Coalesce(
        Subquery(total, output_field=_quantity_field()),
        Value(ZERO, output_field=_quantity_field()),
    )


def with_running_balance(queryset):
    """Annotate ledger entries with the balance after each one (per item, in date order)."""
    return queryset.annotate(
        running=Window(
            Sum("quantity"),
            partition_by=[F("item")],
            order_by=[F("moved_on").asc(), F("id").asc()],
        )
    )
