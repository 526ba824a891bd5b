"""Benchmark of contract and order review: the archive search and the monthly KPIs over
200,000 orders with 1,000,000 lines and their shipments, spread over three years (issue #3).

Budgets on SQLite: archive search (customer + date range + status, page 1) p95 ≤ 80 ms; the
monthly on-time-delivery and review-timeliness KPIs for one year p95 ≤ 500 ms and within 1.5× of
the raw SQL of the same aggregate. ``--records`` sets the number of orders; lines (5 per order on
average) and shipments scale with it.
"""

import datetime as dt
import statistics
import time
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db import connection, transaction
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from csc.core.company_calendar import company_calendar
from csc.customers.models import Customer
from csc.orders import kpis
from csc.orders.choices import Channel, OrderStatus, OrderType, VersionStatus
from csc.orders.models import Order, OrderLine, Product, ReviewVersion, Shipment, ShipmentLine

from . import data
from .harness import (
    Operation,
    Samples,
    at_most,
    get_ok,
    logged_in,
    measure,
    page_operations,
    spread_pks,
    summary,
)

DEFAULT_RECORDS = 200_000
NUMBER_PREFIX = "SB-"
PRODUCT_PREFIX = "BNP-"
PRODUCTS = 500
BUYERS = 2_000  # customers that order; a few order a lot (Pareto-like)
HISTORY_DAYS = 3 * 365
BATCH = 5_000
LATE_REVIEW = 0.08  # share of reviews finished after their due time
LATE_DELIVERY = 0.12

CHANNELS = {Channel.EMAIL: 35, Channel.FAX: 15, Channel.PHONE: 20, Channel.WRITTEN: 15, Channel.PORTAL: 12, Channel.VERBAL: 3}  # fmt: skip
CURRENCIES = {"CNY": 85, "USD": 10, "EUR": 5}
S = OrderStatus
# status → share, by age of the order
OLD = {S.CLOSED: 92, S.CANCELLED: 4, S.SHIPPED: 4}
MIDDLE = {S.CLOSED: 40, S.SHIPPED: 25, S.SHIPPING: 20, S.IN_PRODUCTION: 15}
RECENT = {S.IN_PRODUCTION: 35, S.APPROVED: 20, S.REVIEW: 25, S.DISPUTED: 5, S.DRAFT: 10, S.SHIPPING: 5}  # fmt: skip
SHIPPED = {S.SHIPPING, S.SHIPPED, S.CLOSED}
REVIEWED = {S.APPROVED, S.IN_PRODUCTION, S.SHIPPING, S.SHIPPED, S.CLOSED, S.CANCELLED}


def foreign_records():
    """Orders not numbered by the bench are someone's real order book."""
    return Order.objects.exclude(number__startswith=NUMBER_PREFIX).count()


@dataclass
class Context:
    user: object
    records: int
    lines: int
    shipments: int
    busy_customers: list
    today: dt.date


def generate(records, log):
    """Make sure at least ``records`` bench orders exist (with lines and shipments)."""
    users = data.bench_users()
    buyers = _buyers(log)
    products = _products()
    have = Order.objects.filter(number__startswith=NUMBER_PREFIX).count()
    if have < records:
        started = time.perf_counter()
        counts = _add_orders(records - have, buyers, products, users, log)
        seconds = time.perf_counter() - started
        log(
            f"orders: {records - have:,} orders, {counts[0]:,} lines, {counts[1]:,} shipments in {seconds:.1f} s"
        )
        _analyze()
    else:
        log(f"orders: reusing the {have:,} orders already there")
    return Context(
        user=users["sales-1"],
        records=Order.objects.count(),
        lines=OrderLine.objects.count(),
        shipments=Shipment.objects.count(),
        busy_customers=_busy_customers(),
        today=timezone.localdate(),
    )


def _buyers(log):
    admitted = Customer.objects.admitted()
    if admitted.count() < BUYERS:
        from . import customers

        customers.generate(int(BUYERS / 0.8) + Customer.objects.count(), log)
    return list(admitted.order_by("pk").values_list("pk", flat=True)[:BUYERS])


