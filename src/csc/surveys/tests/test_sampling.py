"""Sampling (SUR-4): every A and B customer, C customers drawn to make up 20% of the surveys,
with a seed that is stored and redoes the same draw."""

from decimal import Decimal

import pytest
from django.db.models import Count

from csc.customers.models import Contact
from csc.surveys import rules, sampling
from csc.surveys.models import SurveyInvitation

from . import makers

pytestmark = pytest.mark.django_db


def _drawn_ids(survey_round):
    return set(survey_round.invitations.filter(drawn=True).values_list("customer_id", flat=True))


def test_all_a_and_b_customers_are_surveyed_and_c_make_up_a_fifth(people):
    makers.customers(a=6, b=10, c=30)
    survey_round = makers.open_round(people)
    by_class = dict(survey_round.invitations.values_list("abc_class").annotate(n=Count("pk")))
    # 16 A/B customers; C = 16 × 0.2 / 0.8 = 4, so C are 4 of 20 surveys: 20%
    assert by_class == {"A": 6, "B": 10, "C": 4}
    assert Decimal(by_class["C"]) / sum(by_class.values()) == Decimal("0.2")
    assert survey_round.c_population == 30
    assert _drawn_ids(survey_round) == set(
        survey_round.invitations.filter(abc_class="C").values_list("customer_id", flat=True)
    )


def test_the_share_of_c_customers_is_a_setting(people, settings):
    settings.CSC = {**settings.CSC, "SURVEY_C_SHARE": Decimal("0.5")}
    makers.customers(a=4, c=10)
    survey_round = makers.open_round(people)
    assert survey_round.invitations.filter(abc_class="C").count() == 4


def test_the_stored_seed_redoes_the_same_draw(people):
    makers.customers(a=5, b=5, c=40)
    first = makers.open_round(people, seed=20260601)
    again = makers.open_round(people, seed=20260601)
    assert first.seed == again.seed == 20260601
    assert _drawn_ids(first) == _drawn_ids(again)
    c_ids = sampling.draw_for(first, first.seed)[1]
    assert rules.population_digest(c_ids) == first.population_digest
    assert set(rules.draw(first.seed, c_ids, 3)) == _drawn_ids(first)


def test_another_seed_draws_another_sample(people):
    makers.customers(a=5, b=5, c=40)
    assert _drawn_ids(makers.open_round(people, seed=1)) != _drawn_ids(
        makers.open_round(people, seed=2)
    )


def test_the_c_quota_rounds_half_up_and_is_capped_by_the_c_customers():
    share = Decimal("0.20")
    assert rules.c_quota(10, 100, share) == 3  # 10 × 0.25 = 2.5 → 3
    assert rules.c_quota(16, 100, share) == 4
    assert rules.c_quota(16, 2, share) == 2
    assert rules.c_quota(0, 50, share) == 0
    assert rules.c_quota(10, 100, Decimal(0)) == 0


def test_only_admitted_active_customers_are_surveyed(people):
    active = makers.customer("A")
    makers.customer("A", status="pending")
    makers.customer("B", status="inactive")
    survey_round = makers.open_round(people)
    assert list(survey_round.invitations.values_list("customer_id", flat=True)) == [active.pk]


def test_the_survey_goes_to_the_primary_contact_else_the_customer_address(people):
    with_contact = makers.customer("A")
    Contact.objects.create(customer=with_contact, name="次要", email="second@x.example")
    Contact.objects.create(
        customer=with_contact, name="采购", email="primary@x.example", is_primary=True
    )
    without = makers.customer("B")
    no_address = makers.customer("B", email=False)
    survey_round = makers.open_round(people)
    emails = dict(survey_round.invitations.values_list("customer_id", "email"))
    assert emails[with_contact.pk] == "primary@x.example"
    assert emails[without.pk] == without.email
    assert emails[no_address.pk] == ""


def test_the_customer_language_is_kept_on_the_invitation(people):
    english = makers.customer("A", language="en")
    survey_round = makers.open_round(people)
    assert SurveyInvitation.objects.get(round=survey_round, customer=english).language == "en"
