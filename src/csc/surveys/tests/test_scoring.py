"""Scoring computed by hand (SUR-2, SUR-3): the weighted index, the points template with its
complaint and return deductions and their caps, and the rounding rule."""

import datetime as dt
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from csc.complaints.models import Complaint, Return
from csc.surveys import actions, rules, stats
from csc.surveys.models import SurveyResponse

from . import makers

pytestmark = pytest.mark.django_db
_numbers = count(1)

# quality .20 function .10 performance .10 price .08 delivery .08 no_disruption .06
# no_returns .06 packaging .06 appearance .08 service .08 communication .05 freight .05
MIXED = {
    "quality": 90, "function": 100, "performance": 80, "price": 70, "delivery": 60,
    "no_disruption": 100, "no_returns": 100, "packaging": 90, "appearance": 80, "service": 50,
    "communication": 40, "no_premium_freight": 100,
}  # fmt: skip
# 18 + 10 + 8 + 5.6 + 4.8 + 6 + 6 + 5.4 + 6.4 + 4 + 2 + 5 = 81.2
MIXED_SCORE = Decimal("81.2")


def _complaints(people, customer, n, when, status="registered"):
    for _ in range(n):
        Complaint.objects.create(
            number=f"CC-T-{next(_numbers):05d}", customer=customer, received_at=when,
            category="quality", description="划伤", registered_by=people.sales, status=status,
        )  # fmt: skip


def _returns(customer, n, on):
    for _ in range(n):
        Return.objects.create(
            number=f"RT-T-{next(_numbers):05d}", customer=customer, notice_date=on,
            quantity=Decimal(10), reason="尺寸超差",
        )  # fmt: skip


def _in_period():
    return timezone.make_aware(dt.datetime(2026, 3, 15, 10, 0))


def test_weighted_index_is_the_sum_of_weight_times_level(people):
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    invitation = survey_round.invitations.get()
    response = makers.answer(people, invitation, **MIXED)
    assert response.score == MIXED_SCORE
    assert response.satisfaction == MIXED_SCORE
    assert response.below_requirement == 4  # price 70, delivery 60, service 50, communication 40


def test_all_very_satisfied_scores_one_hundred(people):
    makers.customers(b=1)
    survey_round = makers.sent_round(people)
    response = makers.answer(people, survey_round.invitations.get(), 100)
    assert response.score == Decimal("100")
    assert response.below_requirement == 0


def test_weighted_template_ignores_complaints(people):
    (customer,) = makers.customers(a=1)
    _complaints(people, customer, 3, _in_period())
    survey_round = makers.sent_round(people)
    response = makers.answer(people, survey_round.invitations.get(), **MIXED)
    assert (response.complaints, response.complaint_deduction) == (3, Decimal(0))
    assert response.satisfaction == MIXED_SCORE


def test_points_satisfaction_is_score_less_complaints_and_returns(people):
    (customer,) = makers.customers(a=1)
    _complaints(people, customer, 3, _in_period())
    _returns(customer, 2, dt.date(2026, 6, 30))
    survey_round = makers.sent_round(people, makers.points())
    response = makers.answer(
        people, survey_round.invitations.get(),
        quality=18, delivery=15, price=12, service=11, communication=20,
    )  # fmt: skip
    # 18 + 15 + 12 + 11 + 20 = 76; −3 × 1 for complaints; −2 × 2 for returns → 69
    assert response.score == Decimal(76)
    assert (response.complaint_deduction, response.return_deduction) == (Decimal(3), Decimal(4))
    assert response.satisfaction == Decimal(69)
    assert response.below_requirement == 1  # service 11 < 12


