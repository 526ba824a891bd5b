"""The service-request section of the customer 360° page (CUS-6)."""

from django.utils import timezone

from csc.core.permissions import can, restrict

from .models import ServiceRequest
from .rules import sla_state

SHOWN = 8


def customer_panel(customer, user):
    """Return the panel's context for one customer, or None when the user may not see it."""
    if not can(user, "service.view_servicerequest"):
        return None
    requests = restrict(ServiceRequest.objects.filter(customer=customer), user)
    shown = list(requests.select_related("handler")[:SHOWN])
    now = timezone.now()
    for request in shown:
        request.sla = sla_state(request, now)
    return {"customer": customer, "requests": shown, "request_count": requests.count()}
