"""Record makers for after-sales tests; each call makes fresh rows, never shared ones."""

import datetime as dt
import itertools
from decimal import Decimal

from django.db import transaction

from csc.aftersales import actions
from csc.core.numbering import next_number
from csc.testing import make_customer

_serial = itertools.count(1)


def customer(**fields):
    fields.setdefault("name", f"售后测试客户{next(_serial):05d}有限公司")
    return make_customer(**fields)


def product(code=None):
    from csc.orders.models import Product

    return Product.objects.create(code=code or f"AS-{next(_serial):05d}", name="制动钳总成")


def shipment(people, cust, prod, shipped_on, delivered_on=None, quantity="50"):
    """Return a shipment of ``prod`` to ``cust`` (written directly: the orders area's own
    tests cover how shipments come about; here only the delivery matters)."""
    from csc.orders.models import Order, OrderLine, Shipment, ShipmentLine

    with transaction.atomic():
        order = Order.objects.create(
            number=next_number("order", "SO"),
            customer=cust,
            created_by=people.sales,
            channel="phone",
            status="shipped",
            received_on=shipped_on,
        )
        line = OrderLine.objects.create(order=order, product=prod, quantity=Decimal(quantity))
        sent = Shipment.objects.create(
            number=next_number("delivery-note", "DN"),
            order=order,
            customer=cust,
            shipped_on=shipped_on,
            delivered_on=delivered_on,
        )
        ShipmentLine.objects.create(
            shipment=sent,
            order_line=line,
            product=prod,
            customer=cust,
            shipped_on=shipped_on,
            quantity=Decimal(quantity),
        )
    return sent


def delivered(people, days_ago=100, **fields):
    """Return (customer, product, shipment) delivered ``days_ago`` days ago."""
    from django.utils import timezone

    cust, prod = customer(**fields), product()
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return cust, prod, shipment(people, cust, prod, day - dt.timedelta(days=2), day)


def claim(people, who=None, days_ago=100, failed_days_ago=5, **data):
    """Return a claim registered by Customer Service on a product delivered ``days_ago``."""
    from django.utils import timezone

    if "customer" not in data:
        data["customer"], data["product"], _sent = delivered(people, days_ago)
    data.setdefault("failed_on", timezone.localdate() - dt.timedelta(days=failed_days_ago))
    data.setdefault("mileage_km", 12_000)
    data.setdefault("description", "制动异响，刹车片异常磨损")
    return actions.register_claim(who or people.service, data)


def assessed(people, defect_kind="manufacturing", exclusion="", **data):
    registered = claim(people, **data)
    return actions.assess_claim(people.quality, registered, defect_kind, exclusion, "拆检确认")


# --- field service -----------------------------------------------------------------------


def staff(people, who="service", posting="travelling", resident_at=None):
    """Return the service staff entry of persona ``who`` (made once per persona)."""
    from csc.aftersales.models import ServiceStaff

    person = getattr(people, who)
    found = ServiceStaff.objects.filter(person=person).first()
    if found:
        return found
    data = {"person": person, "posting": posting, "resident_at": resident_at}
    return actions.add_staff(people.service, data)


def field_record(people, cust=None, stage="in_use", found_at=None, **data):
    """Return an open service record of a field job for a fresh customer."""
    from django.utils import timezone

    data.setdefault("customer", cust or customer())
    data.setdefault("staff", staff(people))
    data.setdefault("stage", stage)
    data.setdefault("found_at", found_at or timezone.now() - dt.timedelta(hours=2))
    data.setdefault("defect", "安装后制动钳漏油")
    data.setdefault("failure_form", "密封圈渗漏")
    data.setdefault("maker", "本公司")
    return actions.open_record(people.service, data)


def completed(people, **data):
    record = field_record(people, **data)
    done = {"outcome": "repaired", "result": "更换密封圈，试车正常", "work_hours": Decimal("3.5")}
    return actions.complete_record(people.service, record, done)


def drawn_signature(blank=False):
    """Return PNG bytes of a small drawing: a diagonal stroke, or nothing (``blank``)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    if not blank:
        ImageDraw.Draw(image).line([(20, 100), (150, 20), (280, 90)], fill=(16, 35, 63, 255), width=4)  # fmt: skip
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def data_url(png):
    import base64

    return "data:image/png;base64," + base64.b64encode(png).decode()