def _products():
    have = Product.objects.filter(code__startswith=PRODUCT_PREFIX).count()
    if have < PRODUCTS:
        rng = data.seeded(3)
        Product.objects.bulk_create(
            Product(
                code=f"{PRODUCT_PREFIX}{n:04d}",
                name=f"{rng.choice(['齿轮', '轴承座', '支架', '端盖', '油封', 'Shaft', 'Valve block'])} {n}",
                specification=f"规格 {rng.randint(10, 99)}×{rng.randint(10, 99)}",
                product_line=rng.choice(
                    ["传动件", "铸件", "冲压件", "压铸件", "密封件", "Driveline"]
                ),
            )
            for n in range(have + 1, PRODUCTS + 1)
        )
    return list(
        Product.objects.filter(code__startswith=PRODUCT_PREFIX).values_list("pk", flat=True)
    )


def _busy_customers():
    """Customers to search by: the biggest buyers and some ordinary ones."""
    rows = (
        Order.objects.values("customer")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("customer", flat=True)
    )
    ranked = list(rows[:400])
    return ranked[:10] + ranked[100:105] + ranked[-5:]


def _analyze():
    """Refresh the planner's statistics after a bulk load (what an operator does after import)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- data generator ----------------------------------------------------------------------


def _next_ids():
    def top(model):
        return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    last = Order.objects.filter(number__startswith=NUMBER_PREFIX).aggregate(m=Max("number"))["m"]
    serial = int(last[len(NUMBER_PREFIX) :]) + 1 if last else 1
    return {
        "serial": serial,
        "order": top(Order),
        "line": top(OrderLine),
        "shipment": top(Shipment),
    }


def _add_orders(count, buyers, products, users, log):
    ids = _next_ids()
    rng = data.seeded(ids["serial"])
    sales = [u.pk for key, u in users.items() if key.startswith("sales")]
    calendar, now = company_calendar(), timezone.now()
    totals = [0, 0]
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        batch = Batch(ids, rng, buyers, products, sales, calendar, now)
        for _ in range(size):
            batch.add_order()
        # Every key is generated consistently: checking each foreign key would only slow SQLite.
        with connection.constraint_checks_disabled(), transaction.atomic():
            batch.write()
        made += size
        totals[0] += len(batch.lines)
        totals[1] += len(batch.shipments)
        if made % 50_000 < BATCH:
            log(f"orders: {made:,} / {count:,}")
    return totals


class Batch:
    """One batch of orders with their lines, review versions, shipments and shipped lines."""

    def __init__(self, ids, rng, buyers, products, sales, calendar, now):
        self.ids, self.rng, self.buyers, self.products = ids, rng, buyers, products
        self.sales, self.calendar, self.now = sales, calendar, now
        self.orders, self.versions, self.lines, self.shipments, self.shipped = [], [], [], [], []

    def _take(self, key):
        value = self.ids[key]
        self.ids[key] += 1
        return value

    def add_order(self):
        rng = self.rng
        received = self.now - dt.timedelta(seconds=rng.uniform(0, HISTORY_DAYS * 86400))
        age = (self.now - received).days
        status = data.weighted(rng, OLD if age > 60 else MIDDLE if age > 20 else RECENT)
        order_id = self._take("order")
        due = self.calendar.add_working_days(received, 1)
        reviewed = status in REVIEWED
        late = rng.random() < LATE_REVIEW
        completed = (
            (due + dt.timedelta(hours=rng.uniform(1, 20)))
            if late
            else (received + dt.timedelta(hours=rng.uniform(0.5, 8)))
        )
        if completed > self.now:
            completed = None
        customer = self.buyers[min(int(len(self.buyers) * rng.random() ** 3), len(self.buyers) - 1)]
        self.orders.append(
            {
                "id": order_id, "version": 1, "number": f"{NUMBER_PREFIX}{self._take('serial'):07d}",
                "customer_id": customer, "received_at": _db(received),
                "received_on": _db(timezone.localdate(received)), "created_by_id": rng.choice(self.sales),
                "channel": data.weighted(rng, CHANNELS),
                "order_type": OrderType.SPARE if rng.random() < 0.1 else OrderType.PRODUCT,
                "sample": rng.random() < 0.03, "customer_reference": f"PO{rng.randint(100000, 999999)}",
                "payment_terms": "30% deposit by T/T in advance, 70% balance by T/T before shipment.",
                "trade_terms": "", "notes": "", "status": status,
                "submitted_at": _db(received + dt.timedelta(minutes=10)) if status != S.DRAFT else None,
                "review_due_at": _db(due), "review_completed_at": _db(completed) if reviewed and completed else None,
                "pending_due_at": _db(due) if status in (S.REVIEW, S.DISPUTED) else None,
                "revision": 1, "cancel_reason": "客户取消" if status == S.CANCELLED else "",
                "closed_at": _db(received + dt.timedelta(days=30)) if status == S.CLOSED else None,
            }
        )  # fmt: skip
        self._version(order_id, status, received, due, completed)
        lines = self._lines(order_id, received, status)
        if status in SHIPPED:
            self._shipments(order_id, customer, lines, status)

    def _version(self, order_id, status, received, due, completed):
        state = {S.DRAFT: VersionStatus.DRAFT, S.REVIEW: VersionStatus.OPEN, S.DISPUTED: VersionStatus.OPEN, S.CANCELLED: VersionStatus.CANCELLED}  # fmt: skip
        self.versions.append(
            {
                "order_id": order_id, "number": 1, "status": state.get(status, VersionStatus.APPROVED),
                "reason": "Order intake", "snapshot": "{}", "resume_status": "", "created_at": _db(received),
                "started_at": _db(received) if status != S.DRAFT else None, "due_at": _db(due),
                "completed_at": _db(completed) if status in REVIEWED and completed else None,
            }
        )  # fmt: skip

    def _lines(self, order_id, received, status):
        rng = self.rng
        made = []
        for number in range(1, rng.randint(1, 9) + 1):
            quantity = Decimal(rng.randint(5, 500) * 10)
            requested = timezone.localdate(received) + dt.timedelta(days=rng.randint(15, 45))
            line = {
                "id": self._take("line"), "order_id": order_id, "line_no": number,
                "product_id": rng.choice(self.products), "specification": "",
                "quantity": str(quantity), "unit_price": str(Decimal(rng.randint(50, 20000)) / 100),
                "currency": data.weighted(rng, CURRENCIES), "requested_date": requested,
                "promised_date": requested + dt.timedelta(days=7 if rng.random() < 0.1 else 0),
                "shipped_quantity": str(_shipped(quantity, status)),
            }  # fmt: skip
            made.append(line)
        self.lines.extend(made)
        return made

    def _shipments(self, order_id, customer, lines, status):
        rng = self.rng
        promised = min(line["promised_date"] for line in lines)
        parts = 1 if status == S.SHIPPING or rng.random() < 0.7 else 2
        for part in range(parts):
            late = rng.random() < LATE_DELIVERY
            shipped = promised + dt.timedelta(
                days=rng.randint(1, 10) if late else -rng.randint(0, 5) - part
            )
            shipped = min(shipped, self.now.date())
            delivered = (
                shipped + dt.timedelta(days=rng.randint(1, 3)) if status == S.CLOSED else None
            )
            if delivered and delivered > self.now.date():
                delivered = None
            shipment_id = self._take("shipment")
            self.shipments.append(
                {
                    "id": shipment_id, "number": f"DB-{shipment_id:08d}", "order_id": order_id,
                    "customer_id": customer, "shipped_on": _db(shipped),
                    "delivered_on": _db(delivered) if delivered else None, "promised_on": _db(promised),
                    "on_time": (delivered or shipped) <= promised, "carrier": "顺丰物流",
                    "destination": "", "notes": "", "created_by_id": None, "received_by": "",
                    "delivery_note": "",
                }
            )  # fmt: skip
            for line in lines:
                quantity = Decimal(line["quantity"]) / (parts if status != S.SHIPPING else 2)
                self.shipped.append(
                    {
                        "shipment_id": shipment_id, "order_line_id": line["id"],
                        "product_id": line["product_id"], "customer_id": customer,
                        "shipped_on": _db(shipped), "quantity": str(quantity),
                    }
                )  # fmt: skip

    def write(self):
        for line in self.lines:
            line["requested_date"], line["promised_date"] = (
                _db(line["requested_date"]),
                _db(line["promised_date"]),
            )
        _raw_insert(Order, self.orders)
        _raw_insert(ReviewVersion, self.versions)
        _raw_insert(OrderLine, self.lines)
        if self.shipments:
            _raw_insert(Shipment, self.shipments)
            _raw_insert(ShipmentLine, self.shipped)


def _shipped(quantity, status):
    if status == S.SHIPPING:
        return quantity / 2
    return quantity if status in (S.SHIPPED, S.CLOSED) else 0


def _db(value):
    """A date or time as the database takes it: ISO text on SQLite (times in UTC)."""
    if connection.vendor != "sqlite" or value is None:
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    return value.isoformat()


def _raw_insert(model, rows):
    """Insert dict rows (attname → database-ready value) with one executemany; fields left out
    take their model default. The ORM's per-field work would cost minutes at this size."""
    given = set(rows[0])
    fields = [f for f in model._meta.concrete_fields if f.attname in given or not f.primary_key]
    defaults = {
        f.attname: f.get_db_prep_save(f.get_default(), connection)
        for f in fields
        if f.attname not in given
    }
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    names = [f.attname for f in fields]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})",
            [tuple(row[n] if n in row else defaults[n] for n in names) for row in rows],
        )


