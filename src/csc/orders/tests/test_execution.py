"""Execution and delivery (ORD-5, ORD-6): production orders, partial shipments, over-delivery,
delivery confirmation, the quantities complaints and purchase volume read."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from csc.core.models import Notification
from csc.customers.models import PurchaseVolume
from csc.orders import actions, pdf
from csc.orders.choices import OrderStatus
from csc.orders.models import Order, ShipmentLine

from . import makers
from .pdfcheck import render_png, text_of

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TODAY = timezone.localdate


def ship(api_as, user, order, quantities, **extra):
    lines = order.lines.order_by("line_no")
    body = {
        "shipped_on": str(TODAY()),
        "lines": [
            {"order_line": line.pk, "quantity": str(q)}
            for line, q in zip(lines, quantities, strict=False)
        ],
        **extra,
    }
    return api_as(user).post(f"/api/v1/orders/{order.pk}/ship/", body, format="json", **EN)


def test_the_production_order_is_issued_after_approval_and_told_to_the_plant(people, api_as):
    production_people = [people.production, people.plant_manager, people.materials]
    order = makers.approved(people)
    response = api_as(people.sales).post(
        f"/api/v1/orders/{order.pk}/issue-production-order/",
        {"instructions": "首件送检"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    order.refresh_from_db()
    assert order.status == OrderStatus.IN_PRODUCTION
    assert order.production_order.number.startswith(f"PO-{TODAY().year}-")
    for user in production_people:
        assert Notification.objects.filter(
            user=user, title__contains=order.production_order.number
        ).exists()


def test_a_production_order_before_approval_is_refused(people, api_as):
    order = makers.submitted(people)
    response = api_as(people.sales).post(
        f"/api/v1/orders/{order.pk}/issue-production-order/", {}, format="json"
    )
    assert response.status_code == 409


def test_a_sample_order_prints_as_a_sample_order(people):
    order = makers.approved(people, sample=True)
    production = actions.issue_production_order(people.sales, order, "样件 5 件")
    with translation.override("en"):
        text = text_of(pdf.production_order(production, "en"))
    assert "Sample order" in text and production.number in text and "HT-QR-MA-04" in text


def test_materials_schedules_production_and_records_its_completion(people, api_as):
    order = makers.in_production(people)
    planned = str(TODAY() + dt.timedelta(days=10))
    response = api_as(people.materials).post(
        f"/api/v1/orders/{order.pk}/production/", {"planned_completion": planned}, format="json"
    )
    assert response.status_code == 200
    done = api_as(people.production).post(
        f"/api/v1/orders/{order.pk}/production/", {"actual_completion": str(TODAY())}, format="json"
    )
    assert done.status_code == 200
    production = Order.objects.get(pk=order.pk).production_order
    assert (str(production.planned_completion), production.actual_completion) == (planned, TODAY())
    assert (
        api_as(people.sales)
        .post(
            f"/api/v1/orders/{order.pk}/production/", {"planned_completion": planned}, format="json"
        )
        .status_code
        == 403
    )


def test_an_order_ships_in_parts_and_the_shipment_lines_carry_customer_and_date(people, api_as):
    order = makers.in_production(people)
    first = ship(api_as, people.warehouse, order, [60, 0], carrier="顺丰")
    assert first.status_code == 201, first.json()
    assert first.json()["number"].startswith(f"DN-{TODAY().year}-")
    assert Order.objects.get(pk=order.pk).status == OrderStatus.SHIPPING
    second = ship(api_as, people.sales, order, [40, 40])
    assert second.status_code == 201
    assert Order.objects.get(pk=order.pk).status == OrderStatus.SHIPPED
    lines = ShipmentLine.objects.filter(shipment__order=order)
    assert {(sl.customer_id, sl.shipped_on) for sl in lines} == {(order.customer_id, TODAY())}
    assert sum(sl.quantity for sl in lines) == 140
    assert list(order.lines.order_by("line_no").values_list("shipped_quantity", flat=True)) == [
        100,
        40,
    ]


def test_shipping_more_than_ordered_is_refused(people, api_as):
    order = makers.in_production(people)
    response = ship(api_as, people.warehouse, order, [101, 0])
    assert response.status_code == 400
    assert "100" in response.json()["lines"][0]
    assert not ShipmentLine.objects.exists()
    ship(api_as, people.warehouse, order, [70, 0])
    assert ship(api_as, people.warehouse, order, [31, 0]).status_code == 400


def test_the_over_delivery_tolerance_setting_allows_a_little_more(people, api_as, settings):
    settings.CSC = {**settings.CSC, "ORDERS_OVER_DELIVERY_TOLERANCE_PERCENT": 5}
    order = makers.in_production(people)
    assert ship(api_as, people.warehouse, order, [105, 0]).status_code == 201
    assert ship(api_as, people.warehouse, order, [0, 43]).status_code == 400  # 40 + 5 % = 42


@pytest.mark.parametrize("quantities", [[0, 0], [-5, 10]])
def test_a_shipment_of_nothing_or_of_negative_quantities_is_refused(people, api_as, quantities):
    order = makers.in_production(people)
    assert ship(api_as, people.warehouse, order, quantities).status_code == 400


def test_an_order_not_yet_in_production_cannot_ship(people, api_as):
    order = makers.approved(people)
    assert ship(api_as, people.warehouse, order, [10, 0]).status_code == 409


def test_quality_cannot_ship(people, api_as):
    order = makers.in_production(people)
    assert ship(api_as, people.quality, order, [10, 0]).status_code == 403


def test_shipments_add_to_the_customers_purchase_volume_of_the_month(people):
    order = makers.in_production(
        people,
        lines=[
            makers.line(quantity="100", price="12.5"),
            makers.line(quantity="10", price="3", currency="USD"),
        ],
    )
    lines = list(order.lines.order_by("line_no"))
    actions.ship_order(
        people.warehouse, order, TODAY(), [{"order_line": lines[0].pk, "quantity": 60}]
    )
    actions.ship_order(
        people.warehouse,
        order,
        TODAY(),
        [{"order_line": lines[0].pk, "quantity": 40}, {"order_line": lines[1].pk, "quantity": 10}],
    )
    volume = PurchaseVolume.objects.get(customer=order.customer)
    assert volume.period == TODAY().replace(day=1)
    assert volume.quantity == 110
    assert volume.amount == Decimal("1250.00") + Decimal("213.00")  # 10 × 3 USD × 7.10


def test_a_shipment_is_on_time_when_shipped_by_the_promised_date(people):
    promised = TODAY() + dt.timedelta(days=3)
    order = makers.in_production(people, lines=[makers.line(promised_date=promised)])
    shipment = actions.ship_order(
        people.warehouse, order, TODAY(), [{"order_line": order.lines.get().pk, "quantity": 50}]
    )
    assert (shipment.promised_on, shipment.on_time) == (promised, True)


def test_confirming_a_late_delivery_marks_the_batch_late_and_closes_a_shipped_order(people, api_as):
    promised = TODAY() - dt.timedelta(days=5)
    # Received before its promise: an order of today cannot have been promised last week.
    order = makers.in_production(
        people,
        lines=[makers.line(promised_date=promised, requested_date=promised)],
        received_at=timezone.now() - dt.timedelta(days=10),
    )
    shipment = actions.ship_order(
        people.warehouse,
        order,
        TODAY() - dt.timedelta(days=6),
        [{"order_line": order.lines.get().pk, "quantity": 100}],
    )
    assert shipment.on_time is True
    body = {
        "shipment": shipment.pk,
        "delivered_on": str(TODAY() - dt.timedelta(days=2)),
        "received_by": "仓管 李",
    }
    response = api_as(people.sales).post(
        f"/api/v1/orders/{order.pk}/confirm-delivery/", body, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["on_time"] is False
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED and order.closed_at is not None
    again = api_as(people.sales).post(
        f"/api/v1/orders/{order.pk}/confirm-delivery/", body, format="json"
    )
    assert again.status_code == 409


def test_a_delivery_before_shipment_is_refused(people, api_as):
    order = makers.in_production(people)
    shipment = actions.ship_order(
        people.warehouse, order, TODAY(), [{"order_line": order.lines.first().pk, "quantity": 5}]
    )
    body = {"shipment": shipment.pk, "delivered_on": str(TODAY() - dt.timedelta(days=1))}
    assert (
        api_as(people.sales)
        .post(f"/api/v1/orders/{order.pk}/confirm-delivery/", body, format="json")
        .status_code
        == 400
    )


def test_the_delivery_notice_prints_lines_and_numbers(people, tmp_path):
    order = makers.in_production(people)
    shipment = actions.ship_order(
        people.warehouse,
        order,
        TODAY(),
        [{"order_line": order.lines.order_by("line_no").first().pk, "quantity": 60}],
        carrier="德邦物流",
    )
    data = pdf.delivery_notice(shipment, "zh-hans")
    assert render_png(data, tmp_path, "dn").startswith(b"\x89PNG")
    text = text_of(data)
    assert (
        shipment.number in text
        and order.number in text
        and "德邦物流" in text
        and "HT-QR-MA-07" in text
    )


def test_shipping_on_the_page_records_the_quantities_typed(people, client):
    order = makers.in_production(people)
    first, second = order.lines.order_by("line_no")
    client.force_login(people.warehouse)
    response = client.post(
        f"/orders/{order.pk}/ship/",
        {"shipped_on": str(TODAY()), f"qty-{first.pk}": "25", f"qty-{second.pk}": ""},
    )
    assert response.status_code == 302
    assert list(ShipmentLine.objects.values_list("quantity", flat=True)) == [25]
    bad = client.post(
        f"/orders/{order.pk}/ship/", {"shipped_on": str(TODAY()), f"qty-{first.pk}": "500"}
    )
    assert bad.status_code == 200  # the form again, with the reason
    assert ShipmentLine.objects.count() == 1
