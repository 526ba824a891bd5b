"""The monthly re-analysis of last month's complaints (CMP-9)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import flash_error, paginate, run_form, visible

from .. import actions
from ..choices import ReviewStatus
from ..filters import month_bounds
from ..forms import NoteForm, ReviewForm
from ..models import Complaint, MonthlyReview, ReviewLine


@login_required
def review_list(request):
    if not can(request.user, "complaints.view_monthlyreview"):
        raise Http404
    reviews = restrict(MonthlyReview.objects.all(), request.user)
    return render(request, "complaints/reviews.html", {"page": paginate(request, reviews)})


@login_required
def review_detail(request, pk):
    review = visible(request, MonthlyReview, pk)
    may_edit = review.status == ReviewStatus.OPEN and can(
        request.user, "complaints.change_monthlyreview", review
    )
    start, end = month_bounds(f"{review.month:%Y-%m}")
    complaints = restrict(Complaint.objects.select_related("customer"), request.user).filter(
        received_at__gte=start, received_at__lt=end
    )
    return render(
        request,
        "complaints/review.html",
        {
            "review": review,
            "lines": review.lines.select_related("customer", "confirmed_by"),
            "form": ReviewForm(instance=review, initial={"version": review.version}),
            "note_form": NoteForm(),
            "may_edit": may_edit,
            "complaints": complaints.order_by("received_at")[:200],
            "month": f"{review.month:%Y-%m}",
        },
    )


@login_required
@require_POST
def review_save(request, pk):
    review = visible(request, MonthlyReview, pk)
    form = ReviewForm(request.POST, instance=MonthlyReview(pk=review.pk))
    run_form(
        request,
        form,
        lambda d: actions.update_review(
            request.user, review, d["analysis"], d["action_plan"], d["version"]
        ),
        _("The review was saved."),
    )
    return redirect(review)


@login_required
@require_POST
def review_confirm(request, pk, line_pk):
    review = visible(request, MonthlyReview, pk)
    line = get_object_or_404(ReviewLine, pk=line_pk, review=review)
    run_form(
        request,
        NoteForm(request.POST),
        lambda d: actions.confirm_review_line(request.user, line, d["note"]),
        _("Closure confirmed with %(customer)s.") % {"customer": line.customer},
    )
    return redirect(review)


@login_required
@require_POST
def review_close(request, pk):
    review = visible(request, MonthlyReview, pk)
    try:
        actions.close_review(request.user, review)
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The monthly review is closed."))
    return redirect(review)
