"""The SLA watch (SVC-3): a warning before a target falls due, then escalation handler → team
head → Management Representative, each level in the history and notified once."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from csc.core.models import AuditEntry, Notification
from csc.service import actions
from csc.service.models import ServiceRequest

from . import makers


@pytest.fixture
def desk(people):
    team = makers.team(people, members=("service",), head="sales")
    makers.route_all_to(team)
    return team


def due_in(request, delta):
    """Move the request's next target so it falls due ``delta`` from now."""
    moment = timezone.now() + delta
    ServiceRequest.objects.filter(pk=request.pk).update(due_at=moment, first_answer_due_at=moment)


def titles(user):
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_the_handler_is_warned_once_before_the_target(people, desk):
    request = makers.request(people)
    due_in(request, dt.timedelta(hours=1))
    before = len(titles(people.service))
    assert actions.watch_service_levels(None) == (1, 0)
    assert actions.watch_service_levels(None) == (0, 0)
    assert len(titles(people.service)) == before + 1


def test_a_breach_climbs_the_levels_once_each(people, desk):
    representative = people.mr
    request = makers.request(people)
    # Long enough ago that the business-hour delays of every level have passed.
    due_in(request, -dt.timedelta(days=10))
    assert actions.watch_service_levels(None) == (0, 3)
    assert actions.watch_service_levels(None) == (0, 0)
    request.refresh_from_db()
    assert request.escalation_level == 3
    assert [t for t in titles(people.sales) if request.number in t]  # the team head
    assert [t for t in titles(representative) if request.number in t]
    notes = AuditEntry.objects.filter(
        object_id=str(request.pk), action="update", changes__has_key="escalation_level"
    )
    assert notes.count() == 3


def test_a_fresh_breach_goes_only_to_the_handler(people, desk):
    representative = people.mr
    request = makers.request(people)
    due_in(request, -dt.timedelta(minutes=1))
    actions.watch_service_levels(None)
    request.refresh_from_db()
    assert request.escalation_level == 1
    assert titles(representative) == []


def test_a_paused_request_is_never_escalated(people, desk):
    request = makers.request(people)
    actions.start_request(people.service, request)
    actions.wait_for_customer(people.service, request, "请提供序列号")
    ServiceRequest.objects.filter(pk=request.pk).update(
        first_answer_due_at=timezone.now() - dt.timedelta(days=5)
    )
    assert actions.watch_service_levels(None) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_two_watchers_at_once_notify_each_level_once(people):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs a server database")
    team = makers.team(people, members=("service",), head="sales")
    makers.route_all_to(team)
    request = makers.request(people)
    due_in(request, -dt.timedelta(days=10))
    results = []

    def watch():
        results.append(actions.watch_service_levels(None))
        connection.close()

    threads = [threading.Thread(target=watch) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(escalated for _warned, escalated in results) == 3
