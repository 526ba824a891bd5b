"""Two people acting on one order at the same moment (PostgreSQL, parallel transactions)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from csc.core.errors import Invalid
from csc.core.models import Notification, Signature
from csc.orders import actions
from csc.orders.models import Order, ReviewVersion, ShipmentLine
from csc.testing import on_postgres

from . import makers

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(calls):
    """Run each call in its own thread and database connection, released at the same moment."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001  (the test inspects what each thread met)
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def postgres_only():
    if not on_postgres():
        pytest.skip("row locks are tested on PostgreSQL (SQLite serialises every writer)")


def test_three_reviewers_signing_at_the_same_moment_keep_all_signatures(people, postgres_only):
    gm = people.gm
    order = makers.submitted(people)
    signers = [
        (people.engineer, "engineering"),
        (people.quality, "quality"),
        (people.materials, "materials"),
    ]
    outcomes = run_together(
        [
            lambda u=user, s=section: actions.sign_section(
                u, Order.objects.get(pk=order.pk), s, "accept", "同时签署"
            )
            for user, section in signers
        ]
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    version = ReviewVersion.objects.get(order=order)
    assert set(version.sections.values_list("state", flat=True)) == {"accepted"}
    signed = set(
        Signature.objects.filter(object_id=str(order.pk), meaning="approved").values_list(
            "section", flat=True
        )
    )
    assert signed == {"engineering", "quality", "materials"}
    # The lock makes exactly one signer see the review complete: the GM is told once.
    assert Notification.objects.filter(user=gm, url=order.get_absolute_url()).count() == 1


def test_two_shipments_at_the_same_moment_never_ship_more_than_ordered(people, postgres_only):
    order = makers.in_production(people)
    line = order.lines.order_by("line_no").first()  # 100 ordered
    outcomes = run_together(
        [
            lambda: actions.ship_order(
                people.warehouse,
                Order.objects.get(pk=order.pk),
                timezone.localdate(),
                [{"order_line": line.pk, "quantity": 60}],
            ),
            lambda: actions.ship_order(
                people.sales,
                Order.objects.get(pk=order.pk),
                timezone.localdate(),
                [{"order_line": line.pk, "quantity": 60}],
            ),
        ]
    )
    assert sum(isinstance(o, Invalid) for o in outcomes) == 1, outcomes
    assert (
        sum(ShipmentLine.objects.filter(order_line=line).values_list("quantity", flat=True)) == 60
    )
