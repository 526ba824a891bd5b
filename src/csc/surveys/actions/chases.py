"""Chasing customers who have not answered (SUR-5): e-mailed reminders and logged chases."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core import audit
from csc.core.actions import transition, verb
from csc.core.errors import Invalid
from csc.core.permissions import require

from .. import distribution, rules
from ..choices import Channel, RoundStatus
from ..conf import setting
from ..models import Chase
from . import common


def reminder_candidates(survey_round, now):
    """Return the invitations due a reminder: unanswered, with an address, not reminded lately."""
    interval = dt.timedelta(days=setting("SURVEY_REMINDER_INTERVAL_DAYS"))
    return (
        survey_round.invitations.filter(responded_at__isnull=True, reminders__lt=setting("SURVEY_MAX_REMINDERS"))
        .exclude(email="")
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=now - interval))
    )  # fmt: skip


@verb
def remind_round(actor, survey_round, note="", now=None):
    """After the answer date, e-mail a new link to each customer who has not answered, and log
    each reminder as a chase (SUR-5); return the number sent."""
    require(actor, "surveys.run_surveyround")
    survey_round = common.locked(survey_round)
    rules.ROUND_FLOW.check(survey_round, "remind")
    now = now or timezone.now()
    if timezone.localdate(now) <= survey_round.due_date:
        raise Invalid(
            _("Reminders go out after the answer date (%(date)s).")
            % {"date": survey_round.due_date}
        )
    invitations = list(reminder_candidates(survey_round, now).select_related("customer"))
    expires = max(
        survey_round.links_expire_at,
        now + dt.timedelta(days=setting("SURVEY_REMINDER_INTERVAL_DAYS")),
    )
    tokens = distribution.issue_links(invitations, expires)
    for invitation in invitations:
        invitation.mail = distribution.send_invitation(invitation, tokens[invitation.pk], survey_round, reminder=True)  # fmt: skip
    audit.create_all(Chase, (
        Chase(invitation=i, channel=Channel.EMAIL, at=now, by=actor, automatic=True,
              note=_("Reminder with a new answer link"))
        for i in invitations
    ))  # fmt: skip
    # The round is locked: nothing else reminds these invitations meanwhile.
    common.mark_sent(
        invitations, reminders=lambda i: i.reminders + 1, last_reminded_at=lambda _i: now
    )
    note = note or _("%(n)s reminders sent") % {"n": len(invitations)}
    transition(survey_round, rules.ROUND_FLOW, "remind", note)
    return len(invitations)


@verb
def log_chase(actor, invitation, channel, note=""):
    """Record a chase by fax, phone, letter or visit of a customer who has not answered."""
    require(actor, "surveys.add_chase")
    if channel not in Channel.values or channel == Channel.LINK:
        raise Invalid.field("channel", _("Choose how the customer was chased."))
    if invitation.round.status not in (RoundStatus.OPEN, RoundStatus.SENT):
        raise Invalid(_("The round is not collecting answers."))
    return Chase.objects.create(invitation=invitation, channel=channel, by=actor, note=note)
