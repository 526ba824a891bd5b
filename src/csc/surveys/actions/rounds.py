"""Survey rounds (SUR-1, SUR-4, SUR-5, SUR-8): planning, drawing the sample, sending the links,
closing with its notices, and the plan's rounds the worker opens."""

import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Avg, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit
from csc.core.actions import notify, transition, verb
from csc.core.choices import Role
from csc.core.company_calendar import company_calendar
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require

from .. import distribution, rules, sampling, scoring, stats, triggers
from ..choices import TemplateStatus
from ..conf import setting
from ..models import SurveyAction, SurveyResponse, SurveyRound
from . import common
from .templates import latest_published


@verb
def create_round(actor, template, period_start, period_end, title="", plan=None, **options):
    """Plan a round of a published questionnaire for a period; return it."""
    require(actor, "surveys.add_surveyround")
    if template.status != TemplateStatus.PUBLISHED:
        raise Invalid.field("template", _("Publish the questionnaire before using it."))
    if period_start > period_end:
        raise Invalid.field("period_end", _("The period ends before it starts."))
    share = Decimal(options.get("c_share", setting("SURVEY_C_SHARE")))
    if not 0 <= share < 1:
        raise Invalid.field("c_share", _("The share of C customers is from 0 to below 1."))
    days = options.get("response_days") or setting("SURVEY_RESPONSE_DAYS")
    default_title = _("Satisfaction survey %(start)s – %(end)s") % {
        "start": period_start.strftime("%Y-%m"),
        "end": period_end.strftime("%Y-%m"),
    }
    return SurveyRound.objects.create(
        number=next_number("survey_round", "SV"),
        plan=plan,
        template=template,
        title=title or default_title,
        period_start=period_start,
        period_end=period_end,
        response_days=days,
        c_share=share,
        created_by=actor,
    )


@verb
def open_round(actor, survey_round, note="", seed=None):
    """Draw the sample (SUR-4): all A and B customers, C customers at random; return the round.

    The seed is stored with the population's size and digest: ``rules.draw`` redoes the draw.
    """
    require(actor, "surveys.run_surveyround")
    survey_round = common.locked(survey_round)
    rules.ROUND_FLOW.check(survey_round, "open")
    seed = secrets.randbits(62) if seed is None else int(seed)
    ab_ids, c_ids, drawn = sampling.draw_for(survey_round, seed)
    sampling.create_invitations(survey_round, ab_ids, drawn)
    survey_round.seed = seed
    survey_round.c_population = len(c_ids)
    survey_round.population_digest = rules.population_digest(c_ids)
    survey_round.opened_at = timezone.now()
    note = note or _("%(ab)s A/B customers, %(c)s of %(pop)s C customers drawn (seed %(seed)s)") % {
        "ab": len(ab_ids), "c": len(drawn), "pop": len(c_ids), "seed": seed,
    }  # fmt: skip
    extra = ["seed", "c_population", "population_digest", "opened_at"]
    return transition(survey_round, rules.ROUND_FLOW, "open", note, extra_fields=extra)


@verb
def send_round(actor, survey_round, note="", now=None):
    """E-mail every sampled customer a link (SUR-1); set the answer date; return the round.

    Customers without an e-mail address are left for a letter or fax (log it as a chase).
    """
    require(actor, "surveys.run_surveyround")
    survey_round = common.locked(survey_round)
    rules.ROUND_FLOW.check(survey_round, "send")
    now = now or timezone.now()
    due = company_calendar().add_working_days(now, survey_round.response_days)
    survey_round.due_date = timezone.localdate(due)
    survey_round.links_expire_at = distribution.links_expire_at(survey_round.due_date)
    survey_round.sent_at = now
    # Moved first: the links are checked against the round's state when answered.
    transition(
        survey_round, rules.ROUND_FLOW, "send", note,
        extra_fields=["due_date", "links_expire_at", "sent_at"],
    )  # fmt: skip
    invitations = list(
        survey_round.invitations.exclude(email="").select_related("customer").order_by("pk")
    )
    tokens = distribution.issue_links(invitations, survey_round.links_expire_at)
    for invitation in invitations:
        invitation.mail = distribution.send_invitation(invitation, tokens[invitation.pk], survey_round)  # fmt: skip
    common.mark_sent(invitations, sent_at=lambda _i: now)
    return survey_round


