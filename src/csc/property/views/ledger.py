"""The stock ledger (库存进出帐): every movement, filtered, and its Excel export."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from csc.core.permissions import can, restrict
from csc.core.views import filtered, job_response, paginate, query_without_page, require_page

from ..filters import MovementFilter
from ..models import NO_SECRETS, Movement

ORDER = ["-moved_on", "-id"]


def _entries(request, related=True):
    queryset = Movement.objects.all()
    if related:
        queryset = queryset.select_related("item", "lot", "customer", "created_by").defer(
            *NO_SECRETS
        )
    return filtered(MovementFilter, request, restrict(queryset, request.user), ORDER)


@login_required
def ledger(request):
    require_page(request, "property.view_movement")
    filterset, entries = _entries(request)
    return render(
        request,
        "property/ledger.html",
        {
            "filter": filterset,
            "page": paginate(request, entries),
            "query": query_without_page(request),
            "may_export": can(request.user, "property.export_property"),
        },
    )


@login_required
def ledger_export(request):
    require_page(request, "property.export_property")
    return job_response(request, "property.export-ledger", _("Customer property ledger"))
