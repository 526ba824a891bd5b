"""The stock ledger (库存进出帐): every movement, filtered, and its Excel export."""

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone

from csc.core.permissions import can, restrict
from csc.core.views import paginate, query_without_page

from .. import actions
from ..filters import MovementFilter
from ..models import NO_SECRETS, Movement
from .base import filtered, needs

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
    needs(request, "property.view_movement")
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
    needs(request, "property.export_property")
    _filterset, entries = _entries(request, related=False)
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    actions.export_ledger(request.user, target, entries.order_by("moved_on", "id"))
    target.seek(0)
    name = f"customer-property-ledger-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(target, as_attachment=True, filename=name)
