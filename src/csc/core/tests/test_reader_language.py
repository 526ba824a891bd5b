"""Messages reach people in their own language, whoever triggered them (issue 11 item 2)."""

from django.utils import translation

from csc.core.models import Notification, OutboxEmail
from csc.customers import actions
from csc.customers.tests.makers import draft
from csc.surveys.tests import makers as survey_makers
from csc.testing import outbox_to


def test_a_chinese_approver_reads_in_chinese_what_an_english_salesperson_submitted(people):
    people.sales.language = "en"
    people.sales.save(update_fields=["language"])
    people.vp.language = "zh-hans"
    people.vp.save(update_fields=["language"])
    with translation.override("en"):
        actions.submit_admission(people.sales, draft(people, level="I"))
    note = Notification.objects.filter(user=people.vp).get()
    with translation.override("zh-hans"):
        assert "待您审批" in note.shown_title
    with translation.override("en"):
        assert "waits for your approval" in note.shown_title
    sent = outbox_to(people.vp.email).get()
    assert "待您审批" in sent.subject


def test_a_chinese_contact_gets_a_chinese_invitation_sent_by_english_staff(people):
    survey_makers.customer("A", language="zh-hans")
    people.sales.language = "en"
    people.sales.save(update_fields=["language"])
    with translation.override("en"):
        survey_makers.sent_round(people)
    invitation = OutboxEmail.objects.order_by("-pk").first()
    assert "满意度" in invitation.subject + invitation.body
