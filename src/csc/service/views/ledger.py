"""The service request ledger and queues, the personal queue, intake and Excel export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.errors import ActionError
from csc.core.permissions import can, is_customer_user, restrict
from csc.core.views import (
    LEDGER_COUNT_AT_MOST,
    action_error_to_form,
    paginate,
    query_without_page,
    require_page,
    run_bulk,
    safe_next,
    workbook_response,
)

from .. import actions
from ..choices import OPEN_STATUSES
from ..filters import ORDERS, matching
from ..forms import BulkForm, IntakeForm, PortalRequestForm
from ..models import ServiceRequest
from ..rules import sla_state

RELATED = ("customer", "team", "handler")


def with_sla(page):
    """Give each request of a page its SLA state (computed in memory, no query)."""
    now = timezone.now()
    for request in page:
        request.sla = sla_state(request, now)
    return page


@login_required
def request_list(request):
    require_page(request, "service.view_servicerequest")
    visible = restrict(ServiceRequest.objects.select_related(*RELATED), request.user)
    if is_customer_user(request.user):
        page = with_sla(paginate(request, visible.order_by(*ORDERS["newest"])))
        return render(request, "service/portal/list.html", {"page": page})
    requests, filterset = matching(request.GET, visible.order_by(*ORDERS["newest"]))
    return render(
        request,
        "service/list.html",
        {
            "filter": filterset,
            "page": with_sla(paginate(request, requests, count_at_most=LEDGER_COUNT_AT_MOST)),
            "query": query_without_page(request),
            "may_open": can(request.user, "service.add_servicerequest"),
            "may_export": can(request.user, "service.export_servicerequest"),
            "bulk_form": BulkForm() if can(request.user, "service.assign_servicerequest") else None,
        },
    )


@login_required
@require_POST
def request_bulk(request):
    """Assign or export the ticked requests of the ledger page (IF-1 bulk actions)."""
    if not can(request.user, "service.view_servicerequest") or is_customer_user(request.user):
        raise Http404
    user = request.user

    def export(chosen, data):
        if not can(user, "service.export_servicerequest"):
            raise Http404
        name = f"service-requests-selected-{timezone.localdate():%Y%m%d}.xlsx"
        return workbook_response(lambda f: actions.export_requests(user, f, chosen), name)

    def assign(chosen, data):
        done = actions.assign_requests(
            user, chosen.order_by("received_at", "id"), data["team"], data["handler"],
            data["reason"],
        )  # fmt: skip
        return _("%(count)s requests assigned.") % {"count": len(done)}

    handlers = {"export": export, "assign": assign}
    back = safe_next(request, reverse("service:list"))
    return run_bulk(request, BulkForm(request.POST), ServiceRequest.objects.all(), handlers, back)


@login_required
def my_queue(request):
    """The service user's home: their open requests, the one due first on top."""
    if not can(request.user, "service.handle_servicerequest"):
        raise Http404
    mine = restrict(ServiceRequest.objects.select_related(*RELATED), request.user).filter(
        handler=request.user, status__in=OPEN_STATUSES
    )
    page = with_sla(paginate(request, mine.order_by(*ORDERS["due"])))
    return render(request, "service/mine.html", {"page": page})


@login_required
def request_export(request):
    if not can(request.user, "service.export_servicerequest"):
        raise Http404
    queryset, _filterset = matching(request.GET, ServiceRequest.objects.all())
    # Written to a temporary file in constant memory, then streamed from disk.
    name = f"service-requests-{timezone.localdate():%Y%m%d}.xlsx"
    return workbook_response(
        lambda file: actions.export_requests(request.user, file, queryset), name
    )


@login_required
def request_new(request):
    """Staff log a request received by phone, at a visit or by letter."""
    if not can(request.user, "service.add_servicerequest"):
        raise Http404
    if is_customer_user(request.user):
        return redirect("service:submit")
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = _open(form, request.user, form.cleaned_data)
        if created is not None:
            messages.success(
                request, _("Service request %(number)s opened.") % {"number": created.number}
            )
            return redirect(created)
    return render(request, "service/form.html", {"form": form})


@login_required
def portal_submit(request):
    """A customer contact opens a request in the portal."""
    if not (is_customer_user(request.user) and can(request.user, "service.add_servicerequest")):
        raise Http404
    form = PortalRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = _open(form, request.user, form.cleaned_data)
        if created is not None:
            messages.success(
                request,
                _(
                    "Thank you. Your request %(number)s was received; we will answer within 24 hours."
                )
                % {"number": created.number},
            )
            return redirect(created)
    return render(request, "service/portal/submit.html", {"form": form})


def _open(form, user, data):
    try:
        return actions.open_request(user, data)
    except ActionError as error:
        action_error_to_form(form, error)
        return None
