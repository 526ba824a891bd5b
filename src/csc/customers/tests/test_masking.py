"""Bank account numbers: encrypted at rest, masked for most users, every plain view logged (SEC-2)."""

import pytest
from django.core import serializers
from django.db import connection

from csc.core.choices import AuditAction
from csc.core.models import AuditEntry
from csc.customers.models import Customer

from .makers import active_customer

ACCOUNT = "6222020200112233"
MASKED = "•••• 2233"


def accesses():
    return AuditEntry.objects.filter(action=AuditAction.ACCESS)


def stored_account(customer):
    with connection.cursor() as cursor:
        cursor.execute("SELECT bank_account FROM customers_customer WHERE id = %s", [customer.pk])
        return cursor.fetchone()[0]


def test_the_account_number_is_encrypted_in_the_database(people):
    customer = active_customer(bank_account=ACCOUNT)
    raw = stored_account(customer)
    assert raw.startswith("enc1:")
    assert ACCOUNT not in raw
    assert Customer.objects.get(pk=customer.pk).bank_account == ACCOUNT


def test_an_edited_account_number_is_stored_encrypted_too(people, api_as):
    customer = active_customer(bank_account=ACCOUNT)
    customer.bank_account = "9558800200135579"
    customer.save(update_fields=["bank_account"])
    assert "9558800200135579" not in stored_account(customer)
    assert Customer.objects.get(pk=customer.pk).bank_account_tail == "5579"


def test_serialised_copies_keep_the_ciphertext(people):
    customer = active_customer(bank_account=ACCOUNT)
    dumped = serializers.serialize("json", [customer])
    assert ACCOUNT not in dumped
    assert "enc1:" in dumped


@pytest.mark.parametrize("persona", ["sales", "vp"])
def test_the_list_api_always_masks(people, api_as, persona):
    active_customer(bank_account=ACCOUNT)
    rows = api_as(getattr(people, persona)).get("/api/v1/customers/").json()["results"]
    assert [row["bank_account"] for row in rows] == [MASKED]
    assert not accesses().exists()


def test_sales_see_the_account_masked_in_the_detail_without_a_log(people, api_as):
    customer = active_customer(bank_account=ACCOUNT)
    response = api_as(people.sales).get(f"/api/v1/customers/{customer.pk}/")
    assert response.json()["bank_account"] == MASKED
    assert ACCOUNT not in response.content.decode()
    assert not accesses().exists()


def test_the_vp_sees_the_account_in_the_detail_and_the_view_is_logged(people, api_as):
    customer = active_customer(bank_account=ACCOUNT)
    vp = people.vp
    response = api_as(vp).get(f"/api/v1/customers/{customer.pk}/")
    assert response.json()["bank_account"] == ACCOUNT
    entry = accesses().get()
    assert (entry.object_id, entry.actor, entry.changes) == (
        str(customer.pk),
        vp,
        {"field": "bank_account"},
    )


def test_a_customer_without_an_account_logs_no_access(people, api_as):
    customer = active_customer()
    assert api_as(people.vp).get(f"/api/v1/customers/{customer.pk}/").json()["bank_account"] == ""
    assert not accesses().exists()


def test_the_detail_page_shows_only_the_tail(people, client):
    customer = active_customer(bank_account=ACCOUNT)
    for persona in ("sales", "vp"):
        client.force_login(getattr(people, persona))
        page = client.get(customer.get_absolute_url()).content.decode()
        assert MASKED in page
        assert ACCOUNT not in page
    assert not accesses().exists()


def test_the_show_button_is_offered_only_to_permitted_users(people, client):
    customer = active_customer(bank_account=ACCOUNT)
    reveal_url = f"/customers/{customer.pk}/bank-account/"
    client.force_login(people.vp)
    assert reveal_url in client.get(customer.get_absolute_url()).content.decode()
    client.force_login(people.sales)
    assert reveal_url not in client.get(customer.get_absolute_url()).content.decode()


def test_revealing_the_account_on_the_page_is_logged(people, client):
    customer = active_customer(bank_account=ACCOUNT)
    client.force_login(people.vp)
    response = client.post(f"/customers/{customer.pk}/bank-account/")
    assert (response.status_code, response.content.decode()) == (200, ACCOUNT)
    assert accesses().get().actor == people.vp


@pytest.mark.parametrize("persona", ["sales", "quality", "contact"])
def test_revealing_the_account_is_not_found_for_others(people, client, persona):
    customer = active_customer(bank_account=ACCOUNT)
    client.force_login(getattr(people, persona))
    response = client.post(f"/customers/{customer.pk}/bank-account/")
    assert response.status_code == 404
    assert ACCOUNT not in response.content.decode()
    assert not accesses().exists()


def test_revealing_needs_a_post(people, client):
    customer = active_customer(bank_account=ACCOUNT)
    client.force_login(people.vp)
    assert client.get(f"/customers/{customer.pk}/bank-account/").status_code == 405
    assert not accesses().exists()


def test_sales_may_not_change_an_account_number(people, api_as):
    customer = active_customer(bank_account=ACCOUNT)
    response = api_as(people.sales).patch(
        f"/api/v1/customers/{customer.pk}/",
        {"bank_account": "1111222233334444", "version": customer.version},
        format="json",
    )
    assert response.status_code == 400
    assert "bank_account" in response.json()
    assert Customer.objects.get(pk=customer.pk).bank_account == ACCOUNT


def test_the_edit_form_has_no_account_field_for_users_who_may_not_see_it(people, client):
    customer = active_customer(bank_account=ACCOUNT)
    client.force_login(people.sales)
    page = client.get(f"/customers/{customer.pk}/edit/")
    assert "bank_account" not in page.context["form"].fields
    assert ACCOUNT not in page.content.decode()
