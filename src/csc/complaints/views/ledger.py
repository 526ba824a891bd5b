"""The complaint ledger (投诉台账), its Excel export, and registering a complaint (staff and
customer portal)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core import held
from csc.core.errors import ActionError
from csc.core.permissions import can, is_customer_user, restrict
from csc.core.views import (
    action_error_to_form,
    job_response,
    paginate,
    query_without_page,
    require_page,
    run_bulk,
    safe_next,
    workbook_response,
)

from .. import actions, search
from ..filters import ComplaintFilter
from ..forms import BulkForm, ComplaintForm, PortalComplaintForm
from ..models import Complaint
from ..rules import overdue_deadlines

# A search is counted up to this many matches: a common word is not counted to the end of a
# million complaints just to print the total (the pager says "more than 1,000").
SEARCH_COUNT_CAP = 1_000


@login_required
def complaint_list(request):
    require_page(request, "complaints.view_complaint")
    visible = restrict(
        Complaint.objects.select_related("customer", "product", "department"), request.user
    )
    if is_customer_user(request.user):
        return _portal_list(request, visible)
    filterset = ComplaintFilter(request.GET or None, queryset=visible)
    valid = filterset.is_bound and filterset.is_valid()
    complaints = filterset.qs if valid else visible
    searching = valid and search.clean(filterset.form.cleaned_data.get("q"))
    page = paginate(request, complaints, count_at_most=SEARCH_COUNT_CAP if searching else None)
    now = timezone.now()
    for complaint in page:
        complaint.missed = overdue_deadlines(complaint, now)
    return render(
        request,
        "complaints/list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query_without_page(request),
            "may_register": can(request.user, "complaints.add_complaint"),
            "may_export": can(request.user, "complaints.export_complaint"),
            "bulk_form": BulkForm() if _may_bulk(request.user) else None,
            # Still accepted in the address (links, API); kept off the form to keep it short.
            "hidden_filters": ("customer", "channel", "received_after", "received_before"),
        },
    )


def _may_bulk(user):
    """Ticking rows is for who decides responsibility (Quality), never for a customer."""
    return can(user, "complaints.assess_complaint") and not is_customer_user(user)


@login_required
@require_POST
def complaint_bulk(request):
    """Assign, remind of or export the complaints ticked in the ledger (IF-1 bulk actions)."""
    if not _may_bulk(request.user):
        raise Http404
    user = request.user

    def assign(chosen, data):
        done = actions.assign_complaints(
            user, chosen.order_by("received_at", "id"), data["department"], data["reason"]
        )
        return _("%(count)s complaints assigned.") % {"count": len(done)}

    def remind(chosen, data):
        done = actions.remind_complaints(
            user, chosen.select_related("customer", "department__head")
        )
        return _("%(count)s complaints reminded.") % {"count": len(done)}

    def export(chosen, data):
        name = f"complaints-selected-{timezone.localdate():%Y%m%d}.xlsx"
        return workbook_response(lambda f: actions.export_complaints(user, f, chosen), name)

    handlers = {"assign": assign, "remind": remind, "export": export}
    back = safe_next(request, reverse("complaints:list"))
    return run_bulk(request, BulkForm(request.POST), Complaint.objects.all(), handlers, back)


def _portal_list(request, visible):
    page = paginate(request, visible.order_by("-received_at", "-id"))
    return render(
        request,
        "complaints/portal/list.html",
        {"page": page, "may_submit": can(request.user, "complaints.add_complaint")},
    )


@login_required
def complaint_export(request):
    if not can(request.user, "complaints.export_complaint"):
        raise Http404
    return job_response(request, "complaints.export", _("Complaint ledger"))


@login_required
def complaint_new(request):
    """Staff register a complaint received by phone, e-mail, letter or visit."""
    if not can(request.user, "complaints.add_complaint"):
        raise Http404
    if is_customer_user(request.user):
        return redirect("complaints:submit")
    form = ComplaintForm(request.POST or None, request.FILES or None)
    kept = None
    if request.method == "POST":
        complaint, kept = _register(request, form)
        if complaint is not None:
            messages.success(
                request, _("Complaint %(number)s registered.") % {"number": complaint.number}
            )
            return redirect(complaint)
    return render(request, "complaints/form.html", {"form": form, "held": kept})


@login_required
def portal_submit(request):
    """A customer contact submits a complaint; a double click still makes one complaint."""
    if not (is_customer_user(request.user) and can(request.user, "complaints.add_complaint")):
        raise Http404
    form = PortalComplaintForm(request.POST or None, request.FILES or None)
    kept = None
    if request.method == "POST":
        complaint, kept = _register(request, form)
        if complaint is not None:
            messages.success(
                request,
                _(
                    "Thank you. Your complaint %(number)s was received; we will answer within 24 hours."
                )
                % {"number": complaint.number},
            )
            return redirect(complaint)
    return render(request, "complaints/portal/submit.html", {"form": form, "held": kept})


def _register(request, form):
    """Return (the complaint, None), or (None, the files held for the page shown again).

    Files chosen on a refused form are held, so the person does not choose them again.
    """
    token = request.POST.get(held.FIELD, "")
    if not form.is_valid():
        return None, held.keep(request.user, form.cleaned_data.get("files"), token)
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("files", "submit_token")}
    chosen = form.cleaned_data.get("files")
    try:
        complaint = actions.register_complaint(
            request.user,
            data,
            files=chosen or held.take(request.user, token),
            submit_token=form.cleaned_data.get("submit_token") or None,
        )
    except ActionError as error:
        action_error_to_form(form, error)
        return None, held.keep(request.user, chosen, token)
    held.discard(request.user, token)
    return complaint, None
