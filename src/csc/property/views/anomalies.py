"""Anomalies of customer property: the list and one report with its steps (PRP-5)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from csc.core.permissions import can, restrict
from csc.core.views import (
    filtered,
    paginate,
    query_without_page,
    require_page,
    run_form,
    show_addresses,
    visible,
)

from .. import actions, notices
from ..actions.common import default_address
from ..choices import AnomalyStatus, NoticeVia
from ..filters import AnomalyFilter
from ..forms import CloseAnomalyForm, NoteForm, NoticeForm
from ..models import NO_SECRETS, Anomaly


@login_required
def anomaly_list(request):
    require_page(request, "property.view_anomaly")
    queryset = restrict(
        Anomaly.objects.select_related("item", "item__customer", "lot", "reported_by").defer(
            *[f"item__{name}" for name in NO_SECRETS]
        ),
        request.user,
    )
    filterset, anomalies = filtered(AnomalyFilter, request, queryset, ["-reported_at", "-id"])
    return render(
        request,
        "property/anomalies.html",
        {
            "filter": filterset,
            "page": paginate(request, anomalies),
            "query": query_without_page(request),
        },
    )


def _notice_form(anomaly):
    return NoticeForm(
        initial={
            "via": NoticeVia.EMAIL,
            "to": default_address(anomaly.item.customer),
            "text": notices.anomaly_notice(anomaly),
        }
    )


#: step → (state it needs, permission, blank form)
ANOMALY_FORMS = {
    "confirm": (
        AnomalyStatus.REPORTED,
        "property.confirm_anomaly",
        lambda a: NoteForm(auto_id="confirm-%s"),
    ),
    "dismiss": (
        AnomalyStatus.REPORTED,
        "property.confirm_anomaly",
        lambda a: NoteForm(auto_id="dismiss-%s"),
    ),
    "notify": (AnomalyStatus.CONFIRMED, "property.notify_property_customer", _notice_form),
    "close": (AnomalyStatus.NOTIFIED, "property.confirm_anomaly", lambda a: CloseAnomalyForm()),
}


@login_required
def anomaly_detail(request, pk):
    anomaly = visible(
        request,
        Anomaly,
        pk,
        related=(
            "item", "item__customer", "lot", "reported_by", "department", "confirmed_by",
            "notified_by", "closed_by", "notice_email",
        ),
    )  # fmt: skip
    forms = {
        step: make(anomaly)
        for step, (state, perm, make) in ANOMALY_FORMS.items()
        if anomaly.status == state and can(request.user, perm, anomaly)
    }
    show_addresses(request, [anomaly], "notice_to")
    return render(
        request,
        "property/anomaly_detail.html",
        {"anomaly": anomaly, "item": anomaly.item, "forms": forms},
    )


def _note_step(verb):
    def step(user, anomaly, post):
        return NoteForm(post), lambda d: verb(user, anomaly, d["note"])

    return step


def _notify(user, anomaly, post):
    form = NoticeForm(post)
    return form, lambda d: actions.notify_anomaly_customer(
        user, anomaly, d["via"], d["to"], d["text"]
    )


def _close(user, anomaly, post):
    form = CloseAnomalyForm(post)
    return form, lambda d: actions.close_anomaly(
        user, anomaly, d["outcome"], d["note"], d["quantity"]
    )


ANOMALY_STEPS = {
    "confirm": (_note_step(actions.confirm_anomaly), gettext_lazy("Confirmed.")),
    "dismiss": (_note_step(actions.dismiss_anomaly), gettext_lazy("Dismissed.")),
    "notify": (_notify, gettext_lazy("The customer notice was recorded.")),
    "close": (_close, gettext_lazy("The disposition was recorded; the anomaly is closed.")),
}


@login_required
@require_POST
def anomaly_step(request, pk, step):
    anomaly = visible(request, Anomaly, pk, related=("item", "item__customer", "lot"))
    if step not in ANOMALY_STEPS:
        raise Http404
    build, success = ANOMALY_STEPS[step]
    form, call = build(request.user, anomaly, request.POST)
    run_form(request, form, call, str(success))
    return redirect(anomaly)
