"""In Chromium: a customer's e-mail reaches the test IMAP server, the worker files it and the
rules assign it; customer service replies and asks a question, the customer answers in the
portal, the request is resolved, and the SLA report counts it."""

import pytest

from csc.core.models import Department
from csc.customers.models import Contact
from csc.service.intake.poll import config_from_url, poll
from csc.service.models import ServiceRequest
from csc.testing import log_in

from . import makers
from .mails import mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch_to(page, live_server, username):
    page.context.clear_cookies()
    log_in(page, live_server, username)
    page.wait_for_selector(".sidebar")


def test_an_email_request_goes_through_reply_waiting_portal_answer_and_resolution(
    people, live_server, browser_page, imap_inbox, media_root
):
    page = browser_page
    Department.objects.get(code="service")
    team = makers.team(people, members=("service",), head="sales")
    makers.route_all_to(team)
    contact_user = people.contact
    Contact.objects.filter(user=contact_user).update(email="buyer@customer.example")

    # 1. The customer writes to the service mailbox; the worker polls it.
    imap_inbox.append(mail(subject="设备报警 E42", body="设备启动时报警，请协助。"))
    assert poll("service", config_from_url(imap_inbox.url())) == (1, 0)
    request = ServiceRequest.objects.get()
    assert request.handler == people.service

    # 2. Customer service finds it in the queue, replies and asks a question.
    _switch_to(page, live_server, people.service.username)
    page.goto(f"{live_server.url}/service/mine/")
    page.click(f"text={request.number}")
    page.fill('textarea[name="body"]', "请提供设备铭牌照片。")
    page.click("button[formaction$='/step/wait/']")
    page.wait_for_selector("#status.waiting")

    # 3. The customer answers in the portal; the clock starts again.
    _switch_to(page, live_server, contact_user.username)
    page.goto(f"{live_server.url}/service/{request.pk}/")
    assert "请提供设备铭牌照片。" in page.content()
    page.fill('#answer textarea[name="body"]', "铭牌：型号 X-200，序列号 123")
    page.click("#answer button[type=submit]")
    page.wait_for_selector("text=铭牌：型号 X-200")

    # 4. Customer service resolves it; the SLA report counts it.
    _switch_to(page, live_server, people.service.username)
    page.goto(f"{live_server.url}/service/{request.pk}/")
    page.wait_for_selector("#status.in_progress")
    page.fill('textarea[name="body"]', "已远程指导更换传感器，设备恢复正常。")
    page.click("button[formaction$='/step/resolve/']")
    page.wait_for_selector("#status.resolved")
    page.goto(f"{live_server.url}/service/report/")
    row = page.locator("#report-table tbody tr").first
    assert row.locator("td").nth(3).inner_text() == "1"
    assert row.locator("td").nth(5).inner_text() == "1"
