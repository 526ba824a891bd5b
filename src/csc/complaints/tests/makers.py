"""Record makers for complaint tests; each call makes fresh rows, never shared ones."""

import datetime as dt
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from csc.complaints import actions
from csc.complaints.models import Discipline
from csc.testing import make_customer

_serial = itertools.count(1)

# A 1×1 PNG: a real image by content.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def photo(name="defect.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def customer(**fields):
    fields.setdefault("name", f"投诉测试客户{next(_serial):05d}有限公司")
    fields.setdefault("email", "buyer@customer.example")
    return make_customer(**fields)


def product(code=None):
    from csc.orders.models import Product

    return Product.objects.create(code=code or f"P-{next(_serial):05d}", name="支架总成")


def complaint(people, who=None, cust=None, **data):
    """Return a complaint registered by Sales (or ``who``)."""
    data.setdefault("customer", cust or customer())
    data.setdefault("category", "quality")
    data.setdefault("description", "产品表面划伤，影响装配")
    data.setdefault("quantity_affected", Decimal("120"))
    data.setdefault("lot", "L2026-0312")
    return actions.register_complaint(who or people.sales, data)


def accepted(people, severity="complex", **data):
    """Return a complaint Quality accepted (8D and CAPA open)."""
    registered = complaint(people, **data)
    return actions.accept_complaint(people.quality, registered, severity, note="我方责任")


# The complete content of each discipline, as the forms accept it.
def full_content(people):
    return {
        "D0": {
            "still_in_production": "on",
            "emergency_needed": "on",
            "emergency_actions": "停线检查，在制品全部隔离",
        },
        "D1": {
            "champion": people.quality.pk,
            "leader": people.quality.pk,
            "members": [people.engineer.pk, people.production.pk],
        },
        "D2": {
            "problem_statement": "支架焊点开裂",
            "w_what": "焊点开裂",
            "w_how_many": "120件",
            "is_what": "3号焊点",
            "not_what": "其他焊点",
        },
        "D3": {
            "production_measures": "焊接参数复核，首件全检",
            **{f"{place}_suspect": 0 for place in ("in_transit", "at_customer")},
            "in_house_suspect": 300,
            "in_house_isolated": "on",
            "in_house_labelled": "on",
            "in_house_disposition": "sort",
            "in_house_reinspected": "on",
            "in_house_released": 280,
        },
        "D4": {
            "station": "焊接工位 W3",
            "occ_why_1": "焊接电流偏低",
            "occ_root_cause": "焊机参数被误调",
            "occ_class": "machine",
            "esc_why_1": "终检未做拉力试验",
            "esc_root_cause": "检验规范缺少拉力试验",
            "esc_class": "method",
        },
        "D5": {
            "action_1": "焊机参数锁定",
            "kind_1": "occurrence",
            "owner_1": "李工",
            "due_1": "2026-03-20",
            "verified_1": "on",
            "action_2": "终检增加拉力试验",
            "kind_2": "escape",
            "owner_2": "张质",
            "due_2": "2026-03-20",
            "verified_2": "on",
            "verification": "连续 5 批拉力试验合格",
        },
        "D6": {
            "implementation": "参数锁定并增加拉力试验",
            "implemented_on": "2026-03-21",
            "containment_removed_on": "2026-04-10",
            "effectiveness_data": "不良率 2.1% → 0%",
            "effectiveness_verified": "on",
        },
        "D7": {
            "wi_status": "done",
            "wi_reference": "WI-W3-005 B版",
            "wi_done_on": "2026-03-22",
            "pfmea_status": "done",
            "pfmea_reference": "PFMEA-12 C版",
            "pfmea_done_on": "2026-03-22",
            "cp_status": "na",
            "cp_reference": "控制计划已含拉力试验",
            "similar_checked": "同类支架 3 种已排查",
        },
        "D8": {"closure_note": "客户确认关闭", "recognition": "表彰小组"},
    }


def fill_8d(people, complaint_, skip=()):
    """Fill every discipline of the complaint's 8D completely (except ``skip``)."""
    content = full_content(people)
    for discipline in Discipline.objects.filter(eightd__complaint=complaint_).order_by("code"):
        if discipline.code in skip:
            continue
        actions.save_discipline(people.quality, discipline, content[discipline.code])
    return complaint_.eightd


def replied(people, **data):
    """Return an accepted complaint with a closed 8D and a reply sent by Sales."""
    registered = accepted(people, **data)
    fill_8d(people, registered)
    actions.close_eightd(people.quality, registered.eightd)
    reply = actions.draft_reply(
        people.quality, registered, registered.number, "关于投诉的回复", "经调查……"
    )
    actions.send_reply(people.sales, reply, registered.number)
    registered.refresh_from_db()
    return registered


def shipment(cust, day, quantity, prod=None, created_by=None):
    """Record one delivery of ``quantity`` parts to ``cust`` on ``day`` (orders' tables)."""
    from csc.core.models import User
    from csc.orders.models import Order, OrderLine, Shipment, ShipmentLine

    prod = prod or product()
    user = created_by or User.objects.first()
    with transaction.atomic():
        order = Order.objects.create(
            number=f"SO-T-{next(_serial):06d}",
            customer=cust,
            created_by=user,
            channel="phone",
            received_at=timezone.make_aware(dt.datetime.combine(day, dt.time(9))),
        )
        line = OrderLine.objects.create(order=order, product=prod, quantity=quantity)
        ship = Shipment.objects.create(
            number=f"DN-T-{next(_serial):06d}", order=order, customer=cust, shipped_on=day
        )
        ShipmentLine.objects.create(
            shipment=ship,
            order_line=line,
            product=prod,
            customer=cust,
            shipped_on=day,
            quantity=quantity,
        )
    return ship
