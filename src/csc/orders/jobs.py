"""Background jobs of order review: the Excel review ledger."""

from csc.core import jobs

from . import actions
from .filters import OrderFilter
from .models import Order


def filtered_orders(request):
    """Return the orders of the archive's filters."""
    filterset = OrderFilter(request.GET or None, queryset=Order.objects.all(), request=request)
    if filterset.is_bound and filterset.is_valid():
        return filterset.qs
    return Order.objects.order_by("-received_at", "-id")


def export_job(job):
    queryset = filtered_orders(jobs.page_request(job))
    return jobs.export(job, actions.export_ledger, queryset, "order-reviews")
