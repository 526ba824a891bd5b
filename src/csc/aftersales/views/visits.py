"""Pages of customer visits (SVC-8): plans with their approvals and plan-vs-done, reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.actions import attachments_of, signatures_of
from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import action_error_to_form, flash_error, paginate

from .. import actions
from ..forms import PlanForm, PlanLines, VisitReportForm
from ..models import VisitPlan, VisitReport
from ..rules import PLAN_FLOW


@login_required
def plan_list(request):
    if not can(request.user, "aftersales.view_visitplan"):
        raise Http404
    chosen = request.GET.get("year", "")
    year = int(chosen) if chosen.isdigit() else timezone.localdate().year
    plans = restrict(VisitPlan.objects.select_related("salesperson"), request.user)
    if chosen.isdigit():
        plans = plans.filter(year=year)
    return render(
        request,
        "aftersales/plans.html",
        {
            "year": year,
            "page": paginate(request, plans),
            "months": actions.plan_vs_done(year),
            "may_add": can(request.user, "aftersales.add_visitplan"),
        },
    )


@login_required
def plan_new(request):
    if not can(request.user, "aftersales.add_visitplan"):
        raise Http404
    form = PlanForm(request.POST or None, initial={"year": timezone.localdate().year})
    lines = PlanLines(request.POST or None)
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        visits = [line.cleaned_data for line in lines if line.cleaned_data]
        try:
            plan = actions.create_plan(request.user, form.cleaned_data["year"], visits)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("Plan %(number)s drafted.") % {"number": plan.number})
            return redirect(plan)
    return render(request, "aftersales/plan_form.html", {"form": form, "lines": lines})


def _plan(request, pk):
    return get_object_or_404(restrict(VisitPlan.objects.select_related("salesperson"), request.user), pk=pk)  # fmt: skip


@login_required
def plan_detail(request, pk):
    plan = _plan(request, pk)
    return render(
        request,
        "aftersales/plan.html",
        {
            "plan": plan,
            "visits": plan.visits.select_related("customer", "report"),
            "steps": [(s, PLAN_FLOW.steps[s].label) for s in PLAN_FLOW.allowed(plan)],
            "months": actions.plan_vs_done(plan.year, plan.salesperson),
            "signatures": signatures_of(plan),
            "attachments": attachments_of(plan),
        },
    )


PLAN_STEPS = {
    "submit": actions.submit_plan,
    "review": actions.review_plan,
    "approve": actions.approve_plan,
    "reject": actions.reject_plan,
}


@login_required
@require_POST
def plan_step(request, pk, step):
    plan = _plan(request, pk)
    if step not in PLAN_STEPS:
        raise Http404
    try:
        PLAN_STEPS[step](request.user, plan, request.POST.get("note", ""))
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": PLAN_FLOW.steps[step].label})
    return redirect(plan)


@login_required
def report_list(request):
    if not can(request.user, "aftersales.view_visitreport"):
        raise Http404
    reports = restrict(VisitReport.objects.select_related("customer", "visitor"), request.user)
    return render(
        request,
        "aftersales/reports.html",
        {
            "page": paginate(request, reports),
            "may_add": can(request.user, "aftersales.add_visitreport"),
        },  # fmt: skip
    )


@login_required
def report_new(request):
    if not can(request.user, "aftersales.add_visitreport"):
        raise Http404
    form = VisitReportForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = actions.record_visit(request.user, form.cleaned_data, form.findings())
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("Visit report %(number)s saved.") % {"number": report.number})  # fmt: skip
            return redirect(report)
    return render(request, "aftersales/report_form.html", {"form": form})


@login_required
def report_detail(request, pk):
    reports = restrict(VisitReport.objects.select_related("customer", "visitor", "planned__plan"), request.user)  # fmt: skip
    report = get_object_or_404(reports, pk=pk)
    return render(
        request,
        "aftersales/report.html",
        {
            "report": report,
            "findings": report.findings.select_related("capa"),
            "attachments": attachments_of(report),
            "may_edit": can(request.user, "aftersales.change_visitreport", report),
        },
    )


@login_required
def report_pdf(request, pk):
    """The visit report as PDF, in Chinese (default) or English (``?lang=en``)."""
    from django.http import HttpResponse
    from django.utils.translation import override

    from ..pdf import visit_report_pdf

    reports = restrict(VisitReport.objects.select_related("customer", "visitor"), request.user)
    report = get_object_or_404(reports, pk=pk)
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = visit_report_pdf(report)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{report.number}-{language}.pdf"'
    return response
