"""Every write to the customer master (rule 1: UI, API, import and tasks call these verbs)."""

from datetime import datetime, time

from django.conf import settings
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit, xlsx
from csc.core.actions import (
    check_version,
    notify,
    read_verb,
    save_step,
    save_versioned,
    sign,
    transition,
    verb,
)
from csc.core.choices import AuditAction, SignatureMeaning
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.numbering import next_number, reserve_numbers
from csc.core.permissions import require, restrict, users_with_permission

from . import ledger
from .choices import CustomerStatus, RequestStatus
from .models import ClassChange, Contact, CreditChange, Customer, CustomerAdmission
from .rules import (
    ADMISSION_FLOW,
    CREDIT_CHANGE_FLOW,
    CUSTOMER_FLOW,
    approval_permission,
    credit_days_problem,
    may_see_bank_account,
    may_see_contact_details,
)

CUSTOMER_FIELDS = [
    "name",
    "short_name",
    "address",
    "postal_code",
    "phone",
    "email",
    "bank_name",
    "bank_account",
    "industry",
    "region",
    "language",
    "salesperson",
    "notes",
]


def _check_credit(level, days, field="requested_days"):
    problem = credit_days_problem(level, days, settings.CSC["CREDIT_LEVEL_I_MAX_DAYS"])
    if problem:
        raise Invalid.field(field, problem)


def _unique_name(name, exclude_pk=None):
    # Both sides lower-cased in SQL, so the customer_name_ci index answers (not a table scan).
    clash = Customer.objects.alias(lname=Lower("name")).filter(lname=Lower(Value(name.strip())))
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise Invalid.field("name", _("A customer with this name already exists."))


def _new_customer(actor, data, status):
    _unique_name(data["name"])
    customer = Customer(status=status, **{k: v for k, v in data.items() if k in CUSTOMER_FIELDS})
    if "abc_class" in data:
        customer.abc_class = data["abc_class"]
    customer.code = next_number("customer", "CU")
    customer.save()
    return customer


@verb
def apply_for_admission(actor, customer_data, admission_data):
    """Record a new customer and its admission application (draft); return the application.

    1. The customer is created awaiting admission: it cannot receive orders yet.
    2. The application carries the salesperson's investigation and the requested credit level.
    """
    require(actor, "customers.add_customeradmission")
    _check_credit(admission_data["requested_level"], admission_data.get("requested_days"))
    customer_data = {"salesperson": actor, **customer_data}
    customer = _new_customer(actor, customer_data, CustomerStatus.PENDING)
    return CustomerAdmission.objects.create(
        number=next_number("admission", "CA"),
        customer=customer,
        applicant=actor,
        **admission_data,
    )


@verb
def update_admission(actor, admission, data, version=None):
    """Edit a draft application."""
    require(actor, "customers.change_customeradmission", admission)
    ADMISSION_FLOW.check(admission, "submit")  # only drafts are editable
    check_version(admission, version)
    _check_credit(
        data.get("requested_level", admission.requested_level), data.get("requested_days")
    )
    for name, value in data.items():
        setattr(admission, name, value)
    save_versioned(admission, list(data))
    return admission


@verb
def submit_admission(actor, admission, note=""):
    """Send the application to the approver its credit level calls for, and tell them."""
    require(actor, "customers.change_customeradmission", admission)
    if not admission.investigation.strip():
        raise Invalid.field("investigation", _("Describe your investigation of the customer."))
    admission.submitted_at = timezone.now()
    transition(admission, ADMISSION_FLOW, "submit", note, extra_fields=["submitted_at"])
    sign(actor, admission, SignatureMeaning.AUTHORED, note=note)
    notify(
        users_with_permission(approval_permission(admission.requested_level)),
        Later(
            gettext_noop("Customer admission %(number)s waits for your approval"),
            number=admission.number,
        ),
        Later(
            gettext_noop("%(customer)s asks for credit level %(level)s."),
            customer=admission.customer,
            level=admission.requested_level,
        ),
        admission.get_absolute_url(),
    )
    return admission


@verb
def return_admission(actor, admission, note):
    """Send a submitted application back to the applicant for more investigation."""
    _require_approver(actor, admission)
    _require_note(note)
    transition(admission, ADMISSION_FLOW, "return", note)
    _tell_applicant(admission, Later(gettext_noop("returned for rework")), note)
    return admission


@verb
def approve_admission(actor, admission, note=""):
    """Approve the application: the customer becomes active with the requested credit level."""
    _require_approver(actor, admission)
    _decide(actor, admission, "approve", note)
    customer = admission.customer
    CUSTOMER_FLOW.apply(customer, "admit")
    customer.credit_level = admission.requested_level
    customer.credit_days = admission.requested_days
    save_versioned(customer, ["status", "credit_level", "credit_days"])
    sign(actor, admission, SignatureMeaning.APPROVED, note=note)
    _tell_applicant(admission, Later(gettext_noop("approved")), note)
    return admission


