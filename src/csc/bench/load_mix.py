"""The mixed load of ``csc load``: its data, its HTTP client and the operations its workers run.

Every worker is a thread with its own keep-alive connection to the server and its own seeded
random choice of operations; what the server answered is written into one ``Facts`` record,
which ``load_checks`` reads afterwards to prove the invariants held under the load.
"""

import http.client
import json
import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

#: Every user the load makes has this prefix (and every customer this name prefix).
USER_PREFIX = "load-"
CUSTOMER_PREFIX = "负载测试客户"

# username suffix, role, department
USERS = [
    ("sales", "sales", "marketing"),
    ("service", "service", "service"),
    ("warehouse", "warehouse", "warehouse"),
    ("materials", "materials", "materials"),
]
CUSTOMERS = 4
ITEMS_PER_CUSTOMER = 2
OPENING_STOCK = 40


@dataclass
class World:
    """What the workers need to know of the prepared data: tokens, customers, items."""

    tokens: dict
    customers: list
    contact_customer: int
    items: list
    contact_items: list
    opening_versions: dict


def prepare_world():
    """Create the load's users (with API tokens), customers, contact and stocked items."""
    from django.db import transaction

    with transaction.atomic():
        users = _users()
        customers = [_customer(n) for n in range(1, CUSTOMERS + 1)]
        contact = _contact(customers[0])
    items = {customer.pk: _stocked_items(users, customer) for customer in customers}
    tokens = {name: _token(user) for name, user in {**users, "contact": contact}.items()}
    every_item = [item for group in items.values() for item in group]
    return World(
        tokens=tokens,
        customers=[customer.pk for customer in customers],
        contact_customer=customers[0].pk,
        items=[item.pk for item in every_item],
        contact_items=[item.pk for item in items[customers[0].pk]],
        opening_versions={item.pk: item.version for item in every_item},
    )


def _users():
    from django.contrib.auth.models import Group

    from csc.core.choices import Role
    from csc.core.models import Department, User
    from csc.core.roles import sync_departments, sync_roles

    if not Group.objects.filter(name=Role.SALES).exists():
        sync_departments()
        sync_roles()
    users = {}
    for suffix, role, department in USERS:
        user = User.objects.create_user(
            username=USER_PREFIX + suffix,
            email=f"{suffix}@load.csc.local",
            department=Department.objects.filter(code=department).first(),
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=Role(role)))
        users[suffix] = user
    return users


def _customer(number):
    from csc.core.numbering import next_number
    from csc.customers.models import Customer

    return Customer.objects.create(
        code=next_number("customer", "CU"),
        name=f"{CUSTOMER_PREFIX}{number:02d}有限公司",
        status="active",
    )


def _contact(customer):
    """Return the portal user of ``customer``: the one who must never see another's rows."""
    from django.contrib.auth.models import Group

    from csc.core.choices import Role
    from csc.core.models import User
    from csc.customers.models import Contact

    user = User.objects.create_user(username=USER_PREFIX + "contact", email="buyer@load.example")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=Role.CUSTOMER_CONTACT))
    Contact.objects.create(customer=customer, name="采购 王", email=user.email, user=user)
    return user


def _stocked_items(users, customer):
    """Register the customer's items through the verbs and receive their opening stock."""
    from csc.property import actions

    items = []
    for n in range(ITEMS_PER_CUSTOMER):
        item = actions.register_item(
            users["materials"],
            customer,
            {"kind": "component", "name": f"支架 {n + 1}", "part_no": f"LD-{customer.pk}-{n}",
             "unit": "pcs", "location": "L-01", "needs_iqc": False, "check_interval_days": None},
        )  # fmt: skip
        actions.receive(users["warehouse"], item, Decimal(OPENING_STOCK), delivery_note_no="OPEN")
        item.refresh_from_db(fields=["version"])
        items.append(item)
    return items


def _token(user):
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=user).key


# --- what the server answered ----------------------------------------------------------


@dataclass
class Sample:
    operation: str
    status: int  # 0: no answer (the connection failed or timed out)
    ms: float
    expected: bool


