"""Writes of field service (SVC-5): staff, service records, the signed receipt, spare parts
and repair returns (退修单)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit
from csc.core.actions import check_version, notify, save_versioned, transition, verb
from csc.core.choices import AuditAction
from csc.core.company_calendar import company_calendar
from csc.core.errors import IllegalTransition, Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require, restrict, users_with_permission
from csc.core.xlsxstream import write_workbook

from .. import receipts
from ..choices import (
    FieldOutcome,
    FieldStage,
    FieldStatus,
    ReceiptMethod,
    ReturnStatus,
    StaffPosting,
)
from ..models import FieldServiceRecord, RepairReturn, ServiceReceipt, ServiceStaff, SparePart
from ..rules import FIELD_FLOW, RETURN_FLOW, report_due

EDITABLE = [
    "site", "defect", "failure_form", "maker", "outcome", "result", "work_hours",
    "travel_hours", "travel_km", "product",
]  # fmt: skip
NUMBERS = ["work_hours", "travel_hours", "travel_km"]


def _required(data, names):
    """Return {field: [message]} for each named field left empty."""
    messages = {
        "customer": _("Choose the customer."),
        "staff": _("Choose the service staff member."),
        "stage": _("Say at which stage the problem was met."),
        "found_at": _("Give when the problem was found."),
        "defect": _("Describe the defect."),
        "product": _("Choose the product."),
        "reason": _("Give the reason for the return."),
    }
    errors = {}
    for name in names:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = [messages[name]]
    return errors


def _check_numbers(data, errors):
    for name in NUMBERS:
        value = data.get(name)
        if value is not None and value < 0:
            errors[name] = [_("This cannot be negative.")]


@verb
def add_staff(actor, data):
    """Register a service staff member, resident at a customer or travelling; return them."""
    require(actor, "aftersales.add_servicestaff")
    errors = {}
    if data.get("person") is None:
        errors["person"] = [_("Choose the person.")]
    elif ServiceStaff.objects.filter(person=data["person"]).exists():
        errors["person"] = [_("This person is already on the service staff.")]
    if data.get("posting") not in StaffPosting.values:
        errors["posting"] = [_("Choose resident or travelling.")]
    elif data["posting"] == StaffPosting.RESIDENT and data.get("resident_at") is None:
        errors["resident_at"] = [_("Choose the customer the staff member lives at.")]
    if errors:
        raise Invalid(fields=errors)
    resident_at = data.get("resident_at") if data["posting"] == StaffPosting.RESIDENT else None
    return ServiceStaff.objects.create(
        person=data["person"],
        posting=data["posting"],
        resident_at=resident_at,
        phone=data.get("phone") or "",
    )


def _check_links(data, errors):
    """A linked request or claim must be of the same customer."""
    customer = data.get("customer")
    for name in ("service_request", "warranty_claim"):
        linked = data.get(name)
        if linked is not None and customer is not None and linked.customer_id != customer.pk:
            errors[name] = [_("This record belongs to another customer.")]


def _validate_new(data):
    errors = _required(data, ["customer", "staff", "stage", "found_at", "defect"])
    if data.get("stage") and data["stage"] not in FieldStage.values:
        errors["stage"] = [_("Choose a stage from the list.")]
    found = data.get("found_at")
    if found is not None and found > timezone.now() + dt.timedelta(minutes=5):
        errors["found_at"] = [_("The problem cannot be found in the future.")]
    staff = data.get("staff")
    if staff is not None and not staff.active:
        errors["staff"] = [_("This staff member is no longer active.")]
    _check_numbers(data, errors)
    _check_links(data, errors)
    if errors:
        raise Invalid(fields=errors)


@verb
def open_record(actor, data):
    """Open the service record of a field job; return it.

    1. A request or claim linked to it must be the customer's own.
    2. A problem met at installation gets its 24 h report deadline on the company calendar.
    """
    require(actor, "aftersales.add_fieldservicerecord")
    _validate_new(data)
    record = FieldServiceRecord(
        customer=data["customer"],
        staff=data["staff"],
        stage=data["stage"],
        found_at=data["found_at"],
        service_request=data.get("service_request"),
        warranty_claim=data.get("warranty_claim"),
        created_by=actor,
        **{k: data[k] for k in EDITABLE if data.get(k) not in (None, "")},
    )
    record.report_due_at = report_due(record.stage, record.found_at, company_calendar())
    record.number = next_number("field-service", "FS")
    record.save()
    return record


@verb
def update_record(actor, record, data, version=None):
    """Edit an open record's facts and hours, refusing a save on an outdated copy."""
    require(actor, "aftersales.change_fieldservicerecord", record)
    check_version(record, version)
    if record.status != FieldStatus.OPEN:
        raise IllegalTransition(_("Only an open service record can be edited."))
    errors = {}
    if "defect" in data and not (data["defect"] or "").strip():
        errors["defect"] = [_("Describe the defect.")]
    if data.get("outcome") and data["outcome"] not in FieldOutcome.values:
        errors["outcome"] = [_("Choose an outcome from the list.")]
    _check_numbers(data, errors)
    if errors:
        raise Invalid(fields=errors)
    # An emptied hours or distance box means none spent, as on a new record.
    data = {k: (0 if k in NUMBERS and v is None else v) for k, v in data.items()}
    changed = [k for k in EDITABLE if k in data and getattr(record, k) != data[k]]
    for name in changed:
        setattr(record, name, data[name])
    if changed:
        save_versioned(record, changed)
    return record


