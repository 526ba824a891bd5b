"""A survey round in real Chromium: Marketing opens and sends it, the customer answers through
the link e-mailed to a real SMTP server, the round is closed, the statistics and the corrective
action a "very dissatisfied" answer opened are there to see."""

import re

import pytest
from playwright.sync_api import expect

from csc.core import mail
from csc.surveys.models import SurveyResponse, SurveyRound
from csc.testing import log_in

from . import makers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LINK = re.compile(r"(http://\S+/surveys/answer/[A-Za-z0-9_-]+/)")


@pytest.fixture
def smtp(smtp_server, settings, live_server):
    """The real SMTP server of the shared test fixtures; links in the mails go to the live
    server."""
    settings.SITE_URL = live_server.url
    return smtp_server.inbox


def _open_and_send_round(page, live_server):
    page.goto(f"{live_server.url}/surveys/rounds/new/")
    page.select_option("#id_template", value=str(makers.weighted().pk))
    page.fill("#id_period_start", "2026-01-01")
    page.fill("#id_period_end", "2026-06-30")
    page.click("#round-form button[type=submit]")
    expect(page.locator("#round-status")).to_have_text("Planned")
    page.click("button[data-step=open]")
    expect(page.locator("#round-status")).to_have_text("Sample drawn")
    page.click("button[data-step=send]")
    expect(page.locator("#round-status")).to_have_text("Collecting answers")


def _answer_as_customer(browser_page, link, template):
    customer_page = browser_page.context.browser.new_context().new_page()  # no login at all
    customer_page.goto(link)
    expect(customer_page.locator("h1")).to_have_text("Customer satisfaction survey")
    for item in template.items.all():
        value = 40 if item.key == "quality" else 90
        customer_page.check(f"input[name=item_{item.pk}][value='{value}']")
    customer_page.fill(f"textarea[name=comment_{template.items.get(key='quality').pk}]", "Burrs")
    customer_page.click("#answer-form button[type=submit]")
    expect(customer_page.locator("#answer-thanks")).to_be_visible()
    customer_page.goto(link)
    expect(customer_page.locator("#link-refused")).to_have_attribute("data-reason", "used")
    customer_page.context.close()


def test_a_round_is_answered_by_the_emailed_link_and_its_results_acted_on(
    browser_page, live_server, people, smtp
):
    page = browser_page
    customer = makers.customer("A", language="en")
    people.sales  # noqa: B018  (exists before the browser logs in)
    log_in(page, live_server, "sales")
    page.click("form.lang button[value=en]")
    _open_and_send_round(page, live_server)

    assert mail.send_pending() == 1
    (message,) = smtp.to(customer.email)
    link = LINK.search(message.get_content()).group(1)
    assert link.startswith(live_server.url)

    survey_round = SurveyRound.objects.get()
    _answer_as_customer(page, link, survey_round.template)
    assert SurveyResponse.objects.get().score == 80  # 0.2 × 40 + 0.8 × 90

    page.goto(f"{live_server.url}{survey_round.get_absolute_url()}")
    page.click("button[data-step=close]")
    expect(page.locator("#round-status")).to_have_text("Closed")
    expect(page.locator("#round-validity")).to_have_text("valid")
    actions_table = page.locator("#survey-actions")
    row = actions_table.locator("tr", has_text="Very dissatisfied")
    expect(row).to_contain_text(customer.name)
    expect(row).to_contain_text("Quality")

    page.click("text=Statistics")
    expect(page.locator("#stat-index")).to_have_text("80.0")
    expect(page.locator("#comments")).to_contain_text("Burrs")

    page.goto(f"{live_server.url}{survey_round.get_absolute_url()}")
    page.locator("#survey-actions tr", has_text="Very dissatisfied").locator("a").first.click()
    expect(page.locator("body")).to_contain_text(survey_round.number)
    expect(page.locator("body")).to_contain_text("Burrs")
