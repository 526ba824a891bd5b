"""The reply to the customer (CMP-6) and the closing of the complaint.

Quality writes the reply letter (客户质量投诉回复书), Sales sends it; the customer's confirmation
is recorded by Sales or by the customer in the portal. Every step names the complaint it is
for, and the verbs refuse a reply aimed at another complaint than the one it is recorded on.
"""

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from csc.core.actions import (
    check_version,
    notify,
    queue_email,
    save_versioned,
    transition,
    verb,
)
from csc.core.errors import Conflict, Invalid
from csc.core.later import Later
from csc.core.permissions import require

from ..choices import ComplaintStatus, Confirmation, EightDStatus, ReplyStatus
from ..models import Reply
from ..rules import COMPLAINT_FLOW, REPLY_FLOW


def check_target(complaint, stated):
    """Refuse unless ``stated`` (the complaint number the user or client answered) is this
    complaint's: a reply is never recorded against the wrong complaint."""
    if not stated:
        raise Invalid.field("complaint", _("Say which complaint this reply is for."))
    if str(stated).strip() != complaint.number:
        raise Invalid.field(
            "complaint",
            _("This form is for complaint %(stated)s, not %(number)s; nothing was recorded.")
            % {"stated": stated, "number": complaint.number},
        )


@verb
def draft_reply(actor, complaint, stated, subject, body, language=None, version=None):
    """Write (or rewrite) the reply letter; returns the draft with its PDF."""
    require(actor, "complaints.assess_complaint", complaint)
    check_target(complaint, stated)
    if complaint.status not in (ComplaintStatus.ACCEPTED, ComplaintStatus.REPLIED):
        raise Invalid.field("status", _("Replies are written once the complaint is accepted."))
    if not (subject or "").strip() or not (body or "").strip():
        raise Invalid.field("body", _("Write the subject and the letter."))
    language = language or complaint.customer.language
    if language not in dict(settings.LANGUAGES):
        raise Invalid.field("language", _("Unknown language."))
    reply = complaint.replies.filter(status=ReplyStatus.DRAFT).first()
    if reply is None:
        reply = Reply(complaint=complaint, drafted_by=actor)
    else:
        check_version(reply, version)
    reply.subject, reply.body, reply.language = subject.strip()[:200], body, language
    reply.drafted_by, reply.drafted_at = actor, timezone.now()
    _render(reply)
    if reply.pk:
        save_versioned(reply, ["subject", "body", "language", "drafted_by", "drafted_at", "pdf"])
    else:
        reply.save()
    return reply


def _render(reply):
    from ..pdf import reply_letter

    with override(reply.language):
        content = reply_letter(reply)
    reply.pdf.save(f"{reply.complaint.number}.pdf", ContentFile(content), save=False)


@verb
def send_reply(actor, reply, stated, to=None):
    """Sales sends the reply letter to the customer by e-mail (through the outbox)."""
    complaint = reply.complaint
    require(actor, "complaints.reply_complaint", complaint)
    check_target(complaint, stated)
    if reply.status != ReplyStatus.DRAFT:
        raise Invalid.field("status", _("This reply was already sent."))
    recipients = _recipients(complaint, to)
    now = timezone.now()
    reply.email = queue_email(
        recipients, reply.subject, _letter_mail(reply), thread=_thread(complaint)
    )
    REPLY_FLOW.apply(reply, "send")
    reply.sent_by, reply.sent_at = actor, now
    reply.sent_to = ", ".join(recipients)
    save_versioned(reply, ["status", "sent_by", "sent_at", "sent_to", "email"])
    if complaint.replied_at is None:
        complaint.replied_at = now
    if complaint.status == ComplaintStatus.ACCEPTED:
        transition(complaint, COMPLAINT_FLOW, "reply", reply.subject, extra_fields=["replied_at"])
    else:
        save_versioned(complaint, ["replied_at"])
    return reply


def _thread(complaint):
    """The Message-IDs of the customer's e-mails on the complaint, oldest first: the letter
    goes out as a reply to them, so their mail program shows one conversation."""
    from csc.service.models import InboundEmail

    mails = InboundEmail.objects.filter(complaint=complaint).exclude(message_id="")
    return list(mails.order_by("received_at", "id").values_list("message_id", flat=True))


def _recipients(complaint, to):
    if to:
        return [a.strip() for a in to.replace(";", ",").split(",") if a.strip()]
    addresses = []
    if complaint.contact_id and complaint.contact.email:
        addresses.append(complaint.contact.email)
    elif complaint.customer.email:
        addresses.append(complaint.customer.email)
    else:
        contact = (
            complaint.customer.contacts.exclude(email="").order_by("-is_primary", "id").first()
        )
        if contact:
            addresses.append(contact.email)
    if not addresses:
        raise Invalid.field("to", _("The customer has no e-mail address: enter one."))
    return addresses


def _letter_mail(reply):
    link = f"{settings.SITE_URL}{reply.complaint.get_absolute_url()}"
    with override(reply.language):
        footer = _("The signed letter (PDF) is in the customer portal: %(link)s") % {"link": link}
    return f"{reply.body}\n\n{footer}"


@verb
def confirm_reply(actor, reply, stated, confirmation, note=""):
    """Record the customer's confirmation of a sent reply (by Sales, or the customer)."""
    complaint = reply.complaint
    require(actor, "complaints.confirm_reply", complaint)
    check_target(complaint, stated)
    if reply.status != ReplyStatus.SENT:
        raise Invalid.field("status", _("Only a sent reply can be confirmed."))
    if reply.confirmation:
        raise Invalid.field("confirmation", _("The customer's answer is already recorded."))
    if confirmation not in Confirmation.values:
        raise Invalid.field("confirmation", _("Choose whether the customer accepts the reply."))
    if confirmation == Confirmation.REJECTED and not (note or "").strip():
        raise Invalid.field("note", _("Say what the customer does not accept."))
    reply.confirmation, reply.confirmation_note = confirmation, note
    reply.confirmed_at, reply.confirmed_by = timezone.now(), actor
    save_versioned(reply, ["confirmation", "confirmation_note", "confirmed_at", "confirmed_by"])
    if confirmation == Confirmation.REJECTED:
        from csc.core.permissions import users_with_permission

        notify(
            users_with_permission("complaints.assess_complaint"),
            Later(
                gettext_noop("The customer does not accept the reply to %(number)s"),
                number=complaint.number,
            ),
            note,
            complaint.get_absolute_url(),
        )
    return reply


@verb
def close_complaint(actor, complaint, note=""):
    """Close a replied complaint once its 8D is closed."""
    require(actor, "complaints.close_complaint", complaint)
    COMPLAINT_FLOW.check(complaint, "close")
    eightd = getattr(complaint, "eightd", None)
    if eightd is not None and eightd.status != EightDStatus.CLOSED:
        raise Conflict(_("Close the 8D report %(number)s first.") % {"number": eightd.number})
    refused = complaint.replies.filter(confirmation=Confirmation.REJECTED).exists()
    accepted = complaint.replies.filter(confirmation=Confirmation.ACCEPTED).exists()
    if refused and not accepted:
        raise Conflict(_("The customer did not accept the reply: answer again first."))
    complaint.closed_at = timezone.now()
    return transition(complaint, COMPLAINT_FLOW, "close", note, extra_fields=["closed_at"])
