"""Registering, assessing and recording a complaint (CMP-1, 2, 3, 5, 7, 8)."""

import datetime as dt
import hashlib
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.capa.actions import open_capa
from csc.capa.choices import Source
from csc.core.actions import (
    apply_edit,
    check_version,
    notify,
    save_versioned,
    sign,
    signatures_of,
    sniff_type,
    transition,
    verb,
)
from csc.core.choices import SignatureMeaning
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.models import Attachment, Department
from csc.core.numbering import next_number
from csc.core.permissions import customer_id_of, require, users_with_permission

from ..choices import Channel, ComplaintCategory, ComplaintStatus, Severity
from ..models import Complaint
from ..rules import COMPLAINT_FLOW, capa_category, deadlines, resolution_due
from .eightd import open_eightd

REGISTER_FIELDS = [
    "customer", "contact", "channel", "product", "received_at", "category", "severity", "lot",
    "production_date", "quantity_affected", "description",
]  # fmt: skip
TRACE_FIELDS = [
    "lot", "route_card", "production_report", "inspection_record", "operator_name",
    "inspector_name", "responsible_action", "responsible_action_on",
]  # fmt: skip
COST_FIELDS = ["compensation", "penalty", "cost", "cost_note"]
# A receipt time a little ahead of the server's clock is a clock difference, not the future.
CLOCK_SLACK = dt.timedelta(minutes=5)


@verb
def register_complaint(actor, data, files=(), submit_token=None):
    """Register a complaint from any channel; return it (CMP-1).

    1. A customer contact registers for their own customer only, through the portal.
    2. A repeated submit of the same form (same ``submit_token``) returns the first complaint.
    3. Deadlines are set from the receipt time (CMP-3); Quality is told to assess it.
    """
    require(actor, "complaints.add_complaint")
    data = _portal_data(actor, data) if customer_id_of(actor) else dict(data)
    if submit_token:
        existing = Complaint.objects.filter(submit_token=submit_token).first()
        if existing is not None:
            return _same_submitter(existing, data)
    _validate(data)
    try:
        with transaction.atomic():
            complaint = _create(actor, data, submit_token)
    except IntegrityError:
        existing = (
            Complaint.objects.filter(submit_token=submit_token).first() if submit_token else None
        )
        if existing is None:
            raise
        return _same_submitter(existing, data)  # the other click won the race
    for upload in files:
        attach_evidence(actor, complaint, upload)
    notify(
        users_with_permission("complaints.assess_complaint"),
        Later(
            gettext_noop("New complaint %(number)s from %(customer)s"),
            number=complaint.number,
            customer=complaint.customer,
        ),
        complaint.description[:300],
        complaint.get_absolute_url(),
    )
    return complaint


def _portal_data(actor, data):
    contact = actor.customer_contact
    allowed = {k: v for k, v in data.items() if k in REGISTER_FIELDS}
    allowed.update(
        customer=contact.customer,
        contact=contact,
        channel=Channel.PORTAL,
        received_at=timezone.now(),
        severity=Severity.SIMPLE,
    )
    return allowed


def _same_submitter(existing, data):
    customer = data.get("customer")
    if customer is not None and existing.customer_id != customer.pk:
        raise Invalid.field("submit_token", _("This form was already used. Reload the page."))
    return existing


def _validate(data):
    if data.get("customer") is None:
        raise Invalid.field("customer", _("Choose the customer."))
    if data.get("category") not in ComplaintCategory.values:
        raise Invalid.field("category", _("Choose the category."))
    if data.get("severity", Severity.SIMPLE) not in Severity.values:
        raise Invalid.field("severity", _("Choose the severity."))
    if not (data.get("description") or "").strip():
        raise Invalid.field("description", _("Describe the problem."))
    if (data.get("quantity_affected") or 0) < 0:
        raise Invalid.field("quantity_affected", _("The quantity cannot be negative."))
    contact = data.get("contact")
    if contact is not None and contact.customer_id != data["customer"].pk:
        raise Invalid.field("contact", _("This contact belongs to another customer."))
    now = timezone.now()
    if data.get("received_at") and data["received_at"] > now + CLOCK_SLACK:
        raise Invalid.field("received_at", _("The receipt time cannot be in the future."))
    made = data.get("production_date")
    if made and made > timezone.localdate():
        raise Invalid.field("production_date", _("The production date cannot be in the future."))