@verb
def close_round(actor, survey_round, note=""):
    """Close the round (once): rescore, judge validity, open actions, thank the customers.

    1. every response is rescored with the complaints and returns of the whole period;
    2. the response rates decide validity (> 70% overall and ≥ 80% of A/B customers, SUR-5);
    3. results that call for action open corrective actions (SUR-7);
    4. each customer who answered is thanked, with the actions their answer opened;
    5. the Management Representative and Quality are told the report is ready (SUR-8).
    """
    require(actor, "surveys.run_surveyround")
    survey_round = common.locked(survey_round)
    rules.ROUND_FLOW.check(survey_round, "close")
    scoring.rescore_round(survey_round)
    result = stats.validity_of(survey_round)
    figures = stats.summary(survey_round)
    survey_round.invited, survey_round.responded = result.invited, result.responded
    survey_round.ab_invited, survey_round.ab_responded = result.ab_invited, result.ab_responded
    survey_round.valid, survey_round.validity_note = result.valid, result.note
    survey_round.index = SurveyResponse.objects.filter(round=survey_round).aggregate(
        v=Avg("satisfaction")
    )["v"]
    survey_round.closed_at = timezone.now()
    extra = [
        "invited", "responded", "ab_invited", "ab_responded", "valid", "validity_note", "index",
        "closed_at",
    ]  # fmt: skip
    transition(survey_round, rules.ROUND_FLOW, "close", note or result.note, extra_fields=extra)
    opened = triggers.run_triggers(actor, survey_round)
    _thank_respondents(survey_round)
    _tell_report_readers(survey_round, result, figures, len(opened))
    return survey_round


def _thank_respondents(survey_round):
    actions_by_response = {}
    for action in SurveyAction.objects.filter(
        round=survey_round, response__isnull=False
    ).select_related("capa__department"):
        actions_by_response.setdefault(action.response_id, []).append(action)
    responses = (
        SurveyResponse.objects.filter(round=survey_round)
        .exclude(invitation__email="")
        .select_related("invitation__customer")
        .order_by("pk")
    )
    for response in responses.iterator(chunk_size=1000):
        distribution.send_thanks(
            response.invitation, survey_round, actions_by_response.get(response.pk, [])
        )
    audit.update_all(
        SurveyAction.objects.filter(round=survey_round, response__isnull=False),
        customer_told_at=timezone.now(),
    )


def _tell_report_readers(survey_round, result, figures, opened):
    users = (
        get_user_model()
        .objects.filter(
            Q(groups__name=Role.MANAGEMENT_REP) | Q(groups__name=Role.QUALITY), is_active=True
        )
        .distinct()
    )
    notify(
        users,
        Later(gettext_noop("Survey report %(number)s is ready"), number=survey_round.number),
        Later(
            gettext_noop("Index %(index)s; %(validity)s %(opened)s corrective actions opened."),
            index=figures["index"] if figures["index"] is not None else "–",
            validity=result.message or result.note,
            opened=opened,
        ),
        survey_round.get_absolute_url(),
    )


@verb
def open_planned_round(actor, plan, period, now=None):
    """The worker's step (SUR-1): create the plan's round for ``period``, draw it, and send it
    when the plan says so; return the round."""
    template = latest_published(plan.template.code)
    if template is None:
        raise Invalid.field("template", _("The plan's questionnaire has no published version."))
    survey_round = create_round(
        actor, template, period[0], period[1], plan=plan,
        response_days=plan.response_days, c_share=plan.c_share,
    )  # fmt: skip
    survey_round = open_round(
        actor, survey_round, _("Opened by the survey plan %(plan)s") % {"plan": plan}
    )
    if plan.send_automatically:
        survey_round = send_round(actor, survey_round, now=now)
    return survey_round
