"""Pages of the indicators, the dashboard and the management review; every write calls a
verb in ``actions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core import charts
from csc.core.actions import signatures_of
from csc.core.choices import Role
from csc.core.errors import ActionError
from csc.core.permissions import can
from csc.core.views import flash_error, flash_form_errors, paginate, require_page, run_form

from . import actions, forms, indicators, rules, values
from .choices import Rating, Unit
from .conf import setting
from .models import ClosedPeriod, ManagementReview, Snapshot, Target
from .rules import REVIEW_FLOW


def _chart(row, width=360, height=150):
    points = [(p.label, p.value, p.url) for p in row.points]
    target = row.points[-1].target if row.points else None
    return charts.trend(points, target, str(row.indicator.name), width=width, height=height)


def _owner(indicator):
    return Role(indicator.owner).label if indicator.owner in Role.values else indicator.owner


@login_required
def dashboard(request):
    """Every indicator's latest value against its target, with its trend (KPI-2)."""
    require_page(request, "kpi.view_kpi")
    form = forms.DashboardForm(request.GET or None)
    months, live = setting("KPI_DASHBOARD_MONTHS"), False
    if form.is_bound and form.is_valid():
        months = form.cleaned_data["months"] or months
        live = form.cleaned_data["live"]
    rows = values.rows(periods=months, live=live)
    cards = [
        {
            "row": row,
            "chart": _chart(row),
            "owner": _owner(row.indicator),
            "unit": Unit(row.indicator.unit).label,
        }  # fmt: skip
        for row in rows
    ]
    counts = {rating: sum(1 for r in rows if r.rating == rating) for rating in Rating.values}
    return render(
        request,
        "kpi/dashboard.html",
        {
            "form": form,
            "cards": cards,
            "counts": counts,
            "live": live,
            "may_close": can(request.user, "kpi.close_period"),
            "month_form": forms.MonthForm(),
            "closed": ClosedPeriod.objects.select_related("closed_by")[:6],
        },
    )


@login_required
def indicator_detail(request, code):
    require_page(request, "kpi.view_kpi")
    indicator = indicators.get(code)
    if indicator is None:
        raise Http404
    row = values.row(indicator, periods=24)
    live = {p.start: p for p in values.row(indicator, periods=24, live=True).points}
    stored = {
        s.period_start: s for s in Snapshot.objects.filter(code=code).select_related("recorded_by")
    }
    periods = [
        {"point": p, "snapshot": stored.get(p.start), "live": live.get(p.start)}
        for p in reversed(row.points)
    ]
    return render(
        request,
        "kpi/indicator.html",
        {
            "indicator": indicator,
            "row": row,
            "chart": _chart(row, width=720, height=240),
            "periods": periods,
            "owner": _owner(indicator),
            "unit": Unit(indicator.unit).label,
            "period_label": indicators.label_of,
            "targets": Target.objects.filter(code=code).select_related("set_by"),
            "default_target": rules.default_target(indicator),
            "may_set_target": can(request.user, "kpi.add_target"),
            "may_enter": indicator.manual and can(request.user, "kpi.add_snapshot"),
            "target_form": forms.TargetForm(),
            "value_form": forms.ValueForm(),
        },
    )


@login_required
@require_POST
def set_target(request, code):
    require_page(request, "kpi.view_kpi")
    form = forms.TargetForm(request.POST)
    run_form(request, form, lambda d: actions.set_target(request.user, code, d["valid_from"], d["value"], d["note"]), _("Target saved."))  # fmt: skip
    return redirect("kpi:indicator", code=code)


@login_required
@require_POST
def enter_value(request, code):
    require_page(request, "kpi.view_kpi")
    form = forms.ValueForm(request.POST)
    run_form(request, form, lambda d: actions.enter_value(request.user, code, d["period_start"], d["value"], d["note"]), _("Value saved."))  # fmt: skip
    return redirect("kpi:indicator", code=code)


@login_required
@require_POST
def close_month(request):
    require_page(request, "kpi.close_period")
    form = forms.MonthForm(request.POST)
    run_form(request, form, lambda d: actions.close_month(request.user, d["month"]), _("Month closed: its values are final."))  # fmt: skip
    return redirect("kpi:dashboard")


# --- management review -----------------------------------------------------------------------


@login_required
def review_list(request):
    require_page(request, "kpi.view_managementreview")
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST":
        require_page(request, "kpi.add_managementreview")
        if form.is_valid():
            try:
                review = actions.create_review(request.user, form.cleaned_data)
            except ActionError as error:
                from csc.core.views import action_error_to_form

                action_error_to_form(form, error)
            else:
                return redirect(review)
    reviews = ManagementReview.objects.select_related("created_by")
    return render(
        request,
        "kpi/reviews.html",
        {
            "page": paginate(request, reviews),
            "form": form,
            "may_add": can(request.user, "kpi.add_managementreview"),
        },
    )


