"""Telling each customer what was done about their answer (S4 5.6.3)."""

from django.utils import timezone

from csc.core import audit
from csc.core.actions import verb

from .. import distribution
from ..models import SurveyAction


@verb
def send_action_feedback(actor, now=None):
    """Tell each customer what was done once the action their answer opened is closed (S4
    5.6.3); return the number of e-mails queued."""
    from csc.capa.choices import CapaStatus

    now = now or timezone.now()
    due = (
        SurveyAction.objects.filter(
            response__isnull=False, feedback_sent_at__isnull=True, capa__status=CapaStatus.CLOSED
        )
        .select_related("round", "capa", "response__invitation__customer")
        .order_by("pk")
    )
    sent = 0
    for action in due:
        invitation = action.response.invitation
        if invitation.email:
            distribution.send_outcome(invitation, action)
            sent += 1
        audit.update_all(SurveyAction.objects.filter(pk=action.pk), feedback_sent_at=now)
    return sent
