"""Background jobs of customer property: the Excel register and stock ledger."""

from csc.core import jobs
from csc.core.views import filtered

from . import actions
from .filters import ItemFilter, MovementFilter
from .models import Movement, PropertyItem


def register_job(job):
    request = jobs.page_request(job)
    _filterset, items = filtered(ItemFilter, request, PropertyItem.objects.all(), ["-number"])
    return jobs.export(job, actions.export_register, items, "customer-property")


def ledger_job(job):
    request = jobs.page_request(job)
    _filterset, entries = filtered(MovementFilter, request, Movement.objects.all(), ["id"])
    entries = entries.order_by("moved_on", "id")
    return jobs.export(job, actions.export_ledger, entries, "customer-property-ledger")
