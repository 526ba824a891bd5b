"""Anomalies (PRP-5): any department reports, Materials confirms, the customer is told before
anything is closed, and damage or loss counts against a KPI of zero."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.core.models import OutboxEmail
from csc.property import actions, stock
from csc.property.kpis import damage_by_month
from csc.property.models import Anomaly

from .makers import accepted_lot, confirmed_anomaly, make_item

D = Decimal


@pytest.mark.parametrize("persona", ["production", "engineer", "sales", "service", "quality"])
def test_any_department_reports_an_anomaly_to_materials(people, persona):
    item = make_item(people)
    reporter = getattr(people, persona)
    anomaly = actions.report_anomaly(reporter, item, "appearance", "外包装受潮", None)
    assert (anomaly.status, anomaly.reported_by, anomaly.department) == (
        "reported",
        reporter,
        reporter.department,
    )
    assert people.materials.notifications.filter(title__contains=anomaly.number).exists()


def test_a_customer_contact_cannot_report_through_the_staff_verbs(people):
    with pytest.raises(Denied):
        actions.report_anomaly(people.contact, make_item(people), "loss", "?")


def test_only_materials_confirms_an_anomaly(people):
    anomaly = actions.report_anomaly(people.production, make_item(people), "damage", "压伤", 1)
    with pytest.raises(Denied):
        actions.confirm_anomaly(people.production, anomaly)
    actions.confirm_anomaly(people.materials, anomaly, "现场确认属实")
    anomaly.refresh_from_db()
    assert (anomaly.status, anomaly.confirmed_by) == ("confirmed", people.materials)


def test_a_confirmed_anomaly_cannot_be_closed_without_the_customer_notice(people):
    anomaly = confirmed_anomaly(people)
    with pytest.raises(IllegalTransition):
        actions.close_anomaly(people.materials, anomaly, "repair", "返修")
    anomaly.refresh_from_db()
    assert (anomaly.status, anomaly.closed_at) == ("confirmed", None)


def test_the_api_refuses_to_close_before_the_notice_with_409(people, api_as):
    anomaly = confirmed_anomaly(people)
    response = api_as(people.materials).post(
        f"/api/v1/property-anomalies/{anomaly.pk}/close/",
        {"outcome": "repair", "note": "返修"},
        format="json",
    )
    assert response.status_code == 409
    assert "detail" in response.json()


def test_the_customer_notice_records_text_and_time_and_queues_the_mail(people):
    anomaly = confirmed_anomaly(people)
    before = timezone.now()
    actions.notify_anomaly_customer(people.materials, anomaly, "email")
    anomaly.refresh_from_db()
    assert anomaly.notified_at >= before and anomaly.notified_by == people.materials
    assert anomaly.number in anomaly.notice_text and "叉车碰撞" in anomaly.notice_text
    assert OutboxEmail.objects.get(pk=anomaly.notice_email_id).to == anomaly.notice_to


def test_closing_records_the_disposition_and_can_write_the_loss_off(people):
    item = make_item(people)
    lot = accepted_lot(people, item, 20)
    anomaly = actions.report_anomaly(people.warehouse, item, "loss", "盘点发现少 2 卷", 2, lot)
    actions.confirm_anomaly(people.materials, anomaly)
    actions.notify_anomaly_customer(people.materials, anomaly, "phone", "采购 王", "电话告知丢失")
    with pytest.raises(Invalid) as refused:
        actions.close_anomaly(people.materials, anomaly, "write_off", "客户同意核销", 21)
    assert "quantity" in refused.value.fields
    actions.close_anomaly(people.materials, anomaly, "write_off", "客户同意核销，赔偿另议", 2)
    anomaly.refresh_from_db()
    assert (anomaly.status, anomaly.outcome) == ("closed", "write_off")
    assert stock.balance(item, lot=lot) == 18


def test_a_dismissed_report_keeps_its_reason(people):
    anomaly = actions.report_anomaly(people.production, make_item(people), "short", "少 1 箱", 1)
    with pytest.raises(Invalid):
        actions.dismiss_anomaly(people.materials, anomaly, "")
    actions.dismiss_anomaly(people.materials, anomaly, "后续批次已补齐")
    anomaly.refresh_from_db()
    assert (anomaly.status, anomaly.confirm_note) == ("dismissed", "后续批次已补齐")


def _anomaly_on(people, item, kind, when, confirm=True):
    anomaly = actions.report_anomaly(people.production, item, kind, "测试", 1)
    Anomaly.objects.filter(pk=anomaly.pk).update(reported_at=when)
    anomaly.refresh_from_db()
    if confirm:
        actions.confirm_anomaly(people.materials, anomaly)
    return anomaly


def test_the_kpi_counts_confirmed_damage_and_loss_per_month(people):
    item = make_item(people)
    today = timezone.localdate()
    this_month = timezone.make_aware(dt.datetime.combine(today.replace(day=1), dt.time(9)))
    last_month = this_month - dt.timedelta(days=20)
    _anomaly_on(people, item, "damage", this_month)
    _anomaly_on(people, item, "loss", this_month)
    _anomaly_on(people, item, "damage", last_month)
    _anomaly_on(people, item, "appearance", this_month)  # not damage or loss
    _anomaly_on(people, item, "damage", this_month, confirm=False)  # not confirmed yet
    rows = damage_by_month(Anomaly.objects.all(), months=3, today=today)
    assert [r["month"].month for r in rows][-1] == today.month
    assert [(r["damage"], r["loss"], r["total"], r["met"]) for r in rows[-2:]] == [
        (1, 0, 1, False),
        (1, 1, 2, False),
    ]
    assert (rows[0]["total"], rows[0]["met"], rows[0]["target"]) == (0, True, 0)


def test_the_kpi_target_is_a_setting(people, settings):
    settings.CSC = {**settings.CSC, "PROPERTY_DAMAGE_TARGET": 2}
    item = make_item(people)
    _anomaly_on(people, item, "damage", timezone.now())
    rows = damage_by_month(Anomaly.objects.all(), months=1)
    assert (rows[0]["total"], rows[0]["target"], rows[0]["met"]) == (1, 2, True)


def test_the_kpi_page_shows_this_months_count_against_the_target(people, client):
    confirmed_anomaly(people)
    client.force_login(people.gm)
    response = client.get("/property/kpi/")
    assert response.status_code == 200
    month = timezone.localdate().strftime("%Y-%m")
    this_month = [
        row for row in response.context["months"] if row["month"].strftime("%Y-%m") == month
    ]
    assert this_month[0]["total"] == 1 and not this_month[0]["met"]
    assert b'id="kpi-total">1<' in response.content


def test_the_kpi_is_available_through_the_api(people, api_as):
    confirmed_anomaly(people, kind="loss")
    rows = api_as(people.quality).get("/api/v1/property-anomalies/kpi/").json()
    assert rows[-1]["loss"] == 1 and rows[-1]["met"] is False
