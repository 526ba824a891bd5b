"""Order dates that cannot be are refused with a message on the lines (issue 11 item 7)."""

import datetime as dt

import pytest
from django.utils import timezone

from csc.core.errors import Invalid

from . import makers


def test_sales_cannot_enter_a_delivery_date_before_the_order_date(people):
    received = timezone.now() - dt.timedelta(days=10)
    too_early = timezone.localdate(received) - dt.timedelta(days=1)
    with pytest.raises(Invalid) as refused:
        makers.draft(people, lines=[makers.line(requested_date=too_early)], received_at=received)
    assert "lines" in refused.value.as_dict()
    assert "before the order date" in str(refused.value.as_dict()) or "早于" in str(
        refused.value.as_dict()
    )


def test_sales_cannot_promise_a_date_already_past(people):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(Invalid) as refused:
        makers.draft(people, lines=[makers.line(promised_date=yesterday)])
    assert "lines" in refused.value.as_dict()


def test_a_promise_from_today_on_is_accepted(people):
    order = makers.draft(people, lines=[makers.line(promised_date=timezone.localdate())])
    assert order.lines.get().promised_date == timezone.localdate()
