"""Intake (ORD-1): any channel, product or SPARE, admitted customers only; the PI as PDF."""

import pytest
from django.utils import timezone

from csc.core.errors import Invalid
from csc.orders import actions, pdf
from csc.orders.choices import Channel, OrderStatus, VersionStatus
from csc.orders.models import Order

from . import makers
from .pdfcheck import render_png, text_of


def order_body(customer, product, **extra):
    return {
        "customer": customer.pk,
        "channel": "fax",
        "order_type": "spare",
        "customer_reference": "CGD-8801",
        "lines": [
            {
                "product": product.pk,
                "quantity": "120",
                "unit_price": "8.5",
                "currency": "USD",
                "requested_date": "2026-12-20",
            },
        ],
        "items": [{"category": "characteristics", "requirement": "◇ 硬度 HRC 58-62"}],
        **extra,
    }


@pytest.mark.parametrize("channel", Channel.values)
def test_sales_records_an_order_from_any_channel(people, channel):
    order = makers.draft(people, channel=channel)
    assert order.channel == channel
    assert order.status == OrderStatus.DRAFT
    assert order.number == f"SO-{timezone.localdate().year}-0001"


def test_a_spare_order_arrives_through_the_api_with_its_lines_and_items(people, api_as):
    customer, product = makers.customer(), makers.product()
    response = api_as(people.sales).post(
        "/api/v1/orders/", order_body(customer, product), format="json"
    )
    assert response.status_code == 201, response.json()
    order = Order.objects.get(pk=response.json()["id"])
    line = order.lines.get()
    assert (order.order_type, order.channel, order.customer_reference) == (
        "spare",
        "fax",
        "CGD-8801",
    )
    assert (line.quantity, line.currency, str(line.requested_date)) == (120, "USD", "2026-12-20")
    assert line.specification == product.specification  # taken from the product when not given
    version = order.versions.get()
    assert version.status == VersionStatus.DRAFT
    assert list(version.items.values_list("category", flat=True)) == ["characteristics"]


def test_an_order_is_due_one_working_day_after_intake(people):
    order = makers.draft(people)
    from csc.core.company_calendar import company_calendar

    assert order.review_due_at == company_calendar().add_working_days(order.received_at, 1)


@pytest.mark.parametrize("status", ["pending", "rejected", "inactive"])
def test_customers_not_admitted_get_no_order(people, api_as, status):
    customer = makers.customer(status=status)
    response = api_as(people.sales).post(
        "/api/v1/orders/", order_body(customer, makers.product()), format="json"
    )
    assert response.status_code == 400
    assert "customer" in response.json()
    assert not Order.objects.exists()


def test_an_order_without_lines_is_refused_with_a_field_message(people, api_as):
    body = order_body(makers.customer(), makers.product(), lines=[])
    response = api_as(people.sales).post("/api/v1/orders/", body, format="json")
    assert response.status_code == 400
    assert "lines" in response.json()


@pytest.mark.parametrize(
    "bad",
    [
        {"quantity": "0"},
        {"currency": "XYZ"},
        {"product": 999999},
        {"quantity": "abc"},
        {"requested_date": "31/12/2026"},
    ],
)
def test_bad_lines_get_a_400_never_a_500(people, api_as, bad):
    body = order_body(makers.customer(), makers.product())
    body["lines"][0].update(bad)
    response = api_as(people.sales).post("/api/v1/orders/", body, format="json")
    assert response.status_code == 400, response.content
    assert not Order.objects.exists()


def test_quality_cannot_record_orders(people, api_as):
    response = api_as(people.quality).post(
        "/api/v1/orders/", order_body(makers.customer(), makers.product()), format="json"
    )
    assert response.status_code == 403


def test_a_customer_contact_orders_through_the_portal_for_their_own_company_only(people, api_as):
    contact = people.contact
    own = contact.customer_contact.customer
    product = makers.product()
    response = api_as(contact).post(
        "/api/v1/orders/", order_body(own, product, channel="phone"), format="json"
    )
    assert response.status_code == 201, response.json()
    assert Order.objects.get().channel == Channel.PORTAL
    other = api_as(contact).post(
        "/api/v1/orders/", order_body(makers.customer(), product), format="json"
    )
    assert other.status_code == 400
    assert Order.objects.count() == 1


def test_only_drafts_are_edited_and_the_lines_are_replaced(people):
    order = makers.draft(people)
    replacement = makers.line(quantity="7")
    actions.update_order(
        people.sales, order, {"notes": "改为 7 件"}, [replacement], {"technical": "图纸 Rev.D"}
    )
    order.refresh_from_db()
    assert order.notes == "改为 7 件"
    assert list(order.lines.values_list("quantity", flat=True)) == [7]
    assert list(order.versions.get().items.values_list("requirement", flat=True)) == ["图纸 Rev.D"]
    actions.submit_order(people.sales, order)
    with pytest.raises(Exception) as refused:
        actions.update_order(people.sales, order, {"notes": "x"})
    assert getattr(refused.value, "status", None) == 409


