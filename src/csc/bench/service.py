"""Benchmark of the service desk: service requests over five years, in a few teams.

Budgets (issue #12, at 1,000,000 requests): the queue filtered by team + status, newest first
or by due time, p95 ≤ 50 ms; a request's page p95 ≤ 30 ms; opening a request through the API
p95 ≤ 20 ms; one year's SLA report ≤ 500 ms and within 1.5× of its raw SQL; taking e-mail in
from a real IMAP server (dovecot, when installed) at ≥ 50 messages/s.
"""

import datetime as dt
import random
import time
import uuid
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework.test import APIClient

from csc.customers.models import Customer
from csc.service import actions, report
from csc.service.models import ServiceRequest, Team

from . import data
from .complaints import _db, _insert
from .harness import (
    Operation,
    at_least,
    at_most,
    get_ok,
    logged_in,
    measure,
    measure_with_sql,
    page_operations,
    spread_pks,
    summary,
)

DEFAULT_RECORDS = 1_000_000
NUMBER_PREFIX = "BS-"
HISTORY_DAYS = 5 * 365
BATCH = 10_000
TEAMS = ["bench-服务一组", "bench-服务二组", "bench-备件组", "bench-Field service"]
STATUSES = {"closed": 70, "resolved": 10, "in_progress": 8, "waiting": 5, "assigned": 5, "new": 2}
CATEGORIES = ["enquiry", "support", "installation", "repair", "spare_parts", "training", "other"]
SEVERITIES = {"simple": 60, "complex": 30, "major": 10}
INTAKE_MAILS = 1_000


def foreign_records():
    """Service requests neither numbered by the bench nor of its customers (those the API and
    intake timings open) are someone's real ledger."""
    bench = Q(number__startswith=NUMBER_PREFIX) | Q(customer__salesperson__username__startswith="bench-")  # fmt: skip
    return ServiceRequest.objects.exclude(bench).count()


@dataclass
class Context:
    user: object
    records: int
    teams: list
    customer_id: int
    year: int
    stored_seconds: float = 0.0


def generate(records, log):
    """Make sure at least ``records`` bench requests exist."""
    users = data.bench_users()
    user = users["sales-1"]
    teams = _teams(user)
    have = ServiceRequest.objects.filter(number__startswith=NUMBER_PREFIX).count()
    if have < records:
        started = time.perf_counter()
        _add(records - have, user, teams)
        log(f"service: {records - have:,} requests in {time.perf_counter() - started:.1f} s")
    else:
        log(f"service: reusing the {have:,} requests already there")
    _after_bulk_load()
    started = time.perf_counter()
    stored = actions.store_sla_months()
    stored_seconds = round(time.perf_counter() - started, 1)
    log(f"service: the nightly job stored {stored} months of the SLA report in {stored_seconds} s")
    return Context(
        user=user,
        records=ServiceRequest.objects.count(),
        teams=[t.pk for t in teams],
        customer_id=Customer.objects.order_by("id").values_list("id", flat=True).first(),
        year=timezone.localdate().year - 1,
        stored_seconds=stored_seconds,
    )


def _teams(user):
    found = []
    for name in TEAMS:
        team, _created = Team.objects.get_or_create(name=name, defaults={"head": user})
        team.members.add(user)
        found.append(team)
    return found


def _customers():
    ids = list(Customer.objects.values_list("id", flat=True)[:2000])
    if ids:
        return ids
    from csc.testing import make_customer

    return [make_customer(name=f"bench 服务客户 {i}").pk for i in range(20)]


COLUMNS = [
    "number", "customer_id", "channel", "category", "severity", "subject", "description",
    "status", "team_id", "handler_id", "registered_by_id", "received_at", "first_answered_at",
    "resolved_at", "first_answer_due_at", "resolution_due_at", "feedback_due_at", "due_at",
    "version",
]  # fmt: skip


def _add(count, user, teams):
    rng = random.Random(count)
    customers = _customers()
    now = timezone.now()
    start = ServiceRequest.objects.filter(number__startswith=NUMBER_PREFIX).count()
    rows = []
    for index in range(start, start + count):
        rows.append(_row(rng, index, customers, teams, user, now))
        if len(rows) == BATCH:
            _flush(rows)
    _flush(rows)


def _row(rng, index, customers, teams, user, now):
    received = now - dt.timedelta(seconds=rng.randint(0, HISTORY_DAYS * 86400))
    status = data.weighted(rng, STATUSES)
    severity = data.weighted(rng, SEVERITIES)
    answer_due = received + dt.timedelta(hours=24)
    resolution_due = received + dt.timedelta(hours=8 * {"simple": 1, "complex": 2, "major": 5}[severity] * 1.6)  # fmt: skip
    answered = received + dt.timedelta(hours=rng.uniform(0.2, 30))
    done = status in ("closed", "resolved")
    resolved = received + dt.timedelta(hours=rng.uniform(1, 90)) if done else None
    due = None if done or status == "waiting" else min(answer_due, resolution_due)
    return (
        f"{NUMBER_PREFIX}{received.year}-{index:07d}", rng.choice(customers), "phone",
        rng.choice(CATEGORIES), severity, f"bench 请求 {index}", "客户来电请求技术支持。", status,
        rng.choice(teams).pk, user.pk, user.pk, _db(received), _db(answered), _db(resolved),
        _db(answer_due), _db(resolution_due), _db(received + dt.timedelta(days=7)), _db(due), 1,
    )  # fmt: skip


