"""Simultaneous submissions on PostgreSQL: two tabs sending the same survey at the same moment
record one answer; two clicks on "close" close the round once."""

import threading

import pytest
from django.db import connections

from csc.core.errors import ActionError
from csc.surveys import actions
from csc.surveys.models import SurveyAction, SurveyResponse, SurveyRound
from csc.testing import on_postgres

from . import makers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(count, call):
    """Run ``call`` in ``count`` threads released together; return (results, refusals)."""
    start = threading.Barrier(count)
    results, refusals = [], []

    def worker():
        try:
            start.wait()
            results.append(call())
        except ActionError as error:
            refusals.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, refusals


def _skip_on_sqlite():
    if not on_postgres():
        pytest.skip("concurrent writers are a PostgreSQL matter; SQLite serialises them")


def test_two_tabs_sending_the_same_link_at_once_record_one_answer(people):
    _skip_on_sqlite()
    customer = makers.customer("A")
    survey_round = makers.sent_round(people)
    token = makers.token_for(customer.email)
    values = makers.values_for(survey_round.template, 90)
    results, refusals = _race(2, lambda: actions.answer_by_link(None, token, values))
    assert (len(results), len(refusals)) == (1, 1)
    assert refusals[0].status == 409
    assert SurveyResponse.objects.filter(round=survey_round).count() == 1


def test_two_clicks_on_close_close_the_round_once(people):
    _skip_on_sqlite()
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    makers.answer(people, survey_round.invitations.get(), 90, quality=40)
    sales = people.sales
    results, refusals = _race(
        2, lambda: actions.close_round(sales, SurveyRound.objects.get(pk=survey_round.pk))
    )
    assert (len(results), len(refusals)) == (1, 1)
    assert refusals[0].status == 409
    assert SurveyAction.objects.filter(round=survey_round).count() == 2  # very dissatisfied, lowest
