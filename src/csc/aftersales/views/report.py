"""The service summary report (SVC-10) of a month or a year: page, PDF and Excel."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import override

from csc.core.views import require_page

from .. import actions
from ..pdf import service_report_pdf
from ..servicereport import Period, figure_rows, monthly, summary


def _period(request):
    """Return the Period asked for (``?year=2026&month=3``; ``month=h1`` or ``h2``: a half
    year; no month: the year), this month by default; nonsense falls back to the default
    rather than failing."""
    today = timezone.localdate()
    default = Period(today.year, today.month)
    month = request.GET.get("month", str(today.month)).strip().lower()
    try:
        year = int(request.GET.get("year") or today.year)
        if month in ("h1", "h2"):
            half, month = int(month[1]), None
        else:
            half, month = None, int(month) if month else None
    except ValueError:
        return default
    if not 2000 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
        return default
    return Period(year, month, half)


@login_required
def report_page(request):
    require_page(request, "aftersales.view_servicereport")
    period = _period(request)
    figures = summary(period)
    return render(
        request,
        "aftersales/service_report.html",
        {
            "period": period,
            "rows": figure_rows(figures),
            "months": monthly(period) if period.by_month else None,
            "years": range(timezone.localdate().year - 4, timezone.localdate().year + 1),
            "month_choices": range(1, 13),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def report_pdf(request):
    require_page(request, "aftersales.view_servicereport")
    period = _period(request)
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        months = monthly(period) if period.by_month else None
        content = service_report_pdf(period, summary(period), months)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="service-report-{period}-{language}.pdf"'
    return response


@login_required
def report_xlsx(request):
    """The report as an Excel workbook, written to a temporary file and streamed back."""
    import tempfile

    require_page(request, "aftersales.view_servicereport")
    period = _period(request)
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by the response)
    actions.export_service_report(request.user, target, period)
    target.seek(0)
    response = StreamingHttpResponse(
        iter(lambda: target.read(64 * 1024), b""),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="service-report-{period}.xlsx"'
    response._resource_closers.append(target.close)
    return response
