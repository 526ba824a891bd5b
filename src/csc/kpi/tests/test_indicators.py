"""The indicator list (KPI-1): every indicator of the SPEC, computed by its area's own
functions, snapshots that keep a closed month, hand-entered values with who and when, and
targets that rate each value."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import override

from csc.complaints import kpis as complaint_kpis
from csc.complaints.models import Complaint
from csc.core.errors import Denied, Invalid
from csc.core.periods import months_period
from csc.kpi import actions, indicators, values
from csc.kpi.choices import Rating
from csc.kpi.models import Snapshot

from . import makers

pytestmark = pytest.mark.django_db

SPEC_KPI_1 = {
    "satisfaction_index", "complaint_rate", "ppm", "complaint_reply_on_time", "eightd_on_time",
    "service_first_answer_on_time", "service_resolution_on_time", "contract_review_in_time",
    "on_time_delivery", "property_damage", "premium_freight", "customer_disruptions",
    "field_returns", "collection_rate",
}  # fmt: skip


def _value(code, start, live=False):
    row = values.row(indicators.get(code), periods=3, live=live)
    return next(p for p in row.points if p.start == start)


def test_the_list_holds_every_indicator_the_spec_names_with_owner_and_unit():
    listed = {i.code: i for i in indicators.every()}
    assert set(listed) >= SPEC_KPI_1
    for indicator in listed.values():
        assert indicator.unit in {"%", "ppm", "count", "hours", "points"}
        assert indicator.owner and str(indicator.definition)


def test_the_complaint_rate_is_the_complaint_pages_own_figure(people):
    month = makers.last_month()
    makers.complaints_and_shipments(people, month, complaints=1, shipments=4)
    page = complaint_kpis.monthly(Complaint.objects.all(), months_period(month, month))[0]
    point = _value("complaint_rate", month)
    assert point.value == page["rate"] == Decimal("25.00")
    assert point.url == f"/complaints/?month={month:%Y-%m}"


def test_a_closed_month_keeps_its_value_and_shows_what_changed_since(people, client):
    month = makers.last_month()
    _cust, made = makers.complaints_and_shipments(people, month, complaints=1, shipments=4)
    actions.close_month(people.mr, month)
    makers.complaint_makers.complaint(people, cust=made[0].customer, received_at=makers.at(month + dt.timedelta(days=9)))  # fmt: skip
    assert _value("complaint_rate", month).value == Decimal("25.00")  # the recorded value
    assert _value("complaint_rate", month, live=True).value == Decimal("50.00")
    client.force_login(people.quality)
    page = client.get("/kpi/complaint_rate/").content.decode()
    assert "≠" in page  # the difference is shown on the indicator's page


def test_recording_snapshots_twice_changes_nothing_the_second_time(people):
    month = makers.last_month()
    makers.complaints_and_shipments(people, month)
    first = actions.record_snapshots(month)
    stored = list(Snapshot.objects.order_by("code").values_list("code", "value", "recorded_at"))
    assert first > 0
    assert actions.record_snapshots(month) == 0
    assert list(Snapshot.objects.order_by("code").values_list("code", "value", "recorded_at")) == stored  # fmt: skip


def test_a_hand_entered_value_keeps_who_and_when_and_is_rated_against_the_target(people):
    month = makers.last_month()
    actions.enter_value(people.sales, "collection_rate", month, "95.5", "财务月报")
    snapshot = Snapshot.objects.get(code="collection_rate", period_start=month)
    assert (snapshot.recorded_by, snapshot.note, snapshot.source) == (people.sales, "财务月报", "manual")  # fmt: skip
    point = _value("collection_rate", month)
    assert (point.value, point.target) == (Decimal("95.50"), Decimal("96"))
    assert point.rating == Rating.AMBER  # within 5 % of the 96 % target
    actions.set_target(people.mr, "collection_rate", month, "90", "新客户账期")
    assert _value("collection_rate", month).rating == Rating.GREEN


@pytest.mark.parametrize(
    ("code", "raw", "field", "words"),
    [
        ("collection_rate", "120", "value", "at most 100"),
        ("premium_freight", "1.5", "value", "whole number"),
        ("collection_rate", "-3", "value", "never negative"),
        ("collection_rate", "abc", "value", "Enter a number"),
        ("complaint_rate", "3", "indicator", "computed from the records"),
    ],
)
def test_a_hand_entered_value_that_does_not_fit_is_refused_on_its_field(people, code, raw, field, words):  # fmt: skip
    with override("en"), pytest.raises(Invalid) as refused:
        actions.enter_value(people.sales, code, makers.last_month(), raw)
    assert words in str(refused.value.fields[field][0])
    assert not Snapshot.objects.exists()


def test_no_value_is_entered_for_a_closed_or_future_month(people):
    month = makers.last_month()
    actions.close_month(people.mr, month)
    with override("en"), pytest.raises(Invalid) as closed:
        actions.enter_value(people.sales, "collection_rate", month, "97")
    assert "closed" in str(closed.value.fields["period_start"][0])
    future = indicators.next_period(indicators.period_start(timezone.localdate()))
    with pytest.raises(Invalid):
        actions.enter_value(people.sales, "collection_rate", future, "97")


def test_a_target_must_start_a_period_of_the_indicator(people):
    with override("en"), pytest.raises(Invalid) as refused:
        actions.set_target(people.mr, "collection_rate", dt.date(2026, 3, 15), "96")
    assert "first day" in str(refused.value.fields["valid_from"][0])
    with pytest.raises(Invalid):
        actions.set_target(people.mr, "satisfaction_index", dt.date(2026, 3, 1), "85")  # yearly


def test_only_the_management_representative_sets_targets_and_closes_months(people):
    with pytest.raises(Denied):
        actions.set_target(people.sales, "collection_rate", dt.date(2026, 1, 1), "96")
    with pytest.raises(Denied):
        actions.close_month(people.quality, makers.last_month())


def test_a_lower_is_better_indicator_with_target_zero_is_red_at_one(people):
    month = makers.last_month()
    actions.enter_value(people.materials, "premium_freight", month, "1")
    assert _value("premium_freight", month).rating == Rating.RED
    actions.enter_value(people.materials, "premium_freight", month, "0")
    assert _value("premium_freight", month).rating == Rating.GREEN
