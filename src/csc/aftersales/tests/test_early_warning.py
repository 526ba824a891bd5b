"""The early-warning check (SVC-9): a marked drop in a customer's purchases against its own
history is flagged, a steady customer is not, a second run raises nothing new; Quality writes
the analysis, Sales records the notice, and a warning opens a CAPA."""

import datetime as dt
from decimal import Decimal

import pytest

from csc.aftersales import actions
from csc.aftersales.choices import WarningKind, WarningStatus
from csc.aftersales.models import EarlyWarning
from csc.aftersales.rules import add_months
from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.customers.models import PurchaseVolume
from csc.testing import api

from . import makers

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 15)
PERIOD = dt.date(2026, 11, 1)


def _history(customer, monthly, months=15):
    """Give ``customer`` ``months`` months of purchases before PERIOD; ``monthly(i)`` is the
    amount of the i-th month back (1 = last month)."""
    PurchaseVolume.objects.bulk_create(
        PurchaseVolume(customer=customer, period=add_months(PERIOD, -i), amount=Decimal(monthly(i)))
        for i in range(1, months + 1)
    )


def _steady_and_dropping():
    steady, dropping = makers.customer(), makers.customer()
    _history(steady, lambda i: 100_000 + (i % 2) * 5_000)
    _history(dropping, lambda i: 20_000 if i <= 3 else 100_000)
    return steady, dropping


def test_a_planted_purchase_drop_is_flagged_and_a_steady_customer_is_not(people):
    steady, dropping = _steady_and_dropping()
    raised = actions.raise_warnings(None, today=TODAY)
    assert [(w.kind, w.customer_id) for w in raised] == [(WarningKind.PURCHASE_DROP, dropping.pk)]
    warning = raised[0]
    assert (warning.baseline, warning.observed) == (100_000, 20_000)
    assert warning.number.startswith("EW-") and warning.period == PERIOD


def test_running_twice_raises_no_second_warning_for_the_period(people):
    _steady_and_dropping()
    actions.raise_warnings(None, today=TODAY)
    assert actions.raise_warnings(None, today=TODAY + dt.timedelta(days=3)) == []
    assert EarlyWarning.objects.count() == 1


def test_a_drop_smaller_than_the_threshold_is_not_flagged(people, settings):
    customer = makers.customer()
    _history(customer, lambda i: 75_000 if i <= 3 else 100_000)  # 25 % < 30 %
    assert actions.raise_warnings(None, today=TODAY) == []
    settings.CSC = {**settings.CSC, "EARLY_WARNING_DROP_PERCENT": 20}
    assert len(actions.raise_warnings(None, today=TODAY)) == 1


def test_repeated_claims_on_a_product_raise_a_warning(people):
    cust, prod, _sent = makers.delivered(people)
    for _ in range(3):
        makers.claim(people, customer=cust, product=prod)
    raised = actions.raise_warnings(None)
    assert [(w.kind, w.product_id) for w in raised] == [(WarningKind.REPEATED_CLAIMS, prod.pk)]


def test_repeated_field_failures_of_a_product_raise_a_warning_once(people):
    product = makers.product()
    for _ in range(3):
        makers.field_record(people, product=product)
    makers.field_record(people, product=makers.product())  # another product, met once
    raised = actions.raise_warnings(None)
    assert [(w.kind, w.product_id) for w in raised] == [(WarningKind.FIELD_FAILURES, product.pk)]
    assert "3" in raised[0].summary
    assert actions.raise_warnings(None) == []


def test_quality_analyses_sales_notifies_and_the_warning_opens_a_capa(people):
    _steady_and_dropping()
    warning = actions.raise_warnings(None, today=TODAY)[0]
    with pytest.raises(IllegalTransition):
        actions.notify_customer(people.sales, warning, "已电话沟通")
    with pytest.raises(Denied):
        actions.analyse_warning(people.sales, warning, "…")
    with pytest.raises(Invalid):
        actions.analyse_warning(people.quality, warning, " ")
    actions.analyse_warning(people.quality, warning, "客户新车型转用竞品，存在失效隐患")
    actions.notify_customer(people.sales, warning, "12月3日拜访客户采购部，约定联合评审")
    assert warning.status == WarningStatus.NOTIFIED
    capa = actions.open_warning_capa(people.quality, warning)
    assert capa.source == "early_warning" and capa.customer == warning.customer
    with pytest.raises(IllegalTransition):
        actions.open_warning_capa(people.quality, warning)


def test_the_api_walks_the_warning_and_answers_a_stale_copy_with_409(people):
    _steady_and_dropping()
    warning = actions.raise_warnings(None, today=TODAY)[0]
    url = f"/api/v1/early-warnings/{warning.pk}"
    quality = api(people.quality)
    body = {"analysis": "需求下降", "version": warning.version}
    assert quality.post(f"{url}/analyse/", body, format="json").status_code == 200
    assert quality.post(f"{url}/analyse/", body, format="json").status_code == 409
    assert quality.post(f"{url}/open-capa/").status_code == 201