@dataclass
class Facts:
    """Everything the workers learnt from the answers; one lock keeps the threads apart."""

    samples: list = field(default_factory=list)
    numbers: list = field(default_factory=list)  # (sequence key, number) handed to a client
    edits: list = field(default_factory=list)  # (item, version sent, status, version got)
    seen_by_contact: dict = field(default_factory=lambda: defaultdict(set))  # kind → ids
    probes: list = field(default_factory=list)  # (kind, id of another customer's row, status)
    balances: list = field(default_factory=list)  # (item, balance read)
    created: dict = field(default_factory=lambda: defaultdict(list))  # kind → [(id, customer)]
    transport_errors: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name, *values):
        with self.lock:
            getattr(self, name).extend(values)

    def remember(self, kind, row_id, customer):
        """Note a record the load created, so readers and the contact's probes can ask for it."""
        with self.lock:
            self.created[kind].append((row_id, customer))

    def sample_of(self, name, rng):
        """Return one row another worker created (kind ``name``), or None while there is none."""
        with self.lock:
            rows = self.created[name]
            return rng.choice(rows) if rows else None


class Client:
    """One worker's keep-alive connection to the server; every call is timed and recorded."""

    IDLE_S = 1.0  # gunicorn drops an idle keep-alive after 2 s: reconnect before it does

    def __init__(self, port, world, facts, timeout=30):
        self.port, self.world, self.facts, self.timeout = port, world, facts, timeout
        self.connection, self.used = None, 0.0

    def call(self, operation, user, method, path, body=None, expect=(200,)):
        """Send one request as ``user``; return (status, parsed body or None)."""
        headers = {"Authorization": f"Token {self.world.tokens[user]}", "Accept-Language": "en"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            status, raw = self._send(method, path, payload, headers)
        except (OSError, http.client.HTTPException) as error:
            # Never sent twice: a repeated write could land twice and spoil the accounting.
            self.close()
            ms = (time.perf_counter() - started) * 1000
            self.facts.add("samples", Sample(operation, 0, ms, False))
            self.facts.add("transport_errors", f"{operation}: {error!r}")
            return 0, None
        ms = (time.perf_counter() - started) * 1000
        data = _parsed(raw)
        ok = status in expect if not callable(expect) else expect(status, data)
        self.facts.add("samples", Sample(operation, status, ms, ok))
        return status, data

    def _send(self, method, path, payload, headers):
        if self.connection is None or time.monotonic() - self.used > self.IDLE_S:
            self.close()
            self.connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=self.timeout
            )
        self.connection.request(method, path, body=payload, headers=headers)
        response = self.connection.getresponse()
        raw = response.read()
        self.used = time.monotonic()
        return response.status, raw

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _parsed(raw):
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


# --- the operations --------------------------------------------------------------------


def create_complaint(client, rng):
    customer = rng.choice(client.world.customers)
    status, data = client.call(
        "complaint.create", "sales", "POST", "/api/v1/complaints/",
        {"customer": customer, "category": "quality", "channel": "phone",
         "description": f"批次 {rng.randint(1000, 9999)} 外观划伤"},
        expect=(201,),
    )  # fmt: skip
    if status == 201:
        client.facts.add("numbers", ("complaint", data["number"]))
        client.facts.remember("complaint", data["id"], customer)


def create_service_request(client, rng):
    customer = rng.choice(client.world.customers)
    status, data = client.call(
        "service.create", "service", "POST", "/api/v1/service-requests/",
        {"customer": customer, "category": "enquiry", "description": "询问交货期"},
        expect=(201,),
    )  # fmt: skip
    if status == 201:
        client.facts.add("numbers", ("service", data["number"]))
        client.facts.remember("service", data["id"], customer)


def portal_complaint(client, rng):
    """The contact registers a complaint in the portal: it is theirs, numbered like the rest."""
    status, data = client.call(
        "portal.complaint", "contact", "POST", "/api/v1/complaints/",
        {"category": "quality", "description": "来料尺寸超差"}, expect=(201,),
    )  # fmt: skip
    if status == 201:
        client.facts.add("numbers", ("complaint", data["number"]))
        client.facts.remember("complaint", data["id"], client.world.contact_customer)


def _issue_answer(status, data):
    """An issue either posts or is refused for want of stock; nothing else is right."""
    return status == 201 or (status == 400 and isinstance(data, dict) and "quantity" in data)


def issue_stock(client, rng):
    item = rng.choice(client.world.items)
    client.call(
        "stock.issue", "warehouse", "POST", f"/api/v1/property-items/{item}/issue/",
        {"quantity": str(rng.randint(1, 6)), "reference": f"WO-{rng.randint(1, 999)}"},
        expect=_issue_answer,
    )  # fmt: skip


