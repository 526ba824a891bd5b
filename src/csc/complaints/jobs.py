"""Background jobs of complaints: the Excel complaint ledger (投诉台账)."""

from csc.core import jobs

from . import actions
from .filters import ComplaintFilter
from .models import Complaint


def filtered_complaints(request):
    """Return the complaints of the ledger page's filters."""
    filterset = ComplaintFilter(request.GET or None, queryset=Complaint.objects.all())
    return filterset.qs if filterset.is_bound and filterset.is_valid() else Complaint.objects.all()


def export_job(job):
    queryset = filtered_complaints(jobs.page_request(job))
    return jobs.export(job, actions.export_complaints, queryset, "complaints")
