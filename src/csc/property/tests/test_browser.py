"""Customer property in real Chromium: receive two lots, fail one at IQC, e-mail the IQC report
to the customer through a real SMTP server, record the disposition, issue the good lot, count
it, and see a damage show on the KPI."""

import re

import pytest
from playwright.sync_api import expect

from csc.core import mail
from csc.property.models import Lot, PropertyItem
from csc.testing import log_in

from .makers import fresh_customer, make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def smtp(smtp_server):
    """The real SMTP server of the shared test fixtures: what it was given."""
    return smtp_server.inbox


def as_user(page, live_server, username):
    page.context.clear_cookies()
    log_in(page, live_server, username)


def status_of(page, selector, state):
    expect(page.locator(selector)).to_have_class(re.compile(rf"\b{state}\b"))


def receive_lot(page, live_server, item, note_no, lot_no, quantity):
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    form = page.locator("#receive-form")
    if not form.is_visible():
        page.locator("details:has(#receive-form) > summary").click()
    form.locator("[name=delivery_note_no]").fill(note_no)
    form.locator("[name=lot_no]").fill(lot_no)
    form.locator("[name=quantity_declared]").fill(quantity)
    form.locator("[name=quantity_received]").fill(quantity)
    form.locator("button[type=submit]").click()
    status_of(page, "#lot-status", "awaiting_iqc")
    return Lot.objects.get(item=item, lot_no=lot_no)


def test_a_nonconforming_lot_from_receipt_to_kpi(browser_page, live_server, people, smtp):
    page = browser_page
    customer = fresh_customer()
    buyer = customer.contacts.get().email
    item = make_item(people, customer, name="客供冷轧钢板 SPCC", part_no="SP-100")
    for persona in ("warehouse", "quality", "materials", "production", "plant_manager"):
        getattr(people, persona)

    # The warehouse receives two lots against their delivery notes (收料单).
    as_user(page, live_server, "warehouse")
    bad = receive_lot(page, live_server, item, "DN-2026-001", "LOT-A", "100")
    good = receive_lot(page, live_server, item, "DN-2026-002", "LOT-B", "80")

    # IQC fails the first lot and e-mails the IQC report to the customer; passes the second.
    as_user(page, live_server, "quality")
    page.goto(f"{live_server.url}{bad.get_absolute_url()}")
    inspect = page.locator("#inspect-form")
    inspect.locator("[name=result]").select_option("fail")
    inspect.locator("[name=sample_size]").fill("13")
    inspect.locator("[name=defects]").fill("4")
    inspect.locator("[name=report]").fill("表面锈蚀，抽检 13 件 4 件不良")
    inspect.locator("button[type=submit]").click()
    status_of(page, "#lot-status", "rejected")
    notify = page.locator("#notify-form")
    expect(notify.locator("[name=to]")).to_have_value(buyer)
    expect(notify.locator("[name=text]")).to_contain_text("表面锈蚀")
    notify.locator("button[type=submit]").click()
    status_of(page, "#lot-status", "notified")
    page.goto(f"{live_server.url}{good.get_absolute_url()}")
    page.locator("#inspect-form [name=result]").select_option("pass")
    page.locator("#inspect-form button[type=submit]").click()
    status_of(page, "#lot-status", "accepted")

    # The worker sends the outbox; the customer's mailbox receives the IQC report.
    assert mail.send_pending() >= 1  # with the in-app colleagues' copies of the IQC alert
    [message] = [m for m in smtp.messages if m["To"] == buyer]
    assert bad.number in message.get_content() and "表面锈蚀" in message.get_content()
    page.goto(f"{live_server.url}{bad.get_absolute_url()}")
    expect(page.locator("#notice .tag.sent")).to_be_visible()

    # Materials records the disposition the customer agreed: return the lot.
    as_user(page, live_server, "materials")
    page.goto(f"{live_server.url}{bad.get_absolute_url()}")
    dispose = page.locator("#dispose-form")
    dispose.locator("[name=disposition]").select_option("return")
    dispose.locator("[name=agreed_with]").fill("客户 SQE 李工（邮件回复）")
    dispose.locator("button[type=submit]").click()
    status_of(page, "#lot-status", "returned")
    expect(page.locator("#lot-on-hand")).to_contain_text("0 千克")

    # The warehouse issues from the good lot only; the failed lot can no longer be chosen.
    as_user(page, live_server, "warehouse")
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    page.locator("details:has(#issue-form) > summary").click()
    issue = page.locator("#issue-form")
    assert issue.locator("[name=i-lot] option").all_inner_texts()[1:] == [str(good)]
    issue.locator("[name=i-quantity]").fill("30")
    issue.locator("[name=i-reference]").fill("WO-88")
    issue.locator("button[type=submit]").click()
    expect(page.locator(".msg.success")).to_be_visible()
    expect(page.locator("#on-hand")).to_have_text("50")

    # Stocktake: the count finds 49; the difference is explained, approved, then posted.
    page.goto(f"{live_server.url}/property/stocktakes/")
    page.locator("details:has(#stocktake-form) > summary").click()
    page.locator("#stocktake-form [name=customer]").fill(customer.code)
    page.locator("#stocktake-form button[type=submit]").click()
    row = page.locator(f"#line-table tr[data-lot='{good.number}']")
    row.locator("input[name^=counted_]").fill("49")
    row.locator("input[name^=explanation_]").fill("1 kg 边角料称重误差")
    page.locator("#count-form button[type=submit]").click()
    expect(page.locator(".msg.success")).to_be_visible()
    page.locator("#decision-form button[data-step=submit]").click()
    status_of(page, "#stocktake-status", "submitted")
    stocktake_url = page.url
    as_user(page, live_server, "plant_manager")
    page.goto(stocktake_url)
    page.locator("#decision-form button[data-step=approve]").click()
    status_of(page, "#stocktake-status", "approved")
    as_user(page, live_server, "warehouse")
    page.goto(stocktake_url)
    page.locator("#decision-form button[data-step=post]").click()
    status_of(page, "#stocktake-status", "posted")
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    expect(page.locator("#on-hand")).to_have_text("49")

    # Production reports damage; Materials confirms it; the KPI shows it against a target of 0.
    as_user(page, live_server, "production")
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    page.locator("details:has(#anomaly-form) > summary").click()
    anomaly = page.locator("#anomaly-form")
    anomaly.locator("[name=a-kind]").select_option("damage")
    anomaly.locator("[name=a-quantity]").fill("1")
    anomaly.locator("[name=a-description]").fill("叉车碰撞，1 卷边部变形")
    anomaly.locator("button[type=submit]").click()
    status_of(page, "#anomaly-status", "reported")
    anomaly_url = page.url
    as_user(page, live_server, "materials")
    page.goto(anomaly_url)
    page.locator("#confirm-form button.primary").click()
    status_of(page, "#anomaly-status", "confirmed")
    page.goto(f"{live_server.url}/property/kpi/")
    expect(page.locator("#kpi-target")).to_have_text("0")
    expect(page.locator("#kpi-total")).to_have_text("1")
    assert PropertyItem.objects.get(pk=item.pk).anomalies.get().status == "confirmed"
