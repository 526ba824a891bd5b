"""Answers: the customer's through their link (no login), and those keyed in from paper."""

from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core import audit
from csc.core.actions import verb
from csc.core.errors import Invalid
from csc.core.permissions import require

from .. import distribution, rules, scoring
from ..choices import MANUAL_CHANNELS, Channel, RoundStatus
from ..models import SurveyAnswer, SurveyInvitation, SurveyResponse, SurveyRound


def _record(invitation, values, comments, comment, collecting, closed_error, **fields):
    """Claim the invitation and write the response and its answers; return the response.

    The claim is one conditional UPDATE: of two submissions of the same survey (two tabs, a
    double click, two workers), exactly one wins; the other records nothing. The one-to-one
    link from response to invitation is the database's guarantee behind it. The round's row is
    locked first, so an answer and the round's closing never overlap.
    """
    survey_round = invitation.round
    template = survey_round.template
    items = list(template.items.all())
    problems = rules.answer_problems(template, items, values)
    if problems:
        raise Invalid(_("Please correct the answers marked below."), fields=problems)
    still_open = (
        SurveyRound.objects.select_for_update()
        .filter(pk=survey_round.pk, status__in=collecting)
        .values_list("pk", flat=True)
    )
    if not list(still_open):
        raise closed_error
    now = timezone.now()
    claimed = audit.update_all(
        SurveyInvitation.objects.filter(pk=invitation.pk, responded_at__isnull=True),
        responded_at=now,
    )
    if not claimed:
        raise distribution.UsedLink()
    complaints = scoring.complaints_in_period(survey_round, invitation.customer_id).count()
    returns = scoring.returns_in_period(survey_round, invitation.customer_id).count()
    score = rules.score_response(template, items, values, complaints, returns)
    product = fields.pop("product", None) or invitation.product
    response = SurveyResponse.objects.create(
        round=survey_round,
        invitation=invitation,
        customer_id=invitation.customer_id,
        abc_class=invitation.abc_class,
        product=product,
        product_line=product.product_line if product else invitation.product_line,
        comment=comment or "",
        submitted_at=now,
        **fields,
        **score.__dict__,
    )
    audit.create_all(SurveyAnswer, (
        SurveyAnswer(
            response=response, round=survey_round, item=item, value=values[item.pk],
            comment=(comments.get(item.pk) or "").strip(),
        )
        for item in items
    ))  # fmt: skip
    return response


@verb
def answer_by_link(actor, token, values, comments=None, comment="", respondent=""):
    """Record the customer's answer through their link (no login); return the response.

    A tampered, expired or used link raises a LinkError and records nothing.
    """
    link = distribution.resolve(token)
    return _record(
        link.invitation, values, comments or {}, comment, [RoundStatus.SENT],
        distribution.ExpiredLink(), channel=Channel.LINK, respondent=respondent[:120],
    )  # fmt: skip


@verb
def enter_response(
    actor,
    invitation,
    values,
    comments=None,
    comment="",
    channel=Channel.LETTER,
    respondent="",
    product=None,
):
    """Key in an answer that came back on paper, by fax or e-mail; return the response."""
    require(actor, "surveys.enter_surveyresponse")
    if channel not in MANUAL_CHANNELS:
        raise Invalid.field("channel", _("Choose how the answer came back."))
    return _record(
        invitation, values, comments or {}, comment, [RoundStatus.OPEN, RoundStatus.SENT],
        Invalid(_("The round is not collecting answers.")), channel=channel,
        respondent=respondent[:120], entered_by=actor, product=product,
    )  # fmt: skip
