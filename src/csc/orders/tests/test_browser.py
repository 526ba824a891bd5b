"""One order through its whole life in real Chromium: intake, three signatures, the GM's approval,
a customer change (version 2), its re-review, the production order and a shipment."""

import pytest
from playwright.sync_api import expect

from csc.orders.models import Order, ShipmentLine
from csc.testing import log_in

from . import makers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def as_user(page, live_server, user):
    page.context.clear_cookies()
    log_in(page, live_server, user.username)


def open_order(page, live_server, order):
    page.goto(f"{live_server.url}/orders/{order.pk}/")


def sign(page, live_server, user, order, section):
    as_user(page, live_server, user)
    open_order(page, live_server, order)
    box = page.locator(f"#section-{section}")
    box.locator("input[value=accept]").check()
    box.locator("textarea[name=opinion]").fill(f"{section} 可行")
    box.locator("button[type=submit]").click()
    expect(page.locator(f"#section-{section} .tag.accepted")).to_be_visible()


def test_an_order_goes_from_intake_to_shipment_with_a_customer_change(
    browser_page, live_server, people
):
    page = browser_page
    customer = makers.customer(name="杭州齿轮传动有限公司")
    product = makers.product(code="GR-4040", name="斜齿轮")
    reviewers = {
        "engineering": people.engineer,
        "quality": people.quality,
        "materials": people.materials,
    }
    gm, warehouse = people.gm, people.warehouse

    as_user(page, live_server, people.sales)
    page.goto(f"{live_server.url}/orders/new/")
    page.fill("#id_customer", customer.code)
    page.select_option("#id_channel", "fax")
    page.fill("#id_customer_reference", "HZ-PO-0088")
    page.select_option("#id_lines-0-product", str(product.pk))
    page.fill("#id_lines-0-quantity", "300")
    page.fill("#id_lines-0-unit_price", "18.5")
    page.fill("#id_req-quality", "关键尺寸 CPK ≥ 1.33")
    page.click("#order-form button[type=submit]")
    expect(page.locator(".msg.success")).to_be_visible()
    order = Order.objects.get(customer=customer)
    page.click("#submit-form button[type=submit]")
    expect(page.locator("#order-status")).to_have_class("tag review")

    for section in ("quality", "materials", "engineering"):  # any order
        sign(page, live_server, reviewers[section], order, section)

    as_user(page, live_server, gm)
    page.goto(f"{live_server.url}/orders/")
    expect(page.locator("#waiting")).to_contain_text(order.number)
    open_order(page, live_server, order)
    page.click("#approve-form button[type=submit]")
    expect(page.locator("#order-status")).to_have_class("tag approved")

    as_user(page, live_server, people.sales)
    open_order(page, live_server, order)
    page.click("#change-button")
    page.fill("#id_reason", "客户追加订单")
    page.fill("#id_description", "数量 300 → 360")
    page.fill("#id_lines-0-quantity", "360")
    page.click("#change-form button[type=submit]")
    expect(page.locator(".msg.success")).to_contain_text("CO-")
    open_order(page, live_server, order)
    expect(page.locator("#order-revision")).to_contain_text("2")
    expect(page.locator("#section-materials .tag.open")).to_be_visible()
    expect(page.locator("#section-quality .tag.accepted")).to_be_visible()  # carried over
    page.goto(f"{live_server.url}/orders/{order.pk}/diff/")
    expect(page.locator("#diff")).to_contain_text("360")

    sign(page, live_server, people.materials, order, "materials")
    as_user(page, live_server, gm)
    open_order(page, live_server, order)
    page.click("#approve-form button[type=submit]")
    expect(page.locator("#order-status")).to_have_class("tag approved")

    as_user(page, live_server, people.sales)
    open_order(page, live_server, order)
    page.click("#issue-form button[type=submit]")
    expect(page.locator("#order-status")).to_have_class("tag production")

    as_user(page, live_server, warehouse)
    open_order(page, live_server, order)
    page.click("#ship-button")
    page.fill("#qty-1", "200")
    page.fill("#id_carrier", "顺丰速运")
    page.click("#ship-form button[type=submit]")
    expect(page.locator("#delivered-on")).to_be_visible()
    open_order(page, live_server, order)
    expect(page.locator("#order-status")).to_have_class("tag shipping")
    assert list(
        ShipmentLine.objects.filter(shipment__order=order).values_list("quantity", flat=True)
    ) == [200]
    assert order.versions.get(number=1).status == "withdrawn"
