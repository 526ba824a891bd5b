"""API writes: permission first, then the version, then no field the write cannot set."""

import pytest

from csc.core.permissions import can
from csc.testing import PERSONAS, api, make_customer


@pytest.fixture
def customer(db):
    return make_customer(name="甲方精密有限公司", notes="")


def url_of(customer):
    return f"/api/v1/customers/{customer.pk}/"


def test_an_edit_without_its_version_is_refused_naming_the_field(people, customer):
    response = api(people.sales).patch(url_of(customer), {"notes": "加急"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["version"]
    customer.refresh_from_db()
    assert customer.notes == ""


def test_an_edit_of_a_stale_version_is_a_conflict(people, customer):
    client = api(people.sales)
    body = {"notes": "第一次", "version": customer.version}
    assert client.patch(url_of(customer), body, format="json").status_code == 200
    stale = client.patch(url_of(customer), {**body, "notes": "旧稿"}, format="json")
    assert stale.status_code == 409
    customer.refresh_from_db()
    assert customer.notes == "第一次"


def test_a_role_that_may_only_read_is_refused_before_its_body_is_checked(people, customer):
    readers = [
        name
        for name in PERSONAS
        if can(getattr(people, name), "customers.view_customer")
        and not can(getattr(people, name), "customers.change_customer")
    ]
    assert readers, "some department reads customers without editing them"
    for name in readers:
        response = api(getattr(people, name)).patch(
            url_of(customer), {"credit_days": "many", "version": "x"}, format="json"
        )
        # 403, not field errors that would tell a reader the shape of the record.
        assert response.status_code == 403, name


def test_a_read_only_field_sent_in_an_edit_is_refused_not_ignored(people, customer):
    response = api(people.sales).patch(
        url_of(customer),
        {"code": "CU-HACKED", "notes": "x", "version": customer.version},
        format="json",
    )
    assert response.status_code == 400
    assert "code" in response.json()
    customer.refresh_from_db()
    assert customer.code != "CU-HACKED" and customer.notes == ""


def test_free_text_has_a_length_limit_in_the_api(people, customer, settings):
    response = api(people.sales).patch(
        url_of(customer),
        {"notes": "长" * (settings.CSC["TEXT_MAX_LENGTH"] + 1), "version": customer.version},
        format="json",
    )
    assert response.status_code == 400
    assert "notes" in response.json()
