"""The complaint KPI page (CMP-11): per month, per customer, with charts."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core import charts
from csc.core.permissions import can, restrict

from .. import kpis
from ..forms import KpiForm
from ..models import Complaint


@login_required
def kpi_page(request):
    if not can(request.user, "complaints.view_kpi"):
        raise Http404
    form = KpiForm(request.GET or None)
    year, customer = timezone.localdate().year, None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"] or year
        customer = form.cleaned_data["customer"]
    complaints = restrict(Complaint.objects.all(), request.user)
    if customer is not None:
        complaints = complaints.filter(customer=customer)
    period = kpis.year_period(year)
    months = kpis.monthly(complaints, period, customer)
    by_category = kpis.pareto_by_category(complaints, period)
    by_cause = kpis.pareto_by_cause(complaints, period)
    labels = [row["month"][5:] for row in months]
    return render(
        request,
        "complaints/kpis.html",
        {
            "form": form,
            "year": year,
            "customer": customer,
            "months": months,
            "total": kpis.totals(months),
            "reply": kpis.reply_on_time(complaints, period),
            "eightd": kpis.eightd_on_time(complaints, period),
            "by_category": by_category,
            "by_cause": by_cause,
            "customers": [] if customer else kpis.per_customer(complaints, period),
            "rate_chart": charts.bars_and_line(
                labels,
                [row["complaints"] for row in months],
                [row["rate"] for row in months],
                bar_name=_("Complaints"),
                line_name=_("Complaint rate %"),
            ),
            "ppm_chart": charts.bars_and_line(
                labels, [row["ppm"] or 0 for row in months], bar_name=_("PPM")
            ),
            "category_chart": charts.pareto_chart(
                by_category, _("Complaints by category"), _("Cumulative %")
            ),
            "cause_chart": charts.pareto_chart(
                by_cause, _("Complaints by 5M1E class"), _("Cumulative %")
            ),
        },
    )
