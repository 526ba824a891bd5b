"""The list of service agreements and the form to record one (S2 5.6.1.1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import action_error_to_form, paginate, query_without_page, workbook_response

from .. import actions
from ..filters import AgreementFilter
from ..forms import AgreementForm
from ..models import ServiceAgreement


@login_required
def agreement_list(request):
    if not can(request.user, "aftersales.view_serviceagreement"):
        raise Http404
    visible = restrict(ServiceAgreement.objects.select_related("customer", "product"), request.user)
    filterset = AgreementFilter(request.GET or None, queryset=visible)
    agreements = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    may_add = can(request.user, "aftersales.add_serviceagreement")
    form = AgreementForm(request.POST or None) if may_add else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            agreement = actions.create_agreement(request.user, form.cleaned_data)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(
                request, _("Agreement %(number)s recorded.") % {"number": agreement.number}
            )
            return redirect("aftersales:agreements")
    return render(
        request,
        "aftersales/agreements.html",
        {
            "filter": filterset,
            "page": paginate(request, agreements),
            "query": query_without_page(request),
            "form": form,
        },
    )


@login_required
def sheet_export(request, kind):
    """The Excel ledger of warnings, agreements, visit plans, visit reports or trainings."""

    from django.utils import timezone

    from csc.core.permissions import perm_name

    from ..sheets import SHEETS

    if kind not in SHEETS or not can(request.user, perm_name(SHEETS[kind][0], "view")):
        raise Http404
    name = f"{kind}-{timezone.localdate():%Y%m%d}.xlsx"
    return workbook_response(lambda file: actions.export_sheet(request.user, kind, file), name)
