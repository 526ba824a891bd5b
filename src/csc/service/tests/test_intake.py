"""E-mail intake (IF-5) against a real IMAP server: one message → one record, never twice;
replies thread onto their record; unknown, automatic, oversized and unreadable mail never
opens a record."""

import threading

import pytest
from django.db import connection

from csc.complaints.models import Complaint
from csc.core.actions import attachments_of
from csc.core.errors import Invalid
from csc.service import actions
from csc.service.actions.intake import intake_user
from csc.service.choices import IntakeStatus
from csc.service.intake.poll import config_from_url, poll
from csc.service.models import InboundEmail, ServiceRequest

from . import makers
from .mails import mail


@pytest.fixture
def customer(db):
    found = makers.customer()
    makers.contact_of(found, email="buyer@customer.example")
    return found


def take(raw, mailbox="service"):
    return actions.take_in(intake_user(), mailbox, raw)


def poll_service(server):
    return poll("service", config_from_url(server.url()))


def test_a_mail_from_a_contact_opens_one_request_with_its_file(customer, imap_inbox, media_root):
    imap_inbox.append(mail(photo=True))
    assert poll_service(imap_inbox) == (1, 0)
    request = ServiceRequest.objects.get(customer=customer)
    assert request.channel == "email"
    assert request.subject == "设备报警 E42"
    assert [a.name for a in attachments_of(request)] == ["alarm.png"]
    assert imap_inbox.count("INBOX") == 0
    assert imap_inbox.count("CSC-Processed") == 1


def test_a_worker_killed_before_moving_the_mail_creates_no_duplicate(customer, imap_inbox):
    raw = mail()
    imap_inbox.append(raw)
    take(raw)  # the first run committed the request, then died before moving the message
    assert poll_service(imap_inbox) == (0, 1)
    assert ServiceRequest.objects.filter(customer=customer).count() == 1
    assert imap_inbox.count("INBOX") == 0


@pytest.mark.django_db(transaction=True)
def test_two_pollers_at_once_create_no_duplicate(imap_inbox):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs a server database")
    customer = makers.customer()
    makers.contact_of(customer, email="buyer@customer.example")
    for index in range(5):
        imap_inbox.append(mail(subject=f"请求 {index}"))
    intake_user()
    errors = []

    def run():
        try:
            poll_service(imap_inbox)
        except Exception as exc:  # a lost race on the IMAP move is fine; a duplicate is not
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ServiceRequest.objects.filter(customer=customer).count() == 5
    assert InboundEmail.objects.count() == 5


def test_a_reply_to_our_mail_threads_onto_the_request_and_resumes_it(people, customer):
    request = makers.request(people, cust=customer, contact=customer.contacts.get())
    actions.start_request(people.service, request)
    actions.wait_for_customer(people.service, request, "请提供报警代码")
    ours = request.messages.get().email_message_id
    take(mail(subject="Re: 设备", body="代码是 E42", headers={"In-Reply-To": ours}))
    request.refresh_from_db()
    assert request.status == "in_progress"
    assert request.messages.filter(direction="in", body="代码是 E42").exists()
    assert ServiceRequest.objects.count() == 1


def test_staff_answers_go_out_as_replies_in_the_customers_thread(people, customer, smtp_server):
    from csc.core.mail import send_pending

    request = makers.request(people, cust=customer, contact=customer.contacts.get())
    actions.start_request(people.service, request)
    take(
        mail(
            subject=f"{request.number} 补充",
            body="报警代码 E42",
            message_id="<c1@customer.example>",
        )
    )
    actions.answer_customer(people.service, request, "请更换传感器")
    actions.answer_customer(people.service, request, "传感器已寄出")
    send_pending()
    first, second = [m for m in smtp_server.inbox.messages if m["To"] == "buyer@customer.example"]
    assert first["In-Reply-To"] == "<c1@customer.example>"
    assert first["References"] == "<c1@customer.example>"
    assert second["In-Reply-To"] == first["Message-ID"]
    assert second["References"].split() == ["<c1@customer.example>", first["Message-ID"]]
    assert first["Subject"].startswith(f"[{request.number}]")


def test_the_number_in_the_subject_threads_a_reply(people, customer):
    request = makers.request(people, cust=customer)
    take(mail(subject=f"回复：{request.number} 补充资料", body="附上照片", photo=True))
    assert request.messages.filter(body="附上照片").exists()
    assert ServiceRequest.objects.count() == 1


