"""What waits for a user in the action system, for the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from csc.core.dashboard import queue_count
from csc.core.permissions import can, restrict

from .choices import OPEN_STATUSES, CapaStatus
from .models import Capa


def work_for(user):
    """Return [(title, url, count)]: my department's open actions, and actions to verify."""
    if not can(user, "capa.view_capa"):
        return []
    items = []
    base = reverse("capa:list")
    visible = restrict(Capa.objects.all(), user)
    if user.department_id and can(user, "capa.change_capa"):
        mine = visible.filter(department_id=user.department_id, status__in=OPEN_STATUSES[:2])
        items.append(
            (
                _("Corrective actions of my department"),
                f"{base}?department={user.department_id}",
                queue_count(mine),
            )
        )
    if can(user, "capa.verify_capa"):
        waiting = queue_count(visible.filter(status=CapaStatus.VERIFICATION))
        items.append((_("Actions to verify"), f"{base}?status=verification", waiting))
    return items
