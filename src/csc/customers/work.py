"""What waits for a user in the customer master, for the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from csc.core.dashboard import queue_count
from csc.core.permissions import can, restrict

from .choices import AdmissionStatus, CreditLevel, RequestStatus
from .models import CreditChange, CustomerAdmission
from .rules import approval_permission


def _levels_user_approves(user):
    return [level for level in CreditLevel.values if can(user, approval_permission(level))]


def work_for(user):
    """Return [(title, url, count)]: applications and credit changes waiting for this user."""
    items = []
    levels = _levels_user_approves(user)
    if levels:
        admissions = restrict(CustomerAdmission.objects.all(), user).filter(
            status=AdmissionStatus.SUBMITTED, requested_level__in=levels
        )
        changes = restrict(CreditChange.objects.all(), user).filter(
            status=RequestStatus.PENDING, new_level__in=levels
        )
        items.append(
            (
                _("Admissions to approve"),
                reverse("customers:admissions") + "?status=submitted",
                queue_count(admissions),
            )
        )
        items.append(
            (
                _("Credit changes to approve"),
                reverse("customers:credit-changes") + "?status=pending",
                queue_count(changes),
            )
        )
    if can(user, "customers.add_customeradmission"):
        drafts = queue_count(
            CustomerAdmission.objects.filter(applicant=user, status=AdmissionStatus.DRAFT)
        )
        items.append(
            (_("My draft applications"), reverse("customers:admissions") + "?status=draft", drafts)
        )
    return items
