"""The REST API /api/v1/property-items/ and its steps: 400 with field messages, 403, 404, 409 —
never a 500."""

import re
from decimal import Decimal

import pytest

from csc.property.models import Lot

from .makers import accepted_lot, days_ago, failed_lot, fresh_customer, make_item

D = Decimal


def test_the_register_is_filled_and_read_through_the_api(people, api_as):
    client = api_as(people.materials)
    customer = fresh_customer()
    body = {
        "customer": customer.pk, "kind": "component", "name": "客供连接器", "part_no": "CN-88",
        "unit": "pcs", "location": "B-03", "storage_humidity": "≤ 60 %RH", "check_interval_days": 60,
    }  # fmt: skip
    created = client.post("/api/v1/property-items/", body, format="json")
    assert created.status_code == 201, created.json()
    item = created.json()
    assert item["number"].startswith("CP-") and item["on_hand"] == "0.000"
    listing = client.get(f"/api/v1/property-items/?customer={customer.pk}").json()
    assert [row["id"] for row in listing["results"]] == [item["id"]]


def test_bad_register_input_gets_field_messages(people, api_as):
    client = api_as(people.materials)
    response = client.post(
        "/api/v1/property-items/", {"customer": 999999, "kind": "x", "name": ""}, format="json"
    )
    assert response.status_code == 400
    assert {"customer", "kind", "name"} <= set(response.json())


def test_a_stale_patch_gets_409(people, api_as):
    item = make_item(people)
    client = api_as(people.materials)
    url = f"/api/v1/property-items/{item.pk}/"
    assert client.patch(url, {"location": "X-1", "version": 1}, format="json").status_code == 200
    stale = client.patch(url, {"location": "X-2", "version": 1}, format="json")
    assert stale.status_code == 409


def test_a_lot_is_received_inspected_and_issued_through_the_steps(people, api_as):
    item = make_item(people)
    warehouse, quality = api_as(people.warehouse), api_as(people.quality)
    base = f"/api/v1/property-items/{item.pk}"
    received = warehouse.post(
        f"{base}/receive/",
        {"delivery_note_no": "DN-1", "lot_no": "B-77", "quantity_declared": "50",
         "quantity_received": "50"},
        format="json",
    )  # fmt: skip
    assert received.status_code == 201, received.json()
    lot = received.json()
    assert (lot["status"], lot["number"][:3]) == ("awaiting_iqc", "RC-")
    early = warehouse.post(f"{base}/issue/", {"quantity": "1"}, format="json")
    assert early.status_code == 400 and "quantity" in early.json()
    passed = quality.post(f"{base}/inspect/", {"lot": lot["id"], "result": "pass"}, format="json")
    assert passed.status_code == 200 and passed.json()["status"] == "accepted"
    again = quality.post(f"{base}/inspect/", {"lot": lot["id"], "result": "pass"}, format="json")
    assert again.status_code == 409
    issued = warehouse.post(
        f"{base}/issue/", {"quantity": "20", "reference": "WO-3"}, format="json"
    )
    assert issued.status_code == 201
    assert [(m["kind"], m["quantity"]) for m in issued.json()] == [("issue", "-20.000")]
    too_much = warehouse.post(f"{base}/issue/", {"quantity": "30.001"}, format="json")
    assert too_much.status_code == 400
    assert re.search(r"(?<![\d.])30(?![\d.])", too_much.json()["quantity"][0])  # what is left


def test_issuing_from_a_failed_lot_through_the_api_is_refused(people, api_as):
    item = make_item(people)
    lot = failed_lot(people, item, 10)
    response = api_as(people.warehouse).post(
        f"/api/v1/property-items/{item.pk}/issue/", {"quantity": "1", "lot": lot.pk}, format="json"
    )
    assert response.status_code == 400 and "lot" in response.json()


def test_a_lot_of_another_item_is_refused(people, api_as):
    item, other = make_item(people), make_item(people)
    foreign = accepted_lot(people, other, 10)
    response = api_as(people.materials).post(
        f"/api/v1/property-items/{item.pk}/return/",
        {"lot": foreign.pk, "quantity": "1", "reason": "x"},
        format="json",
    )
    assert response.status_code == 400 and "lot" in response.json()
    assert Lot.objects.get(pk=foreign.pk).movements.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"quantity": "abc"},
        {"quantity": "-1"},
        {"quantity": "1", "lot": "nope"},
        {"quantity": "1e400"},
    ],
)
def test_malformed_step_bodies_get_400(people, api_as, body):
    item = make_item(people)
    accepted_lot(people, item, 10)
    response = api_as(people.warehouse).post(
        f"/api/v1/property-items/{item.pk}/issue/", body, format="json"
    )
    assert response.status_code == 400


def test_the_balance_of_an_item_at_a_past_date(people, api_as):
    item = make_item(people)
    first = accepted_lot(people, item, 100, on=days_ago(4))
    from csc.property import actions

    actions.issue(people.warehouse, item, 25, lot=first, on=days_ago(2))
    client = api_as(people.production)
    url = f"/api/v1/property-items/{item.pk}/balance/"
    assert client.get(url, {"at": days_ago(3).isoformat()}).json()["balance"] == "100.000"
    now = client.get(url).json()
    assert now["balance"] == "75.000"
    assert now["lots"] == [{"lot": first.pk, "number": first.number, "balance": "75.000"}]
    assert client.get(url, {"at": "yesterday"}).status_code == 400


def test_sign_for_through_the_api(people, api_as):
    customer = fresh_customer()
    response = api_as(people.sales).post(
        "/api/v1/property-items/sign-for/",
        {"customer": customer.pk, "kind": "label", "name": "出货标签纸", "quantity": "2000"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["status"], response.json()["signed_for"]) == ("accepted", True)
    refused = api_as(people.warehouse).post(
        "/api/v1/property-items/sign-for/",
        {"customer": customer.pk, "kind": "label", "name": "标签", "quantity": "1"},
        format="json",
    )
    assert refused.status_code == 403


def test_a_contact_cannot_reach_another_customers_item(people, api_as):
    item = make_item(people)
    client = api_as(people.contact)
    assert client.get(f"/api/v1/property-items/{item.pk}/").status_code == 404
    step = client.post(f"/api/v1/property-items/{item.pk}/report-anomaly/", {}, format="json")
    assert step.status_code == 404


def test_the_openapi_schema_describes_the_property_collections(people, api_as):
    response = api_as(people.administrator).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/property-items/{id}/receive/",
        "/api/v1/property-items/{id}/inspect/",
        "/api/v1/property-items/{id}/issue/",
        "/api/v1/property-items/{id}/return/",
        "/api/v1/property-items/{id}/report-anomaly/",
        "/api/v1/property-items/{id}/count/",
        "/api/v1/property-stocktakes/{id}/post/",
    ):
        assert path in paths


def test_signing_for_a_new_item_needs_its_name_and_kind(people, api_as):
    customer = fresh_customer()
    client = api_as(people.sales)
    nameless = client.post(
        "/api/v1/property-items/sign-for/",
        {"customer": customer.pk, "kind": "sample", "quantity": "1"},
        format="json",
    )
    assert nameless.status_code == 400 and "name" in nameless.json()
    kindless = client.post(
        "/api/v1/property-items/sign-for/",
        {"customer": customer.pk, "name": "样件", "quantity": "1"},
        format="json",
    )
    assert kindless.status_code == 400 and "kind" in kindless.json()
