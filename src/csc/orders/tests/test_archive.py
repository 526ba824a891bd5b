"""The review archive (ORD-9): search by customer, product, date range, status and text; the
review ledger as Excel; the customer 360° panel (CUS-6, CUS-7)."""

import datetime as dt
from io import BytesIO

from django.utils import timezone
from openpyxl import load_workbook

from csc.core.models import AuditEntry
from csc.orders import actions
from csc.orders.models import Order
from csc.testing import customer_panel

from . import makers


def received(order, day):
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    Order.objects.filter(pk=order.pk).update(received_at=moment, received_on=day)


def ids(response):
    return [row["id"] for row in response.json()["results"]]


def test_the_archive_finds_orders_by_customer_date_range_and_status(people, api_as):
    customer = makers.customer(name="检索客户有限公司")
    inside = makers.submitted(people, cust=customer)
    received(inside, dt.date(2026, 3, 10))
    outside = makers.submitted(people, cust=customer)
    received(outside, dt.date(2026, 4, 10))
    draft = makers.draft(people, cust=customer)
    received(draft, dt.date(2026, 3, 11))
    other = makers.submitted(people)
    received(other, dt.date(2026, 3, 10))
    query = (
        f"customer={customer.pk}&received_after=2026-03-01&received_before=2026-03-31&status=review"
    )
    assert ids(api_as(people.quality).get(f"/api/v1/orders/?{query}")) == [inside.pk]
    by_name = api_as(people.quality).get("/api/v1/orders/?customer=检索客户&status=draft")
    assert ids(by_name) == [draft.pk]


def test_the_archive_finds_orders_by_product_and_text(people, client):
    gear = makers.product(code="GR-7788")
    with_gear = makers.draft(people, lines=[makers.line(gear)], customer_reference="PO-ACME-42")
    makers.draft(people)
    client.force_login(people.engineer)
    assert [o.pk for o in client.get("/orders/?product=GR-7788").context["page"]] == [with_gear.pk]
    assert [o.pk for o in client.get("/orders/?q=ACME-42").context["page"]] == [with_gear.pk]
    assert [o.pk for o in client.get(f"/orders/?q={with_gear.number}").context["page"]] == [
        with_gear.pk
    ]


def test_bad_filter_values_give_an_empty_or_unfiltered_list_not_an_error(people, api_as, client):
    makers.draft(people)
    assert api_as(people.sales).get("/api/v1/orders/?received_after=yesterday").status_code == 400
    client.force_login(people.sales)
    assert client.get("/orders/?received_after=nonsense&status=zzz").status_code == 200


def test_the_review_ledger_exports_to_excel_with_the_timeliness_of_each_review(people, client):
    order = makers.approved(people)
    makers.draft(people)
    client.force_login(people.sales)
    response = client.get("/orders/export/")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content)), read_only=True).worksheets[
        0
    ]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    by_number = {row[0]: row for row in rows[1:]}
    approved = by_number[order.number]
    assert approved[2] == order.customer.name
    assert approved[9] == 2  # lines
    assert approved[-1] in ("yes", "是")
    assert AuditEntry.objects.filter(action="export", changes__rows=2).exists()


def test_export_is_refused_without_the_permission(people, client):
    client.force_login(people.quality)
    assert client.get("/orders/export/").status_code == 404


def test_a_customer_contact_sees_only_their_own_orders_without_the_internal_review(people, client):
    own = makers.submitted(people, cust=people.contact.customer_contact.customer)
    makers.submitted(people)
    client.force_login(people.contact)
    listing = client.get("/orders/")
    assert [o.pk for o in listing.context["page"]] == [own.pk]
    page = client.get(own.get_absolute_url())
    assert page.status_code == 200
    assert not page.context["internal"] and 'id="review"' not in page.content.decode()
    assert client.get(f"/orders/{own.pk}/versions/1/").status_code == 404


def test_the_customer_page_shows_orders_review_status_delivery_and_purchase_volume(people, client):
    order = makers.in_production(people)
    line = order.lines.order_by("line_no").first()
    actions.ship_order(
        people.warehouse, order, timezone.localdate(), [{"order_line": line.pk, "quantity": 100}]
    )
    makers.submitted(people, cust=order.customer)
    client.force_login(people.sales)
    response = customer_panel(client, order.customer, "orders-panel")
    assert response.status_code == 200
    panel = response.context["panel"]
    assert {o.pk for o in panel["recent"]} >= {order.pk}
    assert dict(panel["by_status"])
    assert panel["delivery_total"][1] == 1
    assert [v["quantity"] for v in panel["volumes"]] == [100]
    assert b"orders-panel" in response.content


def test_the_openapi_schema_describes_the_order_steps(people, client):
    client.force_login(people.sales)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for verb in (
        "submit",
        "sign-review",
        "approve",
        "reject",
        "cancel",
        "issue-production-order",
        "ship",
        "request-change",
    ):
        assert f"/api/v1/orders/{{id}}/{verb}/" in paths, verb
    assert "/api/v1/order-changes/{id}/approve/" in paths


def test_the_api_gives_a_customer_contact_the_order_without_the_internal_review(people, api_as):
    own = makers.signed(
        people, makers.submitted(people, cust=people.contact.customer_contact.customer)
    )
    staff = api_as(people.sales).get(f"/api/v1/orders/{own.pk}/").json()
    assert staff["versions"][0]["sections"]
    contact = api_as(people.contact).get(f"/api/v1/orders/{own.pk}/").json()
    assert "versions" not in contact and contact["number"] == own.number