@verb
def report_problem(actor, record, note=""):
    """Report an installation-stage quality problem to Quality (due within 24 h)."""
    require(actor, "aftersales.change_fieldservicerecord", record)
    if record.report_due_at is None:
        raise IllegalTransition(_("Only a problem met at installation is reported this way."))
    if record.reported_at is not None:
        raise IllegalTransition(_("This problem has already been reported."))
    record.reported_at = timezone.now()
    save_versioned(record, ["reported_at"])
    notify(
        users_with_permission("aftersales.assess_warrantyclaim"),
        Later(
            gettext_noop("Installation problem %(number)s at %(customer)s"),
            number=record.number,
            customer=record.customer,
        ),
        f"{record.defect[:300]}\n{note}".strip(),
        record.get_absolute_url(),
    )
    return record


@verb
def complete_record(actor, record, data, version=None):
    """Record the result of the job (能修则修，不能修则退换) and wait for the receipt."""
    require(actor, "aftersales.change_fieldservicerecord", record)
    check_version(record, version)
    FIELD_FLOW.check(record, "complete")
    errors = {}
    if data.get("outcome") not in FieldOutcome.values or not data.get("outcome"):
        errors["outcome"] = [_("Say how the job ended.")]
    if not (data.get("result") or "").strip():
        errors["result"] = [_("Describe the result of the job.")]
    _check_numbers(data, errors)
    if errors:
        raise Invalid(fields=errors)
    changed = [k for k in EDITABLE if k in data and data[k] is not None]
    for name in changed:
        setattr(record, name, data[name])
    record.completed_at = timezone.now()
    note = FieldOutcome(record.outcome).label
    return transition(record, FIELD_FLOW, "complete", str(note), [*changed, "completed_at"])


@verb
def reopen_record(actor, record, note=""):
    require(actor, "aftersales.change_fieldservicerecord", record)
    record.completed_at = None
    return transition(record, FIELD_FLOW, "reopen", note, ["completed_at"])


@verb
def void_record(actor, record, reason):
    """Void a record opened by mistake; it stays in the ledger (nothing is lost)."""
    require(actor, "aftersales.change_fieldservicerecord", record)
    if not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for voiding."))
    record.void_reason = reason
    return transition(record, FIELD_FLOW, "void", reason, ["void_reason"])


