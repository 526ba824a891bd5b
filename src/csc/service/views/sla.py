"""The SLA report page, its chart and its Excel export."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core import audit, charts, xlsx
from csc.core.permissions import can, restrict
from csc.core.views import workbook_response

from .. import report
from ..models import ServiceRequest, Team


def _scope(request):
    if not can(request.user, "service.view_slareport"):
        raise Http404
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if not 2000 <= year <= 2999:  # a typed year 0 or 99999 shows this year, never an error
        year = timezone.localdate().year
    queryset = restrict(ServiceRequest.objects.all(), request.user)
    team = request.GET.get("team")
    return year, queryset, int(team) if team and team.isdigit() and len(team) < 10 else None


@login_required
def report_page(request):
    year, queryset, team = _scope(request)
    lines = report.lines(queryset, year, team)
    return render(
        request,
        "service/report.html",
        {
            "year": year,
            "lines": lines,
            "backlog": report.backlog(queryset if team is None else queryset.filter(team_id=team)),
            "buckets": [label for label, _low, _high in report.AGE_BUCKETS],
            "chart": _chart(report.monthly_rates(lines)),
            "teams": Team.objects.all(),
            "team": request.GET.get("team", ""),
        },
    )


def _chart(rates):
    """Bars: the share of first answers on time per month; line: resolutions on time."""
    return charts.bars_and_line(
        [f"{month:%Y-%m}" for month, _answered, _resolved in rates],
        [answered for _month, answered, _resolved in rates],
        [resolved for _month, _answered, resolved in rates],
        bar_name=_("first answers on time (%)"),
        line_name=_("resolutions on time (%)"),
        bar_max=100,
        line_max=100,
    )


@login_required
def report_export(request):
    year, queryset, team = _scope(request)
    lines = report.lines(queryset, year, team)

    def write(file):
        count = xlsx.write_workbook(
            file, str(year), report.export_headers(), report.export_rows(lines)
        )
        audit.record_export(ServiceRequest, count)

    return workbook_response(write, f"sla-report-{year}.xlsx")