def test_the_payment_terms_default_to_the_seed_text_in_the_customers_language(people, settings):
    english = makers.draft(people, cust=makers.customer(language="en"))
    chinese = makers.draft(people)
    assert (
        english.payment_terms
        == "30% deposit by T/T in advance, 70% balance by T/T before shipment."
    )
    assert chinese.payment_terms.startswith("30% 订金")
    settings.CSC = {
        **settings.CSC,
        "ORDERS_PAYMENT_TERMS": {"en": "100% T/T in advance.", "zh-hans": "款到发货。"},
    }
    assert (
        makers.draft(people, cust=makers.customer(language="en")).payment_terms
        == "100% T/T in advance."
    )


def test_an_order_received_in_the_future_is_refused(people):
    with pytest.raises(Invalid):
        makers.draft(people, received_at=timezone.now() + timezone.timedelta(days=2))


def test_the_english_pi_shows_buyer_seller_lines_terms_and_bank(people, tmp_path):
    customer = makers.customer(
        name="Nordic Drive Systems GmbH", language="en", address="Hafenstraße 1, Bremen"
    )
    order = makers.draft(
        people,
        cust=customer,
        lines=[
            makers.line(
                makers.product(code="DS-20", name="Drive shaft"), quantity="150", price="88"
            )
        ],
    )
    data = pdf.proforma_invoice(order, "en")
    assert render_png(data, tmp_path, "pi-en").startswith(b"\x89PNG")
    text = text_of(data)
    for expected in (
        "PRO FORMA INVOICE", "Nordic Drive Systems GmbH", order.number, "DS-20", "13,200.00",
        "30% deposit by T/T in advance, 70% balance by T/T before shipment.", "ICBKCNBJSZN", "Beneficiary",
    ):  # fmt: skip
        assert expected in text, expected


def test_the_chinese_pi_prints_chinese_text(people, tmp_path):
    order = makers.draft(people, cust=makers.customer(name="上海精密汽配有限公司"))
    data = pdf.proforma_invoice(order, "zh-hans")
    assert render_png(data, tmp_path, "pi-zh").startswith(b"\x89PNG")
    text = text_of(data)
    assert "上海精密汽配有限公司" in text
    assert "30% 订金电汇预付，70% 余款于发货前电汇付清。" in text
    assert "示例制造有限公司" in text  # the seller's Chinese name


def test_the_pi_page_answers_with_a_pdf_and_is_hidden_from_other_customers(people, client):
    order = makers.draft(people)
    client.force_login(people.sales)
    response = client.get(f"/orders/{order.pk}/pi.pdf?lang=en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(people.contact)
    assert client.get(f"/orders/{order.pk}/pi.pdf").status_code == 404


def test_an_order_faxed_on_the_eve_of_national_day_is_due_after_the_declared_holidays(people):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from csc.core import company_calendar
    from csc.core.choices import CalendarDayKind
    from csc.core.models import CalendarDay

    shanghai = ZoneInfo("Asia/Shanghai")
    for day in range(1, 8):
        CalendarDay.objects.create(
            date=dt.date(2026, 10, day), kind=CalendarDayKind.HOLIDAY, name="国庆节"
        )
    CalendarDay.objects.create(
        date=dt.date(2026, 10, 10), kind=CalendarDayKind.WORKDAY, name="调休"
    )
    company_calendar.forget()
    eve = makers.draft(people, received_at=dt.datetime(2026, 9, 30, 15, 0, tzinfo=shanghai))
    assert eve.review_due_at == dt.datetime(2026, 10, 8, 15, 0, tzinfo=shanghai)
    friday = makers.draft(people, received_at=dt.datetime(2026, 10, 9, 11, 0, tzinfo=shanghai))
    assert friday.review_due_at == dt.datetime(
        2026, 10, 10, 11, 0, tzinfo=shanghai
    )  # make-up Saturday


def test_a_draft_is_edited_through_the_api_and_a_stale_version_gets_409(people, api_as):
    order = makers.draft(people)
    url = f"/api/v1/orders/{order.pk}/"
    response = api_as(people.sales).patch(
        url, {"notes": "加急", "version": order.version}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["notes"] == "加急"
    stale = api_as(people.sales).patch(
        url, {"notes": "旧稿", "version": order.version}, format="json"
    )
    assert stale.status_code == 409
    assert api_as(people.quality).patch(url, {"notes": "x"}, format="json").status_code == 403