def _flush(rows):
    if rows:
        with transaction.atomic():
            _insert(ServiceRequest, COLUMNS, rows)
        rows.clear()


def _after_bulk_load():
    """Leave the table as a running site has it: the write-ahead log folded in (SQLite), the
    visibility map set (PostgreSQL: counts read the index alone) and the planner's statistics
    gathered, as autovacuum would have done by now."""
    data.settle()
    table = ServiceRequest._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute(f"VACUUM ANALYZE {table}")  # not allowed inside a transaction (tests)
        else:
            cursor.execute(f"ANALYZE {table}")


# --- operations --------------------------------------------------------------------------


def _queue(sort):
    def run(context, plan):
        client = logged_in(context.user)
        urls = [
            f"/service/?team={team}&status={status}&sort={sort}"
            for team in context.teams
            for status in ("in_progress", "assigned", "closed")
        ]
        samples = measure(lambda i: get_ok(client, urls[i % len(urls)]), plan)
        return {**summary(samples), "rows": 25, "variants": len(urls), "records": context.records}

    return run


def create_api(context, plan):
    """Open a request through the API (number, targets on the calendar, audit entry)."""
    client = APIClient()
    client.force_authenticate(context.user)
    body = {"customer": context.customer_id, "category": "support", "description": "bench 请求"}

    def post(_i):
        response = client.post("/api/v1/service-requests/", body, format="json")
        if response.status_code != 201:
            raise RuntimeError(f"POST answered {response.status_code}: {response.content[:200]}")

    samples = measure(post, plan)
    return {**summary(samples), "rows": 1, "records": context.records}


def sla_report_year(context, plan):
    """One year's SLA report, and the raw SQL of the same queries in turn: its ended months
    read from what the nightly job stored (``stored_seconds``: that job's time after the
    load), each checked against its requests' fingerprint."""
    queryset = ServiceRequest.objects.all()

    def call():
        report.lines(queryset, context.year)

    start, end = report.year_bounds(context.year)
    return {
        **measure_with_sql(call, plan),
        "rows": queryset.filter(received_at__gte=start, received_at__lt=end).count(),
        "records": context.records,
        "stored_seconds": context.stored_seconds,
    }


def imap_intake(context, plan):
    """Take in INTAKE_MAILS e-mails from a real dovecot started for the run."""
    import tempfile

    from csc.service.intake.poll import config_from_url, poll
    from csc.service.tests import imapserver
    from csc.service.tests.mails import mail

    if imapserver.dovecot_path_or_none() is None:
        return {"p50_ms": None, "p95_ms": None, "rows": 0, "messages_per_s": None}
    process, server = imapserver.start(tempfile.mkdtemp(prefix="csc-bench-dovecot-"))
    try:
        customer = Customer.objects.get(pk=context.customer_id)
        from csc.customers.models import Contact

        Contact.objects.get_or_create(customer=customer, email="bench-buyer@customer.example",
                                      defaults={"name": "bench"})  # fmt: skip
        for index in range(INTAKE_MAILS):
            unique = f"<bench-{uuid.uuid4().hex}@customer.example>"
            server.append(
                mail(
                    sender="bench-buyer@customer.example",
                    subject=f"bench {index}",
                    message_id=unique,
                )
            )
        started = time.perf_counter()
        taken, _again = poll("service", config_from_url(server.url()), limit=INTAKE_MAILS)
        seconds = time.perf_counter() - started
    finally:
        imapserver.stop(process)
    per_message = seconds * 1000 / max(taken, 1)
    return {"p50_ms": round(per_message, 2), "p95_ms": round(per_message, 2), "rows": taken,
            "messages_per_s": round(taken / seconds, 1) if seconds else None}  # fmt: skip


OPERATIONS = [
    Operation("queue_team_status_newest", _queue("newest"), (at_most("p95_ms", 50),)),
    Operation("queue_team_status_due", _queue("due"), (at_most("p95_ms", 50),)),
    Operation("create_api", create_api, (at_most("p95_ms", 20),)),
    Operation("sla_report_year", sla_report_year, (at_most("p95_ms", 500), at_most("raw_ratio", 1.5))),
    Operation("imap_intake", imap_intake, (at_least("messages_per_s", 50),)),
]  # fmt: skip


def _queue_pages(context):
    """The service desk: every open request, then a team's queue by status."""
    urls = ["/service/", *(f"/service/?team={team}&status=in_progress" for team in context.teams)]
    return context.user, urls[:6]


def _request_pages(context):
    """Requests' pages with their thread, files and history panel."""
    ids = spread_pks(ServiceRequest.objects.all())  # ids that exist: sequences leave gaps
    return context.user, [f"/service/{pk}/" for pk in ids]


OPERATIONS += page_operations(_queue_pages, _request_pages)
