"""The answer page a customer opens from the e-mail: no login, one answer per link (SEC-3).

Shown in the customer's correspondence language (a switch offers the other one); a tampered,
expired or used link gets a page saying so, and nothing is recorded.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache

from csc.core.errors import Invalid
from csc.core.views import action_error_to_form

from . import actions, distribution
from .forms import AnswerForm
from .rules import ROUNDING_RULE


def _language(request, fallback):
    wanted = request.GET.get("lang") or request.POST.get("lang")
    return wanted if wanted in dict(settings.LANGUAGES) else fallback


def _private(response):
    """The token is in the URL: keep the page out of caches, search engines and other sites'
    logs. "same-origin", not "no-referrer": with no referrer at all, browsers send the form's
    POST with ``Origin: null`` and Django's CSRF check refuses it."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _refusal(request, error, language):
    with translation.override(language):
        response = render(
            request,
            "surveys/public/refused.html",
            {"error": error, "page": error.page, "company": settings.CSC["COMPANY_NAME"]},
            status=error.status,
        )
    return _private(response)


@never_cache
def answer(request, token):
    try:
        link = distribution.resolve(token)
    except distribution.LinkError as error:
        return _refusal(request, error, _language(request, settings.LANGUAGE_CODE))
    invitation = link.invitation
    language = _language(request, invitation.language)
    with translation.override(language):
        template = invitation.round.template
        form = AnswerForm(template, list(template.items.all()), request.POST or None)
        status = 200
        if request.method == "POST":
            outcome = _submit(request, token, form)
            if outcome is None:
                thanks = reverse("surveys:answer-thanks") + f"?lang={language}"
                return _private(redirect(thanks))
            if isinstance(outcome, distribution.LinkError):
                return _refusal(request, outcome, language)
            status = 400
        response = render(
            request,
            "surveys/public/answer.html",
            {
                "form": form,
                "invitation": invitation,
                "round": invitation.round,
                "template": template,
                "language": language,
                "other_languages": [c for c in settings.LANGUAGES if c[0] != language],
                "company": settings.CSC["COMPANY_NAME"],
                "rounding": ROUNDING_RULE,
            },
            status=status,
        )
    return _private(response)


def _submit(request, token, form):
    """Record the answer; return None when done, the LinkError, or False for form errors."""
    if not form.is_valid():
        return False
    try:
        actions.answer_by_link(
            None,
            token,
            form.values(),
            form.comments(),
            form.cleaned_data["comment"],
            form.cleaned_data["respondent"],
        )
    except distribution.LinkError as error:
        return error
    except Invalid as error:
        action_error_to_form(form, error)
        return False
    return None


@never_cache
def thanks(request):
    with translation.override(_language(request, settings.LANGUAGE_CODE)):
        return render(
            request, "surveys/public/thanks.html", {"company": settings.CSC["COMPANY_NAME"]}
        )
