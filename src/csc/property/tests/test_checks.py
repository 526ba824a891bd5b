"""Condition checks (PRP-7): the worker opens periodic checks and flags overdue ones; a check
schedules the next; tooling keeps a condition log."""

import datetime as dt

import pytest
from django.utils import timezone

from csc.core.errors import Invalid
from csc.property import actions, tasks
from csc.property.models import ConditionCheck, PropertyItem

from .makers import make_item


def _due_in(people, days, interval=30, **fields):
    item = make_item(people, check_interval_days=interval, **fields)
    due = timezone.localdate() + dt.timedelta(days=days)
    PropertyItem.objects.filter(pk=item.pk).update(next_check_due=due)
    item.refresh_from_db()
    return item


def test_registering_with_an_interval_schedules_the_first_check(people):
    item = make_item(people, check_interval_days=90)
    assert item.next_check_due == timezone.localdate() + dt.timedelta(days=90)


def test_the_worker_opens_checks_falling_due_once(people):
    soon = _due_in(people, 3)
    later = _due_in(people, 40)
    no_interval = make_item(people)
    result = tasks.condition_checks.call_local()
    assert result == {"opened": 1, "flagged_overdue": 0}
    check = ConditionCheck.objects.get()
    assert (check.item, check.due_on, check.status) == (soon, soon.next_check_due, "due")
    assert tasks.condition_checks.call_local() == {"opened": 0, "flagged_overdue": 0}
    assert not later.checks.exists() and not no_interval.checks.exists()


def test_overdue_checks_are_flagged_and_the_checkers_told(people):
    item = _due_in(people, -2)
    checker = people.warehouse
    first = actions.schedule_condition_checks(None)
    assert first == {"opened": 1, "flagged_overdue": 1}
    check = item.checks.get()
    assert check.overdue
    assert checker.notifications.filter(url="/property/checks/?overdue=true").count() == 1
    assert actions.schedule_condition_checks(None)["flagged_overdue"] == 0  # only once


def test_a_check_done_schedules_the_next_and_closes_the_open_one(people):
    item = _due_in(people, 0, interval=14)
    actions.schedule_condition_checks(None)
    check = actions.record_check(people.warehouse, item, "ok", "", "21 °C", "55 %RH")
    item.refresh_from_db()
    assert (check.status, check.result, check.checked_by) == ("done", "ok", people.warehouse)
    assert item.checks.count() == 1
    assert item.next_check_due == timezone.localdate() + dt.timedelta(days=14)


def test_a_condition_other_than_good_must_be_described(people):
    item = make_item(people, kind="tooling", check_interval_days=30)
    with pytest.raises(Invalid) as refused:
        actions.record_check(people.production, item, "attention", "")
    assert "note" in refused.value.fields


def test_damage_found_at_a_check_is_reported_as_an_anomaly(people):
    item = make_item(people, kind="tooling", name="冲压模具 M-12", serial_no="M-12")
    actions.record_check(people.engineer, item, "damaged", "上模刃口崩缺 3 mm")
    anomaly = item.anomalies.get()
    assert (anomaly.kind, anomaly.reported_by, anomaly.description) == (
        "damage",
        people.engineer,
        "上模刃口崩缺 3 mm",
    )


def test_tooling_keeps_a_condition_log_on_its_page(people, client):
    item = make_item(people, kind="tooling", name="检具 G-7", serial_no="G-7", unit="set")
    actions.record_check(people.production, item, "ok", "")
    actions.record_check(people.production, item, "attention", "定位销磨损，已通知客户")
    client.force_login(people.production)
    response = client.get(item.get_absolute_url())
    assert response.context["logged"] is True
    assert "定位销磨损".encode() in response.content
    assert len(response.context["checks"]) == 2


def test_the_checks_page_lists_the_overdue_ones(people, client):
    overdue = _due_in(people, -1)
    _due_in(people, 5)
    actions.schedule_condition_checks(None)
    client.force_login(people.warehouse)
    response = client.get("/property/checks/?overdue=true")
    assert [c.item_id for c in response.context["page"]] == [overdue.pk]


def test_the_home_page_shows_what_waits_in_customer_property(people, client):
    from .makers import failed_lot, receive

    receive(people, make_item(people), 10)
    failed_lot(people, make_item(people), 5)
    client.force_login(people.quality)
    work = {url: count for _title, url, count in client.get("/").context["work"]}
    assert work["/property/lots/?status=awaiting_iqc"] == 1
    assert work["/property/lots/?status=rejected"] == 1
    client.force_login(people.materials)
    work = {url: count for _title, url, count in client.get("/").context["work"]}
    assert work["/property/lots/?status=rejected"] == 1
    assert "/property/lots/?status=awaiting_iqc" not in work
