"""The orders section of the customer 360° page (CUS-6, CUS-7): orders, review status, delivery."""

import datetime as dt

from django.db.models import Count, Sum
from django.utils import timezone

from csc.core.permissions import can, restrict
from csc.customers.models import PurchaseVolume

from . import kpis
from .choices import OrderStatus
from .models import Order, Shipment, ShipmentLine

RECENT = 8
MONTHS = 12


def customer_orders(customer, user):
    """Return the panel's context for one customer, or None when the user may not see orders."""
    if not can(user, "orders.view_order"):
        return None
    orders = restrict(Order.objects.filter(customer=customer), user)
    today = timezone.localdate()
    start = (today.replace(day=1) - dt.timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    delivery = kpis.on_time_delivery(
        start, today, restrict(Shipment.objects.filter(customer=customer), user)
    )
    delivered, total, on_time_rate = kpis.totals(delivery, "on_time_count", "shipments")
    labels = dict(OrderStatus.choices)
    by_status = [
        (labels.get(row["status"], row["status"]), row["n"])
        for row in orders.values("status").annotate(n=Count("pk")).order_by("status")
    ]
    return {
        "customer": customer,
        "recent": orders.order_by("-received_at", "-id")[:RECENT],
        "by_status": by_status,
        "overdue": orders.filter(
            status__in=[OrderStatus.REVIEW, OrderStatus.DISPUTED], pending_due_at__lt=timezone.now()
        ).count(),
        "delivery": delivery,
        "delivery_total": (delivered, total, on_time_rate),
        "volumes": _volumes(customer, user, start),
        "may_add": can(user, "orders.add_order") and customer.status == "active",
    }


def _volumes(customer, user, start):
    """Quantity bought per month from shipped lines (SQL); the value where the user may see it."""
    lines = restrict(ShipmentLine.objects.filter(customer=customer, shipped_on__gte=start), user)
    rows = (
        lines.annotate(period=kpis.MonthStart("shipped_on"))
        .values("period")
        .annotate(quantity=Sum("quantity"))
        .order_by("period")
    )
    amounts = {}
    if can(user, "customers.view_purchasevolume"):
        volumes = restrict(
            PurchaseVolume.objects.filter(customer=customer, period__gte=start), user
        )
        amounts = dict(volumes.values_list("period", "amount"))
    return [{**row, "amount": amounts.get(row["period"])} for row in rows]
