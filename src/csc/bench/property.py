"""Benchmark of customer property: the balance of an item at a past date and the register page
filtered by customer, over 50,000 items with 2,000,000 ledger entries (issue #6).

Budgets on SQLite: balance of one item at a past date p95 ≤ 20 ms; register page filtered by
customer (page 1) p95 ≤ 50 ms. ``--records`` sets the number of items; every item gets
``MOVEMENTS_PER_ITEM`` ledger entries on average, so the ledger scales with it.
"""

import datetime as dt
import functools
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from csc.customers.models import Customer
from csc.property import stock
from csc.property.choices import ItemStatus, Kind, LotStatus, MovementKind
from csc.property.models import Lot, Movement, PropertyItem

from . import data
from .harness import Operation, at_most, get_ok, logged_in, measure, page_operations, summary

DEFAULT_RECORDS = 50_000
MOVEMENTS_PER_ITEM = 40
NUMBER_PREFIX = "BP-"
LOT_PREFIX = "BR-"
#: Customers that lend the company property (fewer for small runs); a few hold many items.
OWNERS = 2_000
ITEM_BATCH = 5_000
MOVEMENT_BATCH = 50_000
HISTORY_DAYS = 730

KINDS = {
    Kind.RAW_MATERIAL: 40, Kind.COMPONENT: 30, Kind.PACKAGING: 8, Kind.LABEL: 6, Kind.SAMPLE: 6,
    Kind.TOOLING: 6, Kind.EQUIPMENT: 2, Kind.DOCUMENT: 2,
}  # fmt: skip
UNITS = {Kind.RAW_MATERIAL: "kg", Kind.LABEL: "roll", Kind.TOOLING: "set", Kind.EQUIPMENT: "set"}
NAMES = {
    Kind.RAW_MATERIAL: ["冷轧钢板 SPCC", "镀锌板 DX51D", "铝合金锭 ADC12", "PA66 GF30 粒料", "铜带 C1100"],
    Kind.COMPONENT: ["线束连接器", "轴承 6204", "PCB 主板", "密封圈", "紧固螺栓 M8"],
    Kind.PACKAGING: ["周转箱 KLT", "木托盘", "吸塑盘"],
    Kind.LABEL: ["出货标签纸", "条码标签"],
    Kind.SAMPLE: ["外观限度样件", "首件样品"],
    Kind.TOOLING: ["冲压模具", "注塑模具", "检具"],
    Kind.EQUIPMENT: ["测试治具", "扭矩扳手"],
    Kind.DOCUMENT: ["图纸", "技术规范"],
}  # fmt: skip
LOCATIONS = [f"{zone}-{row:02d}-{level:02d}" for zone in "ABCDE" for row in range(1, 21) for level in (1, 2, 3)]  # fmt: skip


def foreign_records():
    """Items not numbered by the bench are someone's real register."""
    return PropertyItem.objects.exclude(number__startswith=NUMBER_PREFIX).count()


@dataclass
class Context:
    user: object
    records: int
    movements: int
    item_ids: list
    owner_ids: list
    today: dt.date


