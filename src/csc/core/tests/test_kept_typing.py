"""In Chromium: a form the server refuses with a redirect and a message (a workflow step, a
hand-entered value) gives back what was typed, so nothing typed is lost (issue 11 item 5)."""

import pytest
from django.utils import timezone

from csc.kpi import actions, indicators
from csc.kpi.tests import makers
from csc.testing import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "财务部月报：回款率按开票口径统计"


def _enter(page, live_server, month, note):
    page.goto(f"{live_server.url}/kpi/collection_rate/")
    form = page.locator("form[action$='/kpi/collection_rate/value/']")
    form.locator("input[name=period_start]").fill(f"{month:%Y-%m-%d}")
    form.locator("input[name=value]").fill("97.5")
    form.locator("input[name=note]").fill(note)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    return form


def test_a_value_refused_for_a_closed_month_keeps_what_was_typed(people, live_server, browser_page):
    page = browser_page
    month = makers.last_month()
    actions.close_month(people.mr, month)
    people.sales  # noqa: B018  (the persona exists before logging in)
    log_in(page, live_server, "sales")
    form = _enter(page, live_server, month, NOTE)
    assert page.locator(".messages .msg.error").count() == 1
    assert form.locator("input[name=note]").input_value() == NOTE
    assert form.locator("input[name=value]").input_value() == "97.5"
    # Accepted the next time (an open month): the next page starts empty again.
    earlier = indicators.periods_back(timezone.localdate(), 3)[0]  # a month still open
    form = _enter(page, live_server, earlier, "前月数据")
    assert page.locator(".messages .msg.error").count() == 0
    assert form.locator("input[name=note]").input_value() == ""
