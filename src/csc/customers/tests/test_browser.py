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


def test_the_360_page_shows_placeholders_then_the_panels_the_user_may_see(
    browser_page, live_server, people
):
    from csc.customers.panels import panels_for

    from .makers import active_customer

    page, customer = browser_page, active_customer()
    allowed = {panel.key for panel in panels_for(customer, people.sales)}
    log_in(page, live_server, "sales")
    url = f"{live_server.url}{customer.get_absolute_url()}"

    # Panels held back: the page stands on its own with one compact placeholder per panel.
    page.route("**/panels/**", lambda route: route.abort())
    page.goto(url)
    placeholders = page.locator(".panel-loading")
    expect(placeholders).to_have_count(len(allowed))
    expect(placeholders.first).to_contain_text("加载中")
    page.unroute("**/panels/**")

    # Let through, every panel the user may see arrives in place of its placeholder; no other
    # panel is asked for.
    asked = []
    page.on("request", lambda request: "/panels/" in request.url and asked.append(request.url))
    page.goto(url)
    expect(page.locator("#orders-panel")).to_be_visible()
    expect(page.locator("#orders-panel")).to_contain_text("全部订单")
    expect(placeholders).to_have_count(0)
    assert {u.rstrip("/").rsplit("/", 1)[1] for u in asked} == allowed