def _review(request, pk):
    require_page(request, "kpi.view_managementreview")
    return get_object_or_404(ManagementReview.objects.select_related("job"), pk=pk)


@login_required
def review_detail(request, pk):
    review = _review(request, pk)
    initial = {name: getattr(review, name) for name in ManagementReview.TEXT_FIELDS}
    form = forms.SectionsForm(request.POST or None, initial={**initial, "version": review.version})
    if request.method == "POST":
        require_page(request, "kpi.change_managementreview")
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in ManagementReview.TEXT_FIELDS}
            try:
                actions.write_sections(request.user, review, data, form.cleaned_data["version"])
            except ActionError as error:
                flash_error(request, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(review)
    return render(
        request,
        "kpi/review.html",
        {
            "review": review,
            "form": form,
            "steps": REVIEW_FLOW.allowed(review),
            "may_generate": can(request.user, "kpi.generate_managementreview"),
            "may_sign": can(request.user, "kpi.sign_managementreview"),
            "may_edit": can(request.user, "kpi.change_managementreview")
            and review.status != "signed",  # fmt: skip
            "signatures": signatures_of(review),
        },
    )


@login_required
@require_POST
def review_generate(request, pk):
    from csc.core import jobs

    review = _review(request, pk)
    require_page(request, "kpi.generate_managementreview")
    try:
        actions.start_pack(request.user, review)
    except ActionError as error:
        flash_error(request, error)
        return redirect(review)
    job = jobs.launch(request.user, "kpi.review_pack", _("Management review pack %(number)s") % {"number": review.number}, {"review": review.pk})  # fmt: skip
    review.refresh_from_db()
    if review.pack_pdf:
        messages.success(request, _("The pack is ready."))
        return redirect(review)
    return redirect(job)


@login_required
@require_POST
def review_sign(request, pk):
    review = _review(request, pk)
    require_page(request, "kpi.sign_managementreview")
    form = forms.NoteForm(request.POST)
    form.is_valid()
    try:
        actions.sign_review(request.user, review, form.cleaned_data.get("note", ""))
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Review signed."))
    return redirect(review)


@login_required
def review_file(request, pk, kind):
    review = _review(request, pk)
    stored = {"pdf": review.pack_pdf, "xlsx": review.pack_xlsx}.get(kind)
    if not stored:
        raise Http404
    return FileResponse(stored.open("rb"), as_attachment=kind == "xlsx", filename=stored.name.rsplit("/", 1)[-1])  # fmt: skip


@login_required
def scorecard_pdf(request, customer):
    """The customer's scorecard as a PDF to send (only of a customer the user may see)."""
    from django.http import HttpResponse

    from csc.core.permissions import restrict
    from csc.customers.models import Customer

    from . import scorecard

    require_page(request, "kpi.view_kpi")
    found = get_object_or_404(restrict(Customer.objects.all(), request.user), pk=customer)
    response = HttpResponse(scorecard.pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="scorecard-{found.code}.pdf"'
    return response


# --- audit evidence and the forms (REC-1) ----------------------------------------------------


def _last_month():
    import datetime as dt

    from django.utils import timezone

    first = indicators.periods_back(timezone.localdate(), 2)[0]
    return first, indicators.next_period(first) - dt.timedelta(days=1)


@login_required
def evidence_list(request):
    """Every clause an auditor asks about, with a period and one button making its pack."""
    from . import evidence

    require_page(request, "kpi.view_kpi")
    start, end = _last_month()
    form = forms.EvidenceForm(request.GET or None, initial={"start": start, "end": end})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    clauses = [{"clause": c, "pages": evidence.pages(c)} for c in evidence.CLAUSES]
    return render(
        request,
        "kpi/evidence.html",
        {"form": form, "clauses": clauses, "start": start, "end": end},
    )


@login_required
@require_POST
def evidence_generate(request, code):
    """Start the clause's pack for the period posted; answer with the zip or the job's page."""
    from csc.core.views import job_response

    from . import evidence

    require_page(request, "kpi.view_kpi")
    clause = evidence.get(code)
    if clause is None:
        raise Http404
    form = forms.EvidenceForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("kpi:evidence")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    title = _("Audit evidence %(clause)s, %(start)s – %(end)s") % {"clause": clause.label, "start": start, "end": end}  # fmt: skip
    return job_response(request, "kpi.evidence_pack", title, {"clause": code, "start": start.isoformat(), "end": end.isoformat()})  # fmt: skip


@login_required
def form_list(request):
    """Every form the procedures name, its number, its record and where it is printed (REC-1)."""
    from . import seedforms

    require_page(request, "kpi.view_kpi")
    rows = seedforms.rows()
    return render(
        request,
        "kpi/forms.html",
        {
            "rows": rows,
            "own": seedforms.rows(seedforms.OWN_FORMS),
            "missing": sum(1 for r in rows if not r["printed"]),
        },
    )
