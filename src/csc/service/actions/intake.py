"""Taking e-mail in (IF-5): one message → one record, never twice; replies thread onto their
record; unknown senders, oversized and unreadable mail wait in quarantine for staff."""

import hashlib

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.actions import attachments_of, verb
from csc.core.choices import Role
from csc.core.encryption import digest
from csc.core.errors import ActionError, Invalid
from csc.core.models import Attachment, OutboxEmail, User
from csc.core.permissions import require
from csc.customers.models import Contact

from ..choices import Channel, IntakeStatus, Mailbox
from ..conf import setting
from ..intake.parse import number_in, parse
from ..models import InboundEmail, Message, ServiceRequest
from ..rules import INTAKE_FLOW
from . import requests as service_actions


def intake_user():
    """Return the account the worker acts as (a customer-service role, no password)."""
    user, created = User.objects.get_or_create(
        username=setting("MAIL_INTAKE_USERNAME"), defaults={"last_name": "E-mail intake"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=Role.SERVICE))
    return user


@verb
def take_in(actor, mailbox, raw):
    """Take one raw e-mail from ``mailbox``; return its InboundEmail, or None when it was
    already taken (by an earlier run or by another poller at the same moment).

    1. The Message-ID is claimed first, under a unique constraint, in this transaction: if the
       worker dies before commit nothing stays, and a second claim fails and stops.
    2. Automatic replies, bulk mail and our own messages are recorded as ignored.
    3. A reply (In-Reply-To, References, the number in the subject) threads onto its record;
       any other mail from a known contact opens one; the rest is quarantined with the reason.
    """
    parsed = parse(raw)
    inbound = _claim(mailbox, parsed, len(raw))
    if inbound is None:
        return None
    if parsed.automatic or _ours(parsed):
        return _close(inbound, IntakeStatus.IGNORED, parsed.automatic or _("our own message"))
    reason = parsed.malformed and _("Cannot read the message: %(why)s") % {"why": parsed.malformed}
    if len(raw) > setting("MAIL_MAX_BYTES"):
        reason = _("The message is %(size)s MB, more than the %(max)s MB accepted.") % {
            "size": round(len(raw) / 1048576, 1),
            "max": round(setting("MAIL_MAX_BYTES") / 1048576, 1),
        }
    if reason:
        return _close(inbound, IntakeStatus.QUARANTINED, reason)
    try:
        with transaction.atomic():
            routed = _route(actor, inbound, parsed)
    except ActionError as error:
        routed = _close(inbound, IntakeStatus.QUARANTINED, _problem(error))
    if routed.status == IntakeStatus.QUARANTINED:
        _keep_files(actor, routed, parsed)
    return routed


def _keep_files(actor, inbound, parsed):
    """Keep a quarantined mail's files on it, for staff to look at and to carry over."""
    content_type = ContentType.objects.get_for_model(InboundEmail)
    for name, content in parsed.attachments:
        Attachment.objects.create(
            content_type=content_type,
            object_id=str(inbound.pk),
            file=ContentFile(content, name=name),
            name=name,
            size=len(content),
            mime_type="application/octet-stream",
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=actor,
        )


def _claim(mailbox, parsed, size):
    try:
        with transaction.atomic():
            return InboundEmail.objects.create(
                mailbox=mailbox,
                message_id=parsed.message_id,
                from_address=parsed.from_address[:250],
                subject=parsed.subject,
                body=parsed.body,
                size=size,
                status=IntakeStatus.QUARANTINED,
            )
    except IntegrityError:
        return None


def _ours(parsed):
    """Return True for a message we sent ourselves coming back (a loop through a forward)."""
    return OutboxEmail.objects.filter(message_id=parsed.message_id).exists()


def _close(inbound, status, reason="", **links):
    inbound.status, inbound.reason = status, reason
    for name, value in links.items():
        setattr(inbound, name, value)
    inbound.save(update_fields=["status", "reason", *links])
    return inbound


def _problem(error):
    texts = [str(m) for messages in error.fields.values() for m in messages]
    return " ".join(texts) or str(error.message)


def _route(actor, inbound, parsed):
    if inbound.mailbox == Mailbox.SERVICE:
        request = _replied_request(parsed)
        if request is not None:
            return _thread_request(actor, inbound, parsed, request)
    else:
        complaint = _replied_complaint(parsed)
        if complaint is not None:
            return _thread_complaint(actor, inbound, parsed, complaint)
    contact = _contact_for(parsed.from_address)
    if contact is None:
        return _close(
            inbound,
            IntakeStatus.QUARANTINED,
            _("The sender %(address)s is not a contact of any customer.")
            % {"address": parsed.from_address},
        )
    record = _open(actor, inbound, parsed, contact.customer, contact)
    field = "request" if inbound.mailbox == Mailbox.SERVICE else "complaint"
    return _close(inbound, IntakeStatus.CREATED, **{field: record})


def _contact_for(address):
    contacts = list(Contact.objects.filter(email_digest=digest(address)).select_related("customer")[:5])  # fmt: skip
    customers = {c.customer_id for c in contacts}
    # A shared address of several customers cannot tell us whose request it is.
    return contacts[0] if len(customers) == 1 else None


def _replied_request(parsed):
    if parsed.references:
        message = Message.objects.filter(email_message_id__in=parsed.references).first()
        if message is not None:
            return message.request
        earlier = InboundEmail.objects.filter(
            message_id__in=parsed.references, request__isnull=False
        ).first()
        if earlier is not None:
            return earlier.request
    number = number_in(parsed.subject, "SR")
    return ServiceRequest.objects.filter(number=number).first() if number else None


