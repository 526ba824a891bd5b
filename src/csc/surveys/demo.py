"""Demo surveys: a half-yearly plan, two closed rounds with their actions, one collecting now."""

import datetime as dt
import re

from django.utils import timezone

from . import actions
from .choices import Channel
from .models import SurveyInvitation, SurveyResponse, SurveyRound

TOKEN = re.compile(r"/surveys/answer/([A-Za-z0-9_-]+)/")

# Per round: the level most answers give, and the items some customers rate lower.
PROFILES = [
    (90, {"delivery": 80, "communication": 80}),
    (90, {"delivery": 70, "packaging": 80, "price": 70}),
    (80, {"delivery": 70, "no_premium_freight": 60}),
]
COMMENTS = {
    "delivery": "交期有时延误，希望提前通知。",
    "price": "价格偏高，希望年度降价。",
    "no_premium_freight": "Two air shipments at our cost this half-year.",
    "packaging": "外箱标签偶有缺失批号。",
}


def _half_years(today):
    """Return the last three half-year periods, the current one last."""
    index = today.year * 2 + (0 if today.month <= 6 else 1)
    periods = []
    for half in (index - 2, index - 1, index):
        year, second = divmod(half, 2)
        periods.append(
            (dt.date(year, 7, 1), dt.date(year, 12, 31))
            if second
            else (dt.date(year, 1, 1), dt.date(year, 6, 30))
        )
    return periods


def load(users):
    if SurveyRound.objects.exists():
        return
    sales = users["sales"]
    plan = actions.save_plan(
        sales,
        {
            "name": "半年度顾客满意度调查 (S0 5.3.1)",
            "template": actions.latest_published("weighted"),
        },
    )
    periods = _half_years(timezone.localdate())
    for index, period in enumerate(periods):
        current = index == len(periods) - 1
        survey_round = actions.open_planned_round(
            sales, plan, period, now=None if current else _moment(period[1], 3)
        )
        _answer(users, survey_round, PROFILES[index], current)
        if not current:
            actions.close_round(sales, SurveyRound.objects.get(pk=survey_round.pk))
            _move_back(survey_round, period)


def _moment(day, days_after):
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=days_after), dt.time(9)))


def _answer(users, survey_round, profile, current):
    """Answer a past round fully on paper; the current one half, the first by its e-mailed link
    (the past rounds' links have long expired)."""
    share = 0.5 if current else 1.0
    base, lower = profile
    invitations = list(survey_round.invitations.select_related("customer").order_by("pk"))
    answering = invitations[: max(1, round(len(invitations) * share))]
    items = list(survey_round.template.items.all())
    for position, invitation in enumerate(answering):
        values = {i.pk: _value(i.key, base, lower, position) for i in items}
        comments = {i.pk: COMMENTS.get(i.key, "") for i in items if values[i.pk] < base}
        if current and position == 0 and invitation.email:
            actions.answer_by_link(
                None, _token(invitation), values, comments, "整体满意，继续保持。", "采购经理"
            )
        else:
            channel = [Channel.LETTER, Channel.FAX, Channel.EMAIL][position % 3]
            actions.enter_response(users["sales"], invitation, values, comments, "", channel)


def _value(key, base, lower, position):
    value = lower.get(key, base) if position % 2 == 0 else base
    if position == 3 and key == "quality":
        return 40  # one customer very dissatisfied with quality: an action follows
    return min(100, value + (10 if position == 1 and key == "service" else 0))


def _token(invitation):
    mail = invitation.mail
    return TOKEN.search(mail.body).group(1)


def _move_back(survey_round, period):
    """Demo history: place a closed round's dates in its past (no verb dates records back)."""
    sent = _moment(period[1], 3)
    SurveyRound.objects.filter(pk=survey_round.pk).update(
        opened_at=sent, sent_at=sent, closed_at=sent + dt.timedelta(days=30)
    )
    SurveyInvitation.objects.filter(round=survey_round).update(sent_at=sent)
    SurveyInvitation.objects.filter(round=survey_round, responded_at__isnull=False).update(
        responded_at=sent + dt.timedelta(days=10)
    )
    SurveyResponse.objects.filter(round=survey_round).update(
        submitted_at=sent + dt.timedelta(days=10)
    )
