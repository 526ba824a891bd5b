"""In Chromium: a customer contact submits a complaint in the portal, Quality accepts it and
fills D0–D8 on the 8D page, the reply PDF is made and sent, the complaint closes, and the KPI
page counts it."""

import re

import pytest

from csc.complaints.models import Complaint
from csc.testing import log_in

from .makers import full_content, photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch_to(page, live_server, username):
    page.context.clear_cookies()
    log_in(page, live_server, username)
    page.wait_for_selector(".sidebar")


def _fill(page, code, content):
    """Fill one discipline's form in place, whatever kind each field is."""
    for key, value in content.items():
        field = page.locator(f'#{code} [name="{code}-{key}"]')
        tag = field.evaluate("el => el.tagName + ':' + (el.type || '')")
        if tag.endswith("checkbox"):
            field.check()
        elif tag.startswith("SELECT"):
            values = value if isinstance(value, list) else [value]
            field.select_option([str(v) for v in values])
        else:
            field.fill(str(value))


def _fill_8d(page, people):
    for code, content in full_content(people).items():
        panel = page.locator(f"#{code}")
        panel.get_by_role("link", name=re.compile("Edit|编辑")).click()
        page.wait_for_selector(f'#{code} button[name="save"]')
        _fill(page, code, content)
        page.locator(f'#{code} button[name="save"]').click()
        # The panel comes back in view mode and its progress chip turns blue.
        page.wait_for_selector(f"#chip-{code}.in_progress")
        page.wait_for_selector(f'#{code} button[name="save"]', state="detached")


def test_a_portal_complaint_goes_through_8d_reply_and_closure(
    people, live_server, browser_page, media_root, tmp_path
):
    page = browser_page
    quality, sales = people.quality, people.sales  # exist before the complaint: they are told
    people.engineer, people.production  # noqa: B018 (D1 team members)

    # 1. The customer contact submits the complaint with a photo.
    log_in(page, live_server, people.contact.username)
    page.goto(f"{live_server.url}/complaints/submit/")
    page.select_option('select[name="category"]', "quality")
    page.fill('input[name="lot"]', "L2026-0312")
    page.fill('input[name="quantity_affected"]', "120")
    page.fill('textarea[name="description"]', "支架焊点开裂，装配时断裂")
    image = tmp_path / "crack.png"
    image.write_bytes(photo().read())
    page.set_input_files('input[name="files"]', str(image))
    page.click('button[name="submit"]')
    page.wait_for_selector("h1 .tag.registered")
    complaint = Complaint.objects.get()
    assert complaint.channel == "portal" and complaint.number in page.inner_text("h1")

    # 2. Quality accepts it; the 8D opens.
    _switch_to(page, live_server, quality.username)
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    page.select_option('select[name="severity"]', "complex")
    page.click('button[name="accept"]')
    page.wait_for_selector("h1 .tag.accepted")

    # 3. D0–D8 filled in place, then the 8D closes.
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/8d/")
    _fill_8d(page, people)
    page.click('button[name="close-8d"]')
    page.wait_for_selector("h1 .tag.closed")

    # 4. The reply letter, drafted from the 8D, is saved as PDF.
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    assert "焊机参数被误调" in page.input_value('textarea[name="body"]')
    page.click('button[name="draft"]')
    pdf_link = page.locator("#replies a", has_text="PDF").first
    pdf = page.request.get(f"{live_server.url}{pdf_link.get_attribute('href')}")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")

    # 5. Sales sends it; Quality closes the complaint.
    _switch_to(page, live_server, sales.username)
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    page.click('button[name="send"]')
    page.wait_for_selector("h1 .tag.replied")
    _switch_to(page, live_server, quality.username)
    page.goto(f"{live_server.url}{complaint.get_absolute_url()}")
    page.click('button[name="close"]')
    page.wait_for_selector("h1 .tag.closed")

    # 6. The KPI page counts it, and its 5M1E class appears in the Pareto.
    page.goto(f"{live_server.url}/complaints/kpis/")
    assert page.inner_text("#kpi-complaints") == "1"
    assert page.locator("#pareto-cause tbody tr").count() == 1
    complaint.refresh_from_db()
    assert complaint.status == "closed" and complaint.cause_class == "machine"
