"""Customer-master rules: admission workflow, approval routing by credit level, masking."""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from csc.core.encryption import mask
from csc.core.permissions import can
from csc.core.workflow import Step, Workflow

from .choices import AdmissionStatus, CreditLevel, CustomerStatus, RequestStatus

ADMISSION_FLOW = Workflow(
    states=AdmissionStatus,
    steps={
        "submit": Step((AdmissionStatus.DRAFT,), AdmissionStatus.SUBMITTED, _("Submit")),
        "return": Step((AdmissionStatus.SUBMITTED,), AdmissionStatus.DRAFT, _("Return for rework")),
        "approve": Step((AdmissionStatus.SUBMITTED,), AdmissionStatus.APPROVED, _("Approve")),
        "reject": Step((AdmissionStatus.SUBMITTED,), AdmissionStatus.REJECTED, _("Reject")),
    },
)

C = CustomerStatus
# A customer is admitted (or not) by the decision on its admission application; an admitted
# customer may be deactivated (kept for the records, no new business) and reactivated.
CUSTOMER_FLOW = Workflow(
    states=CustomerStatus,
    steps={
        "admit": Step((C.PENDING,), C.ACTIVE, _("Admit")),
        "refuse": Step((C.PENDING,), C.REJECTED, _("Refuse admission")),
        "deactivate": Step((C.ACTIVE,), C.INACTIVE, _("Deactivate")),
        "reactivate": Step((C.INACTIVE,), C.ACTIVE, _("Reactivate")),
    },
)

CREDIT_CHANGE_FLOW = Workflow(
    states=RequestStatus,
    steps={
        "approve": Step((RequestStatus.PENDING,), RequestStatus.APPROVED, _("Approve")),
        "reject": Step((RequestStatus.PENDING,), RequestStatus.REJECTED, _("Reject")),
    },
)


def approval_permission(level):
    """Return the permission that approves a credit level (S1 4.2.3).

    Level III (annual customers) is approved by the executive VP's assistant; levels I and II
    by the executive VP.
    """
    if level == CreditLevel.III:
        return "customers.approve_annual_credit"
    return "customers.approve_credit"


def approver_role_label(level):
    if level == CreditLevel.III:
        return _("Executive VP's assistant")
    return _("Executive Vice President")


def credit_days_problem(level, days, level_i_max):
    """Return a message when the credit period does not fit the level, else None."""
    if days is None:
        return None
    if level == CreditLevel.I and days > level_i_max:
        return _("Level I allows a credit period of at most %(max)s days.") % {"max": level_i_max}
    if level == CreditLevel.II and days <= level_i_max:
        return _("Level II means a credit period of more than %(max)s days.") % {"max": level_i_max}
    return None


def may_see_bank_account(user):
    return can(user, "customers.view_bank_account")


def bank_account_for(user, customer):
    """Return the account number as this user may see it: plain, or masked to its tail."""
    if may_see_bank_account(user):
        return customer.bank_account
    return masked_tail(customer.bank_account_tail)


def masked_tail(tail):
    return mask("0000" + tail) if tail else ""


# --- contact persons' details (SEC-2) ----------------------------------------------------

CONTACT_DETAILS_PERMISSION = "customers.view_contact_details"
# Written as they are when masking a phone number: its shape stays readable, 138-****-5678.
PHONE_SEPARATORS = frozenset(" -+()./")
# Below this many digits a number has no area code or mobile prefix worth showing.
PHONE_LONG_DIGITS = 11


class ContactDetails(NamedTuple):
    phone: str
    email: str
    masked: bool


def may_see_contact_details(user):
    return can(user, CONTACT_DETAILS_PERMISSION)


def contact_details_for(user, contact, plain=None):
    """Return the contact's phone and e-mail as this user may see them: plain, or masked.

    Users with the permission see them (``plain`` passes that answer in, worked out once for a
    whole table); a portal contact always sees their own details, and their colleagues' masked.
    """
    if plain is None:
        plain = may_see_contact_details(user)
    if plain or (contact.user_id is not None and contact.user_id == getattr(user, "pk", None)):
        return ContactDetails(contact.phone, contact.email, False)
    masked = bool(contact.phone or contact.email)
    return ContactDetails(masked_phone(contact.phone), masked_email(contact.email), masked)


def shows_contact_details(user, contacts):
    """Return whether a page listing ``contacts`` shows this user some detail in clear."""
    return may_see_contact_details(user) and any(c.phone or c.email for c in contacts)


def masked_phone(phone):
    """Return 138****5678 for 13812345678; shorter numbers keep only their last two digits.

    Separators keep their place, any other character (a name, a WeChat id) is starred too.
    A value already masked (as the audit trail keeps it) stays as it is.
    """
    phone = (phone or "").strip()
    if "*" in phone:
        return phone
    digits = sum(ch.isdigit() for ch in phone)
    if digits >= PHONE_LONG_DIGITS:
        head, tail = 3, 4
    else:
        head, tail = 0, 2 if digits > 2 else 0
    shown, seen = [], 0
    for ch in phone:
        if ch in PHONE_SEPARATORS:
            shown.append(ch)
            continue
        if ch.isdigit():
            seen += 1
            if seen <= head or seen > digits - tail:
                shown.append(ch)
                continue
        shown.append("*")
    return "".join(shown)


def masked_email(email):
    """Return z***@example.com for zhang.san@example.com: the first letter and the domain."""
    email = (email or "").strip()
    if not email or "***" in email:  # none, or already masked
        return email
    local, at, domain = email.rpartition("@")
    if not at:
        local, domain = email, ""
    first = local[:1] if len(local) > 1 else ""  # one letter would be the whole name
    return f"{first}***{at}{domain}"
