"""The service summary report (SVC-10) of a month or a year: page, PDF and Excel."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from csc.core.errors import ActionError
from csc.core.permissions import can
from csc.core.views import flash_error, require_page, save_form, workbook_response

from .. import actions
from ..choices import SummaryStatus
from ..forms import ConclusionsForm
from ..models import ServiceSummary
from ..pdf import service_report_pdf
from ..servicereport import Period, conclusions, figure_rows, figures_of, month_chart, monthly


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


def _context(request, period, form=None):
    written = conclusions(period)
    signed = written is not None and written.status == SummaryStatus.SIGNED
    months = monthly(period) if period.by_month else None
    initial = {n: getattr(written, n) for n in ServiceSummary.TEXT_FIELDS} if written else {}
    return {
        "period": period,
        "rows": figure_rows(figures_of(period, written)),
        "months": months,
        "chart": month_chart(months) if months else None,
        "written": written,
        "signed": signed,
        "form": form
        or ConclusionsForm(
            initial={**initial, "version": written.version if written else None}
        ),  # fmt: skip
        "may_write": not signed and can(request.user, "aftersales.change_servicesummary"),
        "may_sign": bool(written)
        and not signed
        and can(request.user, "aftersales.sign_servicesummary"),  # fmt: skip
        "years": range(timezone.localdate().year - 4, timezone.localdate().year + 1),
        "month_choices": range(1, 13),
        "query": request.GET.urlencode(),
    }


@login_required
def report_page(request):
    require_page(request, "aftersales.view_servicereport")
    return render(request, "aftersales/service_report.html", _context(request, _period(request)))


def _back(request):
    return redirect(f"{reverse('aftersales:service-report')}?{request.GET.urlencode()}")


@login_required
@require_POST
def report_conclusions(request):
    """Save the conclusions; a refusal shows the page again with every typed word kept."""
    require_page(request, "aftersales.view_servicereport")
    period = _period(request)
    form = ConclusionsForm(request.POST)
    write = partial(actions.write_conclusions, request.user, period)
    if save_form(request, form, write, _("The conclusions are saved.")):
        return _back(request)
    context = _context(request, period, form=form)
    return render(request, "aftersales/service_report.html", context, status=400)


@login_required
@require_POST
def report_sign(request):
    require_page(request, "aftersales.view_servicereport")
    version = request.POST.get("version")
    try:
        actions.sign_off_summary(
            request.user, _period(request), int(version) if version and version.isdigit() else None,
            (request.POST.get("note") or "").strip(),
        )  # fmt: skip
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The service summary report is signed off."))
    return _back(request)


@login_required
def report_pdf(request):
    require_page(request, "aftersales.view_servicereport")
    period = _period(request)
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    written = conclusions(period)
    with override(language):
        months = monthly(period) if period.by_month else None
        content = service_report_pdf(period, figures_of(period, written), months, written)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="service-report-{period}-{language}.pdf"'
    return response


@login_required
def report_xlsx(request):
    require_page(request, "aftersales.view_servicereport")
    period = _period(request)
    return workbook_response(
        lambda file: actions.export_service_report(request.user, file, period),
        f"service-report-{period}.xlsx",
    )


def _week(request):
    """The ISO week asked for (``?week=2026-W49``), last week by default."""
    from ..weekly import Week

    return Week.parse(request.GET.get("week"), Week.of(timezone.localdate()).previous())


def _staff(request):
    """The service staff member to show alone, or None for all (an unknown id shows all)."""
    from ..models import ServiceStaff

    value = request.GET.get("staff", "")
    return ServiceStaff.objects.filter(pk=int(value)).first() if value.isdigit() else None


@login_required
def weekly_page(request):
    """The week's quality information from the field jobs (S2 1.9.4), for Sales."""
    from .. import weekly
    from ..models import ServiceStaff

    require_page(request, "aftersales.view_servicereport")
    week, staff = _week(request), _staff(request)
    jobs = weekly.job_rows(week, staff)
    context = {
        "week": week,
        "staff": staff,
        "staff_choices": ServiceStaff.objects.select_related("person").filter(active=True),
        "by_staff": weekly.by_staff(week) if staff is None else None,
        "by_defect": weekly.by_defect(week, staff),
        "requests": weekly.requests_by_category(week) if staff is None else None,
        "jobs": jobs,
        "limit": weekly.LISTED,
        "query": request.GET.urlencode(),
    }
    return render(request, "aftersales/weekly.html", context)


@login_required
def weekly_xlsx(request):
    require_page(request, "aftersales.view_servicereport")
    week, staff = _week(request), _staff(request)
    return workbook_response(
        lambda file: actions.export_weekly(request.user, file, week, staff),
        f"quality-information-{week}.xlsx",
    )
