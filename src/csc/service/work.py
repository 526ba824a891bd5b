"""What waits for a user at the service desk, for the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from csc.core.dashboard import queue_count
from csc.core.permissions import can, customer_id_of, restrict

from .choices import OPEN_STATUSES, RequestStatus
from .models import ServiceRequest


def work_for(user):
    """Return [(title, url, count)] of the service queues waiting for this user."""
    if customer_id_of(user) is not None or not can(user, "service.handle_servicerequest"):
        return []
    visible = restrict(ServiceRequest.objects.all(), user)
    ledger = reverse("service:list")
    items = [
        (
            _("My open service requests"),
            reverse("service:mine"),
            queue_count(visible.filter(handler=user, status__in=OPEN_STATUSES)),
        )
    ]
    if can(user, "service.assign_servicerequest"):
        items.append(
            (
                _("Service requests to assign"),
                f"{ledger}?status={RequestStatus.NEW}",
                queue_count(visible.filter(status=RequestStatus.NEW)),
            )
        )
    return items
