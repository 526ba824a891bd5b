"""Changes (ORD-7): a new version per change, only the touched sections re-opened, older versions
readable and marked withdrawn, the difference shown; internal applications go through the VP."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from csc.core.errors import IllegalTransition, Invalid
from csc.core.models import Notification
from csc.orders import actions, pdf
from csc.orders.choices import ChangeStatus, OrderStatus, VersionStatus
from csc.orders.models import Order, OrderChange

from . import makers
from .pdfcheck import text_of

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def states(order, number):
    return dict(order.versions.get(number=number).sections.values_list("section", "state"))


def change(api_as, user, order, **body):
    body = {
        "kind": "customer",
        "reason": "客户需求变化",
        "description": "第 1 行数量改为 150",
        **body,
    }
    return api_as(user).post(
        f"/api/v1/orders/{order.pk}/request-change/", body, format="json", **EN
    )


def test_a_customer_quantity_change_makes_version_two_and_reopens_only_materials(people, api_as):
    order = makers.in_production(people)
    first = order.lines.order_by("line_no").first()
    response = change(api_as, people.sales, order, lines=[{"id": first.pk, "quantity": "150"}])
    assert response.status_code == 201, response.json()
    assert response.json()["number"].startswith("CO-")
    assert response.json()["affected_sections"] == ["materials"]
    order.refresh_from_db()
    assert (order.status, order.revision) == (OrderStatus.REVIEW, 2)
    assert states(order, 2) == {
        "engineering": "accepted",
        "quality": "accepted",
        "materials": "open",
    }
    carried = order.versions.get(number=2).sections.get(section="quality")
    assert carried.carried and carried.signed_by == people.quality
    first.refresh_from_db()
    assert first.quantity == 150
    old = order.versions.get(number=1)
    assert old.status == VersionStatus.WITHDRAWN and old.withdrawn_at is not None
    assert (
        old.snapshot["lines"][0]["quantity"] == "100"
    )  # the withdrawn version keeps what was reviewed


def test_approving_the_changed_review_returns_the_order_to_production(people):
    order = makers.in_production(people)
    line = order.lines.first()
    made = actions.request_change(
        people.sales,
        order,
        "customer",
        "客户要求",
        "交期提前",
        lines={line.pk: {"requested_date": "2026-12-01"}},
    )
    actions.sign_section(people.materials, order, "materials", "accept", "可排产")
    actions.approve_order(people.gm, order, "同意变更")
    order.refresh_from_db()
    made.refresh_from_db()
    assert order.status == OrderStatus.IN_PRODUCTION
    assert made.status == ChangeStatus.APPROVED
    assert order.versions.get(number=2).status == VersionStatus.APPROVED


def test_a_specification_change_reopens_engineering_and_quality(people):
    order = makers.approved(people)
    line = order.lines.first()
    actions.request_change(
        people.sales,
        order,
        "customer",
        "图纸升版",
        "规格改为 M4",
        lines={line.pk: {"specification": "M4×20"}},
    )
    assert states(order, 2) == {"engineering": "open", "quality": "open", "materials": "accepted"}


def test_a_price_only_change_goes_straight_to_the_gm(people):
    people.gm  # noqa: B018
    order = makers.approved(people)
    line = order.lines.first()
    actions.request_change(
        people.sales,
        order,
        "customer",
        "年度降价",
        "单价 12.5 → 12.0",
        lines={line.pk: {"unit_price": "12.0"}},
    )
    assert set(states(order, 2).values()) == {"accepted"}
    assert Notification.objects.filter(user=people.gm, title__contains=order.number).exists()
    actions.approve_order(people.gm, order, "")
    assert Order.objects.get(pk=order.pk).status == OrderStatus.APPROVED


def test_two_changes_make_three_versions_and_the_diff_page_shows_each_step(people, client):
    order = makers.approved(people)
    line = order.lines.order_by("line_no").first()
    actions.request_change(
        people.sales,
        order,
        "customer",
        "加量",
        "数量 100 → 120",
        lines={line.pk: {"quantity": "120"}},
    )
    actions.sign_section(people.materials, order, "materials", "accept", "")
    actions.approve_order(people.gm, order, "")
    actions.request_change(
        people.sales,
        order,
        "customer",
        "包装",
        "改用周转箱",
        items={"packaging": "塑料周转箱，每箱 20 件"},
    )
    assert list(order.versions.values_list("number", "status")) == [
        (1, VersionStatus.WITHDRAWN), (2, VersionStatus.WITHDRAWN), (3, VersionStatus.OPEN),
    ]  # fmt: skip
    client.force_login(people.engineer)
    diff = client.get(f"/orders/{order.pk}/diff/?a=1&b=2")
    assert [(d.old, d.new) for d in diff.context["changes"]] == [("100", "120")]
    latest = client.get(f"/orders/{order.pk}/diff/")
    assert (latest.context["a"], latest.context["b"]) == (2, 3)
    assert [d.new for d in latest.context["changes"]] == ["塑料周转箱，每箱 20 件"]
    old = client.get(f"/orders/{order.pk}/versions/1/")
    assert old.status_code == 200 and old.context["withdrawn"]
    assert b"withdrawn-banner" in old.content


def test_the_replaced_version_prints_marked_superseded(people):
    order = makers.approved(people)
    line = order.lines.first()
    actions.request_change(
        people.sales,
        order,
        "customer",
        "加量",
        "数量 100 → 130",
        lines={line.pk: {"quantity": "130"}},
    )
    with translation.override("en"):
        text = text_of(pdf.review_record(order, order.versions.get(number=1), "en"))
    assert "SUPERSEDED" in text and "WITHDRAWN" not in text
    with translation.override("zh-hans"):
        text = text_of(pdf.review_record(order, order.versions.get(number=1), "zh-hans"))
    assert "已被替代" in text and "回收" not in text


def test_changing_a_cancelled_or_closed_order_is_refused(people, api_as):
    cancelled = makers.draft(people)
    actions.cancel_order(people.sales, cancelled, "客户撤单")
    response = change(
        api_as, people.sales, cancelled, lines=[{"id": cancelled.lines.first().pk, "quantity": "5"}]
    )
    assert response.status_code == 409
    closed = makers.in_production(people)
    for line in closed.lines.all():
        actions.ship_order(
            people.warehouse,
            closed,
            timezone.localdate(),
            [{"order_line": line.pk, "quantity": line.quantity}],
        )
    for shipment in closed.shipments.all():
        actions.confirm_delivery(people.sales, shipment, timezone.localdate())
    assert Order.objects.get(pk=closed.pk).status == OrderStatus.CLOSED
    response = change(
        api_as, people.sales, closed, lines=[{"id": closed.lines.first().pk, "quantity": "5"}]
    )
    assert response.status_code == 409
    assert not OrderChange.objects.exists()


def test_a_change_below_the_quantity_already_shipped_is_refused(people):
    order = makers.in_production(people)
    line = order.lines.order_by("line_no").first()
    actions.ship_order(
        people.warehouse, order, timezone.localdate(), [{"order_line": line.pk, "quantity": 80}]
    )
    with pytest.raises(Invalid) as refused:
        actions.request_change(
            people.sales,
            order,
            "customer",
            "减量",
            "数量 100 → 50",
            lines={line.pk: {"quantity": "50"}},
        )
    assert "80" in str(refused.value.fields["lines"][0])


def test_a_change_that_changes_nothing_is_refused(people, api_as):
    order = makers.approved(people)
    line = order.lines.first()
    response = change(
        api_as, people.sales, order, lines=[{"id": line.pk, "quantity": str(line.quantity)}]
    )
    assert response.status_code == 400


def test_an_internal_change_needs_the_vp_then_the_customer_before_a_new_version(people, api_as):
    people.vp  # noqa: B018
    order = makers.in_production(people)
    line = order.lines.first()
    later = str(line.requested_date + dt.timedelta(days=14))
    assert (
        change(
            api_as,
            people.sales,
            order,
            kind="internal",
            lines=[{"id": line.pk, "promised_date": later}],
        ).status_code
        == 403
    )
    response = change(
        api_as,
        people.materials,
        order,
        kind="internal",
        reason="铝材到货延迟",
        description="交期顺延 14 天",
        lines=[{"id": line.pk, "promised_date": later}],
    )
    assert response.status_code == 201
    made = OrderChange.objects.get()
    assert made.status == ChangeStatus.AWAITING_VP
    assert Order.objects.get(pk=order.pk).revision == 1  # nothing applied yet
    assert Notification.objects.filter(user=people.vp, url=made.get_absolute_url()).exists()
    api = api_as(people.gm).post(f"/api/v1/order-changes/{made.pk}/approve/", {}, format="json")
    assert api.status_code == 403
    assert (
        api_as(people.vp)
        .post(f"/api/v1/order-changes/{made.pk}/approve/", {"note": "同意"}, format="json")
        .status_code
        == 200
    )
    answer = api_as(people.sales).post(
        f"/api/v1/order-changes/{made.pk}/customer-response/",
        {"agreed": True, "note": "客户邮件确认同意顺延"},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    order.refresh_from_db()
    made.refresh_from_db()
    assert (order.revision, order.status, made.status) == (
        2,
        OrderStatus.REVIEW,
        ChangeStatus.IN_REVIEW,
    )
    assert states(order, 2)["materials"] == "open"
    assert str(order.lines.get(pk=line.pk).promised_date) == later


def test_a_refused_internal_change_leaves_the_order_alone(people, api_as):
    order = makers.in_production(people)
    line = order.lines.first()
    made = actions.request_change(
        people.materials,
        order,
        "internal",
        "设备故障",
        "交期顺延",
        lines={line.pk: {"promised_date": "2027-01-31"}},
    )
    assert (
        api_as(people.vp)
        .post(f"/api/v1/order-changes/{made.pk}/refuse/", {"note": ""}, format="json")
        .status_code
        == 400
    )
    assert (
        api_as(people.vp)
        .post(f"/api/v1/order-changes/{made.pk}/refuse/", {"note": "请加班保证交期"}, format="json")
        .status_code
        == 200
    )
    order.refresh_from_db()
    assert (order.status, order.revision) == (OrderStatus.IN_PRODUCTION, 1)
    with pytest.raises(IllegalTransition):
        actions.record_customer_response(people.sales, made, True, "同意")


def test_the_production_change_order_prints_what_changed(people, tmp_path):
    order = makers.in_production(people)
    line = order.lines.order_by("line_no").first()
    made = actions.request_change(
        people.sales,
        order,
        "customer",
        "客户追加",
        "数量 100 → 160",
        lines={line.pk: {"quantity": "160"}},
    )
    made.refresh_from_db()
    with translation.override("en"):
        text = text_of(pdf.change_order(made, "en"))
    assert made.number in text and "HT-QR-MA-05" in text
    assert "100" in text and "160" in text
