"""In Chromium: the Management Representative opens the dashboard, clicks last month's point
on the complaint-rate chart and lands on those complaints, then generates the management
review pack and opens both files (PDF rendered, Excel read back), and makes the IATF 10.2.3
evidence pack of this month with its closed 8D."""

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from csc.kpi import actions, indicators
from csc.testing import log_in, pdf_text

from . import makers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_a_chart_point_to_its_complaints_and_on_to_the_signed_review_pack(
    people, live_server, browser_page, media_root, tmp_path
):
    page = browser_page
    month = makers.last_month()
    _cust, made = makers.complaints_and_shipments(people, month, complaints=2, shipments=4)
    people.mr  # noqa: B018  (the persona exists before logging in)
    log_in(page, live_server, "mr")
    page.goto(f"{live_server.url}/kpi/")
    card = page.locator("section.kpi-card[data-code=complaint_rate]")
    point = card.locator(f'a[href="/complaints/?month={month:%Y-%m}"] circle')
    assert "50" in point.locator("title").text_content()  # the hover text: 2 in 4 shipments
    point.click()
    page.wait_for_url(f"**/complaints/?month={month:%Y-%m}")
    for complaint in made:
        assert page.locator(f"text={complaint.number}").count() >= 1

    end = indicators.next_period(month) - dt.timedelta(days=1)
    review = actions.create_review(people.mr, {"period_start": month, "period_end": end})
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.fill("[name=summary]", "投诉率高于目标，需分析原因。")
    page.locator("form.form-grid button[type=submit]").click()
    page.locator("#generate").click()
    page.wait_for_selector("#pack-pdf", timeout=60000)
    with page.expect_download() as download:
        page.locator("#pack-xlsx").click()
    with open(download.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()), read_only=True)
    rates = {r[0]: r[3] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert float(rates["投诉率"]) == 50.0
    pdf = page.request.get(f"{live_server.url}{page.locator('#pack-pdf').get_attribute('href')}")
    assert "投诉率高于目标" in pdf_text(pdf.body(), tmp_path)
    page.fill("[name=note]", "同意")
    page.locator("#sign").click()
    page.wait_for_selector("text=评审已签署")

    # The auditor asks for 10.2.3: this month's closed 8D with its report, from one click.
    closed = _closed_8d(people)
    page.goto(f"{live_server.url}/kpi/evidence/")
    today = timezone.localdate()
    page.fill("#evidence-period [name=start]", today.replace(day=1).isoformat())
    page.fill("#evidence-period [name=end]", today.isoformat())
    page.locator("#evidence-period button[type=submit]").click()
    page.wait_for_load_state()
    with page.expect_download() as download:
        page.locator("tr[data-clause=iatf-10-2-3] button[type=submit]").click()
    with open(download.value.path(), "rb") as handle:
        pack = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert f"records/{closed.number}.pdf" in pack.namelist()
    (tmp_path / "evidence").mkdir()
    index = "".join(pdf_text(pack.read("index.pdf"), tmp_path / "evidence").split())
    assert closed.number in index and "问题解决" in index


def _closed_8d(people):
    from csc.complaints import actions as complaint_actions
    from csc.complaints.tests import makers as complaint_makers

    eightd = complaint_makers.fill_8d(people, complaint_makers.accepted(people))
    return complaint_actions.close_eightd(people.quality, eightd)
