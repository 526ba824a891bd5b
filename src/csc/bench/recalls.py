"""Benchmark of recalls: the distribution of a lot across 1,000,000 shipment lines (issue #14).

Budget: the per-customer distribution of one product over a lot's shipping window, p95 ≤ 200 ms.
``--records`` sets the number of shipment lines wanted; the orders bench makes them (about five
lines per order), so this area reuses whatever orders data is already there.
"""

import datetime as dt
import math
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, Min

from csc.orders.models import ShipmentLine
from csc.recalls import rules

from . import orders
from .harness import Operation, at_most, measure, summary

DEFAULT_RECORDS = 1_000_000
LINES_PER_ORDER = 5
WINDOW_DAYS = 90
PRODUCTS = 20


def foreign_records():
    """The recall bench adds only orders data: those of a real order book are what to protect."""
    return orders.foreign_records()


@dataclass
class Context:
    lines: int
    lots: list  # (product id, shipped from, shipped to)


def generate(records, log):
    """Make sure about ``records`` shipment lines exist; return lots of the busiest products."""
    if ShipmentLine.objects.count() < records * 0.9:
        orders.generate(math.ceil(records / LINES_PER_ORDER), log)
    busiest = (
        ShipmentLine.objects.values("product")
        .annotate(n=Count("id"), first=Min("shipped_on"), last=Max("shipped_on"))
        .order_by("-n")[:PRODUCTS]
    )
    lots = []
    for row in busiest:
        # The last 90 days the product shipped in: a lot that reached customers.
        start = max(row["first"], row["last"] - dt.timedelta(days=WINDOW_DAYS))
        lots.append((row["product"], start, row["last"]))
    return Context(lines=ShipmentLine.objects.count(), lots=lots)


def distribution(context, plan):
    """Who received a lot: shipped quantity per customer of one product over 90 days."""
    lots = context.lots

    def call(i):
        product, start, end = lots[i % len(lots)]
        return rules.shipped_per_customer(product, start, end)

    samples = measure(call, plan)
    return {
        **summary(samples),
        "rows": int(sum(len(call(i)) for i in range(len(lots))) / max(len(lots), 1)),
        "variants": len(lots),
        "runs": plan.runs,
        "records": context.lines,
        "plan": _plan(lots[0]) if lots else "",
    }


def _plan(lot):
    """Return the database's query plan, to show the index is used."""
    product, start, end = lot
    queryset = (
        ShipmentLine.objects.filter(product_id=product, shipped_on__gte=start, shipped_on__lte=end)
        .values("customer")
        .order_by()
    )
    sql, params = queryset.query.sql_with_params()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


OPERATIONS = [Operation("distribution", distribution, (at_most("p95_ms", 200),))]
