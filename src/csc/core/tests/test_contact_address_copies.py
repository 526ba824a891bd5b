"""Copies of contact persons' addresses (SEC-2): the outbox's recipients, a mail's sender, an
invitation's or a receipt link's address, a notice's "to", a letter's recipients and a login's
e-mail are encrypted like the contact's own, masked for roles without the permission to see
contact details, and a page showing them in clear is logged."""

from django.apps import apps
from django.db import connection, models

from csc.complaints.tests import makers as complaint_makers
from csc.complaints.tests.resources import add_complaint_details
from csc.core.choices import AuditAction
from csc.core.encryption import EncryptedCharField, encrypt_stored
from csc.core.models import AuditEntry, OutboxEmail, User
from csc.core.privacy import masked_address, masked_addresses
from csc.property.tests.makers import make_item, notified_lot
from csc.service.models import InboundEmail
from csc.testing import make_user

ADDRESS, MASKED = "buyer@customer.example", "b***@customer.example"

# Fields named like an address that hold no contact person's data: the customer company's
# own address, phone and e-mail (its letterhead), staff phones, the sender of our mail.
NOT_PERSONAL = {
    ("customers", "customer", "address"),
    ("customers", "customer", "phone"),
    ("customers", "customer", "email"),
    ("core", "user", "phone"),
    ("aftersales", "servicestaff", "phone"),
}
ADDRESS_NAMES = ("email", "phone", "address", "to", "from_address", "notice_to", "sent_to")


def accesses():
    return AuditEntry.objects.filter(action=AuditAction.ACCESS)


def column(model, field, pk):
    table, name = model._meta.db_table, model._meta.get_field(field).column
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{name}" FROM "{table}" WHERE id = %s', [pk])
        return cursor.fetchone()[0]


def test_every_field_that_holds_a_contacts_address_is_encrypted():
    plain = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("csc.")
        for field in model._meta.concrete_fields
        if field.name in ADDRESS_NAMES
        and isinstance(field, (models.CharField, models.TextField))
        and not isinstance(field, EncryptedCharField)
        and (model._meta.app_label, model._meta.model_name, field.name) not in NOT_PERSONAL
    ]
    assert plain == []


def test_the_outbox_keeps_its_recipients_encrypted_and_sends_to_them_in_clear(db):
    mail = OutboxEmail.objects.create(to=ADDRESS, subject="回复", body="内容", message_id="<a@t>")
    stored = column(OutboxEmail, "to", mail.pk)
    assert stored.startswith("enc1:") and ADDRESS not in stored
    assert OutboxEmail.objects.get(pk=mail.pk).recipients() == [ADDRESS]
    assert ADDRESS not in str(mail) and MASKED in str(mail)


def test_a_mails_sender_and_a_logins_email_are_stored_encrypted(people):
    inbound = InboundEmail.objects.create(
        mailbox="service", message_id="<b@t>", from_address=ADDRESS, status="quarantined"
    )
    assert ADDRESS not in column(InboundEmail, "from_address", inbound.pk)
    user = people.quality
    assert user.email not in column(User, "email", user.pk)
    assert User.objects.get(pk=user.pk).email == user.email


def test_the_trail_keeps_a_mails_sender_masked(db):
    inbound = InboundEmail.objects.create(
        mailbox="service", message_id="<c@t>", from_address=ADDRESS, status="quarantined"
    )
    created = AuditEntry.objects.get(action=AuditAction.CREATE, object_repr=str(inbound))
    assert created.changes["from_address"] == MASKED


def test_the_outbox_page_masks_the_recipients_for_an_administrator(people, client):
    OutboxEmail.objects.create(to=ADDRESS, subject="回复", body="内容", message_id="<d@t>")
    client.force_login(people.administrator)
    page = client.get("/outbox/").content.decode()
    assert MASKED in page and ADDRESS not in page
    assert not accesses().exists()


def test_the_outbox_page_shows_them_to_who_may_see_contact_details_and_logs_it(people, client):
    mail = OutboxEmail.objects.create(to=ADDRESS, subject="回复", body="内容", message_id="<e@t>")
    reader = make_user("mail_reader")
    reader.user_permissions.add(*_permissions("view_outboxemail", "view_contact_details"))
    client.force_login(reader)
    page = client.get("/outbox/").content.decode()
    assert ADDRESS in page
    assert accesses().get().object_id == str(mail.pk)


def test_the_mail_intake_page_shows_the_sender_to_service_and_logs_it(people, client):
    InboundEmail.objects.create(
        mailbox="service", message_id="<f@t>", from_address=ADDRESS, status="quarantined"
    )
    client.force_login(people.service)
    assert ADDRESS in client.get("/service/mail/").content.decode()
    assert accesses().count() == 1


def test_a_complaints_thread_shows_the_customers_addresses_masked_to_production(people, client):
    complaint = complaint_makers.complaint(people)
    add_complaint_details(people, complaint, 1)
    client.force_login(people.production)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert MASKED in page and ADDRESS not in page
    assert not accesses().exists()


def test_a_complaints_thread_shows_them_to_quality_with_one_entry(people, client):
    complaint = complaint_makers.complaint(people)
    add_complaint_details(people, complaint, 2)
    client.force_login(people.quality)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert ADDRESS in page
    assert [e.object_id for e in accesses()] == [str(complaint.pk)]


def test_a_lots_notice_shows_whom_was_phoned_masked_to_the_warehouse(people, client, api_as):
    lot = notified_lot(people, make_item(people), 10)
    shown = masked_address("采购 王 0512-62880000")
    client.force_login(people.warehouse)
    page = client.get(lot.get_absolute_url()).content.decode()
    assert shown in page and "62880000" not in page
    answer = api_as(people.warehouse).get(f"/api/v1/property-lots/{lot.pk}/").json()
    assert answer["notice_to"] == shown
    assert api_as(people.quality).get(f"/api/v1/property-lots/{lot.pk}/").json()["notice_to"] == (
        "采购 王 0512-62880000"
    )
    assert accesses().filter(object_id=str(lot.pk)).count() == 1


def test_the_lots_history_keeps_the_notice_masked(people):
    lot = notified_lot(people, make_item(people), 10)
    notes = AuditEntry.objects.filter(action=AuditAction.TRANSITION).values_list("note", flat=True)
    assert masked_address("采购 王 0512-62880000") in notes
    assert not any("62880000" in note for note in notes)
    assert "62880000" not in column(type(lot), "notice_to", lot.pk)


def test_rows_kept_in_clear_before_are_encrypted_by_the_migration(db):
    mail = OutboxEmail.objects.create(to=ADDRESS, subject="回复", body="内容", message_id="<g@t>")
    with connection.cursor() as cursor:  # as a row of an earlier version held it
        cursor.execute("UPDATE core_outboxemail SET " + '"to"' + " = %s WHERE id = %s", [ADDRESS, mail.pk])  # fmt: skip
    assert column(OutboxEmail, "to", mail.pk) == ADDRESS
    encrypt_stored("core", "OutboxEmail", "to", batch=2)(apps, None)
    assert column(OutboxEmail, "to", mail.pk).startswith("enc1:")
    assert OutboxEmail.objects.get(pk=mail.pk).to == ADDRESS


def test_a_list_of_recipients_is_masked_address_by_address():
    assert masked_addresses("zhang.san@a.example, 13812345678") == "z***@a.example, 138****5678"


def test_whom_was_phoned_keeps_the_name_and_masks_the_number():
    assert masked_address("采购 王 0512-62880000") == "采购 王 051*-****0000"


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename__in=codenames)
