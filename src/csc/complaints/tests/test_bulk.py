"""Ticking complaints in the ledger and acting on them at once: assign, remind, export."""

from io import BytesIO

import pytest
from django.contrib.contenttypes.models import ContentType
from openpyxl import load_workbook

from csc.complaints import actions
from csc.core.models import AuditEntry, Department, Notification
from csc.core.tests.resource_base import browser

from . import makers

pytestmark = pytest.mark.django_db


def _bulk(user, **data):
    return browser(user).post("/complaints/bulk/", {"next": "/complaints/", **data})


def _department(code):
    return Department.objects.get(code=code)


def test_quality_assigns_ticked_complaints_to_a_department_each_in_its_history(people):
    engineering = _department("engineering")
    first, second = makers.complaint(people), makers.complaint(people)
    response = _bulk(
        people.quality, selected=[first.pk, second.pk], action="assign",
        department=engineering.pk, reason="设计问题",
    )  # fmt: skip
    assert response.status_code == 302
    for complaint in (first, second):
        complaint.refresh_from_db()
        assert complaint.department == engineering
        entry = AuditEntry.objects.get(object_id=str(complaint.pk), action="transition")
        assert entry.note == "设计问题" and entry.changes["department_id"][1] == engineering.pk


def test_one_closed_complaint_stops_the_whole_assignment_and_is_named(people):
    engineering = _department("engineering")
    open_one, voided = makers.complaint(people), makers.complaint(people)
    actions.void_complaint(people.quality, voided, "重复登记")
    response = browser(people.quality).post(
        "/complaints/bulk/",
        {"selected": [open_one.pk, voided.pk], "action": "assign", "department": engineering.pk,
         "next": "/complaints/"},
        follow=True,
    )  # fmt: skip
    open_one.refresh_from_db()
    assert open_one.department is None  # unchanged: all or none
    refusals = [str(m) for m in response.context["messages"]]
    assert refusals == [f"{voided.number}：已关闭或作废的投诉不能重新分配。"]


def test_a_reassignment_without_reason_is_refused(people):
    accepted = makers.accepted(people)  # Quality is responsible since the acceptance
    response = browser(people.quality).post(
        "/complaints/bulk/",
        {"selected": [accepted.pk], "action": "assign", "department": _department("production").pk,
         "next": "/complaints/"},
        follow=True,
    )  # fmt: skip
    assert "请填写重新分派的原因" in " ".join(str(m) for m in response.context["messages"])
    accepted.refresh_from_db()
    assert accepted.department.code == "quality"


def test_reminding_tells_the_department_head_once_and_shows_in_each_history(people):
    production = _department("production")
    production.head = people.plant_manager
    production.save(update_fields=["head"])
    first, second = makers.complaint(people), makers.complaint(people)
    for complaint in (first, second):
        actions.assign_complaint(people.quality, complaint, production)
    before = Notification.objects.filter(user=people.plant_manager).count()
    response = _bulk(people.quality, selected=[first.pk, second.pk], action="remind")
    assert response.status_code == 302
    # One message for the head, listing both complaints, not one per complaint.
    assert Notification.objects.filter(user=people.plant_manager).count() == before + 1
    latest = Notification.objects.filter(user=people.plant_manager).latest("id")
    assert "催办" in latest.title and first.number in latest.body and second.number in latest.body
    for complaint in (first, second):
        assert AuditEntry.objects.filter(object_id=str(complaint.pk), action="remind").count() == 1
    kind = ContentType.objects.get_for_model(first).pk
    history = browser(people.quality).get(f"/history/{kind}/{first.pk}/").content.decode()
    assert "已催办" in history and str(people.plant_manager) in history


def test_the_ticked_complaints_export_to_a_workbook_of_just_those(people):
    chosen, _other = makers.complaint(people), makers.complaint(people)
    response = _bulk(people.quality, selected=[chosen.pk], action="export")
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    numbers = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert numbers == [chosen.number]


def test_sales_sees_no_ticks_and_cannot_act_on_complaints_in_bulk(people):
    complaint = makers.complaint(people)
    page = browser(people.sales).get("/complaints/").content.decode()
    assert "bulk-form" not in page and 'name="selected"' not in page
    assert "bulk-form" in browser(people.quality).get("/complaints/").content.decode()
    response = _bulk(people.sales, selected=[complaint.pk], action="assign",
                     department=_department("engineering").pk)  # fmt: skip
    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.department is None


def test_a_customer_cannot_act_on_complaints_in_bulk(people):
    complaint = makers.complaint(people)
    assert _bulk(people.contact, selected=[complaint.pk], action="remind").status_code == 404
