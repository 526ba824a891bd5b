"""Every write of the survey area (rule 1): pages, the API, the worker and the answer link call
these verbs."""

import datetime as dt
import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Avg, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit
from csc.core.actions import check_version, notify, read_verb, save_versioned, transition, verb
from csc.core.choices import Role
from csc.core.company_calendar import company_calendar
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require

from . import distribution, rules, sampling, scoring, stats, triggers
from .choices import (
    MANUAL_CHANNELS,
    Channel,
    Frequency,
    RoundStatus,
    TemplateKind,
    TemplateStatus,
)
from .conf import setting
from .models import (
    Chase,
    SurveyAction,
    SurveyAnswer,
    SurveyInvitation,
    SurveyPlan,
    SurveyResponse,
    SurveyRound,
    SurveyTemplate,
)
from .templates_edit import (
    TEMPLATE_FIELDS,
    check_items,
    check_template_fields,
    new_edition,
    replace_items,
)

# --- templates (SUR-2, SUR-3) ------------------------------------------------------------


@verb
def create_template(actor, data, items):
    """Create a draft questionnaire with its items; return it."""
    require(actor, "surveys.add_surveytemplate")
    kind = data.get("kind")
    if kind not in TemplateKind.values:
        raise Invalid.field("kind", _("Choose how the questionnaire is scored."))
    if SurveyTemplate.objects.filter(code=data.get("code", "")).exists():
        raise Invalid.field("code", _("A questionnaire with this code exists; edit it instead."))
    check_template_fields(data)
    check_items(kind, items)
    fields = {k: v for k, v in data.items() if k in TEMPLATE_FIELDS}
    if kind == TemplateKind.WEIGHTED and not fields.get("levels"):
        fields["levels"] = list(setting("SURVEY_LIKERT_LEVELS"))
    template = SurveyTemplate.objects.create(
        code=data["code"], kind=kind, created_by=actor, **fields
    )
    replace_items(template, items)
    return template


@verb
def update_template(actor, template, data, items=None, version=None):
    """Edit a questionnaire; return the edited edition.

    An edition a round has used is frozen: the edit becomes a new draft edition (same code,
    edition + 1), so the old round's results stay as they were answered.
    """
    require(actor, "surveys.change_surveytemplate")
    check_version(template, version)
    if template.status == TemplateStatus.RETIRED:
        raise Invalid(_("This version was superseded; edit the latest version."))
    check_template_fields(data)
    if items is not None:
        check_items(template.kind, items)
    if template.rounds.exists():
        return new_edition(actor, template, data, items)
    fields = [name for name in data if name in TEMPLATE_FIELDS]
    for name in fields:
        setattr(template, name, data[name])
    if items is not None:
        replace_items(template, items)
    if template.status == TemplateStatus.PUBLISHED:
        _check_publishable(template)
    save_versioned(template, fields)
    return template


def _check_publishable(template):
    problems = rules.publish_problems(template, list(template.items.all()))
    if problems:
        raise Invalid(_("The questionnaire cannot be published as it is."), fields=problems)


@verb
def publish_template(actor, template, note=""):
    """Publish a draft (weights must add up to exactly 1); earlier editions are superseded."""
    require(actor, "surveys.publish_surveytemplate")
    rules.TEMPLATE_FLOW.check(template, "publish")
    _check_publishable(template)
    template.published_at = timezone.now()
    template.published_by = actor
    transition(
        template,
        rules.TEMPLATE_FLOW,
        "publish",
        note,
        extra_fields=["published_at", "published_by"],
    )
    for older in SurveyTemplate.objects.filter(
        code=template.code, status=TemplateStatus.PUBLISHED
    ).exclude(pk=template.pk):
        transition(older, rules.TEMPLATE_FLOW, "retire", _("Superseded by version %(n)s") % {
            "n": template.edition
        })  # fmt: skip
    return template


def latest_published(code):
    return (
        SurveyTemplate.objects.filter(code=code, status=TemplateStatus.PUBLISHED)
        .order_by("-edition")
        .first()
    )


# --- plans (SUR-1) -----------------------------------------------------------------------

