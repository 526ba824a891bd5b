"""The conversation with the customer on the complaint page: every message in and out, in
time order, with what the customer saw and whether our e-mail reached them."""

import pytest

from csc.complaints import actions
from csc.complaints.models import Complaint
from csc.core.models import OutboxEmail
from csc.core.tests.resource_base import browser
from csc.customers.models import Contact
from csc.service.actions import take_in
from csc.service.actions.intake import intake_user
from csc.service.tests.mails import mail

from . import makers

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailed(people, media_root):
    """A complaint that came by e-mail, accepted, answered with a reply letter by Sales."""
    customer = makers.customer()
    Contact.objects.create(customer=customer, name="王采购", email="buyer@customer.example")
    first = mail(subject="产品划伤投诉", body="批次 L0312 表面划伤 30 件",
                 message_id="<c1@customer.example>")  # fmt: skip
    take_in(intake_user(), "complaints", first)
    complaint = Complaint.objects.get(customer=customer)
    actions.accept_complaint(people.quality, complaint, "simple", note="我方责任")
    reply = actions.draft_reply(
        people.quality, complaint, complaint.number, "关于投诉的回复", "经调查，原因为包装不当。"
    )
    actions.send_reply(people.sales, reply, complaint.number)
    reply.refresh_from_db()
    return complaint, reply


def _thread(people, complaint):
    return browser(people.quality).get(complaint.get_absolute_url()).context["thread"]


def test_the_reply_letter_goes_out_as_a_reply_to_the_customers_e_mail(mailed):
    _complaint, reply = mailed
    assert reply.email.in_reply_to == "<c1@customer.example>"
    assert reply.email.references == "<c1@customer.example>"


def test_a_letter_to_a_complaint_taken_by_phone_starts_a_new_conversation(people, media_root):
    complaint = makers.replied(people)
    email = complaint.replies.get().email
    assert (email.in_reply_to, email.references) == ("", "")


def test_the_thread_shows_the_mail_the_letter_and_the_answer_in_time_order(people, mailed):
    complaint, reply = mailed
    answer = mail(subject="Re: 关于投诉的回复", body="收到，同意贵司的处理。",
                  headers={"In-Reply-To": reply.email.message_id})  # fmt: skip
    take_in(intake_user(), "complaints", answer)  # threads by our letter's Message-ID
    thread = _thread(people, complaint)
    assert [(m.direction, m.text.splitlines()[0]) for m in thread] == [
        ("in", "批次 L0312 表面划伤 30 件"),
        ("out", "经调查，原因为包装不当。"),
        ("in", "收到，同意贵司的处理。"),
    ]
    assert thread[0].who == "buyer@customer.example" and thread[0].subject == "产品划伤投诉"
    letter = thread[1]
    assert letter.text == reply.email.body  # exactly the mail the customer received
    assert letter.link.endswith(f"/replies/{reply.pk}/pdf/")
    assert letter.delivery_state == "pending"


def test_the_page_says_when_the_letters_e_mail_keeps_failing(people, mailed):
    complaint, reply = mailed
    OutboxEmail.objects.filter(pk=reply.email_id).update(
        attempts=2, last_error="Connection refused"
    )
    page = browser(people.quality).get(complaint.get_absolute_url()).content.decode()
    assert "发送失败，将重试：Connection refused" in page
    OutboxEmail.objects.filter(pk=reply.email_id).update(status="sent")
    assert _thread(people, complaint)[1].delivery == "已发送"


def test_a_complaint_taken_by_phone_opens_the_thread_with_its_description(people):
    complaint = makers.complaint(people)
    (entry,) = _thread(people, complaint)
    assert entry.direction == "in" and entry.text == complaint.description
    assert str(people.sales) in entry.who  # who took it down


def test_the_customers_answer_recorded_in_the_portal_joins_the_thread(people, media_root):
    complaint = makers.replied(people)
    reply = complaint.replies.get()
    actions.confirm_reply(people.sales, reply, complaint.number, "rejected", "仍有划伤")
    thread = _thread(people, complaint)
    assert [m.direction for m in thread] == ["in", "out", "in"]
    assert "仍有划伤" in thread[-1].text