def receive_stock(client, rng):
    item = rng.choice(client.world.items)
    status, data = client.call(
        "stock.receive", "warehouse", "POST", f"/api/v1/property-items/{item}/receive/",
        {"quantity_received": str(rng.randint(1, 4)), "delivery_note_no": "DN-LOAD"},
        expect=(201,),
    )  # fmt: skip
    if status == 201:
        client.facts.add("numbers", ("property_receipt", data["number"]))


def read_balance(client, rng):
    item = rng.choice(client.world.items)
    status, data = client.call(
        "stock.balance", "warehouse", "GET", f"/api/v1/property-items/{item}/balance/"
    )
    if status == 200:
        lots = [Decimal(lot["balance"]) for lot in data["lots"]]
        client.facts.add("balances", (item, min([Decimal(data["balance"]), *lots])))


def edit_item(client, rng):
    """Read an item, then save a change with the version read: a concurrent save wins, 409."""
    item = rng.choice(client.world.items[:2])  # two hot items, so edits really collide
    status, data = client.call("item.read", "materials", "GET", f"/api/v1/property-items/{item}/")
    if status != 200:
        return
    sent = data["version"]
    status, data = client.call(
        "item.edit", "materials", "PATCH", f"/api/v1/property-items/{item}/",
        {"notes": f"盘点备注 {rng.random():.12f}", "version": sent}, expect=(200, 409),
    )  # fmt: skip
    got = data.get("version") if status == 200 and isinstance(data, dict) else None
    client.facts.add("edits", (item, sent, status, got))


def staff_reads(client, rng):
    client.call("complaint.list", "sales", "GET", "/api/v1/complaints/?page_size=20")
    row = client.facts.sample_of("complaint", rng)
    if row is not None:
        client.call("complaint.detail", "sales", "GET", f"/api/v1/complaints/{row[0]}/")
    client.call("service.list", "service", "GET", "/api/v1/service-requests/?page_size=20")


CONTACT_LISTS = {
    "complaint": "/api/v1/complaints/",
    "service": "/api/v1/service-requests/",
    "item": "/api/v1/property-items/",
}


def contact_reads(client, rng):
    """The contact lists what it may see, and asks for another customer's record by id."""
    kind = rng.choice(list(CONTACT_LISTS))
    status, data = client.call(f"portal.list.{kind}", "contact", "GET", CONTACT_LISTS[kind])
    if status == 200:
        with client.facts.lock:
            client.facts.seen_by_contact[kind].update(row["id"] for row in data["results"])
    _probe(client, rng, rng.choice(["complaint", "service"]))


def _probe(client, rng, kind):
    with client.facts.lock:
        foreign = [r for r in client.facts.created[kind] if r[1] != client.world.contact_customer]
    if not foreign:
        return
    row_id = rng.choice(foreign)[0]
    status, _data = client.call(
        f"portal.probe.{kind}", "contact", "GET", f"{CONTACT_LISTS[kind]}{row_id}/", expect=(404,)
    )
    client.facts.add("probes", (kind, row_id, status))


# operation, weight, requests it sends at most (the budget counts requests)
MIX = [
    (create_complaint, 10, 1),
    (create_service_request, 10, 1),
    (portal_complaint, 4, 1),
    (issue_stock, 16, 1),
    (receive_stock, 6, 1),
    (read_balance, 6, 1),
    (edit_item, 12, 2),
    (staff_reads, 6, 3),
    (contact_reads, 8, 2),
]


class Budget:
    """The run's bounds: at most ``requests`` requests, until ``deadline``, or until stopped."""

    def __init__(self, requests, seconds):
        self.left = requests
        self.deadline = time.monotonic() + seconds
        self.stopped = threading.Event()
        self.lock = threading.Lock()

    def take(self, count):
        if self.stopped.is_set() or time.monotonic() >= self.deadline:
            return False
        with self.lock:
            if self.left < count:
                return False
            self.left -= count
            return True


def work(index, port, world, facts, budget, seed):
    """One worker: pick operations by weight until the budget is spent."""
    rng = random.Random(seed * 1000 + index)
    client = Client(port, world, facts)
    operations = [op for op, _w, _n in MIX]
    weights = [w for _op, w, _n in MIX]
    cost = {op: n for op, _w, n in MIX}
    try:
        while True:
            operation = rng.choices(operations, weights)[0]
            if not budget.take(cost[operation]):
                break
            operation(client, rng)
    finally:
        client.close()