def _replied_complaint(parsed):
    from csc.complaints.models import Complaint, Reply

    if parsed.references:
        earlier = InboundEmail.objects.filter(
            message_id__in=parsed.references, complaint__isnull=False
        ).first()
        if earlier is not None:
            return earlier.complaint
        # An answer to one of our reply letters quotes that letter's Message-ID.
        letter = Reply.objects.filter(email__message_id__in=parsed.references).first()
        if letter is not None:
            return letter.complaint
    number = number_in(parsed.subject, "CC")
    return Complaint.objects.filter(number=number).first() if number else None


def _sender_of(record, address):
    """Raise Invalid unless ``address`` is a contact of the record's customer."""
    if not Contact.objects.filter(customer_id=record.customer_id, email_digest=digest(address)).exists():  # fmt: skip
        raise Invalid.field(
            "from",
            _("The sender %(address)s is not a contact of the customer of %(number)s.")
            % {"address": address, "number": record.number},
        )


def _thread_request(actor, inbound, parsed, request):
    _sender_of(request, parsed.from_address)
    service_actions.customer_reply(
        actor, request, parsed.body or parsed.subject, email_message_id=parsed.message_id
    )
    for upload in _uploads(parsed):
        service_actions.attach_file(actor, request, upload)
    return _close(inbound, IntakeStatus.THREADED, request=request)


def _thread_complaint(actor, inbound, parsed, complaint):
    from csc.complaints.actions import attach_evidence

    _sender_of(complaint, parsed.from_address)
    # The complaint's conversation reads the mail from its InboundEmail; the mail also joins
    # the complaint's files, so the evidence travels with the complaint's other files.
    text = f"From: {parsed.from_address}\nSubject: {parsed.subject}\n\n{parsed.body}"
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    mail_file = SimpleUploadedFile(f"e-mail-{stamp}.txt", text.encode(), "text/plain")
    for upload in [mail_file, *_uploads(parsed)]:
        attach_evidence(actor, complaint, upload)
    return _close(inbound, IntakeStatus.THREADED, complaint=complaint)


def _open(actor, inbound, parsed, customer, contact):
    description = parsed.body or parsed.subject or _("(no text)")
    if inbound.mailbox == Mailbox.SERVICE:
        data = {
            "customer": customer,
            "contact": contact,
            "channel": Channel.EMAIL,
            "category": setting("SERVICE_MAIL_CATEGORY"),
            "subject": parsed.subject or description[:200],
            "description": description,
            "received_at": inbound.received_at,
        }
        record = service_actions.open_request(actor, data, files=_uploads(parsed))
        _first_message(record, parsed)
        return record
    from csc.complaints.actions import register_complaint

    data = {
        "customer": customer,
        "contact": contact,
        "channel": "email",
        "category": setting("COMPLAINT_MAIL_CATEGORY"),
        "description": f"{parsed.subject}\n\n{description}".strip(),
        "received_at": inbound.received_at,
    }
    return register_complaint(actor, data, files=_uploads(parsed))


def _first_message(record, parsed):
    # The opening mail joins the thread too, so a reply quoting its Message-ID finds it.
    Message.objects.create(
        request=record,
        direction="in",
        body=parsed.body or parsed.subject,
        email_message_id=parsed.message_id,
    )


def _uploads(parsed):
    return [SimpleUploadedFile(name, content) for name, content in parsed.attachments]


# --- quarantine --------------------------------------------------------------------------


@verb
def accept_email(actor, inbound, customer, contact=None):
    """Staff accept a quarantined mail for ``customer``: its record opens as if the sender
    were known. The mail's text and files are carried over."""
    require(actor, "service.triage_inboundemail")
    _require_quarantined(inbound)
    if customer is None:
        raise Invalid.field("customer", _("Choose the customer."))
    if contact is not None and contact.customer_id != customer.pk:
        raise Invalid.field("contact", _("This contact belongs to another customer."))
    parsed = parse(_rebuilt(inbound))
    parsed.attachments = [(a.name, a.file.read()) for a in attachments_of(inbound)]
    record = _open(actor, inbound, parsed, customer, contact)
    field = "request" if inbound.mailbox == Mailbox.SERVICE else "complaint"
    inbound.decided_by, inbound.decided_at = actor, timezone.now()
    setattr(inbound, field, record)
    INTAKE_FLOW.apply(inbound, "accept")
    inbound.save(update_fields=["status", "decided_by", "decided_at", field])
    return inbound


def _rebuilt(inbound):
    text = f"From: {inbound.from_address}\r\nSubject: {inbound.subject}\r\n"
    text += f"Message-ID: {inbound.message_id}\r\n\r\n{inbound.body}"
    return text.encode()


@verb
def reject_email(actor, inbound, reason):
    """Staff reject a quarantined mail (spam, not for us); it stays listed with the reason."""
    require(actor, "service.triage_inboundemail")
    _require_quarantined(inbound)
    if not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for rejecting."))
    inbound.decided_by, inbound.decided_at = actor, timezone.now()
    INTAKE_FLOW.apply(inbound, "reject")
    inbound.reason = reason
    inbound.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    return inbound


def _require_quarantined(inbound):
    if inbound.status != IntakeStatus.QUARANTINED:
        raise Invalid.field("status", _("Only quarantined e-mail waits for a decision."))
