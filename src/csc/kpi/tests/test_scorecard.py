"""The per-customer scorecard (KPI-2) on the 360° page and as a PDF to send the customer."""

import pytest

from csc.testing import customer_panel, pdf_text

from . import makers

pytestmark = pytest.mark.django_db


def test_the_360_page_shows_the_customers_own_complaint_rate_and_ppm(people, client):
    cust, _made = makers.complaints_and_shipments(people, makers.last_month(), complaints=1, shipments=4)  # fmt: skip
    makers.complaints_and_shipments(people, makers.last_month(), complaints=3, shipments=4)  # another customer  # fmt: skip
    client.force_login(people.quality)
    page = customer_panel(client, cust, "kpi-panel")
    panel = page.context["panel"]
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


def test_the_scorecard_counts_the_customers_requests_resolved_by_their_target(people):
    import datetime as dt

    from django.utils import timezone, translation

    from csc.kpi import scorecard
    from csc.service.models import ServiceRequest
    from csc.service.tests import makers as service_makers

    cust = service_makers.customer()
    received = timezone.make_aware(dt.datetime.combine(makers.last_month(), dt.time(10)))
    due = received + dt.timedelta(days=2)
    timings = [  # resolved on time, late, not yet, and on time but before the twelve months
        (received, received + dt.timedelta(days=1)),
        (received, received + dt.timedelta(days=3)),
        (received, None),
        (received - dt.timedelta(days=400), received - dt.timedelta(days=399)),
    ]
    for at, resolved in timings:
        made = service_makers.request(people, cust=cust)
        ServiceRequest.objects.filter(pk=made.pk).update(
            received_at=at, resolution_due_at=due if at == received else at, resolved_at=resolved
        )
    service_makers.request(people)  # another customer's, resolved or not, never counted

    with translation.override("en"):
        line = next(
            line
            for line in scorecard.lines(cust)
            if line.label == "Service requests resolved on time"
        )
    assert line.value == 50 and line.detail == "2 resolved"
