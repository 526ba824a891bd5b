"""The outbox sender: each queued e-mail is claimed atomically, sent at most once, then marked.

Two workers never send the same row: the claim is a conditional UPDATE that only one wins.
Just before the message goes to the mail server the row is marked handed over (committed).
A worker that dies leaves the row 'sending'; after OUTBOX_STALE_MINUTES it is reconciled:

- not handed over: it never reached the server, so it goes back to the queue;
- handed over: the server may have accepted it before the worker died. Sending it again
  could double it, so it becomes 'unconfirmed' for a person to check (the admin can queue
  it again). Mail goes out one message at a time, so a crash leaves at most one such message
  per worker: nothing is ever sent twice, and at most one message per crash needs a look.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import OutboxStatus
from .models import OutboxEmail

logger = logging.getLogger(__name__)


def requeue_stale():
    """Reconcile claims whose worker vanished (see the module); return how many were queued."""
    limit = timezone.now() - timedelta(minutes=settings.CSC["OUTBOX_STALE_MINUTES"])
    stale = OutboxEmail.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=limit)
    stale.filter(handed_at__isnull=False).update(
        status=OutboxStatus.UNCONFIRMED,
        claim_token="",
        last_error="The worker stopped while handing this message to the mail server; "
        "it may have been delivered. Check with the recipient before sending it again.",
    )
    return stale.filter(handed_at__isnull=True).update(status=OutboxStatus.PENDING, claim_token="")


def claim(email_id):
    """Claim one pending e-mail for this worker; return its token, or None if another won."""
    token = uuid.uuid4().hex
    won = OutboxEmail.objects.filter(id=email_id, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING,
        claimed_at=timezone.now(),
        claim_token=token,
        attempts=F("attempts") + 1,
    )
    return token if won else None


def send_pending(limit=200):
    """Send up to ``limit`` queued e-mails; return the number sent."""
    requeue_stale()
    now = timezone.now()
    ids = list(
        OutboxEmail.objects.filter(status=OutboxStatus.PENDING)
        .filter(Q(retry_after__isnull=True) | Q(retry_after__lte=now))
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    if not ids:
        return 0
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:  # server down or refusing us: each mail keeps its place in line
        logger.warning("Cannot reach the mail server: %s", exc)
        _unreachable(ids, exc)
        return 0
    sent = 0
    try:
        for email_id in ids:
            token = claim(email_id)
            if token is not None:
                sent += _deliver(OutboxEmail.objects.get(id=email_id), token, connection)
    finally:
        connection.close()
    return sent


def _unreachable(ids, exc):
    """Count a failed attempt on every queued e-mail, so none is retried for ever in silence."""
    for email_id in ids:
        token = claim(email_id)
        if token is not None:
            _failed(OutboxEmail.objects.get(id=email_id), token, exc)


def _deliver(email, token, connection):
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=email.recipients(),
        headers=_headers(email),
        connection=connection,
    )
    OutboxEmail.objects.filter(id=email.id, claim_token=token).update(handed_at=timezone.now())
    try:
        message.send()
    except Exception as exc:  # the server refused or failed: it did not take the message
        _failed(email, token, exc)
        return 0
    OutboxEmail.objects.filter(id=email.id, claim_token=token).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return 1


def _headers(email):
    headers = {"Message-ID": email.message_id}
    if email.in_reply_to:
        headers["In-Reply-To"] = email.in_reply_to
        headers["References"] = email.references or email.in_reply_to
    return headers


def retry_delay(attempts):
    """Return how long a mail waits after its n-th failed attempt: 1, 2, 4 … minutes, capped."""
    base = settings.CSC["OUTBOX_RETRY_MINUTES"]
    return timedelta(minutes=min(base * 2 ** max(attempts - 1, 0), 240))


def _failed(email, token, exc):
    gave_up = email.attempts >= settings.CSC["OUTBOX_MAX_ATTEMPTS"]
    OutboxEmail.objects.filter(id=email.id, claim_token=token).update(
        status=OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
        claim_token="",
        handed_at=None,
        retry_after=timezone.now() + retry_delay(email.attempts),
    )


def delivery_of(email):
    """Return (state, words) of an outgoing e-mail: waiting, retrying after an error, sent…"""
    if email.status == OutboxStatus.PENDING and email.attempts:
        return "retrying", _("Failing, will retry: %(error)s") % {"error": email.last_error}
    if email.status == OutboxStatus.FAILED:
        return email.status, _("Failed: %(error)s") % {"error": email.last_error}
    return email.status, email.get_status_display()


def with_delivery(records, field):
    """Give each record whose e-mail (``field``) exists its ``delivery_state`` and
    ``delivery`` words, for the tag beside it on a page; return the records as a list."""
    records = list(records)
    for record in records:
        email = getattr(record, field)
        if email is not None:
            record.delivery_state, record.delivery = delivery_of(email)
    return records


def failing():
    """Return how many e-mails wait after a failed attempt or were given up: the mail server
    is unreachable or refuses them (one indexed count, for the banner)."""
    # Given up in the last two days: an old failure (a wrong address) is in the outbox page,
    # not a banner on every page for ever.
    recent = timezone.now() - timedelta(days=2)
    troubled = Q(status=OutboxStatus.FAILED, created_at__gte=recent) | Q(status=OutboxStatus.PENDING, attempts__gt=0)  # fmt: skip
    return OutboxEmail.objects.filter(troubled).count()


def mail_server_trouble(timeout=3):
    """Return why the configured mail server cannot be reached, or "" when it answers."""
    connection = get_connection(fail_silently=False, timeout=timeout)
    try:
        connection.open()
    except Exception as exc:  # refused, unknown host, timeout: all mean mail will wait
        return str(exc) or exc.__class__.__name__
    connection.close()
    return ""
