"""What waits for a user in the survey area, for the home page."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.dashboard import queue_count
from csc.core.permissions import can, restrict

from .choices import RoundStatus
from .models import SurveyRound


def work_for(user):
    """Return [(title, url, count)]: rounds to send, and rounds past their answer date."""
    if not can(user, "surveys.run_surveyround"):
        return []
    rounds = restrict(SurveyRound.objects.all(), user)
    url = reverse("surveys:rounds")
    return [
        (
            _("Survey rounds to send"),
            f"{url}?status={RoundStatus.OPEN}",
            queue_count(rounds.filter(status=RoundStatus.OPEN)),
        ),
        (
            _("Survey rounds past their answer date"),
            f"{url}?status={RoundStatus.SENT}&overdue=1",
            queue_count(rounds.filter(status=RoundStatus.SENT, due_date__lt=timezone.localdate())),
        ),
    ]
