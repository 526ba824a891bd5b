"""Condition checks due and overdue (PRP-7), and the damage/loss KPI (PRP-5)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from csc.core.permissions import restrict
from csc.core.views import filtered, paginate, query_without_page, require_page

from ..conf import setting
from ..filters import CheckFilter
from ..kpis import damage_by_month
from ..models import NO_SECRETS, Anomaly, ConditionCheck


@login_required
def check_list(request):
    require_page(request, "property.view_conditioncheck")
    queryset = restrict(
        ConditionCheck.objects.select_related("item", "item__customer", "checked_by").defer(
            *[f"item__{name}" for name in NO_SECRETS]
        ),
        request.user,
    )
    filterset, checks = filtered(CheckFilter, request, queryset, ["-status", "due_on", "-id"])
    return render(
        request,
        "property/checks.html",
        {
            "filter": filterset,
            "page": paginate(request, checks),
            "query": query_without_page(request),
            "today": timezone.localdate(),
        },
    )


@login_required
def kpi_page(request):
    require_page(request, "property.view_anomaly")
    anomalies = restrict(Anomaly.objects.all(), request.user)
    kpi_rows = damage_by_month(anomalies)
    return render(
        request,
        "property/kpi.html",
        {
            "months": kpi_rows,
            "target": setting("PROPERTY_DAMAGE_TARGET"),
            "total": sum(row["total"] for row in kpi_rows),
            "peak": max([row["total"] for row in kpi_rows] + [1]),
            "missed": sum(1 for row in kpi_rows if not row["met"]),
        },
    )
