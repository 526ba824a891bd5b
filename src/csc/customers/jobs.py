"""Background jobs of the customer master: the Excel export and import of the customer list."""

from csc.core import jobs

from . import actions
from .filters import CustomerFilter
from .models import Customer


def filtered_customers(request):
    """Return the customers of the list page's filters."""
    filterset = CustomerFilter(request.GET or None, queryset=Customer.objects.all())
    if filterset.is_bound and filterset.is_valid():
        return filterset.qs
    return Customer.objects.order_by("name")


def export_job(job):
    queryset = filtered_customers(jobs.page_request(job))
    return jobs.export(job, actions.export_customers, queryset, "customers")


def import_job(job):
    with job.source.open("rb") as upload:
        report = actions.import_customers(job.user, upload, job.params.get("good_rows_only"))
    return jobs.Outcome(result={"report": report.as_dict()})
