"""In Chromium on a phone-sized screen: the service engineer opens the record of a field
job, records the result, the customer signs the service receipt on the pad with a finger
(here the mouse), and the receipt PDF carries the drawing."""

import datetime as dt

import pytest
from django.utils import timezone

from csc.aftersales.models import FieldServiceRecord, ServiceReceipt
from csc.testing import log_in

from . import makers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _draw(page, selector):
    pad = page.locator(selector)
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] - 30)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 20 + step * 22, box["y"] + 30 + (step % 3) * 40, steps=3)
    page.mouse.up()


def test_a_field_job_goes_from_its_record_to_the_customers_signature_on_a_phone(
    people, live_server, browser_page
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    customer = makers.customer()
    staff = makers.staff(people)
    found = timezone.localtime() - dt.timedelta(hours=3)

    # 1. The service engineer opens the record of the job at the customer's site.
    log_in(page, live_server, people.service.username)
    page.goto(f"{live_server.url}/aftersales/field/new/")
    page.select_option("select[name=customer]", str(customer.pk))
    page.select_option("select[name=staff]", str(staff.pk))
    page.select_option("select[name=stage]", "installation")
    page.fill("input[name=found_at]", found.strftime("%Y-%m-%dT%H:%M"))
    page.fill("textarea[name=defect]", "安装调试时制动钳漏油")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#status.open")
    record = FieldServiceRecord.objects.get()
    assert page.locator("#report-state .report-state").count() == 1

    # 2. The job is done: the result is recorded.
    page.select_option("select[name=outcome]", "repaired")
    page.fill("textarea[name=result]", "更换密封圈，试车正常")
    page.fill("input[name=work_hours]", "2.5")
    page.click("button[name=complete]")
    page.wait_for_selector("#status.completed")

    # 3. The customer signs on the pad; an empty pad is refused first.
    page.fill("input[name=signer_name]", "客户王工")
    page.click("button[name=sign]")
    page.wait_for_selector("text=请先在框内签字。")
    assert not ServiceReceipt.objects.exists()
    page.fill("input[name=signer_name]", "客户王工")
    _draw(page, "canvas[data-signature-pad]")
    page.click("button[name=sign]")
    page.wait_for_selector("#status.signed")
    page.wait_for_selector("img.signature-shown")

    receipt = ServiceReceipt.objects.get(record=record)
    assert receipt.signer_name == "客户王工"
    assert bytes(receipt.signature_png).startswith(b"\x89PNG")

    # 4. The receipt PDF is there, with the drawing embedded.
    response = page.request.get(f"{live_server.url}/aftersales/field/{record.pk}/pdf/")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert b"/Subtype /Image" in response.body()
