"""A salesperson in real Chromium: log in, switch language, create a customer, find it, read
its history."""

import pytest
from playwright.sync_api import expect

from csc.testing import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sales_creates_a_customer_and_reads_its_history(browser_page, live_server, people):
    page = browser_page
    people.sales  # noqa: B018  (created before the browser logs in)
    log_in(page, live_server, "sales")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")

    page.click("form.lang button[value=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.goto(f"{live_server.url}/customers/admissions/new/")
    page.fill("#id_c-name", "Hangzhou Gear Works Co., Ltd.")
    page.fill("#id_c-region", "East China")
    page.fill("#id_c-email", "buyer@hzgear.example")
    page.select_option("#id_a-requested_level", "II")
    page.fill("#id_a-requested_days", "60")
    page.fill("#id_a-investigation", "Visited the plant; payment record good.")
    page.click("#admission-form button[type=submit]")
    expect(page.locator(".msg.success")).to_be_visible()

    page.goto(f"{live_server.url}/customers/?q=Hangzhou")
    row = page.locator("#customer-table tbody tr", has_text="Hangzhou Gear Works")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Awaiting admission")
    row.locator("a").first.click()

    history = page.locator("#history table.history")
    expect(history).to_be_visible()
    expect(history).to_contain_text("Created")
    expect(history).to_contain_text("East China")
