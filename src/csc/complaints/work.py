"""What waits for a user in complaints, 8D and returns, for the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from csc.core.dashboard import queue_count
from csc.core.permissions import can, customer_id_of, restrict

from .choices import ComplaintStatus, DisciplineStatus, EightDStatus, ReplyStatus, ReturnStatus
from .models import Complaint, Discipline, EightD, Reply, Return


def work_for(user):
    """Return [(title, url, count)] of the complaint queues waiting for this user."""
    if customer_id_of(user) is not None:
        return []
    items = []
    ledger = reverse("complaints:list")
    complaints = restrict(Complaint.objects.all(), user)
    if can(user, "complaints.assess_complaint"):
        items.append(
            (
                _("Complaints to assess"),
                f"{ledger}?status=registered",
                queue_count(complaints.filter(status=ComplaintStatus.REGISTERED)),
            )
        )
        items.append((_("Overdue complaints"), f"{ledger}?overdue=true", _overdue(complaints)))
    if can(user, "complaints.view_discipline"):
        mine = Discipline.objects.filter(owner=user, eightd__status=EightDStatus.OPEN).exclude(
            status=DisciplineStatus.DONE
        )
        count = queue_count(mine)
        if count:
            items.append((_("My open 8D disciplines"), ledger + "?status=accepted", count))
    if can(user, "complaints.reply_complaint"):
        drafts = queue_count(restrict(Reply.objects.filter(status=ReplyStatus.DRAFT), user))
        items.append((_("Replies to send to customers"), f"{ledger}?status=accepted", drafts))
    if can(user, "complaints.sign_final_report"):
        unsigned = restrict(EightD.objects.filter(status=EightDStatus.CLOSED), user)
        items.append(
            (
                _("Final 8D reports to sign"),
                f"{ledger}?status=closed",
                queue_count(unsigned.filter(final_signed_at__isnull=True)),
            )
        )
    items += _returns(user)
    return items


def _overdue(complaints):
    from django.utils import timezone

    from .rules import overdue_q

    return queue_count(complaints.filter(overdue_q(timezone.now())))


def _returns(user):
    queues = [
        ("complaints.receive_return", ReturnStatus.NOTICED, _("Returns to receive")),
        ("complaints.verify_return", ReturnStatus.RECEIVED, _("Returns to verify")),
        ("complaints.rework_return", ReturnStatus.REWORK, _("Returns to rework")),
    ]
    items = []
    for perm, status, title in queues:
        if can(user, perm):
            count = queue_count(restrict(Return.objects.filter(status=status), user))
            items.append((title, reverse("complaints:returns") + f"?status={status}", count))
    return items
