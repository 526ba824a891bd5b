"""Background job of the KPI area: the management review pack."""

from csc.core import jobs

from . import actions, pack
from .models import ManagementReview


def review_pack_job(job):
    review = ManagementReview.objects.get(pk=job.params["review"])
    try:
        pdf, xlsx = pack.build(review)
    except Exception as error:
        actions.pack_failed(job.user, review, f"{type(error).__name__}: {error}")
        raise
    name = f"{review.number}-{review.period_start:%Y%m}-{review.period_end:%Y%m}"
    actions.attach_pack(job.user, review, f"{name}.pdf", pdf, f"{name}.xlsx", xlsx, job)
    return jobs.Outcome(result={"review": review.pk})
