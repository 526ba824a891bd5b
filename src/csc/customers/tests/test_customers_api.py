"""The customers REST API (IF-3): field messages, 403, 404, 409 — never a 500."""

import pytest

from csc.customers.models import Customer

from .makers import active_customer, submitted

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ADMISSION = {"requested_level": "I", "requested_days": 30, "investigation": "实地考察"}


def create(api_as, user, **fields):
    body = {"name": "接口客户有限公司", "admission": ADMISSION, **fields}
    return api_as(user).post("/api/v1/customers/", body, format="json", **EN)


def test_a_missing_name_is_reported_on_the_name_field(people, api_as):
    response = create(api_as, people.sales, name="")
    assert response.status_code == 400
    assert list(response.json()) == ["name"]


def test_a_bad_email_is_reported_on_the_email_field(people, api_as):
    response = create(api_as, people.sales, email="not-an-address")
    assert response.status_code == 400
    assert response.json()["email"] == ["Enter a valid email address."]


def test_an_unknown_credit_level_is_reported_on_the_admission(people, api_as):
    response = create(api_as, people.sales, admission={**ADMISSION, "requested_level": "IV"})
    assert response.status_code == 400
    assert list(response.json()["admission"]) == ["requested_level"]


def test_a_duplicate_name_is_refused_whatever_its_case(people, api_as):
    active_customer(name="Acme Machinery Co.")
    response = create(api_as, people.sales, name="ACME machinery co.")
    assert response.status_code == 400
    assert response.json()["name"] == ["A customer with this name already exists."]
    assert Customer.objects.count() == 1


def test_renaming_to_an_existing_name_is_refused(people, api_as):
    active_customer(name="甲方有限公司")
    customer = active_customer(name="乙方有限公司")
    response = api_as(people.sales).patch(
        f"/api/v1/customers/{customer.pk}/",
        {"name": "甲方有限公司", "version": customer.version},
        format="json",
    )
    assert response.status_code == 400
    assert "name" in response.json()


def test_an_edit_saves_and_raises_the_version(people, api_as):
    customer = active_customer(region="华东")
    response = api_as(people.sales).patch(
        f"/api/v1/customers/{customer.pk}/",
        {"region": "华南", "version": customer.version},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["region"], response.json()["version"]) == ("华南", customer.version + 1)


def test_an_edit_based_on_an_old_version_is_a_conflict(people, api_as):
    customer = active_customer(region="华东")
    client = api_as(people.sales)
    url = f"/api/v1/customers/{customer.pk}/"
    assert client.patch(url, {"region": "华南", "version": 1}, format="json").status_code == 200
    response = client.patch(url, {"region": "华北", "version": 1}, format="json", **EN)
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Someone else changed this record")
    assert Customer.objects.get(pk=customer.pk).region == "华南"


def test_quality_may_read_but_not_edit_customers(people, api_as):
    customer = active_customer(region="华东")
    client = api_as(people.quality)
    assert client.get(f"/api/v1/customers/{customer.pk}/").status_code == 200
    response = client.patch(f"/api/v1/customers/{customer.pk}/", {"region": "华南"}, format="json")
    assert response.status_code == 403
    assert Customer.objects.get(pk=customer.pk).region == "华东"


def test_an_unknown_customer_is_not_found(people, api_as):
    client = api_as(people.sales)
    assert client.get("/api/v1/customers/999999/").status_code == 404
    assert client.patch("/api/v1/customers/999999/", {}, format="json").status_code == 404
    assert client.post("/api/v1/customer-admissions/999999/approve/", {}).status_code == 404


def test_deleting_a_customer_is_not_offered(people, api_as):
    customer = active_customer()
    assert api_as(people.sales).delete(f"/api/v1/customers/{customer.pk}/").status_code == 405
    assert Customer.objects.filter(pk=customer.pk).exists()