# --- operations --------------------------------------------------------------------------


def _search_urls(context):
    """Page 1 of the archive for a customer, a date range (3 to 12 months) and a status."""
    rng = data.seeded(5)
    base = reverse("orders:list")
    urls = []
    for customer in context.busy_customers:
        for status in (S.CLOSED, S.SHIPPED, S.CANCELLED):
            months = rng.choice((3, 6, 12))
            end = context.today - dt.timedelta(days=rng.randint(0, HISTORY_DAYS - 400))
            start = end - dt.timedelta(days=30 * months)
            query = {
                "customer": customer,
                "received_after": start,
                "received_before": end,
                "status": status,
            }
            urls.append(f"{base}?{urlencode(query)}")
    return urls


def _page_sql(client, url):
    """Return the (sql, params) of the order queries the page ran: its COUNT and its rows."""
    captured = []

    def capture(execute, sql, params, many, context):
        if 'FROM "orders_order"' in sql:
            captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        get_ok(client, url)
    return captured


def _run_sql(queries):
    rows = 0
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            rows = max(rows, len(cursor.fetchall()))
    return rows


def archive_search(context, plan):
    """Archive page 1 filtered by customer, date range and status, as a salesperson."""
    client = logged_in(context.user)
    urls = _search_urls(context)
    samples = measure(lambda i: get_ok(client, urls[i % len(urls)]), plan)
    queries = [_page_sql(client, url) for url in urls]
    raw = summary(measure(lambda i: _run_sql(queries[i % len(queries)]), plan))
    matched = [_matched(q) for q in queries]
    return {
        **summary(samples),
        "raw_sql_ms": raw["p50_ms"],
        "raw_sql_p95_ms": raw["p95_ms"],
        "rows": 25,
        "matched": int(statistics.median(matched)),
        "variants": len(urls),
        "runs": plan.runs,
        "records": context.records,
        "lines": context.lines,
    }


