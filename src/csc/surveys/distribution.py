"""Answer links and the e-mails that carry them (SUR-1, SEC-3), called inside the verbs.

A link is ``/surveys/answer/<token>/`` with a 256-bit random token; the database keeps only
its SHA-256, so neither a backup nor a database reader can answer for a customer. Each e-mail
is written in the customer's correspondence language and goes through the core outbox.
"""

import hashlib
import re
import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from csc.core.actions import queue_email
from csc.core.errors import ActionError

from .choices import RoundStatus
from .conf import setting
from .models import SurveyLink

TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{40,64}$")


class LinkError(ActionError):
    """A link that cannot be answered; nothing is recorded. ``page`` names the explanation."""

    page = "invalid"


class UnknownLink(LinkError):
    status = 404
    page = "invalid"
    default_message = _("This survey link is not valid. Please use the link from your e-mail.")


class ExpiredLink(LinkError):
    status = 410
    page = "expired"
    default_message = _("This survey link has expired.")


class UsedLink(LinkError):
    status = 409
    page = "used"
    default_message = _("This survey has already been answered. Thank you!")


def new_token():
    return secrets.token_urlsafe(32)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def links_expire_at(due_date):
    """Return when a round's links stop working: the end of the due date plus the grace days."""
    last_day = due_date + timedelta(days=setting("SURVEY_LINK_EXTRA_DAYS"))
    return timezone.make_aware(datetime.combine(last_day, time.max))


def issue_links(invitations, expires_at):
    """Create one new link per invitation; return {invitation id: token} (tokens never stored)."""
    tokens = {invitation.pk: new_token() for invitation in invitations}
    SurveyLink.objects.bulk_create(
        SurveyLink(invitation_id=pk, token_hash=token_hash(token), expires_at=expires_at)
        for pk, token in tokens.items()
    )
    return tokens


def answer_url(token):
    return settings.SITE_URL + reverse("surveys:answer", args=[token])


def resolve(token, now=None):
    """Return the link of ``token`` if it may be answered now, else raise a LinkError."""
    if not TOKEN_SHAPE.match(token or ""):
        raise UnknownLink()
    link = (
        SurveyLink.objects.select_related(
            "invitation__round__template", "invitation__customer", "invitation__product"
        )
        .filter(token_hash=token_hash(token))
        .first()
    )
    if link is None:
        raise UnknownLink()
    invitation = link.invitation
    if invitation.responded_at is not None:
        raise UsedLink()
    now = now or timezone.now()
    if link.expires_at <= now or invitation.round.status != RoundStatus.SENT:
        raise ExpiredLink()
    return link


def _send(invitation, template_name, context):
    # The customer's language now, not when the sample was drawn: a corrected setting counts.
    language = getattr(invitation.customer, "language", "") or invitation.language
    with translation.override(language):
        subject = render_to_string(f"surveys/email/{template_name}_subject.txt", context).strip()
        body = render_to_string(f"surveys/email/{template_name}.txt", context)
    return queue_email([invitation.email], subject, body)


def send_invitation(invitation, token, survey_round, reminder=False):
    """Queue the survey e-mail (or a reminder) with its answer link; return the e-mail."""
    return _send(
        invitation,
        "invitation",
        {
            "invitation": invitation,
            "customer": invitation.customer,
            "round": survey_round,
            "url": answer_url(token),
            "reminder": reminder,
            "company": settings.CSC["COMPANY_NAME"],
        },
    )


def send_thanks(invitation, survey_round, actions):
    """Queue the thank-you e-mail, listing the actions the answer opened (S4 5.6.3)."""
    _send(
        invitation,
        "thanks",
        {
            "customer": invitation.customer,
            "round": survey_round,
            "actions": actions,
            "company": settings.CSC["COMPANY_NAME"],
        },
    )


def send_outcome(invitation, survey_action):
    """Queue the e-mail telling the customer what was done about their answer."""
    _send(
        invitation,
        "outcome",
        {
            "customer": invitation.customer,
            "round": survey_action.round,
            "capa": survey_action.capa,
            "company": settings.CSC["COMPANY_NAME"],
        },
    )