def _create(actor, data, submit_token):
    values = {k: v for k, v in data.items() if k in REGISTER_FIELDS and v is not None}
    complaint = Complaint(registered_by=actor, submit_token=submit_token or None, **values)
    complaint.number = next_number("complaint", "CC", when=complaint.received_at)
    for name, moment in deadlines(complaint.received_at, complaint.severity).items():
        setattr(complaint, name, moment)
    complaint.save()
    return complaint


@verb
def update_complaint(actor, complaint, data, version=None):
    """Correct the registered facts while the complaint waits for assessment."""
    require(actor, "complaints.change_complaint", complaint)
    if customer_id_of(actor):
        raise Invalid.field("status", _("Ask us to correct a submitted complaint."))
    check_version(complaint, version)
    if complaint.status != ComplaintStatus.REGISTERED:
        raise Invalid.field("status", _("Only a complaint waiting for assessment can be edited."))
    changed = apply_edit(complaint, REGISTER_FIELDS, data, _validate)
    if {"received_at", "severity"} & set(changed):
        for name, moment in deadlines(complaint.received_at, complaint.severity).items():
            setattr(complaint, name, moment)
        changed += ["ack_due_at", "resolution_due_at", "reply_due_at"]
    if changed:
        save_versioned(complaint, changed)
    return complaint


# --- evidence ----------------------------------------------------------------------------


@verb
def attach_evidence(actor, complaint, upload):
    """Keep a photo or file on a complaint; the customer may add to their own complaints.

    The checks are those of every CSC upload: size, type read from the content, and a name
    that does not promise another kind of file.
    """
    require(actor, "complaints.view_complaint", complaint)
    if not (_may_edit(actor) or customer_id_of(actor) == complaint.customer_id):
        require(actor, "complaints.change_complaint", complaint)
    mime = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(complaint),
        object_id=str(complaint.pk),
        file=upload,
        name=upload.name[:200],
        size=upload.size,
        mime_type=mime,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )


def _may_edit(actor):
    return actor.has_perm("complaints.change_complaint") and not customer_id_of(actor)


