"""The page a customer opens from a receipt link: no login, the token is the key; a link is
used once (SVC-5). A tampered, expired or used link gets a page saying so; nothing is stored."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from csc.core.errors import ActionError
from csc.core.views import action_error_to_form

from . import actions, receipts
from .forms import ConfirmForm


def _private(response):
    """The token is in the URL: keep the page out of caches, search engines and referrers."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _page(request, template, context, status=200):
    context = {**context, "company": settings.CSC.get("COMPANY_NAME", "")}
    return _private(render(request, f"aftersales/public/{template}", context, status=status))


@never_cache
def confirm(request, token):
    try:
        link = receipts.resolve(token)
    except receipts.LinkError as error:
        return _page(request, "refused.html", {"error": error}, status=error.status)
    record = link.record
    form = ConfirmForm(request.POST or None)
    status = 200
    if request.method == "POST":
        form.is_valid()
        d = form.cleaned_data
        try:
            receipt = actions.confirm_by_link(
                None, token, d.get("signer_name", ""), bool(d.get("satisfied")), d.get("remark", "")
            )
        except receipts.LinkError as error:
            return _page(request, "refused.html", {"error": error}, status=error.status)
        except ActionError as error:
            if error.status == 409:
                return _page(request, "refused.html", {"error": error}, status=409)
            action_error_to_form(form, error)
            status = 400
        else:
            return _page(request, "thanks.html", {"receipt": receipt})
    return _page(request, "confirm.html", {"record": record, "form": form}, status=status)
