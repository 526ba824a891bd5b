"""Two issues of the same spare part at the same moment on PostgreSQL never issue more than
was requested, and two confirmations of one receipt store one: the rows are locked by the
verbs, so the second one sees the first one's change."""

from decimal import Decimal

import pytest
from django.db import connections

from csc.aftersales import actions
from csc.aftersales.models import ServiceReceipt, SparePart
from csc.core.errors import ActionError
from csc.testing import on_postgres, wait_until_other_sessions_end

from . import makers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(count, call):
    """Run ``call`` in ``count`` threads released together; return (results, errors)."""
    import threading

    start = threading.Barrier(count)
    results, errors = [], []

    def worker():
        try:
            start.wait()
            results.append(call())
        except ActionError as error:
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


@pytest.fixture(autouse=True)
def _postgres_only():
    if not on_postgres():
        pytest.skip("row locks are tested on PostgreSQL")


def test_simultaneous_issues_never_issue_more_than_requested(people):
    record = makers.field_record(people)
    part = actions.request_part(people.service, record, "SEAL-01", "密封圈", Decimal("3"))
    store = people.warehouse
    results, errors = _race(3, lambda: actions.issue_part(store, part, Decimal("2")))
    assert len(results) == 1 and len(errors) == 2
    assert SparePart.objects.get(pk=part.pk).issued == Decimal("2")


def test_a_receipt_link_used_twice_at_once_stores_one_receipt(people):
    record = makers.completed(people)
    token = actions.issue_receipt_link(people.service, record)
    results, errors = _race(2, lambda: actions.confirm_by_link(None, token, "客户"))
    assert len(results) == 1 and len(errors) == 1
    assert ServiceReceipt.objects.filter(record=record).count() == 1