def check_upload(upload):
    """Return the real MIME type of an upload, or raise Invalid (size, type, name)."""
    from csc.core.actions import _declared_matches  # the core check, so no rule is duplicated

    limits = settings.CSC
    if upload.size > limits["ATTACHMENT_MAX_BYTES"]:
        raise Invalid.field(
            "files",
            _("“%(name)s” is too large; the largest allowed is %(max)s MB.")
            % {"name": upload.name, "max": limits["ATTACHMENT_MAX_BYTES"] // 1048576},
        )
    mime = sniff_type(upload)
    if mime not in limits["ATTACHMENT_TYPES"] or not _declared_matches(upload.name, mime):
        raise Invalid.field(
            "files",
            _("“%(name)s” is not what its name says, or not a kind of file we accept (%(type)s).")
            % {"name": upload.name, "type": mime},
        )
    return mime


# --- acknowledgement and assessment (CMP-2, CMP-3) ---------------------------------------


@verb
def acknowledge_complaint(actor, complaint, note=""):
    """Record that the customer was told the complaint is being handled (due within 24 h)."""
    _require_handler(actor, complaint)
    if complaint.acknowledged_at is not None:
        raise Invalid.field("acknowledged_at", _("The complaint was already acknowledged."))
    if complaint.status in (ComplaintStatus.VOID,):
        raise Invalid.field("status", _("A voided complaint is not acknowledged."))
    complaint.acknowledged_at = timezone.now()
    save_versioned(complaint, ["acknowledged_at"])
    return complaint


def _require_handler(actor, complaint):
    if actor.has_perm("complaints.reply_complaint"):
        require(actor, "complaints.reply_complaint", complaint)
    else:
        require(actor, "complaints.assess_complaint", complaint)


@verb
def accept_complaint(actor, complaint, severity, department=None, note="", version=None):
    """Quality finds the complaint ours: set severity and department, open the 8D and a CAPA.

    The resolution deadline is recomputed for the severity decided (CMP-3).
    """
    require(actor, "complaints.assess_complaint", complaint)
    check_version(complaint, version)
    if severity not in Severity.values:
        raise Invalid.field("severity", _("Choose the severity."))
    COMPLAINT_FLOW.check(complaint, "accept")
    now = timezone.now()
    complaint.severity = severity
    complaint.department = department or Department.objects.filter(code="quality").first()
    complaint.resolution_due_at = resolution_due(complaint.received_at, severity)
    fields = _assessed(complaint, actor, note, now)
    transition(complaint, COMPLAINT_FLOW, "accept", note, extra_fields=fields)
    eightd = open_eightd(actor, complaint)
    open_capa(
        actor,
        source=Source.COMPLAINT,
        category=capa_category(complaint.category),
        title=_("%(number)s: %(category)s at %(customer)s")
        % {
            "number": complaint.number,
            "category": complaint.get_category_display(),
            "customer": complaint.customer,
        },
        description=complaint.description,
        source_record=complaint,
        customer=complaint.customer,
        due_date=timezone.localtime(eightd.due_at).date(),
    )
    _tell_registrar(complaint, Later(gettext_noop("accepted: our responsibility")), note)
    return complaint


@verb
def not_ours(actor, complaint, explanation, version=None):
    """Quality finds it is not ours: the explanation for the customer is recorded, and the
    record closes as "not a complaint" (it still counts among enquiries)."""
    require(actor, "complaints.assess_complaint", complaint)
    check_version(complaint, version)
    if not (explanation or "").strip():
        raise Invalid.field("explanation", _("Write the explanation Sales will give the customer."))
    now = timezone.now()
    complaint.closed_at = now
    fields = [*_assessed(complaint, actor, explanation, now), "closed_at"]
    transition(complaint, COMPLAINT_FLOW, "not_ours", explanation, extra_fields=fields)
    _tell_registrar(
        complaint,
        Later(gettext_noop("not our responsibility: please explain to the customer")),
        explanation,
    )
    return complaint


def _assessed(complaint, actor, note, now):
    complaint.assessed_by, complaint.assessed_at, complaint.assessment = actor, now, note or ""
    fields = ["severity", "department", "resolution_due_at", "assessed_by", "assessed_at"]
    if complaint.acknowledged_at is None:
        complaint.acknowledged_at = now  # deciding is answering
        fields.append("acknowledged_at")
    return [*fields, "assessment"]


def _tell_registrar(complaint, outcome, note):
    people = users_with_permission("complaints.reply_complaint")
    if complaint.registered_by.has_perm("complaints.reply_complaint"):
        people = [complaint.registered_by]
    notify(
        people,
        Later(
            gettext_noop("Complaint %(number)s %(outcome)s"),
            number=complaint.number,
            outcome=outcome,
        ),
        note,
        complaint.get_absolute_url(),
    )


# --- traceability, money, voiding, circulation -------------------------------------------


@verb
def record_traceability(actor, complaint, data, version=None):
    """Record the trace from lot to route card, production report, inspection, operator and
    inspector, and the action on the responsible person (CMP-5)."""
    require(actor, "complaints.trace_complaint", complaint)
    check_version(complaint, version)
    if complaint.status in (ComplaintStatus.VOID, ComplaintStatus.NOT_OURS):
        raise Invalid.field("status", _("This complaint is not ours to trace."))
    when = data.get("responsible_action_on")
    if when and when > timezone.localdate():
        raise Invalid.field("responsible_action_on", _("The date cannot be in the future."))
    return _save_fields(complaint, data, TRACE_FIELDS)


@verb
def record_costs(actor, complaint, data, version=None):
    """Record compensation, penalty and internal cost of a complaint (CMP-7)."""
    require(actor, "complaints.cost_complaint", complaint)
    check_version(complaint, version)
    for name in ("compensation", "penalty", "cost"):
        if name in data and (data[name] is None or Decimal(data[name]) < 0):
            raise Invalid.field(name, _("Enter an amount of 0 or more."))
    return _save_fields(complaint, data, COST_FIELDS)


def _save_fields(complaint, data, allowed):
    changed = [k for k in allowed if k in data and getattr(complaint, k) != data[k]]
    for name in changed:
        setattr(complaint, name, data[name])
    if changed:
        save_versioned(complaint, changed)
    return complaint


@verb
def void_complaint(actor, complaint, reason):
    """Void a complaint registered by mistake (a duplicate, a wrong customer); kept with reason."""
    require(actor, "complaints.close_complaint", complaint)
    if not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for voiding."))
    complaint.void_reason = reason
    return transition(complaint, COMPLAINT_FLOW, "void", reason, extra_fields=["void_reason"])


@verb
def sign_read(actor, complaint, note=""):
    """The Management Representative or the General Manager signs a complaint as read (CMP-8)."""
    require(actor, "complaints.sign_read_complaint", complaint)
    if complaint.status in (ComplaintStatus.REGISTERED, ComplaintStatus.VOID):
        raise Invalid.field("status", _("Sign once Quality has assessed the complaint."))
    if signatures_of(complaint).filter(user=actor, meaning=SignatureMeaning.READ).exists():
        raise Invalid.field("signature", _("You already signed this complaint as read."))
    return sign(actor, complaint, SignatureMeaning.READ, note=note)
