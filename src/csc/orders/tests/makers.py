"""Record makers for the order tests; each call makes fresh rows, never shared ones."""

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from csc.orders import actions
from csc.orders.models import Product
from csc.testing import make_customer

_serial = itertools.count(1)


def product(**fields):
    number = next(_serial)
    fields.setdefault("code", f"P-{number:05d}")
    fields.setdefault("name", f"齿轮{number}")
    fields.setdefault("specification", "M3×20 40Cr")
    fields.setdefault("product_line", "传动件")
    return Product.objects.create(**fields)


def customer(**fields):
    fields.setdefault("name", f"订单测试客户{next(_serial):05d}有限公司")
    return make_customer(**fields)


def line(prod=None, quantity="100", price="12.5", **extra):
    return {
        "product": prod or product(),
        "quantity": Decimal(quantity),
        "unit_price": Decimal(price),
        "currency": "CNY",
        "requested_date": timezone.localdate() + dt.timedelta(days=30),
        **extra,
    }


def draft(people, cust=None, lines=None, items=None, actor=None, **data):
    """Return a draft order received by phone, by the sales persona."""
    data = {"customer": cust or customer(salesperson=people.sales), "channel": "phone", **data}
    items = (
        {"quality": "外观无划伤，PPM ≤ 50", "packaging": "每箱 100 件，防锈包装"}
        if items is None
        else items
    )
    return actions.receive_order(
        actor or people.sales, data, lines or [line(), line(quantity="40")], items
    )


def submitted(people, **kwargs):
    return actions.submit_order(people.sales, draft(people, **kwargs))


def signed(people, order, sections=("engineering", "quality", "materials")):
    signer = {
        "engineering": people.engineer,
        "quality": people.quality,
        "materials": people.materials,
    }
    for section in sections:
        actions.sign_section(signer[section], order, section, "accept", "可行")
    order.refresh_from_db()
    return order


def approved(people, **kwargs):
    order = signed(people, submitted(people, **kwargs))
    return actions.approve_order(people.gm, order, "同意")


def in_production(people, **kwargs):
    order = approved(people, **kwargs)
    actions.issue_production_order(people.sales, order, "按评审要求生产")
    order.refresh_from_db()
    return order