def _check_signable(record, signer_name):
    if ServiceReceipt.objects.filter(record=record).exists():
        raise IllegalTransition(_("The receipt of this job has already been signed."))
    FIELD_FLOW.check(record, "sign")
    if not (signer_name or "").strip():
        raise Invalid.field("signer_name", _("Give the name of the person signing."))


def _store_receipt(record, method, signer_name, satisfied, remark, png=None, taken_by=None):
    receipt = ServiceReceipt.objects.create(
        record=record,
        method=method,
        signer_name=signer_name.strip()[:100],
        signature_png=png,
        satisfied=satisfied,
        remark=remark or "",
        taken_by=taken_by,
    )
    transition(record, FIELD_FLOW, "sign", receipt.signer_name)
    return receipt


@verb
def sign_receipt(actor, record, signer_name, signature, satisfied=True, remark=""):
    """Store the customer's signature drawn on the pad (PNG) on the record's receipt.

    1. The job must be completed and its receipt not signed yet (409 otherwise).
    2. The drawing must be a PNG of reasonable size with ink on it.
    """
    require(actor, "aftersales.change_fieldservicerecord", record)
    FieldServiceRecord.objects.select_for_update().filter(pk=record.pk).first()
    _check_signable(record, signer_name)
    png = receipts.signature_png(signature)
    return _store_receipt(
        record, ReceiptMethod.PAD, signer_name, satisfied, remark, png=png, taken_by=actor
    )


@verb
def issue_receipt_link(actor, record, email=""):
    """Return a one-time link (its token is shown once, only the hash kept) for the customer
    to confirm the receipt; with ``email`` it is also sent."""
    require(actor, "aftersales.change_fieldservicerecord", record)
    if ServiceReceipt.objects.filter(record=record).exists():
        raise IllegalTransition(_("The receipt of this job has already been signed."))
    FIELD_FLOW.check(record, "sign")
    token = receipts.issue_link(record, email)
    audit.record(record, AuditAction.UPDATE, {"receipt_link": [None, email or "-"]})
    return token


@verb
def confirm_by_link(actor, token, signer_name, satisfied=True, remark=""):
    """Confirm the receipt through a one-time link (no login); return the receipt.

    A tampered, expired or used link raises a LinkError and records nothing.
    """
    link = receipts.resolve(token)
    record = FieldServiceRecord.objects.select_for_update().get(pk=link.record_id)
    _check_signable(record, signer_name)
    receipts.use(link)
    with audit.acting_as(None):
        return _store_receipt(record, ReceiptMethod.LINK, signer_name, satisfied, remark)


# --- spare parts -------------------------------------------------------------------------


def _quantity(value, field="quantity"):
    if value is None or Decimal(value) <= 0:
        raise Invalid.field(field, _("The quantity must be more than zero."))
    return Decimal(value)


@verb
def request_part(actor, record, part_no, name, quantity):
    """Request a spare part for an open job; return the part line."""
    require(actor, "aftersales.add_sparepart")
    require(actor, "aftersales.view_fieldservicerecord", record)
    if record.status != FieldStatus.OPEN:
        raise IllegalTransition(_("Parts are requested only for an open job."))
    errors = {}
    if not (part_no or "").strip():
        errors["part_no"] = [_("Give the part number.")]
    if not (name or "").strip():
        errors["name"] = [_("Give the part name.")]
    if errors:
        raise Invalid(fields=errors)
    return SparePart.objects.create(
        record=record,
        part_no=part_no.strip(),
        name=name.strip(),
        requested=_quantity(quantity),
        requested_by=actor,
    )


@verb
def issue_part(actor, part, quantity):
    """Issue requested parts from the store; never more than requested (row lock)."""
    require(actor, "aftersales.issue_sparepart")
    part = SparePart.objects.select_for_update().get(pk=part.pk)
    amount = _quantity(quantity)
    if part.issued + amount > part.requested:
        raise Invalid.field(
            "quantity",
            _("Only %(left)s are still requested; more cannot be issued.")
            % {"left": part.requested - part.issued},
        )
    part.issued += amount
    part.issued_by, part.issued_at = actor, timezone.now()
    part.save(update_fields=["issued", "issued_by", "issued_at"])
    return part


