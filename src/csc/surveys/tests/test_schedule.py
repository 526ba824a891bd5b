"""The worker's survey day (SUR-1, SUR-5): plans open their rounds on schedule, late customers
are reminded after the due date, each chase logged; tested with a given date."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from csc.core.models import OutboxEmail
from csc.surveys import actions, rules, schedule
from csc.surveys.models import Chase, SurveyInvitation, SurveyRound

from . import makers

pytestmark = pytest.mark.django_db


def _at(day, hour=8):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_semi_annual_plans_survey_each_half_year_in_june_and_december():
    assert rules.opening_months("semi_annual", 6) == {6, 12}
    assert rules.period_for("semi_annual", 6, dt.date(2026, 6, 3)) == (
        dt.date(2026, 1, 1), dt.date(2026, 6, 30),
    )  # fmt: skip
    assert rules.period_for("semi_annual", 6, dt.date(2026, 12, 1)) == (
        dt.date(2026, 7, 1), dt.date(2026, 12, 31),
    )  # fmt: skip
    assert rules.period_for("semi_annual", 6, dt.date(2026, 7, 1)) is None


def test_annual_in_december_and_quarterly_periods():
    assert rules.period_for("annual", 12, dt.date(2026, 12, 15)) == (
        dt.date(2026, 1, 1), dt.date(2026, 12, 31),
    )  # fmt: skip
    assert rules.opening_months("quarterly", 3) == {3, 6, 9, 12}
    assert rules.period_for("quarterly", 1, dt.date(2026, 1, 5)) == (
        dt.date(2025, 11, 1), dt.date(2026, 1, 31),
    )  # fmt: skip


def _plan(people, **data):
    return actions.save_plan(
        people.sales, {"name": "半年度顾客满意度调查", "template": makers.weighted(), **data}
    )


def test_a_new_plan_takes_the_seed_defaults(people):
    plan = _plan(people)
    assert (plan.frequency, plan.open_month, plan.response_days) == ("semi_annual", 6, 15)
    assert plan.c_share == Decimal("0.2")
    assert plan.owner == people.sales


def test_the_worker_opens_and_sends_a_plans_round_on_schedule(people):
    makers.customers(a=2, c=8)
    plan = _plan(people)
    assert schedule.open_due_rounds(dt.date(2026, 5, 31)) == []
    (survey_round,) = schedule.open_due_rounds(dt.date(2026, 6, 1), now=_at(dt.date(2026, 6, 1)))
    assert (survey_round.plan, survey_round.status) == (plan, "sent")
    assert (survey_round.period_start, survey_round.period_end) == (
        dt.date(2026, 1, 1), dt.date(2026, 6, 30),
    )  # fmt: skip
    assert survey_round.invitations.count() == 3  # 2 A + 1 C (a fifth of 3, rounded)
    assert survey_round.due_date > dt.date(2026, 6, 1)
    assert OutboxEmail.objects.count() == 3
    assert schedule.open_due_rounds(dt.date(2026, 6, 2)) == []  # already open for this period


def test_a_plan_that_does_not_send_automatically_only_draws(people):
    makers.customers(a=1)
    _plan(people, send_automatically=False)
    (survey_round,) = schedule.open_due_rounds(dt.date(2026, 6, 1))
    assert survey_round.status == "open"
    assert not OutboxEmail.objects.exists()


def test_an_inactive_plan_opens_nothing(people):
    makers.customers(a=1)
    _plan(people, active=False)
    assert schedule.open_due_rounds(dt.date(2026, 6, 1)) == []


def test_a_plan_whose_owner_lost_the_right_is_skipped_and_the_others_open(people):
    makers.customers(a=1)
    _plan(people, owner=people.quality, name="质量部的计划")
    good = _plan(people, name="市场部的计划")
    opened = schedule.open_due_rounds(dt.date(2026, 6, 1))
    assert [r.plan for r in opened] == [good]


def test_late_customers_are_reminded_after_the_due_date_and_each_chase_is_logged(people):
    makers.customers(a=3)
    _plan(people)
    (survey_round,) = schedule.open_due_rounds(dt.date(2026, 6, 1), now=_at(dt.date(2026, 6, 1)))
    makers.answer(people, survey_round.invitations.first(), 90)
    assert schedule.remind_overdue(_at(survey_round.due_date)) == 0  # not after the due date yet
    after = _at(survey_round.due_date + dt.timedelta(days=1))
    assert schedule.remind_overdue(after) == 2
    assert Chase.objects.filter(channel="email", automatic=True).count() == 2
    assert schedule.remind_overdue(after + dt.timedelta(days=3)) == 0  # a week between reminders
    assert schedule.remind_overdue(after + dt.timedelta(days=7)) == 2
    assert schedule.remind_overdue(after + dt.timedelta(days=14)) == 2
    assert schedule.remind_overdue(after + dt.timedelta(days=21)) == 0  # three at most
    assert set(SurveyInvitation.objects.filter(responded_at__isnull=True).values_list(
        "reminders", flat=True)) == {3}  # fmt: skip


def test_staff_log_fax_and_phone_chases(people):
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    invitation = survey_round.invitations.get()
    actions.log_chase(people.sales, invitation, "phone", "采购经理出差，下周回复")
    actions.log_chase(people.sales, invitation, "fax")
    assert list(invitation.chases.order_by("id").values_list("channel", "by")) == [
        ("phone", people.sales.pk), ("fax", people.sales.pk),
    ]  # fmt: skip


def test_the_daily_job_reports_what_it_did(people):
    makers.customers(a=1)
    _plan(people)
    done = schedule.daily(_at(dt.date(2026, 6, 1)))
    assert done == {"opened": 1, "reminders": 0, "feedback": 0}
    assert SurveyRound.objects.count() == 1
