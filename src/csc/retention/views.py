"""The retention page: the dry run (what tonight's job would archive or purge) and legal holds."""

import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.errors import ActionError
from csc.core.permissions import can
from csc.core.views import flash_error, flash_form_errors

from . import actions
from .forms import HoldForm, ReleaseForm
from .models import LegalHold, RetentionEntry
from .registry import TYPES, by_key

SHOWN = 200


@login_required
def retention(request):
    if not can(request.user, "retention.view_legalhold"):
        raise Http404
    return render(
        request,
        "retention/list.html",
        {
            "types": [(t, t.years(), t.outcome()) for t in TYPES],
            "due": list(itertools.islice(actions.candidates(), SHOWN)),
            "shown": SHOWN,
            "holds": LegalHold.objects.filter(released_at__isnull=True).select_related("set_by"),
            "entries": RetentionEntry.objects.all()[:50],
            "may_hold": can(request.user, "retention.add_legalhold"),
            "hold_form": HoldForm(),
            "release_form": ReleaseForm(),
        },
    )


@login_required
@require_POST
def hold(request):
    if not can(request.user, "retention.add_legalhold"):
        raise Http404
    form = HoldForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("retention:list")
    model = by_key(form.cleaned_data["record_type"]).model_class()
    record = model._default_manager.filter(pk=form.cleaned_data["record_id"]).first()
    if record is None:
        messages.error(request, _("No record of this type has this id."))
        return redirect("retention:list")
    try:
        actions.set_hold(request.user, record, form.cleaned_data["reason"])
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The record is under legal hold."))
    return redirect("retention:list")


@login_required
@require_POST
def release(request, pk):
    if not can(request.user, "retention.change_legalhold"):
        raise Http404
    legal_hold = get_object_or_404(LegalHold, pk=pk)
    form = ReleaseForm(request.POST)
    form.is_valid()
    try:
        actions.release_hold(request.user, legal_hold, form.cleaned_data.get("reason", ""))
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The legal hold was released."))
    return redirect("retention:list")
