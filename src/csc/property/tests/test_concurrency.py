"""Two issues at the same moment on PostgreSQL never drive a balance below zero: the item's row
is locked by the issue verb, so the second one sees the first one's entry."""

import threading
from decimal import Decimal

import pytest
from django.db import connections

from csc.core.errors import Invalid
from csc.property import actions, stock
from csc.property.models import Movement
from csc.testing import on_postgres, wait_until_other_sessions_end

from .makers import accepted_lot, make_item

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(count, call):
    """Run ``call`` in ``count`` threads released together; return (results, errors)."""
    start = threading.Barrier(count)
    results, errors = [], []

    def worker():
        try:
            start.wait()
            results.append(call())
        except Invalid as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    wait_until_other_sessions_end()
    return results, errors


def test_two_simultaneous_issues_never_spend_the_same_stock(people):
    if not on_postgres():
        pytest.skip("row locks are a PostgreSQL matter; SQLite serialises writers anyway")
    item = make_item(people)
    lot = accepted_lot(people, item, 10)
    warehouse = people.warehouse
    results, errors = _race(2, lambda: actions.issue(warehouse, item, 7, lot=lot, reference="WO"))
    assert (len(results), len(errors)) == (1, 1)
    assert "quantity" in errors[0].fields
    assert stock.balance(item) == 3
    assert Movement.objects.filter(item=item, kind="issue").count() == 1


def test_many_simultaneous_small_issues_stop_exactly_at_zero(people):
    if not on_postgres():
        pytest.skip("row locks are a PostgreSQL matter; SQLite serialises writers anyway")
    item = make_item(people)
    accepted_lot(people, item, 5)
    accepted_lot(people, item, 3)
    warehouse = people.warehouse
    results, errors = _race(10, lambda: actions.issue(warehouse, item, 1, reference="WO"))
    assert (len(results), len(errors)) == (8, 2)
    assert stock.balance(item) == Decimal(0)
    assert all(total >= 0 for total in stock.lot_balances(item).values())
