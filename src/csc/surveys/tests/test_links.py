"""The answer link (SUR-1, SEC-3): no login, in the customer's language, answered once; a used,
expired or tampered link gets a clear page and nothing is recorded."""

import datetime as dt
import hashlib

import pytest
from django.test import Client
from django.utils import timezone

from csc.surveys import actions
from csc.surveys.models import SurveyLink, SurveyResponse, SurveyRound

from . import makers

pytestmark = pytest.mark.django_db


def _form(template, value=None, **by_key):
    data = {f"item_{pk}": v for pk, v in makers.values_for(template, value, **by_key).items()}
    return {**data, "comment": "总体满意", "respondent": "王经理 采购部"}


@pytest.fixture
def invited(people):
    """A sent round with one English-speaking A customer; returns (round, customer, token)."""
    customer = makers.customer("A", language="en")
    survey_round = makers.sent_round(people)
    return survey_round, customer, makers.token_for(customer.email)


def _url(token):
    return f"/surveys/answer/{token}/"


def test_the_customer_answers_through_the_link_without_logging_in(invited):
    survey_round, customer, token = invited
    client = Client()
    page = client.get(_url(token))
    assert page.status_code == 200
    assert page["Content-Language"] == "en" or b'lang="en"' in page.content
    assert b"Customer satisfaction survey" in page.content
    answered = client.post(_url(token), _form(survey_round.template, 90, quality=100))
    assert answered.status_code == 302 and "/surveys/answer/thanks/" in answered["Location"]
    response = SurveyResponse.objects.get(round=survey_round)
    assert (response.customer, response.channel, response.entered_by) == (customer, "link", None)
    assert response.score == 92  # 0.20 × 100 + 0.80 × 90
    assert response.respondent == "王经理 采购部"


def test_the_page_speaks_the_customers_language(people):
    chinese = makers.customer("A")
    makers.sent_round(people)
    page = Client().get(_url(makers.token_for(chinese.email)))
    assert b'lang="zh-CN"' in page.content
    assert "产品质量（符合性）".encode() in page.content  # the questions in Chinese
    english = Client().get(_url(makers.token_for(chinese.email)) + "?lang=en")
    assert b'lang="en"' in english.content
    assert b"Product quality (conformity)" in english.content


def test_a_used_link_shows_a_clear_page_and_records_nothing(invited):
    survey_round, _customer, token = invited
    client = Client()
    client.post(_url(token), _form(survey_round.template, 100))
    again = client.get(_url(token))
    assert again.status_code == 409
    assert b'data-reason="used"' in again.content
    repost = client.post(_url(token), _form(survey_round.template, 40))
    assert repost.status_code == 409
    assert SurveyResponse.objects.filter(round=survey_round).count() == 1
    assert SurveyResponse.objects.get(round=survey_round).score == 100


def test_two_tabs_submitting_the_same_link_record_one_response(invited):
    survey_round, _customer, token = invited
    first_tab, second_tab = Client(), Client()
    assert first_tab.get(_url(token)).status_code == 200
    assert second_tab.get(_url(token)).status_code == 200
    assert first_tab.post(_url(token), _form(survey_round.template, 90)).status_code == 302
    late = second_tab.post(_url(token), _form(survey_round.template, 50))
    assert late.status_code == 409
    assert SurveyResponse.objects.filter(round=survey_round).count() == 1
    assert SurveyResponse.objects.get(round=survey_round).score == 90


def test_an_expired_link_shows_a_clear_page_and_records_nothing(invited):
    survey_round, _customer, token = invited
    SurveyLink.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    client = Client()
    page = client.get(_url(token))
    assert page.status_code == 410 and b'data-reason="expired"' in page.content
    assert client.post(_url(token), _form(survey_round.template, 90)).status_code == 410
    assert not SurveyResponse.objects.exists()


def test_a_closed_rounds_link_no_longer_answers(invited, people):
    survey_round, _customer, token = invited
    actions.close_round(people.sales, survey_round)
    assert Client().post(_url(token), _form(survey_round.template, 90)).status_code == 410
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: t[:20],
        lambda t: t + "x",
        lambda t: "../../admin",
        lambda t: "%00" + t,
    ],
)
def test_a_tampered_link_is_not_valid_and_records_nothing(invited, tamper):
    survey_round, _customer, token = invited
    client = Client()
    page = client.get(_url(tamper(token)))
    assert page.status_code == 404
    assert client.post(_url(tamper(token)), _form(survey_round.template, 90)).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_an_answer_out_of_the_scale_gets_400_and_records_nothing(invited):
    survey_round, _customer, token = invited
    client = Client()
    page = client.post(_url(token), _form(survey_round.template, 90, quality=85))
    assert page.status_code == 400
    assert not SurveyResponse.objects.exists()
    # the link still works for a corrected answer
    assert client.post(_url(token), _form(survey_round.template, 90)).status_code == 302


def test_an_unanswered_question_gets_400(invited):
    survey_round, _customer, token = invited
    data = _form(survey_round.template, 90)
    data.pop(next(k for k in data if k.startswith("item_")))
    assert Client().post(_url(token), data).status_code == 400
    assert not SurveyResponse.objects.exists()


def test_points_out_of_range_get_400(people):
    customer = makers.customer("A")
    survey_round = makers.sent_round(people, makers.points())
    token = makers.token_for(customer.email)
    page = Client().post(_url(token), _form(survey_round.template, 20, quality=21))
    assert page.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_the_database_keeps_only_a_hash_of_the_token(invited):
    _round, _customer, token = invited
    link = SurveyLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(SurveyLink.objects.values().get())
    assert len(token) >= 43  # 256 random bits


def test_the_page_is_kept_out_of_caches_and_referrers(invited):
    _round, _customer, token = invited
    page = Client().get(_url(token))
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


def test_a_reminder_link_answers_too_and_the_first_is_then_used(people):
    customer = makers.customer("A")
    survey_round = makers.sent_round(people)
    first = makers.token_for(customer.email)
    later = timezone.now() + dt.timedelta(days=60)
    SurveyRound.objects.filter(pk=survey_round.pk).update(due_date=dt.date(2026, 1, 1))
    sent = actions.remind_round(
        people.sales, SurveyRound.objects.get(pk=survey_round.pk), now=later
    )
    assert sent == 1
    second = makers.token_for(customer.email)
    assert second != first
    client = Client()
    assert client.get(_url(first)).status_code == 200
    assert client.post(_url(second), _form(survey_round.template, 80)).status_code == 302
    assert client.get(_url(first)).status_code == 409
    assert SurveyResponse.objects.count() == 1