@verb
def reject_admission(actor, admission, note):
    """Refuse the application; the customer stays out of business, with the reason kept."""
    _require_approver(actor, admission)
    _require_note(note)
    _decide(actor, admission, "reject", note)
    customer = admission.customer
    CUSTOMER_FLOW.apply(customer, "refuse")
    save_versioned(customer, ["status"])
    sign(actor, admission, SignatureMeaning.REJECTED, note=note)
    _tell_applicant(admission, Later(gettext_noop("rejected")), note)
    return admission


def _require_approver(actor, admission):
    require(
        actor,
        approval_permission(admission.requested_level),
        admission,
        _("Only the %(role)s approves credit level %(level)s.")
        % {"role": _approver_label(admission.requested_level), "level": admission.requested_level},
    )


def _approver_label(level):
    from .rules import approver_role_label

    return approver_role_label(level)


def _require_note(note):
    if not (note or "").strip():
        raise Invalid.field("note", _("Give the reason; the applicant will read it."))


def _decide(actor, record, step, note):
    record.decided_by = actor
    record.decided_at = timezone.now()
    record.decision_note = note
    flow = ADMISSION_FLOW if isinstance(record, CustomerAdmission) else CREDIT_CHANGE_FLOW
    transition(record, flow, step, note, extra_fields=["decided_by", "decided_at", "decision_note"])


def _tell_applicant(admission, outcome, note):
    notify(
        [admission.applicant],
        Later(
            gettext_noop("Customer admission %(number)s %(outcome)s"),
            number=admission.number,
            outcome=outcome,
        ),
        note,
        admission.get_absolute_url(),
    )


@verb
def update_customer(actor, customer, data, version=None):
    """Edit a customer's master data, refusing a save based on an outdated copy."""
    require(actor, "customers.change_customer", customer)
    check_version(customer, version)
    if "bank_account" in data and not may_see_bank_account(actor):
        raise Invalid.field("bank_account", _("You may not change bank account numbers."))
    if "name" in data:
        _unique_name(data["name"], exclude_pk=customer.pk)
    changed = [k for k in data if k in CUSTOMER_FIELDS and getattr(customer, k) != data[k]]
    for name in changed:
        setattr(customer, name, data[name])
    if changed:
        save_versioned(customer, changed)
    return customer


@verb
def change_class(actor, customer, new_class, reason):
    """Move a customer to another ABC class, keeping the history (CUS-2)."""
    require(actor, "customers.change_class", customer)
    _require_note(reason)
    if new_class == customer.abc_class:
        raise Invalid.field("new_class", _("The customer is already in this class."))
    ClassChange.objects.create(
        customer=customer,
        old_class=customer.abc_class,
        new_class=new_class,
        reason=reason,
        changed_by=actor,
    )
    customer.abc_class = new_class
    save_versioned(customer, ["abc_class"])
    return customer


@verb
def request_credit_change(actor, customer, new_level, new_days, reason):
    """A salesperson asks to change the credit level; the approver is told (CUS-3)."""
    require(actor, "customers.add_creditchange", customer)
    if customer.status != CustomerStatus.ACTIVE:
        raise Invalid.field(
            "new_level", _("Only admitted customers have a credit level to change.")
        )
    _require_note(reason)
    _check_credit(new_level, new_days, "new_days")
    if CreditChange.objects.filter(customer=customer, status=RequestStatus.PENDING).exists():
        raise Invalid.field("new_level", _("A credit change for this customer is already waiting."))
    change = CreditChange.objects.create(
        customer=customer,
        old_level=customer.credit_level,
        old_days=customer.credit_days,
        new_level=new_level,
        new_days=new_days,
        reason=reason,
        requested_by=actor,
    )
    notify(
        users_with_permission(approval_permission(new_level)),
        Later(
            gettext_noop("Credit level change for %(customer)s waits for your approval"),
            customer=customer,
        ),
        reason,
        change.get_absolute_url(),
    )
    return change


@verb
def approve_credit_change(actor, change, note=""):
    require(actor, approval_permission(change.new_level), change)
    _decide(actor, change, "approve", note)
    customer = change.customer
    customer.credit_level, customer.credit_days = change.new_level, change.new_days
    save_versioned(customer, ["credit_level", "credit_days"])
    sign(actor, change, SignatureMeaning.APPROVED, note=note)
    _tell_requester(change, Later(gettext_noop("approved")), note)
    return change


@verb
def reject_credit_change(actor, change, note):
    require(actor, approval_permission(change.new_level), change)
    _require_note(note)
    _decide(actor, change, "reject", note)
    sign(actor, change, SignatureMeaning.REJECTED, note=note)
    _tell_requester(change, Later(gettext_noop("rejected")), note)
    return change