BAD_CREATES = [
    {"name": ["a list"]},
    {"name": "x" * 500},
    {"name": "NUL\x00字符"},
    {"salesperson": 999999},
    {"salesperson": "someone"},
    {"language": "fr"},
    {"version": "abc"},
    {"admission": "not an object"},
    {"admission": None},
    {"admission": {**ADMISSION, "requested_days": -1}},
    {"admission": {**ADMISSION, "requested_days": "thirty"}},
    {"admission": {**ADMISSION, "requested_days": 10**12}},
    {"admission": {**ADMISSION, "investigation": ""}},
    {"bank_account": "1" * 100},
]


@pytest.mark.parametrize("fields", BAD_CREATES, ids=range(len(BAD_CREATES)))
def test_bad_input_to_create_is_a_400_with_field_messages(people, api_as, fields):
    response = create(api_as, people.sales, **fields)
    assert response.status_code == 400, response.content
    assert set(response.json()) & {*fields, "detail"}
    assert not Customer.objects.exists()


BAD_EDITS = [
    {"version": "abc"},
    {"version": -5},
    {"email": "@"},
    {"salesperson": [1, 2]},
    {"postal_code": "1" * 50},
    {"name": ""},
    {"notes": {"nested": "object"}},
]


@pytest.mark.parametrize("fields", BAD_EDITS, ids=range(len(BAD_EDITS)))
def test_bad_input_to_edit_is_refused_without_a_server_error(people, api_as, fields):
    customer = active_customer()
    response = api_as(people.sales).patch(
        f"/api/v1/customers/{customer.pk}/", fields, format="json"
    )
    assert response.status_code in (400, 409), response.content
    assert Customer.objects.get(pk=customer.pk).version == customer.version


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b"{not json"),
        ("application/json", b"[1, 2, 3]"),
        ("application/json", b'"a string"'),
        ("text/plain", b"name=x"),
        ("application/xml", b"<customer/>"),
    ],
)
def test_malformed_bodies_are_refused_cleanly(people, api_as, content_type, body):
    customer = active_customer()
    client = api_as(people.sales)
    created = client.generic("POST", "/api/v1/customers/", body, content_type=content_type)
    edited = client.generic(
        "PATCH", f"/api/v1/customers/{customer.pk}/", body, content_type=content_type
    )
    assert created.status_code in (400, 415)
    assert edited.status_code in (400, 415)


@pytest.mark.parametrize(
    "query",
    [
        "created_after=notadate",
        "abc_class=Z",
        "status=unknown",
        "salesperson=abc",
        "ordering=bank_account",
        "ordering=-nonexistent",
        "page=abc",
        "page=99",
        "page_size=-1",
        "q=%00",
    ],
)
def test_odd_list_queries_never_give_a_server_error(people, api_as, query):
    active_customer()
    response = api_as(people.sales).get(f"/api/v1/customers/?{query}")
    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize("note", [["a", "list"], {"an": "object"}, 123])
def test_odd_workflow_notes_never_give_a_server_error(people, api_as, note):
    admission = submitted(people)
    response = api_as(people.vp).post(
        f"/api/v1/customer-admissions/{admission.pk}/reject/", {"note": note}, format="json"
    )
    assert response.status_code in (200, 400)


def test_the_list_filters_and_sorts(people, api_as):
    active_customer(name="甲有限公司", abc_class="A", region="华东")
    active_customer(name="乙有限公司", abc_class="B", region="华东")
    active_customer(name="丙有限公司", abc_class="A", region="华南")
    client = api_as(people.sales)
    by_class = client.get("/api/v1/customers/?abc_class=A&ordering=-region").json()
    assert [row["region"] for row in by_class["results"]] == ["华南", "华东"]
    found = client.get("/api/v1/customers/?q=乙").json()
    assert [row["name"] for row in found["results"]] == ["乙有限公司"]


def test_the_openapi_schema_builds_and_describes_the_customers(people, client):
    client.force_login(people.sales)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/customers/" in schema["paths"]
    assert "/api/v1/customer-admissions/{id}/approve/" in schema["paths"]
    assert "/api/v1/credit-changes/" in schema["paths"]
