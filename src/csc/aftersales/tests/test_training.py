"""Service staff training and evaluation (SVC-11): records with attendance and result, a
warning for staff without skills training in the year, indicators computed from the data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from csc.aftersales import actions
from csc.core.errors import Invalid
from csc.core.tests.resource_base import browser
from csc.testing import api, make_user

from . import makers

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _training(people, results, kind="skills", held_on=None):
    data = {
        "kind": kind,
        "title": "三包鉴定与服务规范",
        "held_on": held_on or dt.date(YEAR, 1, 15),
        "hours": Decimal("4"),
    }
    return actions.record_training(people.sales, data, results)


def test_staff_without_skills_training_this_year_are_named(people):
    trained, absent = people.service, make_user("service2", "service", "service")
    _training(people, {trained: "passed", absent: "absent"})
    _training(people, {absent: "passed"}, kind="product")  # product knowledge does not count
    assert list(actions.untrained_staff(YEAR)) == [absent]


def test_the_check_warns_the_organisers_in_the_fourth_quarter_only(people):
    sales, service = people.sales, people.service
    assert actions.warn_untrained_staff(None, today=dt.date(YEAR, 6, 1)) == []
    assert actions.warn_untrained_staff(None, today=dt.date(YEAR, 10, 1)) == [service]
    assert sales.notifications.filter(title__contains=str(YEAR)).exists()


def test_a_training_without_attendees_or_in_the_future_is_refused(people):
    from csc.aftersales.models import Training

    with pytest.raises(Invalid) as error:
        _training(people, {}, held_on=timezone.localdate() + dt.timedelta(days=5))
    assert {"attendees", "held_on"} <= set(error.value.fields)
    assert not Training.objects.exists()


def test_the_evaluation_counts_claims_decision_time_and_training(people):
    service = people.service
    claim = makers.assessed(people)
    actions.decide_claim(people.quality, claim, "repair")
    makers.claim(people)
    _training(people, {service: "passed"})
    row = next(r for r in actions.evaluation(YEAR) if r["person"] == service)
    assert (row["claims"], row["decided"], row["trainings_passed"]) == (2, 1, 1)
    assert row["decision_days"] is not None and row["decision_days"] >= 0


def test_the_page_shows_the_warning_and_the_api_records_a_training(people):
    service = people.service
    page = browser(people.sales).get("/aftersales/training/").content.decode()
    assert 'id="untrained"' in page and str(service) in page
    body = {"kind": "skills", "title": "现场服务技能", "held_on": str(dt.date(YEAR, 2, 1)), "hours": "3", "results": {str(service.pk): "passed"}}  # fmt: skip
    assert api(people.sales).post("/api/v1/trainings/", body, format="json").status_code == 201
    page = browser(people.sales).get("/aftersales/training/").content.decode()
    assert 'id="untrained"' not in page
