"""What waits for a user in recalls, for the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from csc.core.dashboard import queue_count
from csc.core.permissions import can, restrict

from .choices import RecallStatus
from .models import Recall

S = RecallStatus


def work_for(user):
    """Return [(title, url, count)]: recalls waiting for the GM, for the team, for review."""
    if not can(user, "recalls.view_recall"):
        return []
    base = reverse("recalls:list")
    visible = restrict(Recall.objects.all(), user)
    queues = [
        ("recalls.approve_recall", (S.TRIGGERED, S.TEAM_NAMED), _("Recalls waiting for the GM")),
        ("recalls.review_recall", (S.CLOSED,), _("Recall procedures to review")),
    ]
    items = [
        (title, f"{base}?status={states[0]}", queue_count(visible.filter(status__in=states)))
        for perm, states, title in queues
        if can(user, perm)
    ]
    if can(user, "recalls.change_recall"):
        mine = visible.filter(team=user).exclude(status__in=(S.CLOSED, S.REVIEWED))
        items.append((_("My open recalls"), f"{base}?mine=1", queue_count(mine)))
    return items
