"""The per-customer scorecard (KPI-2) on the 360° page and as a PDF to send the customer."""

import pytest

from csc.testing import pdf_text

from . import makers

pytestmark = pytest.mark.django_db


def test_the_360_page_shows_the_customers_own_complaint_rate_and_ppm(people, client):
    cust, _made = makers.complaints_and_shipments(people, makers.last_month(), complaints=1, shipments=4)  # fmt: skip
    makers.complaints_and_shipments(people, makers.last_month(), complaints=3, shipments=4)  # another customer  # fmt: skip
    client.force_login(people.quality)
    page = client.get(cust.get_absolute_url())
    panel = next(context for template, context in page.context["panels"] if template == "kpi/panel.html")  # fmt: skip
    figures = {str(line.label): line.value for line in panel["lines"]}
    assert str(figures["投诉率"]) == "25.00"
    assert 'id="scorecard-panel"' in page.content.decode()


def test_the_scorecard_prints_the_customer_and_its_figures(people, client, tmp_path):
    cust, _made = makers.complaints_and_shipments(people, makers.last_month(), complaints=1, shipments=4)  # fmt: skip
    client.force_login(people.sales)
    response = client.get(f"/kpi/scorecard/{cust.pk}.pdf")
    text = pdf_text(response.content, tmp_path)
    assert cust.name in text and "25" in text and "CSC-KPI-02" in text


def test_a_contact_cannot_print_any_scorecard(people, client):
    cust, _made = makers.complaints_and_shipments(people, makers.last_month())
    client.force_login(people.contact)
    assert client.get(f"/kpi/scorecard/{cust.pk}.pdf").status_code == 404