@verb
def use_part(actor, part, quantity):
    """Record parts fitted on the job; never more than were issued."""
    require(actor, "aftersales.change_fieldservicerecord", part.record)
    part = SparePart.objects.select_for_update().get(pk=part.pk)
    amount = _quantity(quantity)
    if part.used + amount > part.issued:
        raise Invalid.field(
            "quantity",
            _("Only %(left)s issued parts are left to use.") % {"left": part.issued - part.used},
        )
    part.used += amount
    part.save(update_fields=["used"])
    return part


# --- repair returns ----------------------------------------------------------------------


@verb
def register_return(actor, data):
    """Register a repair return (退修单) the customer sends back; the store is told."""
    require(actor, "aftersales.add_repairreturn")
    errors = _required(data, ["customer", "product", "reason"])
    sent = data.get("quantity_sent")
    if sent is None or sent < 1:
        errors["quantity_sent"] = [_("The quantity must be at least 1.")]
    record = data.get("record")
    customer = data.get("customer")
    if record is not None and customer is not None and record.customer_id != customer.pk:
        errors["record"] = [_("This record belongs to another customer.")]
    if errors:
        raise Invalid(fields=errors)
    repair = RepairReturn(
        customer=customer,
        product=data["product"],
        record=record,
        quantity_sent=sent,
        reason=data["reason"],
        created_by=actor,
    )
    repair.number = next_number("repair-return", "RR")
    repair.save()
    notify(
        users_with_permission("aftersales.receive_repairreturn"),
        Later(
            gettext_noop("Repair return %(number)s: %(quantity)s × %(product)s to count in"),
            number=repair.number,
            quantity=sent,
            product=repair.product,
        ),
        repair.reason[:300],
        repair.get_absolute_url(),
    )
    return repair


@verb
def receive_return(actor, repair, quantity_received, note="", version=None):
    """Count a repair return into the finished-goods store; a count that differs from the
    quantity sent needs a note."""
    require(actor, "aftersales.receive_repairreturn", repair)
    check_version(repair, version)
    if repair.status != ReturnStatus.SENT:
        raise IllegalTransition(_("This repair return has already been received."))
    if quantity_received is None or quantity_received < 0:
        raise Invalid.field("quantity_received", _("Count the quantity received (0 or more)."))
    if quantity_received != repair.quantity_sent and not (note or "").strip():
        raise Invalid.field(
            "receiving_note",
            _("%(received)s received but %(sent)s sent: say why they differ.")
            % {"received": quantity_received, "sent": repair.quantity_sent},
        )
    repair.quantity_received, repair.receiving_note = quantity_received, note or ""
    repair.received_by, repair.received_at = actor, timezone.now()
    RETURN_FLOW.apply(repair, "receive")
    fields = ["quantity_received", "receiving_note", "received_by", "received_at", "status"]
    save_versioned(repair, fields)
    return repair


@verb
def export_records(actor, target, queryset=None):
    """Write the field service records the actor may see to ``target``; return the rows."""
    from .. import ledger

    require(actor, "aftersales.export_fieldservicerecord")
    queryset = FieldServiceRecord.objects.all() if queryset is None else queryset
    visible = restrict(queryset, actor).order_by("found_at", "id")
    count = write_workbook(
        target, _("Field service records"), ledger.field_headers(), ledger.field_rows(visible)
    )
    audit.record_export(FieldServiceRecord, count)
    return count


@verb
def export_service_report(actor, target, period):
    """Write the service summary of ``period`` (SVC-10) to ``target``; return the rows."""
    from ..servicereport import sheet_rows

    require(actor, "aftersales.view_servicereport")
    rows = list(sheet_rows(period))
    write_workbook(target, _("Service summary report"), [_("Figure"), str(period)], rows)
    audit.record_export(FieldServiceRecord, len(rows))
    return len(rows)
