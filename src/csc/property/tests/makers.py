"""Quick makers of customer property for tests (through the verbs, as a user would)."""

import datetime as dt
import itertools
from decimal import Decimal

from csc.property import actions
from csc.property.choices import Kind
from csc.testing import make_customer

_serial = itertools.count(1)


def fresh_customer(**fields):
    """Return an admitted customer of its own, with a primary contact that has an e-mail."""
    from csc.customers.models import Contact

    number = next(_serial)
    customer = make_customer(name=f"财产测试客户{number:05d}有限公司", **fields)
    Contact.objects.create(
        customer=customer, name="采购 王", email=f"buyer{number}@customer.example", is_primary=True
    )
    return customer


def make_item(people, customer=None, **fields):
    """Register a raw-material item (needs IQC) for a fresh customer, as Materials."""
    data = {
        "kind": Kind.RAW_MATERIAL,
        "name": "冷轧钢板 SPCC 1.0mm",
        "part_no": f"PN-{next(_serial):05d}",
        "unit": "kg",
        "location": "A-01-02",
        "storage_temperature": "5–35 °C",
        "storage_humidity": "≤ 70 %RH",
        "protection": "防锈油，覆膜",
        **fields,
    }
    return actions.register_item(people.materials, customer or fresh_customer(), data)


def days_ago(n):
    from django.utils import timezone

    return timezone.localdate() - dt.timedelta(days=n)


def receive(people, item, quantity, on=None, lot_no="", declared=None, **extra):
    return actions.receive(
        people.warehouse,
        item,
        quantity_received=Decimal(str(quantity)),
        quantity_declared=declared,
        delivery_note_no=f"DN-{next(_serial):05d}",
        lot_no=lot_no or f"L{next(_serial):05d}",
        on=on,
        **extra,
    )


def accepted_lot(people, item, quantity, on=None, **extra):
    """Receive a lot and pass it through IQC."""
    lot = receive(people, item, quantity, on=on, **extra)
    if lot.status == "awaiting_iqc":
        lot = actions.inspect(people.quality, lot, "pass", "外观、尺寸合格", 13, 0)
    return lot


def failed_lot(people, item, quantity, on=None):
    lot = receive(people, item, quantity, on=on)
    return actions.inspect(people.quality, lot, "fail", "表面锈蚀，抽检 13 件 4 件不良", 13, 4)


def notified_lot(people, item, quantity, on=None):
    lot = failed_lot(people, item, quantity, on=on)
    return actions.notify_lot_customer(
        people.quality, lot, "phone", "采购 王 0512-62880000", "电话告知"
    )


def confirmed_anomaly(people, item=None, kind="damage"):
    item = item or make_item(people)
    anomaly = actions.report_anomaly(people.production, item, kind, "叉车碰撞，2 卷边部变形", 2)
    return actions.confirm_anomaly(people.materials, anomaly, "属实")
