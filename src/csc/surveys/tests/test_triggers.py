"""Results that call for action (SUR-7): each trigger opens one corrective action routed by
the item's category, and the customer is thanked and later told what was done."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from csc.capa.choices import CapaStatus, Source
from csc.capa.models import Capa
from csc.surveys import actions, triggers
from csc.surveys.choices import TriggerKind
from csc.surveys.models import SurveyAction, SurveyInvitation, SurveyRound
from csc.testing import outbox_to

from . import makers

pytestmark = pytest.mark.django_db


def _close(people, survey_round):
    return actions.close_round(people.sales, SurveyRound.objects.get(pk=survey_round.pk))


def _one_answer_round(people, template=None, **answer):
    (customer,) = makers.customers(a=1)
    survey_round = makers.sent_round(people, template)
    response = makers.answer(people, survey_round.invitations.get(), **answer)
    _close(people, survey_round)
    return survey_round, customer, response


def test_a_very_dissatisfied_answer_opens_an_action_for_quality(people):
    survey_round, customer, response = _one_answer_round(people, value=90, quality=40)
    action = SurveyAction.objects.get(kind=TriggerKind.VERY_DISSATISFIED)
    capa = action.capa
    assert (capa.source, capa.category, capa.customer) == (Source.SURVEY, "quality", customer)
    assert capa.department.code == "quality"
    assert set(capa.assisting.values_list("code", flat=True)) == {"engineering"}
    assert action.response == response
    assert "产品质量" in capa.description


def test_not_very_satisfied_with_delivery_opens_an_action_for_materials(people):
    _one_answer_round(people, value=90, delivery=60)
    capa = SurveyAction.objects.get(kind=TriggerKind.NOT_SATISFIED).capa
    assert (capa.category, capa.department.code) == ("delivery", "materials")


def test_a_dissatisfied_service_answer_goes_to_marketing_with_management(people):
    _one_answer_round(people, value=100, service=50)
    capa = SurveyAction.objects.get(kind=TriggerKind.NOT_SATISFIED).capa
    assert capa.department.code == "marketing"
    assert set(capa.assisting.values_list("code", flat=True)) == {"management"}


def test_poor_answers_of_one_category_open_one_action_per_customer(people):
    _one_answer_round(people, value=90, quality=60, function=40, appearance=50)
    poor = SurveyAction.objects.exclude(kind=TriggerKind.LOWEST_ITEM)
    assert poor.count() == 1
    assert poor.get().kind == TriggerKind.VERY_DISSATISFIED


def test_good_answers_open_only_the_lowest_item_action(people):
    survey_round, _customer, _response = _one_answer_round(people, value=90, price=80)
    action = SurveyAction.objects.get()
    assert (action.kind, action.item.key) == (TriggerKind.LOWEST_ITEM, "price")
    assert action.capa.category == "other"


def test_points_below_twelve_open_an_action(people):
    _one_answer_round(people, makers.points(), value=15, delivery=10)
    capa = SurveyAction.objects.get(kind=TriggerKind.NOT_SATISFIED).capa
    assert capa.department.code == "materials"


def _closed_round(people, period, value, line="减速机"):
    survey_round = makers.sent_round(people, period=period)
    SurveyInvitation.objects.filter(round=survey_round).update(product_line=line)
    for invitation in survey_round.invitations.all():
        assert makers.answer(people, invitation, value).product_line == line
    return _close(people, survey_round)


def test_a_product_line_falling_in_three_successive_rounds_opens_an_action(people):
    makers.customers(a=2)
    _closed_round(people, (dt.date(2025, 1, 1), dt.date(2025, 6, 30)), 100)
    _closed_round(people, (dt.date(2025, 7, 1), dt.date(2025, 12, 31)), 90)
    assert not SurveyAction.objects.filter(kind=TriggerKind.FALLING_TREND).exists()
    _closed_round(people, (dt.date(2026, 1, 1), dt.date(2026, 6, 30)), 80)
    action = SurveyAction.objects.get(kind=TriggerKind.FALLING_TREND)
    assert action.product_line == "减速机"
    assert "100.0 → 90.0 → 80.0" in action.capa.description


def test_the_annual_target_missed_opens_an_action_at_the_year_end_round(people):
    makers.customers(a=1)
    _closed_round(people, (dt.date(2025, 1, 1), dt.date(2025, 6, 30)), 80)
    assert not SurveyAction.objects.filter(kind=TriggerKind.ANNUAL_TARGET).exists()
    _closed_round(people, (dt.date(2025, 7, 1), dt.date(2025, 12, 31)), 80)
    action = SurveyAction.objects.get(kind=TriggerKind.ANNUAL_TARGET)
    assert "2025" in action.capa.title and "85" in action.capa.title


def test_the_annual_target_is_a_setting(people, settings):
    settings.CSC = {**settings.CSC, "SURVEY_ANNUAL_TARGET": Decimal(75)}
    makers.customers(a=1)
    _closed_round(people, (dt.date(2025, 7, 1), dt.date(2025, 12, 31)), 80)
    assert not SurveyAction.objects.filter(kind=TriggerKind.ANNUAL_TARGET).exists()


def test_running_the_triggers_again_opens_nothing_twice(people):
    survey_round, _customer, _response = _one_answer_round(people, value=90, quality=40)
    before = Capa.objects.count()
    again = triggers.run_triggers(people.sales, SurveyRound.objects.get(pk=survey_round.pk))
    assert again == []
    assert Capa.objects.count() == before


def test_the_customer_is_thanked_with_the_actions_their_answer_opened(people):
    survey_round, customer, _response = _one_answer_round(people, value=90, quality=40)
    thanks = outbox_to(customer.email).order_by("-id").first()
    capa = SurveyAction.objects.get(kind=TriggerKind.VERY_DISSATISFIED).capa
    assert capa.number in thanks.body
    assert SurveyAction.objects.get(capa=capa).customer_told_at is not None


def test_the_customer_is_told_what_was_done_once_the_action_is_closed(people):
    _survey_round, customer, _response = _one_answer_round(people, value=90, quality=40)
    action = SurveyAction.objects.get(kind=TriggerKind.VERY_DISSATISFIED)
    assert actions.send_action_feedback(None) == 0  # still open
    Capa.objects.filter(pk=action.capa_id).update(
        status=CapaStatus.CLOSED, action_taken="更换模具并加严出货检验。", closed_at=timezone.now()
    )
    assert actions.send_action_feedback(None) == 1
    outcome = outbox_to(customer.email).order_by("-id").first()
    assert "更换模具并加严出货检验。" in outcome.body
    assert actions.send_action_feedback(None) == 0  # told once
