"""E-mail goes through the outbox to a real SMTP server: each mail exactly once, crash or not."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from csc.core import actions, mail
from csc.core.choices import OutboxStatus
from csc.core.later import Later
from csc.core.models import Notification, OutboxEmail
from csc.testing import Inbox, SmtpServer


def queue(count=1, subject="客户投诉 CC-2026-{n:04d} 待处理"):
    """Queue ``count`` mails in one committed-or-test transaction; return them."""
    with transaction.atomic():
        return [
            actions.queue_email(
                [f"user{n}@test.csc.local"],
                subject.format(n=n),
                f"请在一个工作日内回复第 {n} 号投诉。",
            )
            for n in range(1, count + 1)
        ]


# --- delivery -----------------------------------------------------------------------------


def test_a_notification_mail_arrives_once_with_chinese_text_intact(people, smtp_server):
    recipient = people.quality
    with transaction.atomic():
        actions.notify(
            [recipient],
            Later("客户投诉 CC-2026-0001 需要处理"),
            "上海精密汽配有限公司投诉：壳体毛刺超标。",
            url="/complaints/1/",
        )
    outgoing = OutboxEmail.objects.get()

    assert mail.send_pending() == 1

    [message] = smtp_server.inbox.messages
    assert smtp_server.inbox.envelopes[0].rcpt_tos == [recipient.email]
    assert message["To"] == recipient.email
    assert message["Subject"] == "客户投诉 CC-2026-0001 需要处理"
    assert message["Message-ID"] == outgoing.message_id
    body = message.get_content()
    assert "上海精密汽配有限公司投诉：壳体毛刺超标。" in body
    assert body.rstrip().endswith("/complaints/1/")
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.SENT
    assert outgoing.sent_at is not None
    assert outgoing.attempts == 1


def test_each_queued_mail_is_delivered_once_to_its_own_recipient(db, smtp_server):
    queued = queue(3)
    assert mail.send_pending() == 3
    assert mail.send_pending() == 0  # nothing left: a second run sends nothing again
    received = {m["Message-ID"]: m for m in smtp_server.inbox.messages}
    assert len(smtp_server.inbox.envelopes) == 3
    for outgoing in queued:
        message = received[outgoing.message_id]
        assert message["To"] == outgoing.to
        assert message["Subject"] == outgoing.subject
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


def test_in_app_notifications_and_mail_go_to_active_users_only(people, smtp_server):
    silent = people.engineer
    silent.email = ""
    silent.save()
    gone = people.production
    gone.is_active = False
    gone.save()
    with transaction.atomic():
        actions.notify([people.quality, silent, gone, None], Later("新的客户准入申请"))
    assert set(Notification.objects.values_list("user__username", flat=True)) == {
        "quality",
        "engineer",
    }
    assert mail.send_pending() == 1
    assert smtp_server.inbox.envelopes[0].rcpt_tos == [people.quality.email]


def test_a_rolled_back_change_tells_nobody(people, smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.notify([people.quality], Later("客户投诉 CC-2026-0001 需要处理"))
        raise RuntimeError("the change failed")
    assert not OutboxEmail.objects.exists()
    assert not Notification.objects.exists()
    assert mail.send_pending() == 0
    assert smtp_server.inbox.envelopes == []


# --- crash safety -------------------------------------------------------------------------


def _claimed_by_a_dead_worker(outgoing, minutes_ago):
    OutboxEmail.objects.filter(pk=outgoing.pk).update(
        status=OutboxStatus.SENDING,
        claimed_at=timezone.now() - timedelta(minutes=minutes_ago),
        claim_token="dead-worker",
        attempts=1,
    )


def test_a_mail_claimed_by_a_worker_that_died_is_sent_after_the_stale_limit(
    db, smtp_server, settings
):
    [outgoing] = queue(1)
    stale = settings.CSC["OUTBOX_STALE_MINUTES"]
    _claimed_by_a_dead_worker(outgoing, minutes_ago=stale + 1)

    assert mail.send_pending() == 1
    assert mail.send_pending() == 0

    assert smtp_server.inbox.message_ids() == {outgoing.message_id: 1}
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.SENT
    assert outgoing.attempts == 2


def test_a_mail_a_dead_worker_had_handed_to_the_server_is_never_sent_twice(
    db, smtp_server, settings
):
    """The worker died after the server may have accepted it: kept for a person, not resent."""
    [outgoing] = queue(1)
    _claimed_by_a_dead_worker(outgoing, minutes_ago=settings.CSC["OUTBOX_STALE_MINUTES"] + 1)
    OutboxEmail.objects.filter(pk=outgoing.pk).update(handed_at=timezone.now())

    assert mail.send_pending() == 0
    assert mail.send_pending() == 0

    assert smtp_server.inbox.envelopes == []
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.UNCONFIRMED
    assert "may have been delivered" in outgoing.last_error


def test_a_worker_killed_mid_send_leaves_at_most_one_mail_to_check(db, smtp_server, settings):
    """Kill the worker while the server holds the second of three messages."""
    first, second, third = queue(3)
    real_send = mail.EmailMessage.send

    def die_on_the_second(message, *args, **kwargs):
        if message.extra_headers["Message-ID"] == second.message_id:
            real_send(message, *args, **kwargs)  # the server took it …
            raise SystemExit("kill -9")  # … and the worker died before marking it
        return real_send(message, *args, **kwargs)

    mail.EmailMessage.send = die_on_the_second
    try:
        with pytest.raises(SystemExit):
            mail.send_pending()
    finally:
        mail.EmailMessage.send = real_send
    OutboxEmail.objects.filter(status=OutboxStatus.SENDING).update(
        claimed_at=timezone.now() - timedelta(minutes=settings.CSC["OUTBOX_STALE_MINUTES"] + 1)
    )

    mail.send_pending()
    mail.send_pending()

    counts = smtp_server.inbox.message_ids()
    assert counts == {first.message_id: 1, second.message_id: 1, third.message_id: 1}
    statuses = dict(OutboxEmail.objects.values_list("message_id", "status"))
    assert statuses[second.message_id] == OutboxStatus.UNCONFIRMED
    assert {statuses[first.message_id], statuses[third.message_id]} == {OutboxStatus.SENT}


def test_a_mail_another_worker_is_still_sending_is_left_alone(db, smtp_server, settings):
    [outgoing] = queue(1)
    _claimed_by_a_dead_worker(outgoing, minutes_ago=settings.CSC["OUTBOX_STALE_MINUTES"] - 1)
    assert mail.send_pending() == 0
    assert smtp_server.inbox.envelopes == []
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.SENDING
    assert outgoing.claim_token == "dead-worker"


def test_a_claim_is_won_by_one_worker_only(db):
    [outgoing] = queue(1)
    assert mail.claim(outgoing.pk) is not None
    assert mail.claim(outgoing.pk) is None


def test_a_rival_worker_running_between_listing_and_claiming_sends_nothing_twice(
    db, smtp_server, monkeypatch
):
    queued = queue(4)
    claim = mail.claim
    rival = {"started": False, "sent": None}

    def claim_after_a_rival_ran(email_id):
        # The first worker has listed the pending mail; now a second worker sends it all.
        if not rival["started"]:
            rival["started"] = True
            rival["sent"] = mail.send_pending()
        return claim(email_id)

    monkeypatch.setattr(mail, "claim", claim_after_a_rival_ran)
    assert mail.send_pending() == 0
    assert rival["sent"] == 4
    assert smtp_server.inbox.message_ids() == {m.message_id: 1 for m in queued}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_time_deliver_each_mail_once(smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("parallel workers are tested on PostgreSQL")
    queued = queue(30)
    start = threading.Barrier(2)
    sent, errors = [], []

    def worker():
        try:
            start.wait(timeout=30)
            sent.append(mail.send_pending())
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert sum(sent) == 30
    assert smtp_server.inbox.message_ids() == {m.message_id: 1 for m in queued}
    assert OutboxEmail.objects.filter(status=OutboxStatus.SENT).count() == 30


# --- the mail server is down ------------------------------------------------------------


def test_mail_waits_while_the_server_is_down_and_goes_once_it_is_back(db, smtp_settings):
    [outgoing] = queue(1)

    assert mail.send_pending() == 0  # nothing listens on the port

    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.PENDING
    assert outgoing.attempts == 1
    assert "Connection" in outgoing.last_error or "refused" in outgoing.last_error.lower()

    server = SmtpServer(smtp_settings.EMAIL_PORT)
    server.start()
    try:
        assert mail.send_pending() == 1
        assert mail.send_pending() == 0
    finally:
        server.stop()
    assert server.inbox.message_ids() == {outgoing.message_id: 1}
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.SENT
    assert outgoing.attempts == 2
    assert outgoing.last_error == ""


def test_mail_is_given_up_after_the_last_allowed_attempt(db, smtp_settings):
    smtp_settings.CSC = {**smtp_settings.CSC, "OUTBOX_MAX_ATTEMPTS": 3}
    [outgoing] = queue(1)
    for attempt in (1, 2):
        mail.send_pending()
        outgoing.refresh_from_db()
        assert (outgoing.status, outgoing.attempts) == (OutboxStatus.PENDING, attempt)

    mail.send_pending()

    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.FAILED
    assert outgoing.attempts == 3
    assert outgoing.last_error
    server = SmtpServer(smtp_settings.EMAIL_PORT)
    server.start()
    try:
        assert mail.send_pending() == 0  # a failed mail is not retried by itself
    finally:
        server.stop()
    assert server.inbox.envelopes == []


def test_a_recipient_the_server_refuses_stays_queued_with_the_reason(db, smtp_settings):
    class Refusing(Inbox):
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            return "550 5.1.1 No such user here"

    [outgoing] = queue(1)
    server = SmtpServer(smtp_settings.EMAIL_PORT)
    server.inbox = Refusing()
    server.start()
    try:
        assert mail.send_pending() == 0
    finally:
        server.stop()
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxStatus.PENDING
    assert outgoing.attempts == 1
    assert "No such user" in outgoing.last_error


# --- the worker ---------------------------------------------------------------------------


def test_the_worker_sends_the_outbox_every_minute(db, smtp_server):
    from huey.contrib.djhuey import HUEY

    from csc.core import tasks

    outbox_task = tasks.send_outbox.task_class
    assert any(isinstance(t, outbox_task) for t in HUEY._registry.periodic_tasks)
    for minute in (0, 1, 37):  # due at every minute of the hour
        due = HUEY.read_periodic(timezone.now().replace(minute=minute, second=0))
        assert any(isinstance(t, outbox_task) for t in due)

    [outgoing] = queue(1)
    tasks.send_outbox()  # immediate mode in tests: runs now, as the worker would
    assert smtp_server.inbox.message_ids() == {outgoing.message_id: 1}


def test_a_failed_mail_waits_longer_after_each_attempt(db, settings):
    settings.CSC = {**settings.CSC, "OUTBOX_RETRY_MINUTES": 1}
    assert [mail.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert mail.retry_delay(20).total_seconds() / 60 == 240


def test_a_mail_is_not_retried_before_its_wait_is_over(db, smtp_settings):
    smtp_settings.CSC = {**smtp_settings.CSC, "OUTBOX_RETRY_MINUTES": 5}
    (queued,) = queue()
    assert mail.send_pending() == 0  # the server is down: first attempt fails
    queued.refresh_from_db()
    assert queued.attempts == 1
    assert queued.retry_after > timezone.now() + timedelta(minutes=4)
    assert mail.send_pending() == 0
    queued.refresh_from_db()
    assert queued.attempts == 1  # not tried again while waiting