def _matched(queries):
    with connection.cursor() as cursor:
        for sql, params in queries:
            if "COUNT(" in sql.upper():
                cursor.execute(sql, params)
                return cursor.fetchone()[0]
    return 0


def _paired(first, second, plan):
    """Time two calls alternately (first/second, then second/first …), so a busy moment of the
    machine weighs on both alike; return the two Samples."""
    for _ in range(plan.warmup):
        first()
        second()
    timed = (Samples(), Samples())
    for i in range(plan.runs):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        for index in order:
            call = (first, second)[index]
            started, started_cpu = time.perf_counter(), time.process_time()
            call()
            timed[index].cpu.append((time.process_time() - started_cpu) * 1000)
            timed[index].append((time.perf_counter() - started) * 1000)
    return timed


def _kpi_operation(build, call, context, plan):
    """Time a KPI function and the raw SQL of its one aggregate; report both and the ratio."""
    year = context.today.year - 1
    start, end = kpis.year_bounds(year)
    sql, params = build(start, end).query.sql_with_params()

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    orm_samples, raw_samples = _paired(lambda: call(start, end), raw, plan)
    orm, direct = summary(orm_samples), summary(raw_samples)
    return {
        **orm,
        "raw_sql_ms": direct["p50_ms"],
        "raw_sql_p95_ms": direct["p95_ms"],
        "raw_sql_cpu_p50_ms": direct.get("cpu_p50_ms"),
        "vs_raw": round(orm["p50_ms"] / direct["p50_ms"], 2) if direct["p50_ms"] else None,
        "rows": len(call(start, end)),
        "year": year,
        "runs": plan.runs,
        "records": context.records,
    }


