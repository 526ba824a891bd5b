"""In Chromium: Quality ticks every complaint of the ledger page with the box in the header,
assigns them to a department, and the page says so."""

import pytest

from csc.complaints.models import Complaint
from csc.core.models import Department
from csc.testing import log_in

from . import makers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_quality_ticks_all_rows_and_assigns_them_in_one_go(people, live_server, browser_page):
    page = browser_page
    complaints = [makers.complaint(people), makers.complaint(people)]
    engineering = Department.objects.get(code="engineering")
    log_in(page, live_server, people.quality.username)
    page.goto(f"{live_server.url}/complaints/")
    page.check("#complaint-table [data-check-all]")
    assert page.locator('#complaint-table input[name="selected"]:checked').count() == 2
    page.select_option('#bulk-form select[name="action"]', "assign")
    page.select_option('#bulk-form select[name="department"]', str(engineering.pk))
    page.click("#bulk-form button[type=submit]")
    page.wait_for_selector(".messages, .message, [role=alert], .alert", timeout=10_000)
    assert "已分配 2 项投诉" in page.content()
    page.screenshot(path="/tmp/bulk-ledger.png", full_page=True)
    assert set(Complaint.objects.values_list("department", flat=True)) == {engineering.pk}
    page.goto(f"{live_server.url}{complaints[0].get_absolute_url()}")
    page.screenshot(path="/tmp/bulk-detail.png", full_page=True)
