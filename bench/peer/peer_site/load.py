"""Load N tickets into the peer and print what the timing needs, as JSON on the last line.

Runs inside the peer's own venv (``python load.py SPEC.json``) with these settings. The spec,
written by ``run.py``, carries the record count and the texts CSC's complaint generator uses,
so both systems hold the same problems and the same search words at the same rates. Tickets
and their opening follow-up go in through the peer's ORM with ``bulk_create``.
"""

import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket  # noqa: E402
from helpdesk.query import query_to_base64  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

BATCH = 5_000
HISTORY_DAYS = 5 * 365
QUEUES = ["quality", "production", "engineering", "materials", "warehouse", "marketing", "service"]
# Ticket statuses by age, like the complaint generator's: old ones are mostly closed.
OPEN, REOPENED, RESOLVED, CLOSED = 1, 2, 3, 4
OLD = {CLOSED: 75, RESOLVED: 20, OPEN: 5}
MIDDLE = {CLOSED: 30, RESOLVED: 30, OPEN: 35, REOPENED: 5}
RECENT = {OPEN: 85, REOPENED: 5, RESOLVED: 10}


def main(spec_file):
    spec = json.loads(Path(spec_file).read_text(encoding="utf-8"))
    call_command("migrate", verbosity=0)
    user = _user()
    queues = _queues()
    have = Ticket.objects.count()
    if have < spec["records"]:
        started = time.perf_counter()
        _add(spec, spec["records"] - have, queues, user)
        log(f"peer: {spec['records'] - have:,} tickets in {time.perf_counter() - started:.1f} s")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('helpdesk_ticket', 'id'), "
                    "(SELECT MAX(id) FROM helpdesk_ticket))"
                )
            cursor.execute("ANALYZE")
    else:
        log(f"peer: reusing the {have:,} tickets already there")
    print(json.dumps(_plan(spec, user, queues)))


def log(message):
    print(message, file=sys.stderr, flush=True)


def _user():
    User = get_user_model()
    user = User.objects.filter(username="bench").first()
    if user is None:
        user = User.objects.create_superuser("bench", "bench@example.com", None)
    return user


def _queues():
    queues = []
    for slug in QUEUES:
        queue, _created = Queue.objects.get_or_create(
            slug=slug, defaults={"title": slug.capitalize(), "allow_email_submission": False}
        )
        queues.append(queue)
    return queues


def _weighted(rng, weights):
    return rng.choices(list(weights), list(weights.values()))[0]


def _description(rng, spec):
    problem, draw = rng.choice(spec["problems"]), rng.random()
    for word, rate in spec["search_words"].items():
        if draw < rate:
            return f"{problem}；{word}"
        draw -= rate
    return problem


def _add(spec, count, queues, user):
    # The ticket's times are set by the model on save (auto_now_add, auto_now); the history
    # being loaded has its own, so those switches are off while it goes in.
    for field in Ticket._meta.concrete_fields:
        if field.name in ("created", "modified"):
            field.auto_now = field.auto_now_add = False
    rng = random.Random(20261204 + Ticket.objects.count())
    now = timezone.now()
    made = 0
    while made < count:
        tickets = []
        for _ in range(min(BATCH, count - made)):
            created = now - dt.timedelta(seconds=rng.uniform(0, HISTORY_DAYS * 86400))
            age = (now - created).days
            status = _weighted(rng, OLD if age > 60 else MIDDLE if age > 20 else RECENT)
            description = _description(rng, spec)
            tickets.append(
                Ticket(
                    title=description.split("；")[0][:200],
                    queue=queues[min(int(len(queues) * rng.random() ** 2), len(queues) - 1)],
                    created=created,
                    modified=created + dt.timedelta(days=rng.uniform(0, 30)),
                    submitter_email=f"buyer{rng.randint(1, 2000)}@example.com",
                    assigned_to=user if rng.random() < 0.6 else None,
                    status=status,
                    description=description,
                    resolution="已处理" if status in (RESOLVED, CLOSED) else "",
                    priority=rng.randint(1, 5),
                    due_date=created + dt.timedelta(days=7),
                )
            )
        with transaction.atomic():
            Ticket.objects.bulk_create(tickets, batch_size=1_000)
            FollowUp.objects.bulk_create(
                [
                    FollowUp(
                        ticket=ticket,
                        date=ticket.created,
                        title="Ticket Opened",
                        comment=ticket.description,
                        public=True,
                        user=user,
                        new_status=OPEN,
                    )
                    for ticket in tickets
                ],
                batch_size=1_000,
            )
        made += len(tickets)
        if made % 50_000 < BATCH:
            log(f"peer: {made:,} / {count:,}")


def _plan(spec, user, queues):
    """Session cookie, token and the URLs each operation calls (filters built as its UI does)."""
    client = Client()
    client.force_login(user)
    token, _created = Token.objects.get_or_create(user=user)
    today = timezone.localdate()
    lists = []
    for status in (CLOSED, RESOLVED, OPEN):
        for queue in queues[:3]:
            for back in (1, 2, 3, 5, 8):
                first = (today.replace(day=1) - dt.timedelta(days=31 * back - 15)).replace(day=1)
                after = (first + dt.timedelta(days=32)).replace(day=1)  # its UI's dates: midnight
                query = {
                    "filtering": {
                        "status__in": [status],
                        "queue__id__in": [queue.pk],
                        "created__gte": first.isoformat(),
                        "created__lte": after.isoformat(),
                    },
                    "filtering_null": {},
                    "sorting": "created",
                    "sortreverse": True,
                    "search_string": "",
                }
                lists.append(
                    f"/datatables_ticket_list/{query_to_base64(query)}?draw=1&start=0&length=25"
                )

    def searched(word):
        query = {"filtering": {}, "filtering_null": {}, "sorting": "created",
                 "sortreverse": True, "search_string": word}  # fmt: skip
        return f"/datatables_ticket_list/{query_to_base64(query)}?draw=1&start=0&length=25"

    ids = list(Ticket.objects.order_by("?").values_list("pk", flat=True)[:40])
    return {
        "cookie": {"sessionid": client.cookies["sessionid"].value},
        "token": token.key,
        "queue": queues[0].pk,
        "tickets": Ticket.objects.count(),
        "list_data": lists,
        "ledger_page": ["/tickets/"],
        "detail_page": [f"/tickets/{pk}/" for pk in ids],
        "search_ascii": [searched(spec["ascii_word"])],
        "search_cjk": [searched(spec["cjk_word"])],
        "kpi_page": ["/reports/"],
        "django": django.get_version(),
    }


if __name__ == "__main__":
    main(sys.argv[1])