def generate(records, log):
    """Make sure at least ``records`` bench items with their ledgers exist; return the context."""
    users = data.bench_users()
    owners = _owners(min(OWNERS, max(20, records // 25)), log)
    have = PropertyItem.objects.filter(number__startswith=NUMBER_PREFIX).count()
    if have < records:
        started = time.perf_counter()
        moved = _add_items(records - have, have, owners, users["admin"], log)
        seconds = time.perf_counter() - started
        log(f"property: {records - have:,} items, {moved:,} ledger entries in {seconds:.1f} s")
    else:
        log(f"property: reusing the {have:,} items already there")
    rng = data.seeded(11)
    item_ids = list(PropertyItem.objects.filter(number__startswith=NUMBER_PREFIX).values_list("pk", flat=True))  # fmt: skip
    return Context(
        user=users["quality"],
        records=len(item_ids),
        movements=Movement.objects.count(),
        item_ids=rng.sample(item_ids, min(500, len(item_ids))),
        owner_ids=_busy_owners(rng),
        today=timezone.localdate(),
    )


def _owners(count, log):
    """Return the ids of ``count`` customers lending property, making bench customers if needed."""
    if Customer.objects.count() < count:
        from . import customers

        customers.generate(count, log)
    return list(Customer.objects.order_by("pk").values_list("pk", flat=True)[:count])


def _busy_owners(rng):
    """Owners to filter the register by: a mix of large and small holders."""
    rows = (
        PropertyItem.objects.filter(number__startswith=NUMBER_PREFIX)
        .values_list("customer", flat=True)
        .distinct()
        .order_by("customer")
    )
    owners = list(rows)
    return rng.sample(owners, min(60, len(owners)))


# --- data generator ----------------------------------------------------------------------


def _next_number():
    last = PropertyItem.objects.filter(number__startswith=NUMBER_PREFIX).aggregate(m=Max("number"))
    return int(last["m"][len(NUMBER_PREFIX) :]) + 1 if last["m"] else 1


def _owner_of(rng, owners):
    """Skewed: a fifth of the owners hold most of the items (a Pareto-like spread)."""
    index = int(len(owners) * (rng.random() ** 3))
    return owners[min(index, len(owners) - 1)]


def _add_items(count, have, owners, user, log):
    first = _next_number()
    rng = data.seeded(first)
    moved = 0
    for batch in data.in_batches(range(first, first + count), ITEM_BATCH):
        with transaction.atomic():
            items = _insert_items(batch, rng, owners, user)
            plans = _insert_lots(items, rng, user)
        # Every key is generated consistently: checking each of two million foreign keys
        # would only slow SQLite down (PostgreSQL ignores this).
        with connection.constraint_checks_disabled(), transaction.atomic():
            moved += _write_movements(items, plans, rng, user.pk)
        log(f"property: items up to {NUMBER_PREFIX}{batch[-1]:07d}, {moved:,} ledger entries")
    return moved


def _db(value):
    """A date or time as the database takes it: ISO text on SQLite (times in UTC)."""
    if connection.vendor != "sqlite":
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _raw_insert(model, rows):
    """Insert dict rows (attname → database-ready value) with one executemany; fields left out
    take their model default. The ORM's per-field work would cost minutes at this size."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = set(rows[0])
    defaults = {
        f.attname: f.get_db_prep_save(f.get_default(), connection)
        for f in fields
        if f.attname not in given
    }
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
    names = [f.attname for f in fields]
    with connection.cursor() as cursor:
        cursor.executemany(sql, [tuple(row.get(n, defaults.get(n)) for n in names) for row in rows])


def _ids(model, key, values):
    return dict(model.objects.filter(**{f"{key}__in": values}).values_list(key, "pk"))


def _insert_items(numbers, rng, owners, user):
    """Insert a batch of items; return [(pk, customer id, number, needs IQC)]."""
    today = timezone.localdate()
    rows = [_item(number, rng, owners, user.pk, today) for number in numbers]
    _raw_insert(PropertyItem, rows)
    ids = _ids(PropertyItem, "number", [row["number"] for row in rows])
    return [(ids[r["number"]], r["customer_id"], r["number"], r["needs_iqc"]) for r in rows]


def _item(number, rng, owners, user_id, today):
    kind = data.weighted(rng, KINDS)
    interval = rng.choice((30, 60, 90)) if kind in (Kind.TOOLING, Kind.EQUIPMENT) else None
    registered = today - dt.timedelta(days=HISTORY_DAYS + rng.randint(0, 60))
    due = today + dt.timedelta(days=rng.randint(-10, 60)) if interval else None
    return {
        "number": f"{NUMBER_PREFIX}{number:07d}",
        "customer_id": _owner_of(rng, owners),
        "kind": kind,
        "name": rng.choice(NAMES[kind]),
        "part_no": f"P{rng.randint(10000, 99999)}-{number % 97:02d}",
        "serial_no": f"SN{number:07d}" if interval else "",
        "unit": UNITS.get(kind, "pcs"),
        "location": rng.choice(LOCATIONS),
        "storage_temperature": rng.choice(("", "5–35 °C", "15–30 °C")),
        "storage_humidity": rng.choice(("", "≤ 70 %RH", "30–60 %RH")),
        "protection": rng.choice(("", "防锈", "防静电", "防尘、防潮")),
        "check_interval_days": interval,
        "next_check_due": _db(due),
        "needs_iqc": kind in (Kind.RAW_MATERIAL, Kind.COMPONENT),
        "status": ItemStatus.ACTIVE,
        "void_reason": "",
        "notes": "",
        "registered_by_id": user_id,
        "registered_at": _db(timezone.make_aware(dt.datetime.combine(registered, dt.time(9)))),
    }


def _insert_lots(items, rng, user):
    """Insert 1–4 accepted lots per item; return per item [(lot pk, quantity, days ago, note)]."""
    today = timezone.localdate()
    rows, plans = [], []
    for pk, _customer, number, needs_iqc in items:
        count = rng.choice((1, 2, 2, 3, 3, 4))
        plan = []
        for index, ago in enumerate(
            sorted(rng.sample(range(20, HISTORY_DAYS), count), reverse=True)
        ):
            quantity = rng.choice((200, 500, 1000, 2000, 5000))
            row = {
                "number": f"{LOT_PREFIX}{number[len(NUMBER_PREFIX) :]}-{index + 1}",
                "item_id": pk,
                "delivery_note_no": f"DN{rng.randint(100000, 999999)}",
                "lot_no": f"L{rng.randint(1000, 9999)}",
                "quantity_declared": quantity,
                "quantity_received": quantity,
                "received_on": _db(today - dt.timedelta(days=ago)),
                "received_by_id": user.pk,
                "status": LotStatus.ACCEPTED,
                "iqc_result": "pass" if needs_iqc else "",
            }
            rows.append(row)
            plan.append((row["number"], quantity, ago, row["delivery_note_no"]))
        plans.append(plan)
    _raw_insert(Lot, rows)
    ids = _ids(Lot, "number", [row["number"] for row in rows])
    return [[(ids[n], q, ago, note) for n, q, ago, note in plan] for plan in plans]


WORK_ORDERS = [f"WO-{n}" for n in range(2400, 2600)]


def _entries_of(item_pk, customer_id, receipts, rng, user_id):
    """Yield the ledger rows of one item: each receipt, then issues (now and then a return or
    an adjustment) on later days that never take a lot below zero."""
    # Rounded up: some lots arrived too recently for all their issues, the others make up.
    issues_per_lot = max(1, -(-(MOVEMENTS_PER_ITEM - len(receipts)) // len(receipts)))
    random = rng.random
    for lot_pk, quantity, ago, note_no in receipts:
        yield (item_pk, lot_pk, customer_id, MovementKind.RECEIPT.value, quantity, *_day(ago), note_no, "", user_id)  # fmt: skip
        left, step = quantity, max(1, 2 * quantity // issues_per_lot // 3)
        for when in sorted(rng.sample(range(ago), min(issues_per_lot, ago)), reverse=True):
            roll = random()
            kind = _ADJUST if roll < 0.01 else _RETURN if roll < 0.05 else _ISSUE
            take = min(left, 1 if kind == _ADJUST else 1 + int(random() * step))
            if take <= 0:
                break
            yield (item_pk, lot_pk, customer_id, kind, -take, *_day(when), WORK_ORDERS[when % 200], "", user_id)  # fmt: skip
            left -= take


_ISSUE, _RETURN, _ADJUST = (k.value for k in (MovementKind.ISSUE, MovementKind.RETURN, MovementKind.ADJUST))  # fmt: skip


@functools.cache
def _day(ago):
    """Return (date, time recorded) of the day ``ago`` days back as the database takes them;
    cached, since two million rows share a few hundred days."""
    on = timezone.localdate() - dt.timedelta(days=ago)
    return _db(on), _db(timezone.make_aware(dt.datetime.combine(on, dt.time(10))))


INSERT = (
    "INSERT INTO property_movement (item_id, lot_id, customer_id, kind, quantity, moved_on, "
    "moved_at, reference, note, created_by_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)


def _write_movements(items, plans, rng, user_id):
    """Insert the ledger rows with executemany in large batches (no per-row ORM work)."""
    rows = (
        row
        for (pk, customer, _number, _iqc), receipts in zip(items, plans, strict=True)
        for row in _entries_of(pk, customer, receipts, rng, user_id)
    )
    written = 0
    with connection.cursor() as cursor:
        for batch in data.in_batches(rows, MOVEMENT_BATCH):
            cursor.executemany(INSERT, batch)
            written += len(batch)
    return written


# --- operations --------------------------------------------------------------------------


def _past_dates(context, count=50):
    rng = data.seeded(5)
    return [context.today - dt.timedelta(days=rng.randint(1, HISTORY_DAYS)) for _ in range(count)]


def balance_at_date(context, plan):
    """The balance of one item at the end of a past day (stock.balance: an indexed SUM)."""
    dates = _past_dates(context)
    ids = context.item_ids

    def call(i):
        return stock.balance(ids[i % len(ids)], at=dates[i % len(dates)])

    samples = measure(call, plan)
    queries = [_captured(lambda i=i: call(i)) for i in range(min(len(ids), 50))]
    raw = measure(lambda i: _run_sql(queries[i % len(queries)]), plan)
    return {
        **summary(samples),
        "raw_sql_ms": summary(raw)["p50_ms"],
        "raw_sql_p95_ms": summary(raw)["p95_ms"],
        "rows": 1,
        "runs": plan.runs,
        "records": context.records,
        "movements": context.movements,
    }


def lot_balances_at_date(context, plan):
    """The balance of each lot of one item at a past date (one grouped SUM)."""
    dates = _past_dates(context)
    ids = context.item_ids
    samples = measure(lambda i: stock.lot_balances(ids[i % len(ids)], dates[i % len(dates)]), plan)
    return {**summary(samples), "rows": 1, "runs": plan.runs, "records": context.records}


def _captured(call):
    """Return the (sql, params) of the movement queries ``call`` runs."""
    captured = []

    def capture(execute, sql, params, many, ctx):
        if '"property_movement"' in sql:
            captured.append((sql, params))
        return execute(sql, params, many, ctx)

    with connection.execute_wrapper(capture):
        call()
    return captured


def _run_sql(queries):
    rows = 0
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            rows += len(cursor.fetchall())
    return rows


def register_by_customer(context, plan):
    """Page 1 of the register (顾客财产登记表) filtered by customer, with on-hand balances."""
    client = logged_in(context.user)
    base = reverse("property:register")
    urls = [f"{base}?{urlencode({'customer': pk})}" for pk in context.owner_ids]
    samples = measure(lambda i: get_ok(client, urls[i % len(urls)]), plan)
    queries = [_page_sql(client, url) for url in urls]
    sizes = [_run_sql(q) for q in queries]
    raw = measure(lambda i: _run_sql(queries[i % len(queries)]), plan)
    return {
        **summary(samples),
        "raw_sql_ms": summary(raw)["p50_ms"],
        "raw_sql_p95_ms": summary(raw)["p95_ms"],
        "rows": sorted(sizes)[len(sizes) // 2],
        "variants": len(urls),
        "runs": plan.runs,
        "records": context.records,
    }


def _page_sql(client, url):
    """Return the register queries the page ran: the COUNT and the page with its balances."""
    captured = []

    def capture(execute, sql, params, many, ctx):
        if 'FROM "property_propertyitem"' in sql:
            captured.append((sql, params))
        return execute(sql, params, many, ctx)

    with connection.execute_wrapper(capture):
        get_ok(client, url)
    return captured


OPERATIONS = [
    Operation("balance_at_date", balance_at_date, (at_most("p95_ms", 20),)),
    Operation("lot_balances_at_date", lot_balances_at_date),
    Operation("register_by_customer", register_by_customer, (at_most("p95_ms", 50),)),
]


def _register_pages(context):
    """The register (顾客财产登记表): unfiltered, then filtered by owner."""
    base = reverse("property:register")
    return context.user, [base, *(f"{base}?customer={pk}" for pk in context.owner_ids[:5])]


def _item_pages(context):
    """Items' pages: register entry, lots, ledger with running balance, anomalies, checks."""
    return context.user, [reverse("property:detail", args=[pk]) for pk in context.item_ids[:20]]


OPERATIONS += page_operations(_register_pages, _item_pages)
