"""Mail that cannot be delivered says so (issue 11 item 4): the outbox page with each e-mail's
state and a way to send it again, a banner while the mail server does not take mail, the
state beside each survey invitation, and a warning from ``csc serve`` when no server answers."""

import pytest
from django.utils import translation

from csc.core import actions, mail
from csc.core.choices import OutboxStatus
from csc.core.errors import IllegalTransition
from csc.core.later import Later
from csc.core.models import AuditEntry, OutboxEmail
from csc.core.tests.resource_base import browser

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _queued(subject="客户满意度调查"):
    return actions.queue_email(["buyer@kehu.example"], subject, "请填写问卷")


def _english_reader(user):
    user.language = "en"
    user.save(update_fields=["language"])
    return browser(user)


def test_mail_the_server_refused_is_on_the_outbox_page_with_its_reason_and_a_banner(people, smtp_settings):  # fmt: skip
    email = _queued()
    assert mail.send_pending() == 0  # nobody listens on the port: one failed attempt
    admin = _english_reader(people.administrator)
    page = admin.get("/outbox/?status=trouble").content.decode()
    assert "客户满意度调查" in page and "Failing, will retry" in page and "Send again" in page
    assert "The mail server did not take 1 e-mail" in page
    email.refresh_from_db()
    assert email.status == OutboxStatus.PENDING and email.attempts == 1 and email.last_error


def test_sending_again_queues_the_mail_at_once_and_is_in_the_trail(people, smtp_server):
    email = _queued()
    OutboxEmail.objects.filter(pk=email.pk).update(status=OutboxStatus.FAILED, attempts=5, last_error="550 mailbox full")  # fmt: skip
    response = _english_reader(people.administrator).post(f"/outbox/{email.pk}/retry/")
    assert response.status_code == 302
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxStatus.PENDING, 0)
    assert AuditEntry.objects.filter(object_id=str(email.pk), note__contains="again").exists()
    assert mail.send_pending() == 1
    assert len(smtp_server.inbox.messages) == 1


def test_a_sent_mail_cannot_be_sent_again(people):
    email = _queued()
    OutboxEmail.objects.filter(pk=email.pk).update(status=OutboxStatus.SENT)
    email.refresh_from_db()
    with pytest.raises(IllegalTransition):
        actions.retry_email(people.administrator, email)


def test_staff_without_the_outbox_see_no_page_and_no_banner(people, smtp_settings):
    _queued()
    mail.send_pending()
    sales = _english_reader(people.sales)
    assert sales.get("/outbox/").status_code == 404
    assert "The mail server did not take" not in sales.get("/").content.decode()
    assert sales.post(f"/outbox/{OutboxEmail.objects.get().pk}/retry/").status_code == 404


def test_each_survey_invitation_shows_whether_its_mail_went_out(people, smtp_settings):
    from csc.surveys.tests import makers

    makers.customers(a=2)
    survey_round = makers.sent_round(people)
    mail.send_pending()  # the server is down: every invitation's mail failed once
    page = _english_reader(people.sales).get(f"/surveys/rounds/{survey_round.pk}/").content.decode()  # fmt: skip
    invitation = survey_round.invitations.exclude(email="").first()
    assert invitation.mail is not None
    assert page.count("delivery-retrying") == survey_round.invitations.exclude(email="").count()


def test_csc_serve_can_tell_whether_a_mail_server_answers(smtp_settings, smtp_server):
    assert mail.mail_server_trouble() == ""


def test_csc_serve_warns_when_no_mail_server_answers(smtp_settings):
    assert mail.mail_server_trouble(timeout=1) != ""


def test_a_notification_for_a_mail_still_waiting_is_not_called_sent(people):
    actions.notify([people.sales], Later("Survey round %(n)s sent", n="SR-1"))
    email = OutboxEmail.objects.get()
    assert mail.delivery_of(email) == (OutboxStatus.PENDING, "Waiting")


def test_a_mail_given_up_days_ago_stays_in_the_outbox_but_raises_no_banner(people):
    import datetime as dt

    from django.utils import timezone

    email = _queued("旧的失败邮件")
    old = timezone.now() - dt.timedelta(days=3)
    OutboxEmail.objects.filter(pk=email.pk).update(status=OutboxStatus.FAILED, created_at=old, last_error="550 no such user")  # fmt: skip
    admin = _english_reader(people.administrator)
    assert "The mail server did not take" not in admin.get("/").content.decode()
    assert "旧的失败邮件" in admin.get("/outbox/?status=failed").content.decode()
