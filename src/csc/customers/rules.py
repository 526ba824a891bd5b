"""Customer-master rules: admission workflow, approval routing by credit level, masking."""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from csc.core.encryption import mask
from csc.core.permissions import can
from csc.core.privacy import masked_email, masked_phone, may_see_contact_details
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


class ContactDetails(NamedTuple):
    phone: str
    email: str
    masked: bool


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
