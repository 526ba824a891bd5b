"""The conversation with the customer about one complaint, in time order: the complaint as
they sent it, their e-mails threaded onto it, our reply letters with their delivery state,
and their answer to each letter. Read in a fixed number of queries, whatever its length."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from csc.core.mail import delivery_of
from csc.core.privacy import masked_addresses, masked_email, shown_to

from .choices import Channel

IN, OUT = "in", "out"


@dataclass
class Entry:
    """One message of the conversation, as the page shows it."""

    direction: str  # IN: from the customer; OUT: from us
    at: object  # aware datetime; the page shows it in local time
    who: str
    how: str  # the channel it came or went by
    text: str  # exactly what was received or sent
    subject: str = ""
    link: str = ""  # the letter the customer was given (PDF)
    delivery: str = ""  # the outbox state of an outgoing e-mail, in words
    delivery_state: str = ""  # pending, sending, sent, failed, unconfirmed, retrying
    anchor: str = ""
    address: bool = False  # ``who`` is an e-mail address (shown masked to some readers)


def conversation(complaint, replies, plain=True):
    """Return the Entries of ``complaint``'s conversation, oldest first.

    ``replies`` are the complaint's replies with ``sent_by``, ``confirmed_by`` and ``email``
    loaded (the detail page reads them once for its other sections too). Without ``plain``
    the customer's addresses show masked (SEC-2).
    """
    from csc.service.choices import IntakeStatus
    from csc.service.models import InboundEmail

    mails = list(
        InboundEmail.objects.filter(complaint=complaint)
        .exclude(status__in=(IntakeStatus.REJECTED, IntakeStatus.IGNORED))
        .order_by("received_at", "id")
    )
    opening = next((m for m in mails if m.status != IntakeStatus.THREADED), None)
    entries = [_opening(complaint, opening, plain)]
    entries += [_mail(m, plain) for m in mails if m is not opening]
    for reply in replies:
        if reply.sent_at is not None:
            entries.append(_letter(complaint, reply, plain))
        if reply.confirmed_at is not None:
            entries.append(_answer(reply))
    return sorted(entries, key=lambda entry: entry.at)


def _opening(complaint, mail, plain):
    """The complaint as the customer submitted it: their e-mail when it came by mail."""
    if mail is not None:
        return _mail(mail, plain, at=complaint.received_at)
    if complaint.channel == Channel.PORTAL:
        who = str(complaint.contact.name if complaint.contact else complaint.registered_by)
    else:
        reporter = complaint.contact.name if complaint.contact else complaint.customer.name
        who = _("%(reporter)s, taken down by %(staff)s") % {
            "reporter": reporter,
            "staff": complaint.registered_by,
        }
    return Entry(
        IN,
        complaint.received_at,
        who,
        complaint.get_channel_display(),
        complaint.description,
        anchor="thread-complaint",
    )


def _mail(mail, plain, at=None):
    return Entry(
        IN,
        at or mail.received_at,
        shown_to(plain, mail.from_address, masked_email),
        str(Channel.EMAIL.label),
        mail.body,
        subject=mail.subject,
        anchor=f"thread-mail-{mail.pk}",
        address=bool(mail.from_address),
    )


def _letter(complaint, reply, plain):
    email = reply.email
    entry = Entry(
        OUT,
        reply.sent_at,
        f"{reply.sent_by} → {shown_to(plain, reply.sent_to, masked_addresses)}",
        str(Channel.EMAIL.label),
        email.body if email is not None else reply.body,
        subject=email.subject if email is not None else reply.subject,
        link=reverse("complaints:reply-pdf", args=[complaint.pk, reply.pk]) if reply.pdf else "",
        anchor=f"thread-reply-{reply.pk}",
        address=bool(reply.sent_to),
    )
    if email is not None:
        entry.delivery_state, entry.delivery = delivery_of(email)
    return entry


def _answer(reply):
    """The customer's answer to a letter, recorded by them in the portal or by Sales."""
    verdict = reply.get_confirmation_display()
    return Entry(
        IN,
        reply.confirmed_at,
        str(reply.confirmed_by or ""),
        _("Answer to “%(subject)s”") % {"subject": reply.subject},
        f"{verdict}\n{reply.confirmation_note}".strip(),
        anchor=f"thread-answer-{reply.pk}",
    )
