"""Validity of a round (SUR-5, SUR-4): more than 70% answers overall (70% exactly is not
enough) and at least 80% of the A and B customers; otherwise flagged invalid with the figures."""

from decimal import Decimal

import pytest

from csc.core.errors import IllegalTransition
from csc.surveys import actions, rules
from csc.surveys.models import SurveyRound

from . import makers

pytestmark = pytest.mark.django_db
MIN, AB_MIN = Decimal("0.70"), Decimal("0.80")


def test_seventy_percent_exactly_is_not_valid():
    assert not rules.validity(10, 7, 0, 0, MIN, AB_MIN).valid
    assert not rules.validity(1000, 700, 0, 0, MIN, AB_MIN).valid


def test_just_over_seventy_percent_is_valid():
    assert rules.validity(10, 8, 0, 0, MIN, AB_MIN).valid
    assert rules.validity(1000, 701, 0, 0, MIN, AB_MIN).valid


def test_eighty_percent_of_a_and_b_exactly_is_enough():
    assert rules.validity(100, 90, 10, 8, MIN, AB_MIN).valid
    assert not rules.validity(100, 90, 10, 7, MIN, AB_MIN).valid


def test_a_round_nobody_was_asked_in_is_not_valid():
    assert not rules.validity(0, 0, 0, 0, MIN, AB_MIN).valid


def _round_with_answers(people, answered_a, answered_c):
    makers.customers(a=8, c=10)  # 8 A customers → 2 C drawn: 10 surveys
    survey_round = makers.sent_round(people, makers.points())
    for invitation in survey_round.invitations.filter(abc_class="A")[:answered_a]:
        makers.answer(people, invitation, 20)
    for invitation in survey_round.invitations.filter(abc_class="C")[:answered_c]:
        makers.answer(people, invitation, 20)
    return actions.close_round(people.sales, survey_round)


def test_a_round_closed_at_seventy_percent_is_flagged_invalid_with_its_figures(people):
    survey_round = _round_with_answers(people, answered_a=7, answered_c=0)
    stored = SurveyRound.objects.get(pk=survey_round.pk)
    assert stored.valid is False
    assert (stored.invited, stored.responded, stored.ab_invited, stored.ab_responded) == (
        10, 7, 8, 7,
    )  # fmt: skip
    assert "70.0%" in stored.validity_note and "87.5%" in stored.validity_note


def test_a_round_closed_at_eighty_percent_is_valid(people):
    survey_round = _round_with_answers(people, answered_a=7, answered_c=1)
    assert SurveyRound.objects.get(pk=survey_round.pk).valid is True


def test_too_few_a_and_b_answers_make_a_round_invalid_whatever_the_total(people):
    survey_round = _round_with_answers(people, answered_a=6, answered_c=2)
    stored = SurveyRound.objects.get(pk=survey_round.pk)
    assert (stored.responded, stored.ab_responded) == (8, 6)  # 80% overall, 75% of A/B
    assert stored.valid is False


def test_the_thresholds_are_settings(people, settings):
    settings.CSC = {**settings.CSC, "SURVEY_MIN_RESPONSE_RATE": Decimal("0.60")}
    survey_round = _round_with_answers(people, answered_a=7, answered_c=0)
    assert SurveyRound.objects.get(pk=survey_round.pk).valid is True


def test_a_round_cannot_close_twice(people):
    survey_round = _round_with_answers(people, answered_a=8, answered_c=2)
    with pytest.raises(IllegalTransition):
        actions.close_round(people.sales, SurveyRound.objects.get(pk=survey_round.pk))
    assert SurveyRound.objects.get(pk=survey_round.pk).version == survey_round.version
