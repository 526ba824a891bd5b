"""Contact persons' phone and e-mail: masked for roles that do not need them, views logged (SEC-2)."""

from io import BytesIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from openpyxl import load_workbook

from csc.core import encryption
from csc.core.choices import AuditAction
from csc.core.errors import Invalid
from csc.core.models import AuditEntry
from csc.core.privacy import masked_email, masked_phone
from csc.customers import actions, ledger
from csc.customers.models import Contact, Customer

from .makers import active_customer

PHONE, MASKED_PHONE = "13812345678", "138****5678"
EMAIL, MASKED_EMAIL = "zhang.san@kehu.example.cn", "z***@kehu.example.cn"


def accesses():
    return AuditEntry.objects.filter(action=AuditAction.ACCESS)


def customer_with_contact(**contact):
    customer = active_customer()
    Contact.objects.create(
        customer=customer, name="张三", phone=PHONE, email=EMAIL, is_primary=True, **contact
    )
    return customer


def detail_page(client, user, customer):
    client.force_login(user)
    return client.get(customer.get_absolute_url()).content.decode()


# --- the masking rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138-****-5678"),
        ("+86 138 1234 5678", "+86 1** **** 5678"),
        ("021-55550001", "021-****0001"),
        ("55550001", "******01"),
        ("8001", "**01"),
        ("12", "**"),
        ("wx: zhang88", "*** *******"),
        ("  13812345678 ", "138****5678"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_phone_number_keeps_its_prefix_and_last_digits_only(phone, shown):
    assert masked_phone(phone) == shown


@pytest.mark.parametrize(
    ("email", "shown"),
    [
        ("zhang.san@kehu.example.cn", "z***@kehu.example.cn"),
        ("a@kehu.example.cn", "***@kehu.example.cn"),
        ("@kehu.example.cn", "***@kehu.example.cn"),
        ("not-an-address", "n***"),
        ("", ""),
        (None, ""),
    ],
)
def test_an_email_keeps_its_first_letter_and_domain_only(email, shown):
    assert masked_email(email) == shown


# --- the customer page -------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["engineer", "production", "warehouse", "administrator"])
def test_roles_that_do_not_need_them_see_the_details_masked(people, client, persona):
    customer = customer_with_contact()
    page = detail_page(client, getattr(people, persona), customer)
    assert MASKED_PHONE in page
    assert MASKED_EMAIL in page
    assert PHONE not in page and EMAIL not in page
    assert not accesses().exists()


@pytest.mark.parametrize("persona", ["sales", "service", "quality", "mr", "gm", "vp", "materials"])
def test_roles_that_speak_to_customers_see_the_details_and_the_view_is_logged(
    people, client, persona
):
    customer = customer_with_contact()
    user = getattr(people, persona)
    page = detail_page(client, user, customer)
    assert PHONE in page and EMAIL in page
    entry = accesses().get()
    assert (entry.object_id, entry.actor, entry.changes) == (
        str(customer.pk),
        user,
        {"field": "contact_details"},
    )


def test_one_view_of_many_contacts_writes_one_entry(people, client):
    customer = customer_with_contact()
    for n in range(3):
        Contact.objects.create(customer=customer, name=f"联系人{n}", phone=f"1390000000{n}")
    detail_page(client, people.sales, customer)
    assert accesses().count() == 1


def test_contacts_without_details_log_nothing(people, client):
    customer = active_customer()
    Contact.objects.create(customer=customer, name="李四")
    detail_page(client, people.sales, customer)
    assert not accesses().exists()


def test_a_portal_contact_sees_their_own_details_and_colleagues_masked(people, client):
    me = people.contact
    mine = me.customer_contact
    mine.phone = "13900001111"
    mine.save(update_fields=["phone"])
    Contact.objects.create(customer=mine.customer, name="同事", phone=PHONE, email=EMAIL)
    page = detail_page(client, me, mine.customer)
    assert "13900001111" in page and me.email in page
    assert MASKED_PHONE in page and PHONE not in page and EMAIL not in page
    assert not accesses().exists()


# --- the contact form --------------------------------------------------------------------


def contact_url(customer):
    contact = customer.contacts.get()
    return f"/customers/{customer.pk}/contacts/{contact.pk}/"


def test_the_contact_form_hides_the_details_from_an_editor_who_may_not_see_them(people, client):
    customer = customer_with_contact()
    client.force_login(people.administrator)
    page = client.get(contact_url(customer))
    assert page.status_code == 200
    assert {"phone", "email"}.isdisjoint(page.context["form"].fields)
    assert PHONE not in page.content.decode() and EMAIL not in page.content.decode()


def test_an_editor_who_may_not_see_the_details_still_edits_the_rest(people, client):
    customer = customer_with_contact()
    client.force_login(people.administrator)
    response = client.post(contact_url(customer), {"name": "张三丰", "title": "采购经理"})
    assert response.status_code == 302
    contact = customer.contacts.get()
    assert (contact.name, contact.phone, contact.email) == ("张三丰", PHONE, EMAIL)


def test_sales_edit_the_details_in_the_form(people, client):
    customer = customer_with_contact()
    client.force_login(people.sales)
    page = client.get(contact_url(customer))
    assert PHONE in page.content.decode()
    client.post(contact_url(customer), {"name": "张三", "phone": "13700001111", "email": EMAIL})
    assert customer.contacts.get().phone == "13700001111"


def test_the_verb_refuses_a_new_phone_from_a_user_who_may_not_see_it(people):
    customer = customer_with_contact()
    with pytest.raises(Invalid) as refused:
        actions.save_contact(
            people.administrator, customer, {"phone": "110"}, customer.contacts.get()
        )
    assert "phone" in refused.value.fields
    assert customer.contacts.get().phone == PHONE


def test_a_user_who_may_not_see_details_may_still_add_a_contact_with_them(people):
    customer = active_customer()
    contact = actions.save_contact(
        people.administrator, customer, {"name": "王五", "phone": PHONE, "email": EMAIL}
    )
    assert (contact.phone, contact.email) == (PHONE, EMAIL)


# --- the API -----------------------------------------------------------------------------


def api_contact(api_as, user, customer):
    response = api_as(user).get(f"/api/v1/customers/{customer.pk}/")
    assert response.status_code == 200
    return response.json()["contacts"][0], response.content.decode()


def test_the_api_detail_masks_the_details_for_a_role_that_does_not_need_them(people, api_as):
    customer = customer_with_contact()
    contact, body = api_contact(api_as, people.production, customer)
    assert (contact["phone"], contact["email"]) == (MASKED_PHONE, MASKED_EMAIL)
    assert PHONE not in body and EMAIL not in body
    assert not accesses().exists()


def test_the_api_detail_shows_the_details_to_service_and_logs_it(people, api_as):
    customer = customer_with_contact()
    contact, _body = api_contact(api_as, people.service, customer)
    assert (contact["phone"], contact["email"]) == (PHONE, EMAIL)
    entry = accesses().get()
    assert (entry.object_id, entry.actor, entry.changes) == (
        str(customer.pk),
        people.service,
        {"field": "contact_details"},
    )


def test_the_api_list_always_masks_the_details(people, api_as):
    customer_with_contact()
    rows = api_as(people.sales).get("/api/v1/customers/").json()["results"]
    assert [(c["phone"], c["email"]) for c in rows[0]["contacts"]] == [(MASKED_PHONE, MASKED_EMAIL)]
    assert not accesses().exists()


def test_the_vp_sees_both_account_and_contacts_and_each_view_is_logged(people, api_as):
    customer = customer_with_contact()
    customer.bank_account = "6222020200112233"
    customer.save(update_fields=["bank_account"])
    api_as(people.vp).get(f"/api/v1/customers/{customer.pk}/")
    assert sorted(e.changes["field"] for e in accesses()) == ["bank_account", "contact_details"]


# --- the Excel export --------------------------------------------------------------------


def exported_contacts(client, user):
    """Return {customer name: (contact, phone, e-mail)} read back from the export workbook."""
    client.force_login(user)
    response = client.get("/customers/export/")
    assert response.status_code == 200
    book = load_workbook(BytesIO(b"".join(response.streaming_content)), read_only=True)
    header, *rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    labels = [str(label) for name, label in ledger.EXPORT_COLUMNS if name.startswith("contact_")]
    columns = [header.index(label) for label in labels]
    return {row[1]: tuple(row[c] for c in columns) for row in rows}


def test_the_export_masks_the_contact_for_a_role_that_does_not_need_it(people, client):
    customer = customer_with_contact()
    assert exported_contacts(client, people.administrator) == {
        customer.name: ("张三", MASKED_PHONE, MASKED_EMAIL)
    }
    export = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert export.changes["sensitive_in_clear"] is False


def test_the_export_gives_sales_the_primary_contact_in_clear_and_says_so(people, client):
    customer = customer_with_contact()
    Contact.objects.create(customer=customer, name="阿明", phone="13900000000")
    bare = active_customer()
    assert exported_contacts(client, people.sales) == {
        customer.name: ("张三", PHONE, EMAIL),
        bare.name: (None, None, None),
    }
    export = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert export.changes["sensitive_in_clear"] is True


# --- the history -------------------------------------------------------------------------


def history_panel(client, user, customer):
    client.force_login(user)
    content_type = ContentType.objects.get_for_model(Customer).pk
    response = client.get(f"/history/{content_type}/{customer.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_history_masks_a_contacts_old_and_new_details_for_other_roles(people, client):
    customer = customer_with_contact()
    actions.save_contact(people.sales, customer, {"phone": "13700001111"}, customer.contacts.get())
    page = history_panel(client, people.engineer, customer)
    assert MASKED_PHONE in page and "137****1111" in page and MASKED_EMAIL in page
    assert PHONE not in page and "13700001111" not in page and EMAIL not in page


def test_the_history_keeps_only_masked_details_even_for_roles_that_may_see_them(people, client):
    # Encrypted at rest (SEC-2) means the append-only trail holds no plain copy either: the
    # current details are on the contact card for who may see them.
    customer = customer_with_contact()
    actions.save_contact(people.sales, customer, {"phone": "13700001111"}, customer.contacts.get())
    page = history_panel(client, people.quality, customer)
    assert "137****1111" in page and "13700001111" not in page and PHONE not in page


def test_the_trail_and_the_table_hold_no_plain_contact_details(people):
    customer_with_contact()
    created = AuditEntry.objects.get(action=AuditAction.CREATE, object_repr__startswith="张三")
    assert (created.changes["phone"], created.changes["email"]) == (MASKED_PHONE, MASKED_EMAIL)
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, email, email_digest FROM customers_contact")
        phone, email, digest = cursor.fetchone()
    assert phone.startswith("enc1:") and email.startswith("enc1:") and PHONE not in phone
    assert len(digest) == 64 and EMAIL not in digest
    assert Contact.objects.get(email_digest=encryption.digest(EMAIL.upper())).phone == PHONE


def test_a_queryset_update_of_the_address_keeps_its_lookup_digest(people):
    customer = customer_with_contact()
    Contact.objects.filter(customer=customer).update(email="li.si@kehu.example.cn")
    assert (
        Contact.objects.get(email_digest=encryption.digest("Li.Si@kehu.example.cn")).customer
        == customer
    )
