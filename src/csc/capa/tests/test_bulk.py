"""Ticking corrective actions in the list and acting on them at once: assign, remind, export."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from csc.capa import actions
from csc.core.models import AuditEntry, Notification
from csc.core.tests.resource_base import browser

from .resources import make_capa

pytestmark = pytest.mark.django_db


def _bulk(user, follow=False, **data):
    return browser(user).post("/capa/bulk/", {"next": "/capa/", **data}, follow=follow)


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_quality_gives_ticked_actions_to_one_owner_who_is_told(people):
    first, second = make_capa(people), make_capa(people)
    response = _bulk(people.quality, selected=[first.pk, second.pk], action="assign",
                     owner=people.engineer.pk)  # fmt: skip
    assert response.status_code == 302
    for capa in (first, second):
        capa.refresh_from_db()
        assert capa.owner == people.engineer
        assert AuditEntry.objects.filter(object_id=str(capa.pk), action="transition").exists()
        assert people.engineer.notifications.filter(title__contains=capa.number).exists()


def test_one_cancelled_action_stops_the_whole_assignment_and_is_named(people):
    open_one, cancelled = make_capa(people), make_capa(people)
    actions.cancel_capa(people.quality, cancelled, "重复")
    response = _bulk(people.quality, follow=True, selected=[open_one.pk, cancelled.pk],
                     action="assign", owner=people.engineer.pk)  # fmt: skip
    open_one.refresh_from_db()
    assert open_one.owner is None  # unchanged: all or none
    assert _messages(response) == [f"{cancelled.number}：已关闭或已取消的措施不能编辑。"]


def test_reminding_tells_each_owner_once_and_shows_in_each_history(people):
    first, second = make_capa(people), make_capa(people)
    for capa in (first, second):
        actions.assign_capa(people.quality, capa, people.production)
    before = people.production.notifications.count()
    response = _bulk(people.quality, follow=True, selected=[first.pk, second.pk], action="remind")
    assert _messages(response) == ["已催办 2 项措施。"]
    assert people.production.notifications.count() == before + 1
    latest = Notification.objects.filter(user=people.production).latest("id")
    assert "催办" in latest.title and first.number in latest.body and second.number in latest.body
    for capa in (first, second):
        entries = AuditEntry.objects.filter(object_id=str(capa.pk), action="remind")
        assert [e.changes for e in entries] == [{"reminded": str(people.production)}]


def test_the_ticked_actions_export_to_a_workbook_of_just_those(people):
    chosen, _other = make_capa(people), make_capa(people)
    response = _bulk(people.quality, selected=[chosen.pk], action="export")
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [chosen.number]
    assert rows[0][6] == "品质部"  # the responsible department by name, not its id


def test_a_department_member_sees_no_ticks_and_cannot_act_in_bulk(people):
    capa = make_capa(people)
    assert "bulk-form" not in browser(people.engineer).get("/capa/").content.decode()
    assert "bulk-form" in browser(people.quality).get("/capa/").content.decode()
    response = _bulk(people.engineer, selected=[capa.pk], action="assign", owner=people.engineer.pk)
    assert response.status_code == 404
    capa.refresh_from_db()
    assert capa.owner is None
