"""Survey rounds: list, planning, the round page with its steps, statistics and reports."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core import charts
from csc.core.errors import ActionError
from csc.core.mail import with_delivery
from csc.core.permissions import can, restrict
from csc.core.privacy import masked_email
from csc.core.views import (
    action_error_to_form,
    filtered,
    flash_error,
    flash_form_errors,
    job_response,
    paginate,
    query_without_page,
    require_page,
    show_addresses,
    visible,
)

from .. import actions, rules, stats
from ..conf import setting
from ..filters import InvitationFilter, RoundFilter
from ..forms import ChaseForm, RoundForm, StepForm
from ..models import SurveyAnswer, SurveyInvitation, SurveyResponse, SurveyRound

STEPS = {
    "open": actions.open_round,
    "send": actions.send_round,
    "remind": actions.remind_round,
    "close": actions.close_round,
}


@login_required
def round_list(request):
    require_page(request, "surveys.view_surveyround")
    rounds = restrict(SurveyRound.objects.select_related("template", "plan"), request.user)
    filterset, rounds = filtered(RoundFilter, request, rounds, ["-period_end", "-id"])
    return render(
        request,
        "surveys/rounds.html",
        {
            "filter": filterset,
            "page": paginate(request, rounds),
            "query": query_without_page(request),
            "may_create": can(request.user, "surveys.add_surveyround"),
            "rounding": rules.ROUNDING_RULE,
        },
    )


@login_required
def round_new(request):
    if not can(request.user, "surveys.add_surveyround"):
        raise Http404
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = {k: data[k] for k in ("response_days", "c_share") if data.get(k) is not None}
        try:
            survey_round = actions.create_round(
                request.user, data["template"], data["period_start"], data["period_end"],
                title=data["title"], **options,
            )  # fmt: skip
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("The round was planned. Draw its sample when ready."))
            return redirect(survey_round)
    return render(request, "surveys/round_form.html", {"form": form})


def _steps_for(request, survey_round):
    if not can(request.user, "surveys.run_surveyround"):
        return []
    return [(s, rules.ROUND_FLOW.steps[s].label) for s in rules.ROUND_FLOW.allowed(survey_round)]


@login_required
def round_detail(request, pk):
    survey_round = visible(request, SurveyRound, pk, related=("template", "plan", "created_by"))
    table = stats.statistics(survey_round)
    invitations = survey_round.invitations.select_related("customer", "mail").annotate(
        chase_count=Count("chases")
    )
    invitation_filter, invitations = filtered(
        InvitationFilter, request, invitations, ["abc_class", "customer__name"]
    )
    # The address is usually a contact person's (SEC-2).
    page = show_addresses(
        request, paginate(request, invitations, 20), "email", survey_round, masked_email
    )
    with_delivery(page, "mail")  # each invitation's e-mail state beside it
    return render(
        request,
        "surveys/round.html",
        {
            "round": survey_round,
            "stats": table,
            "profile": _profile_chart(survey_round, table),
            "steps": _steps_for(request, survey_round),
            "step_form": StepForm(),
            "chase_form": ChaseForm(auto_id=False),
            "min_rate": _percent_setting("SURVEY_MIN_RESPONSE_RATE"),
            "ab_min_rate": _percent_setting("SURVEY_AB_MIN_RESPONSE_RATE"),
            "invitation_filter": invitation_filter,
            "invitations": page,
            "query": query_without_page(request),
            "survey_actions": survey_round.actions.select_related(
                "capa__department", "response__customer", "item"
            ),
            "may_chase": can(request.user, "surveys.add_chase"),
            "may_enter": can(request.user, "surveys.enter_surveyresponse"),
            "may_export": can(request.user, "surveys.export_survey"),
            "no_email": survey_round.invitations.filter(email="").count(),
        },
    )


def _percent_setting(name):
    return rules.rounded(setting(name) * 100, Decimal(1))


def _profile_chart(survey_round, table):
    template = survey_round.template
    rows = [(r["item"].label, r["average"], r["meets"]) for r in table["items"] if r["answers"]]
    maximum = (
        max(template.levels)
        if template.is_weighted
        else max((r["item"].max_points or 0 for r in table["items"]), default=20)
    )
    return charts.item_profile(rows, template.requirement, maximum, title=_("Item profile"))


@login_required
@require_POST
def round_step(request, pk, step):
    survey_round = visible(request, SurveyRound, pk)
    if step not in STEPS:
        raise Http404
    form = StepForm(request.POST)
    form.is_valid()
    try:
        result = STEPS[step](request.user, survey_round, form.cleaned_data.get("note", ""))
    except ActionError as error:
        flash_error(request, error)
    else:
        done = rules.ROUND_FLOW.steps[step].label
        if step == "remind":
            done = _("%(n)s reminders sent") % {"n": result}
        messages.success(request, _("Done: %(step)s.") % {"step": done})
    return redirect(survey_round)


@login_required
@require_POST
def chase(request, pk, invitation_pk):
    survey_round = visible(request, SurveyRound, pk)
    invitation = get_object_or_404(survey_round.invitations, pk=invitation_pk)
    form = ChaseForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(survey_round)
    try:
        actions.log_chase(request.user, invitation, **form.cleaned_data)
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The chase was logged."))
    return redirect(survey_round)


@login_required
def round_statistics(request, pk):
    """The statistics table (HT-QR-MA-02): per customer, item, class, product line; comments."""
    survey_round = visible(request, SurveyRound, pk, related=("template",))
    table = stats.statistics(survey_round)
    responses = (
        restrict(SurveyResponse.objects.filter(round=survey_round), request.user)
        .select_related("customer")
        .order_by("satisfaction", "customer__name")
    )
    comments = (
        survey_round.responses.exclude(comment="")
        .select_related("customer")
        .order_by("-submitted_at")
    )
    item_comments = (
        SurveyAnswer.objects.filter(round=survey_round)
        .exclude(comment="")
        .select_related("item", "response__customer")
        .order_by("item__position", "-response__submitted_at")
    )
    return render(
        request,
        "surveys/statistics.html",
        {
            "round": survey_round,
            "stats": table,
            "profile": _profile_chart(survey_round, table),
            "page": paginate(request, responses),
            "comments": comments[:50],
            "item_comments": item_comments[:100],
            "query": query_without_page(request),
            "may_export": can(request.user, "surveys.export_survey"),
        },
    )


def _export_allowed(request, pk):
    survey_round = visible(request, SurveyRound, pk, related=("template",))
    if not can(request.user, "surveys.export_survey"):
        raise Http404
    return survey_round


@login_required
def report_pdf(request, pk):
    survey_round = _export_allowed(request, pk)
    title = _("Survey report %(number)s") % {"number": survey_round.number}
    return job_response(request, "surveys.report", title, {"round": pk, "format": "pdf"})


@login_required
def report_xlsx(request, pk):
    survey_round = _export_allowed(request, pk)
    title = _("Survey statistics %(number)s") % {"number": survey_round.number}
    return job_response(request, "surveys.report", title, {"round": pk, "format": "xlsx"})


@login_required
def trend(request):
    require_page(request, "surveys.view_surveyround")
    rows = stats.trend()
    points = [
        (f"{r['period_end']:%Y-%m}", r["index"], reverse("surveys:round", args=[r["pk"]]))
        for r in rows
    ]
    round_ids = [r["pk"] for r in rows]
    lines = stats.product_line_trend(round_ids)
    table = [
        (line or _("(no product line)"), [by_round.get(pk) for pk in round_ids])
        for line, by_round in sorted(lines.items())
    ]
    target = setting("SURVEY_ANNUAL_TARGET")
    return render(
        request,
        "surveys/trend.html",
        {
            "rounds": rows,
            "chart": charts.trend(points, target=target, name=_("Satisfaction trend")),
            "lines": table,
            "target": rules.rounded(target),
            "rounding": rules.ROUNDING_RULE,
        },
    )


def invitation_of(request, pk, invitation_pk):
    survey_round = visible(request, SurveyRound, pk, related=("template",))
    return get_object_or_404(
        SurveyInvitation.objects.select_related("customer", "round__template"),
        pk=invitation_pk,
        round=survey_round,
    )