PLAN_FIELDS = [
    "name", "template", "frequency", "open_month", "response_days", "c_share", "owner",
    "send_automatically", "active",
]  # fmt: skip


def _check_plan(data):
    if data.get("frequency") not in Frequency.values:
        raise Invalid.field("frequency", _("Choose a frequency."))
    if not 1 <= int(data.get("open_month") or 0) <= 12:
        raise Invalid.field("open_month", _("Give a month from 1 to 12."))
    if int(data.get("response_days") or 0) < 1:
        raise Invalid.field("response_days", _("Give customers at least one working day."))
    share = Decimal(data.get("c_share", 0))
    if not 0 <= share < 1:
        raise Invalid.field("c_share", _("The share of C customers is from 0 to below 1."))


@verb
def save_plan(actor, data, plan=None, version=None):
    """Create a plan, or edit ``plan``; return it."""
    require(actor, "surveys.change_surveyplan" if plan else "surveys.add_surveyplan")
    defaults = {
        "frequency": setting("SURVEY_FREQUENCY"),
        "response_days": setting("SURVEY_RESPONSE_DAYS"),
        "c_share": setting("SURVEY_C_SHARE"),
        "owner": actor,
    }
    merged = {**defaults, **({f: getattr(plan, f) for f in PLAN_FIELDS} if plan else {}), **data}
    merged.setdefault("open_month", setting("SURVEY_OPEN_MONTH")[merged["frequency"]])
    _check_plan(merged)
    if plan is None:
        return SurveyPlan.objects.create(**{f: merged[f] for f in PLAN_FIELDS if f in merged})
    check_version(plan, version)
    for name in data:
        setattr(plan, name, merged[name])
    save_versioned(plan, [name for name in data if name in PLAN_FIELDS])
    return plan


# --- rounds: create, open, send, remind, close -------------------------------------------


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


def _locked(survey_round):
    """Re-read the round under a row lock, so two clicks on a step cannot both pass."""
    return (
        SurveyRound.objects.select_for_update().select_related("template").get(pk=survey_round.pk)
    )


@verb
def open_round(actor, survey_round, note="", seed=None):
    """Draw the sample (SUR-4): all A and B customers, C customers at random; return the round.

    The seed is stored with the population's size and digest: ``rules.draw`` redoes the draw.
    """
    require(actor, "surveys.run_surveyround")
    survey_round = _locked(survey_round)
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
    survey_round = _locked(survey_round)
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
    _mark_sent(invitations, sent_at=lambda _i: now)
    return survey_round


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
    survey_round = _locked(survey_round)
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
    _mark_sent(invitations, reminders=lambda i: i.reminders + 1, last_reminded_at=lambda _i: now)
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
    survey_round = _locked(survey_round)
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


# --- answers -----------------------------------------------------------------------------


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


@read_verb
def export_report(actor, survey_round, target, kind="pdf"):
    """Write the round's report (PDF) or statistics workbook (xlsx) to ``target``; log it."""
    from csc.core import audit
    from csc.core.choices import AuditAction

    from . import report

    require(actor, "surveys.export_survey")
    if kind == "pdf":
        report.write_pdf(survey_round, target)
    else:
        report.write_workbook(survey_round, target)
    audit.record(survey_round, AuditAction.EXPORT, {"format": kind})


def _mark_sent(invitations, **values):
    """Record on each invitation what its e-mail changed (``values``: field → function of the
    invitation) and the e-mail that carried its link, whose delivery state the round shows:
    one bulk write, one history entry per invitation."""
    from csc.core.choices import AuditAction

    changes = {}
    for invitation in invitations:
        new = {name: value(invitation) for name, value in values.items()}
        changes[invitation.pk] = {name: audit.change(getattr(invitation, name), v) for name, v in new.items()}  # fmt: skip
        changes[invitation.pk]["mail"] = audit.change(None, str(invitation.mail))
        for name, value in new.items():
            setattr(invitation, name, value)
    SurveyInvitation.objects.bulk_update(invitations, ["mail", *values], batch_size=500)
    audit.record_many(invitations, AuditAction.UPDATE, changes=lambda i: changes[i.pk])
