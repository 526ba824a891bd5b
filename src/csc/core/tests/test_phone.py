"""A list on a phone (390 px wide): the filters fold behind one button and a wide table
scrolls inside the page instead of widening it."""

import pytest

from csc.testing import log_in, make_customer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_customer_list_on_a_phone_shows_rows_first_and_filters_on_demand(
    live_server, browser_page, people
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    for index in range(3):
        make_customer(f"手机测试客户{index}有限公司")
    log_in(page, live_server, people.sales.username)
    page.goto(f"{live_server.url}/customers/")
    filters = page.locator("form.filters").first
    toggle = page.locator("button.filters-toggle").first
    assert not filters.is_visible()
    assert toggle.inner_text() == "筛选"
    toggle.click()
    assert filters.is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    # The page itself is no wider than the phone; the table scrolls on its own.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert (
        page.evaluate("getComputedStyle(document.querySelector('table.table')).overflowX") == "auto"
    )


def test_on_a_desk_the_filters_stay_open_without_a_button(live_server, browser_page, people):
    log_in(browser_page, live_server, people.sales.username)
    browser_page.goto(f"{live_server.url}/customers/")
    assert browser_page.locator("form.filters").first.is_visible()
    assert not browser_page.locator("button.filters-toggle").first.is_visible()