def _tell_requester(change, outcome, note):
    notify(
        [change.requested_by],
        Later(
            gettext_noop("Credit level change for %(customer)s %(outcome)s"),
            customer=change.customer,
            outcome=outcome,
        ),
        note,
        change.get_absolute_url(),
    )


@verb
def set_customer_active(actor, customer, active, reason):
    """Deactivate a customer (kept for the records, no new business) or reactivate one."""
    require(actor, "customers.change_customer", customer)
    _require_note(reason)
    step = "reactivate" if active else "deactivate"
    if step not in CUSTOMER_FLOW.allowed(customer):
        raise Invalid.field("status", _("This customer's status does not allow that."))
    CUSTOMER_FLOW.apply(customer, step)
    return save_step(customer, ["status"], note=reason)


@verb
def save_contact(actor, customer, data, contact=None):
    """Add a contact to a customer, or edit one.

    Changing an existing contact's phone or e-mail needs the permission to see them (SEC-2):
    nobody overwrites details they were not allowed to read.
    """
    require(actor, "customers.change_customer", customer)
    contact = contact or Contact(customer=customer)
    if contact.customer_id != customer.pk:
        raise Invalid.field("contact", _("This contact belongs to another customer."))
    hidden = [f for f in ("phone", "email") if f in data]
    if contact.pk and hidden and not may_see_contact_details(actor):
        raise Invalid.field(
            hidden[0], _("You may not change contact persons' phone numbers and e-mail.")
        )
    for name, value in data.items():
        setattr(contact, name, value)
    contact.save()
    return contact


@verb
def remove_contact(actor, contact):
    require(actor, "customers.change_customer", contact.customer)
    contact.delete()


@verb
def reveal_bank_account(actor, customer):
    """Return the plain account number and log that this user saw it (SEC-2)."""
    require(actor, "customers.view_bank_account", customer)
    audit.record(customer, AuditAction.ACCESS, {"field": "bank_account"})
    return customer.bank_account


def import_customers(actor, upload, good_rows_only=False):
    """Import an Excel customer list; return an ImportReport (CUS-5).

    1. The header row must match the template; every cell is checked.
    2. Any bad row → nothing is imported, unless ``good_rows_only`` is asked for.
    3. Customers from an existing ledger were admitted on paper: they arrive active, and the
       audit trail records the import as their origin.

    The workbook is read and checked before the write transaction begins, so the write lock is
    held only for the insert, not for the seconds that parsing 50,000 rows takes.
    """
    require(actor, "customers.import_customer")
    rows = xlsx.read_sheet(upload, ledger.IMPORT_COLUMNS, settings.CSC["IMPORT_MAX_ROWS"])
    good, errors = ledger.validate_rows(rows)
    report = xlsx.ImportReport(total=len(rows), errors=errors)
    if errors and not good_rows_only:
        return report
    created = _insert_imported(actor, good)
    report.imported, report.applied = len(created), True
    return report


@verb
def _insert_imported(actor, good):
    return _bulk_create_customers(good)


def _bulk_create_customers(good):
    codes = reserve_numbers("customer", "CU", len(good)) if good else []
    customers = []
    for code, (_number, values) in zip(codes, good, strict=True):
        admitted_on = values.pop("admitted_on", None)
        customer = Customer(code=code, status=CustomerStatus.ACTIVE, **_drop_none(values))
        customer.bank_account_tail = (customer.bank_account or "")[-4:]
        if admitted_on:
            customer.created_at = timezone.make_aware(datetime.combine(admitted_on, time(9)))
        customers.append(customer)
    created = Customer.objects.bulk_create(customers, batch_size=500)
    if not created or created[0].pk is None:
        # Backends that do not return ids on bulk insert: read them back by the unique code.
        ids = dict(Customer.objects.filter(code__in=codes).values_list("code", "pk"))
        for customer in created:
            customer.pk = ids[customer.code]
    audit.record_many(created, AuditAction.IMPORT, note=_("Imported from an Excel customer list"))
    return created


def _drop_none(values):
    return {k: v for k, v in values.items() if v is not None}


@read_verb
def export_customers(actor, target, queryset=None):
    """Write the customers the actor may see to ``target`` (.xlsx); return the row count."""
    require(actor, "customers.export_customer")
    queryset = Customer.objects.order_by("name") if queryset is None else queryset
    plain, plain_contacts = may_see_bank_account(actor), may_see_contact_details(actor)
    visible = restrict(queryset, actor)
    rows = ledger.export_rows(visible, plain, plain_contacts)
    count = xlsx.write_workbook(target, _("Customer list"), ledger.export_headers(), rows)
    audit.record_export(Customer, count, plain or plain_contacts)
    return count
