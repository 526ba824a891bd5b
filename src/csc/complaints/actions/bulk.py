"""Work on the complaints ticked in the ledger: give them to a department, remind those
responsible (IF-1 bulk actions). Each is all or none; a refusal names the complaint."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext_lazy

from csc.core.actions import check_version, notify, save_step, verb
from csc.core.bulk import each_or_none, remind_open
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.permissions import require

from ..choices import OPEN_STATUSES
from .reviews import head_of


@verb
def assign_complaint(actor, complaint, department, reason="", version=None):
    """Make ``department`` responsible for an open complaint; its head is told.

    Moving a complaint away from a department needs a reason, kept in the history.
    """
    require(actor, "complaints.assess_complaint", complaint)
    check_version(complaint, version)
    if department is None:
        raise Invalid.field("department", _("Choose the responsible department."))
    if complaint.status not in OPEN_STATUSES:
        raise Invalid.field("department", _("A closed or voided complaint is not reassigned."))
    if complaint.department_id == department.pk:
        return complaint
    if complaint.department_id is not None and not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for the reassignment."))
    complaint.department = department
    save_step(complaint, ["department"], note=reason or "")
    notify(
        head_of(complaint),
        Later(
            gettext_noop("Complaint %(number)s is now your department's"), number=complaint.number
        ),
        complaint.description[:300],
        complaint.get_absolute_url(),
    )
    return complaint


@verb
def assign_complaints(actor, complaints, department, reason=""):
    """Make one department responsible for every complaint of a selection, all or none."""
    return each_or_none(
        complaints,
        lambda complaint: assign_complaint.__wrapped__(actor, complaint, department, reason),
        _("Tick the complaints to assign."),
    )


@verb
def remind_complaints(actor, complaints):
    """Remind the head of each ticked open complaint's department; each complaint's history
    records the reminder once."""
    return remind_open(
        actor, complaints, "complaints.assess_complaint", OPEN_STATUSES,
        _("Tick the complaints to remind of."), people_of=head_of,
        subject=_complaints_waiting, list_url=reverse("complaints:list"), describe=_line,
    )  # fmt: skip


def _line(complaint):
    due = timezone.localtime(complaint.resolution_due_at) if complaint.resolution_due_at else None
    return Later(
        gettext_noop("%(number)s %(customer)s · resolution due %(due)s"),
        number=complaint.number,
        customer=complaint.customer,
        due=due.strftime("%Y-%m-%d %H:%M") if due else "–",
    )


def _complaints_waiting(count):
    return Later(
        ngettext_lazy(
            "Reminder: %(count)s complaint waits for your department",
            "Reminder: %(count)s complaints wait for your department",
            "count",
        ),
        count=count,
    )
