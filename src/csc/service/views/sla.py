"""The SLA report page, its chart and its Excel export."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from csc.core import audit, xlsx
from csc.core.permissions import can, restrict
from csc.core.views import workbook_response

from .. import report
from ..models import ServiceRequest, Team

# The chart's drawing area in SVG units.
WIDTH, HEIGHT, BAR = 720, 200, 22


def _scope(request):
    if not can(request.user, "service.view_slareport"):
        raise Http404
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    queryset = restrict(ServiceRequest.objects.all(), request.user)
    team = request.GET.get("team")
    if team and team.isdigit():
        queryset = queryset.filter(team_id=int(team))
    return year, queryset


@login_required
def report_page(request):
    year, queryset = _scope(request)
    lines = report.lines(queryset, year)
    return render(
        request,
        "service/report.html",
        {
            "year": year,
            "lines": lines,
            "backlog": report.backlog(queryset),
            "buckets": [label for label, _low, _high in report.AGE_BUCKETS],
            "chart": _chart(report.monthly_rates(lines)),
            "teams": Team.objects.all(),
            "team": request.GET.get("team", ""),
            "chart_size": (WIDTH, HEIGHT + 40),
        },
    )


def _chart(rates):
    """Return the bars of the chart: two per month, the share of answers and resolutions on
    time, drawn by the template as SVG on the server (no script)."""
    bars = []
    for index, (month, answered, resolved) in enumerate(rates):
        x = 40 + index * (2 * BAR + 14)
        for offset, value, kind in ((0, answered, "answer"), (BAR, resolved, "resolution")):
            height = round(HEIGHT * (value or 0) / 100)
            bars.append(
                {"x": x + offset, "y": HEIGHT - height, "height": height, "kind": kind,
                 "value": value, "label": month.strftime("%m") if not offset else ""}
            )  # fmt: skip
    return bars


@login_required
def report_export(request):
    year, queryset = _scope(request)
    lines = report.lines(queryset, year)

    def write(file):
        count = xlsx.write_workbook(
            file, str(year), report.export_headers(), report.export_rows(lines)
        )
        audit.record_export(ServiceRequest, count)

    return workbook_response(write, f"sla-report-{year}.xlsx")