def test_a_reply_from_a_stranger_is_quarantined_not_threaded(people, customer):
    request = makers.request(people, cust=customer)
    inbound = take(mail(sender="x@other.example", subject=f"Re: {request.number}"))
    assert inbound.status == IntakeStatus.QUARANTINED
    assert "x@other.example" in inbound.reason
    assert not request.messages.exists()


def test_an_unknown_sender_waits_in_quarantine_until_staff_accept_it(people, media_root):
    inbound = take(mail(sender="new@prospect.example", photo=True))
    assert inbound.status == IntakeStatus.QUARANTINED
    assert ServiceRequest.objects.count() == 0
    chosen = makers.customer()
    actions.accept_email(people.service, inbound, chosen)
    request = ServiceRequest.objects.get()
    assert request.customer == chosen
    assert [a.name for a in attachments_of(request)] == ["alarm.png"]
    with pytest.raises(Invalid):
        actions.accept_email(people.service, inbound, chosen)  # decided once


def test_staff_reject_quarantined_mail_with_a_reason(people):
    inbound = take(mail(sender="spam@junk.example"))
    with pytest.raises(Invalid):
        actions.reject_email(people.service, inbound, "")
    actions.reject_email(people.service, inbound, "广告邮件")
    inbound.refresh_from_db()
    assert inbound.status == IntakeStatus.REJECTED


@pytest.mark.parametrize(
    "headers",
    [{"Auto-Submitted": "auto-replied"}, {"Precedence": "bulk"}, {"X-Autoreply": "yes"}],
)
def test_automatic_replies_never_create_records(customer, headers):
    inbound = take(mail(subject="Out of office", headers=headers))
    assert inbound.status == IntakeStatus.IGNORED
    assert ServiceRequest.objects.count() == 0


def test_our_own_message_coming_back_is_ignored(people, customer):
    request = makers.request(people, cust=customer, contact=customer.contacts.get())
    actions.answer_customer(people.service, request, "您好")
    ours = request.messages.get().email_message_id
    inbound = take(mail(subject=f"[{request.number}] 您好", message_id=ours))
    assert inbound.status == IntakeStatus.IGNORED
    assert request.messages.count() == 1


def test_an_oversized_mail_is_quarantined_with_the_reason(customer, settings):
    settings.CSC = {**settings.CSC, "MAIL_MAX_BYTES": 1000}
    inbound = take(mail(body="很长的内容" * 500))
    assert inbound.status == IntakeStatus.QUARANTINED
    assert "MB" in inbound.reason
    assert ServiceRequest.objects.count() == 0


def test_a_mail_without_a_sender_is_quarantined_as_unreadable(db):
    inbound = take(b"Subject: broken\r\n\r\nno headers to speak of")
    assert inbound.status == IntakeStatus.QUARANTINED
    assert inbound.reason


def test_the_same_message_twice_is_taken_once(customer):
    raw = mail()
    assert take(raw) is not None
    assert take(raw) is None
    assert ServiceRequest.objects.count() == 1


def test_the_complaint_mailbox_registers_complaints_and_threads_replies(customer, media_root):
    take(mail(subject="产品划伤投诉", body="批次 L0312 表面划伤 30 件"), mailbox="complaints")
    complaint = Complaint.objects.get(customer=customer)
    assert complaint.channel == "email"
    take(mail(subject=f"Re: {complaint.number}", body="补充照片", photo=True), mailbox="complaints")
    assert Complaint.objects.count() == 1
    names = sorted(a.name for a in attachments_of(complaint))
    assert "alarm.png" in names and any(n.startswith("e-mail-") for n in names)


def test_the_quarantine_page_lets_staff_accept_a_mail_for_a_customer(people):
    from django.test import Client

    inbound = take(mail(sender="new@prospect.example", subject="询价"))
    chosen = makers.customer()
    client = Client()
    client.force_login(people.service)
    listing = client.get("/service/mail/")
    assert "new@prospect.example" in listing.content.decode()
    client.post(f"/service/mail/{inbound.pk}/accept/", {"customer": chosen.code})
    inbound.refresh_from_db()
    assert inbound.status == IntakeStatus.ACCEPTED
    assert inbound.request.customer == chosen


def test_production_does_not_see_the_quarantine(people):
    from django.test import Client

    client = Client()
    client.force_login(people.production)
    assert client.get("/service/mail/").status_code == 404
