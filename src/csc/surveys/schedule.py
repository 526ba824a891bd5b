"""What the worker does each day (SUR-1, SUR-5, S4 5.6.3): open the rounds the plans call for,
remind customers who have not answered, tell customers what was done about their answers.

Each function takes the date or time it runs for, so tests drive it like the worker does.
"""

import logging

from django.utils import timezone

from csc.core.errors import ActionError

from . import actions, rules
from .choices import RoundStatus
from .models import SurveyPlan, SurveyRound

logger = logging.getLogger(__name__)


def open_due_rounds(today, now=None):
    """Open (and send) each active plan's round for the period ``today`` falls in; return them.

    A plan whose round for the period exists is skipped, so running twice opens nothing new;
    a plan the worker could not open (no published questionnaire, owner without permission)
    is logged and skipped, the others still open.
    """
    opened = []
    for plan in SurveyPlan.objects.filter(active=True).select_related("template", "owner"):
        period = rules.period_for(plan.frequency, plan.open_month, today)
        if period is None or SurveyRound.objects.filter(plan=plan, period_start=period[0]).exists():
            continue
        try:
            opened.append(actions.open_planned_round(plan.owner, plan, period, now=now))
        except ActionError as error:
            logger.warning("Survey plan %s: round not opened: %s", plan.pk, error.as_dict())
    return opened


def remind_overdue(now=None):
    """Send reminders for every round past its answer date; return the number sent."""
    now = now or timezone.now()
    sent = 0
    overdue = SurveyRound.objects.filter(
        status=RoundStatus.SENT, due_date__lt=timezone.localdate(now)
    ).select_related("plan__owner", "created_by")
    for survey_round in overdue:
        if not actions.reminder_candidates(survey_round, now).exists():
            continue
        actor = survey_round.plan.owner if survey_round.plan else survey_round.created_by
        try:
            sent += actions.remind_round(actor, survey_round, now=now)
        except ActionError as error:
            logger.warning("Survey round %s: no reminders: %s", survey_round.pk, error.as_dict())
    return sent


def daily(now=None):
    """The worker's daily survey work; return what it did."""
    now = now or timezone.now()
    return {
        "opened": len(open_due_rounds(timezone.localdate(now), now=now)),
        "reminders": remind_overdue(now),
        "feedback": actions.send_action_feedback(None, now=now),
    }