def kpi_review_timeliness(context, plan):
    """Reviews completed within 1 working day, per month of one year (ORD-4)."""
    orders = Order.objects.all()
    return _kpi_operation(
        lambda s, e: kpis.review_timeliness_query(orders, s, e, timezone.now()),
        lambda s, e: kpis.review_timeliness(s, e, orders),
        context,
        plan,
    )


def kpi_on_time_delivery(context, plan):
    """On-time delivery rate per month of one year (ORD-6)."""
    shipments = Shipment.objects.all()
    return _kpi_operation(
        lambda s, e: kpis.on_time_delivery_query(shipments, s, e),
        lambda s, e: kpis.on_time_delivery(s, e, shipments),
        context,
        plan,
    )


def kpi_on_time_delivery_by_customer(context, plan):
    """On-time delivery rate per customer and month of one year (the 360° page's figure)."""
    shipments = Shipment.objects.all()
    return _kpi_operation(
        lambda s, e: kpis.on_time_delivery_query(shipments, s, e, by_customer=True),
        lambda s, e: kpis.on_time_delivery(s, e, shipments, by_customer=True),
        context,
        plan,
    )


KPI_BUDGETS = (at_most("p95_ms", 500), at_most("vs_raw", 1.5))

OPERATIONS = [
    Operation("archive_search", archive_search, (at_most("p95_ms", 80),)),
    Operation("kpi_review_timeliness", kpi_review_timeliness, KPI_BUDGETS),
    Operation("kpi_on_time_delivery", kpi_on_time_delivery, KPI_BUDGETS),
    Operation("kpi_on_time_per_customer", kpi_on_time_delivery_by_customer, KPI_BUDGETS),
]


def _ledger_pages(context):
    """The order ledger: unfiltered, by status, and one busy customer's orders."""
    base = reverse("orders:list")
    urls = [base, f"{base}?status={OrderStatus.REVIEW}", f"{base}?status={OrderStatus.CLOSED}"]
    urls += [f"{base}?customer={pk}" for pk in context.busy_customers[:3]]
    return context.user, urls


def _order_pages(context):
    """Orders' pages (lines, review versions and signatures, shipments) spread over all."""
    ids = spread_pks(Order.objects.all())
    return context.user, [reverse("orders:detail", args=[pk]) for pk in ids]


OPERATIONS += page_operations(_ledger_pages, _order_pages)
