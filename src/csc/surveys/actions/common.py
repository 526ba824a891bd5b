"""Steps shared by the round verbs (call them inside a verb)."""

from csc.core import audit
from csc.core.choices import AuditAction

from ..models import SurveyInvitation, SurveyRound


def locked(survey_round):
    """Re-read the round under a row lock, so two clicks on a step cannot both pass."""
    return (
        SurveyRound.objects.select_for_update().select_related("template").get(pk=survey_round.pk)
    )


def mark_sent(invitations, **values):
    """Record on each invitation what its e-mail changed (``values``: field → function of the
    invitation) and the e-mail that carried its link, whose delivery state the round shows:
    one bulk write, one history entry per invitation."""
    changes = {}
    for invitation in invitations:
        new = {name: value(invitation) for name, value in values.items()}
        changes[invitation.pk] = {name: audit.change(getattr(invitation, name), v) for name, v in new.items()}  # fmt: skip
        changes[invitation.pk]["mail"] = audit.change(None, str(invitation.mail))
        for name, value in new.items():
            setattr(invitation, name, value)
    SurveyInvitation.objects.bulk_update(invitations, ["mail", *values], batch_size=500)
    audit.record_many(invitations, AuditAction.UPDATE, changes=lambda i: changes[i.pk])