def test_points_deductions_stop_at_their_caps(people):
    (customer,) = makers.customers(b=1)
    _complaints(people, customer, 7, _in_period())
    _returns(customer, 6, dt.date(2026, 1, 1))
    survey_round = makers.sent_round(people, makers.points())
    response = makers.answer(people, survey_round.invitations.get(), 16)
    # 5 × 16 = 80; 7 complaints cost 5 (cap), 6 returns cost 10 (cap, not 12) → 65
    assert (response.complaints, response.returns) == (7, 6)
    assert (response.complaint_deduction, response.return_deduction) == (Decimal(5), Decimal(10))
    assert response.satisfaction == Decimal(65)


def test_only_complaints_and_returns_of_the_period_count(people):
    (customer,) = makers.customers(a=1)
    _complaints(people, customer, 2, timezone.make_aware(dt.datetime(2025, 12, 31, 23, 0)))
    _complaints(people, customer, 1, _in_period(), status="not_ours")
    _complaints(people, customer, 1, _in_period(), status="void")
    _complaints(people, customer, 1, timezone.make_aware(dt.datetime(2026, 6, 30, 23, 59)))
    _returns(customer, 1, dt.date(2026, 7, 1))
    survey_round = makers.sent_round(people, makers.points())
    response = makers.answer(people, survey_round.invitations.get(), 20)
    assert (response.complaints, response.returns) == (1, 0)
    assert response.satisfaction == Decimal(99)


def test_closing_rescores_with_complaints_registered_after_the_answer(people):
    (customer,) = makers.customers(a=1)
    survey_round = makers.sent_round(people, makers.points())
    response = makers.answer(people, survey_round.invitations.get(), 20)
    assert response.satisfaction == Decimal(100)
    _complaints(people, customer, 2, _in_period())
    _returns(customer, 1, dt.date(2026, 5, 5))
    actions.close_round(people.sales, survey_round)
    response = SurveyResponse.objects.get(pk=response.pk)
    assert (response.score, response.satisfaction) == (Decimal(100), Decimal(96))
    assert (response.complaint_deduction, response.return_deduction) == (Decimal(2), Decimal(2))


def test_sql_rescoring_matches_the_hand_computed_weighted_score(people):
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    response = makers.answer(people, survey_round.invitations.get(), **MIXED)
    SurveyResponse.objects.filter(pk=response.pk).update(score=0, satisfaction=0)
    actions.close_round(people.sales, survey_round)
    response = SurveyResponse.objects.get(pk=response.pk)
    assert (response.score, response.satisfaction, response.below_requirement) == (
        MIXED_SCORE, MIXED_SCORE, 4,
    )  # fmt: skip


def test_the_index_is_rounded_half_up_to_one_decimal(people):
    makers.customers(a=2)
    survey_round = makers.sent_round(people)
    first, second = survey_round.invitations.order_by("pk")
    makers.answer(people, first, **MIXED)  # 81.2
    makers.answer(people, second, **{**MIXED, "communication": 50})  # 81.2 + 0.05 × 10 = 81.7
    # (81.2 + 81.7) / 2 = 81.45: half up gives 81.5 (half to even would give 81.4)
    assert stats.summary(survey_round)["index"] == Decimal("81.5")
    assert rules.rounded(Decimal("81.25")) == Decimal("81.3")
    assert rules.rounded(Decimal("81.24")) == Decimal("81.2")
    assert rules.rounded(81.25) == Decimal("81.3")
    assert rules.rounded(85.24999999999999) == Decimal("85.3")  # float noise of SQL AVG


def test_an_average_ending_in_five_hundredths_rounds_up(people):
    makers.customers(a=2)
    survey_round = makers.sent_round(people, makers.points())
    first, second = survey_round.invitations.order_by("pk")
    makers.answer(people, first, quality=20, delivery=20, price=20, service=20, communication=20)
    makers.answer(people, second, quality=20, delivery=20, price=20, service=20, communication=19)
    # communication (20 + 19) / 2 = 19.5; the index (100 + 99) / 2 = 99.5
    items = {row["item"].key: row for row in stats.by_item(survey_round)}
    assert items["communication"]["average"] == Decimal("19.5")
    assert stats.summary(survey_round)["index"] == Decimal("99.5")
