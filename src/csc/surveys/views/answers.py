"""Answers: the list (customers see their own), one answer, and keying in a paper answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import (
    LEDGER_COUNT_AT_MOST,
    action_error_to_form,
    filtered,
    flash_error,
    paginate,
    query_without_page,
    require_page,
    visible,
)

from .. import actions, rules
from ..filters import ResponseFilter
from ..forms import ManualAnswerForm
from ..models import SurveyResponse
from .rounds import invitation_of


@login_required
def response_list(request):
    require_page(request, "surveys.view_surveyresponse")
    responses = restrict(
        SurveyResponse.objects.select_related("customer", "round", "entered_by"), request.user
    )
    filterset, responses = filtered(ResponseFilter, request, responses, ["-submitted_at", "-id"])
    return render(
        request,
        "surveys/responses.html",
        {
            "filter": filterset,
            # A round of a hundred thousand answers is not counted to the end for the pager.
            "page": paginate(request, responses, count_at_most=LEDGER_COUNT_AT_MOST),
            "query": query_without_page(request),
            "rounding": rules.ROUNDING_RULE,
        },
    )


@login_required
def response_detail(request, pk):
    response = visible(
        request,
        SurveyResponse,
        pk,
        related=("customer", "round__template", "entered_by", "product"),
    )
    staff = can(request.user, "surveys.view_surveyaction")
    return render(
        request,
        "surveys/response.html",
        {
            "response": response,
            "answers": response.answers.select_related("item").order_by("item__position"),
            "survey_actions": response.actions.select_related("capa__department") if staff else [],
            "rounding": rules.ROUNDING_RULE,
        },
    )


@login_required
def enter_response(request, pk, invitation_pk):
    """Key in an answer that came back on paper, by fax or by e-mail (SUR-1)."""
    if not can(request.user, "surveys.enter_surveyresponse"):
        raise Http404
    invitation = invitation_of(request, pk, invitation_pk)
    template = invitation.round.template
    form = ManualAnswerForm(template, list(template.items.all()), request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                response = actions.enter_response(
                    request.user, invitation, form.values(), form.comments(),
                    form.cleaned_data["comment"], form.cleaned_data["channel"],
                    form.cleaned_data["respondent"],
                )  # fmt: skip
            except ActionError as error:
                if error.fields:
                    action_error_to_form(form, error)
                else:
                    flash_error(request, error)
                    return redirect(invitation.round)
            else:
                messages.success(request, _("The answer was recorded."))
                return redirect(response)
        status = 400
    return render(
        request,
        "surveys/enter.html",
        {"form": form, "invitation": invitation, "round": invitation.round},
        status=status,
    )
