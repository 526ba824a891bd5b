"""Pages of service staff training (SVC-11): records, the yearly check and the evaluation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.actions import attachments_of
from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import action_error_to_form, paginate

from .. import actions
from ..forms import TrainingForm
from ..models import Training


@login_required
def training_list(request):
    """Trainings, the staff still without skills training this year, and their indicators."""
    if not can(request.user, "aftersales.view_training"):
        raise Http404
    chosen = request.GET.get("year", "")
    year = int(chosen) if chosen.isdigit() else timezone.localdate().year
    trainings = restrict(Training.objects.all(), request.user)
    return render(
        request,
        "aftersales/trainings.html",
        {
            "year": year,
            "page": paginate(request, trainings),
            "untrained": actions.untrained_staff(year),
            "evaluation": actions.evaluation(year),
            "may_add": can(request.user, "aftersales.add_training"),
        },
    )


@login_required
def training_new(request):
    if not can(request.user, "aftersales.add_training"):
        raise Http404
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training = actions.record_training(request.user, form.cleaned_data, form.results())
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("Training %(number)s recorded.") % {"number": training.number})  # fmt: skip
            return redirect(training)
    return render(request, "aftersales/training_form.html", {"form": form})


@login_required
def training_detail(request, pk):
    training = get_object_or_404(restrict(Training.objects.all(), request.user), pk=pk)
    return render(
        request,
        "aftersales/training.html",
        {
            "training": training,
            "attendance": training.attendance.select_related("person"),
            "attachments": attachments_of(training),
            "may_edit": can(request.user, "aftersales.change_training", training),
        },
    )
