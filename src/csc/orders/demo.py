"""Demo orders in Chinese and English, in every state of the review, change and delivery flow."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from csc.core.models import Department, User
from csc.customers.models import Customer

from . import actions
from .models import Order, ReviewVersion, Shipment, ShipmentLine

# code, name, specification, product line, unit
PRODUCTS = [
    ("GR-2010", "斜齿轮", "m=2, z=40, 20CrMnTi 渗碳淬火", "传动件", "件"),
    ("BH-3302", "轴承座", "HT250, Φ62H7", "铸件", "件"),
    ("ST-0815", "冲压支架", "SPCC t=1.5, 镀锌", "冲压件", "件"),
    ("MC-1200", "电机端盖", "ADC12 压铸, 喷粉", "压铸件", "件"),
    ("SL-0450", "骨架油封", "NBR 45×62×8", "密封件", "只"),
    ("DS-2000", "Drive shaft DS-20", "42CrMo4, induction hardened", "Driveline", "pcs"),
    ("HV-0310", "Hydraulic valve block", "AlSi1MgMn, anodised", "Hydraulics", "pcs"),
    ("PC-7700", "PCB 组件 控制板", "FR-4 1.6mm, 无铅", "电子", "块"),
]

REQUIREMENTS = {
    "quality": "外观无划伤、毛刺；关键尺寸 CPK ≥ 1.33；来料 PPM ≤ 50。",
    "technical": "按客户图纸 Rev.C；热处理硬度 HRC 58-62。",
    "packaging": "每箱 50 件，内衬防锈纸，外箱标签含批号。",
    "characteristics": "◇ 齿面硬度、◇ 内孔 Φ62H7 为客户指定特殊特性。",
}
EN_REQUIREMENTS = {
    "quality": "PPAP level 3 before first delivery; zero defects on critical features.",
    "packaging": "Returnable plastic totes, 20 pcs each; VDA 4902 labels.",
    "special": "Ship via Shanghai port; certificate of origin required.",
}


def load(users):
    if Order.objects.exists():
        return
    products = _products(users)
    customers = list(Customer.objects.admitted().order_by("pk"))
    if len(customers) < 5:
        return
    _heads(users)
    actions.name_delegate(
        users["gm"],
        "quality",
        users["mr"],
        timezone.localdate() + dt.timedelta(days=90),
        "质量经理出差期间代签",
    )
    _history(users, customers, products)
    _current(users, customers, products)


def _products(users):
    return [
        actions.save_product(
            users["sales"],
            {
                "code": code,
                "name": name,
                "specification": spec,
                "product_line": line,
                "unit": unit,
                "active": True,
            },
        )
        for code, name, spec, line, unit in PRODUCTS
    ]


def _heads(users):
    for code, username in (
        ("engineering", "engineering"),
        ("quality", "quality"),
        ("production", "production"),
        ("marketing", "sales"),
    ):
        Department.objects.filter(code=code).update(head=users[username])


def _line(product, quantity, price, days, currency="CNY"):
    today = timezone.localdate()
    return {
        "product": product,
        "quantity": Decimal(quantity),
        "unit_price": Decimal(price),
        "currency": currency,
        "requested_date": today + dt.timedelta(days=days),
        "promised_date": today + dt.timedelta(days=days),
    }


def _order(users, customer, lines, channel="phone", english=False, sample=False, received_at=None):
    sales = users["sales2"] if english else users["sales"]
    data = {
        "customer": customer,
        "channel": channel,
        "sample": sample,
        "customer_reference": f"PO-{customer.pk:03d}-{timezone.localdate():%m%d}",
    }
    if received_at:
        data["received_at"] = received_at
    data["trade_terms"] = "FOB Shanghai" if english else "送货到厂"
    return actions.receive_order(sales, data, lines, EN_REQUIREMENTS if english else REQUIREMENTS)


def _sign_all(users, order, except_=()):
    signer = {
        "engineering": users["engineering"],
        "quality": users["quality"],
        "materials": users["materials"],
    }
    opinions = {
        "engineering": "工艺可行，现有模具可用。",
        "quality": "检验能力满足，可达成。",
        "materials": "排产可满足交期。",
    }
    for section, user in signer.items():
        if section not in except_:
            actions.sign_section(user, order, section, "accept", opinions[section])


def _to_production(users, order, sales):
    actions.submit_order(sales, order)
    _sign_all(users, order)
    actions.approve_order(users["gm"], order, "同意接单。")
    actions.issue_production_order(sales, order, "按评审记录要求生产，首件送品质部确认。")
    order.refresh_from_db()
    return order


def _history(users, customers, products):
    """Closed orders of the last months, so the KPIs and the 360° page have something to show."""
    today = timezone.localdate()
    for index in range(24):
        customer = customers[index % len(customers)]
        english = customer.language == "en"
        sales = users["sales2"] if english else users["sales"]
        days_ago = 20 + index * 9
        order = _order(
            users,
            customer,
            [_line(products[index % len(products)], 200 + index * 10, "18.5", -days_ago + 12)],
            english=english,
            # Received back then: a promise made weeks ago cannot belong to an order of today.
            received_at=timezone.now() - dt.timedelta(days=days_ago),
        )
        order = _to_production(users, order, sales)
        for line in order.lines.all():
            actions.ship_order(
                users["warehouse"],
                order,
                today,
                [{"order_line": line.pk, "quantity": line.quantity}],
                "顺丰物流",
            )
        for shipment in order.shipments.all():
            actions.confirm_delivery(sales, shipment, today, "仓库收货员")
        _move_back(order, days_ago, late_review=index % 7 == 3, late_delivery=index % 5 == 2)


def _move_back(order, days_ago, late_review, late_delivery):
    """Demo history: place a finished order's dates in the past (no verb dates records back)."""
    received = timezone.now() - dt.timedelta(days=days_ago)
    due = received + dt.timedelta(days=1)
    completed = received + dt.timedelta(hours=30 if late_review else 5)
    Order.objects.filter(pk=order.pk).update(
        received_at=received, received_on=timezone.localdate(received), submitted_at=received,
        review_due_at=due, review_completed_at=completed, closed_at=received + dt.timedelta(days=14),
    )  # fmt: skip
    ReviewVersion.objects.filter(order=order).update(
        started_at=received, due_at=due, completed_at=completed
    )
    shipped = timezone.localdate(received) + dt.timedelta(days=12 + (3 if late_delivery else -1))
    promised = timezone.localdate(received) + dt.timedelta(days=12)
    Shipment.objects.filter(order=order).update(
        shipped_on=shipped, delivered_on=shipped + dt.timedelta(days=1), promised_on=promised,
        on_time=not late_delivery,
    )  # fmt: skip
    ShipmentLine.objects.filter(shipment__order=order).update(shipped_on=shipped)


def _current(users, customers, products):
    """Orders in each state of the workflow today."""
    sales, gm = users["sales"], users["gm"]
    a, b, c, d, e = customers[:5]
    _order(
        users,
        a,
        [_line(products[0], 500, "23.80", 30), _line(products[4], 2000, "1.35", 30)],
        channel="fax",
    )
    waiting = _order(
        users,
        b,
        [_line(products[1], 300, "56.00", 25)],
        channel="email",
        received_at=timezone.now() - dt.timedelta(days=3),
    )
    actions.submit_order(sales, waiting)
    partly = _order(users, c, [_line(products[2], 1200, "4.20", 20)], channel="written")
    actions.submit_order(sales, partly)
    _sign_all(users, partly, except_=("materials",))
    disputed = _order(users, a, [_line(products[3], 800, "31.00", 10)], channel="verbal")
    actions.submit_order(sales, disputed)
    actions.sign_section(users["engineering"], disputed, "engineering", "accept", "可行。")
    actions.sign_section(
        users["quality"],
        disputed,
        "quality",
        "reject",
        "压铸气孔要求 ≤ 0.3mm 现有工艺无法保证，需客户放宽或增加 X 光检验。",
    )
    ready = _order(
        users,
        d,
        [_line(products[5], 150, "88.00", 40, "USD")],
        channel="email",
        english=d.language == "en",
    )
    actions.submit_order(users["sales2"] if d.language == "en" else sales, ready)
    _sign_all(users, ready)
    actions.approve_order(gm, ready, "Approved.")
    making = _to_production(
        users,
        _order(
            users, e, [_line(products[6], 60, "120.00", 35, "EUR")], channel="portal", sample=True
        ),
        sales,
    )
    actions.update_production(
        users["materials"], making, planned_completion=timezone.localdate() + dt.timedelta(days=20)
    )
    shipping = _to_production(
        users,
        _order(
            users, b, [_line(products[0], 1000, "23.50", 5), _line(products[7], 400, "65.00", 15)]
        ),
        sales,
    )
    first = shipping.lines.order_by("line_no").first()
    shipment = actions.ship_order(
        users["warehouse"],
        shipping,
        timezone.localdate(),
        [{"order_line": first.pk, "quantity": 600}],
        "德邦物流",
    )
    _changes(users, shipping, making, shipment)
    _contact(users, shipping, disputed)


def _changes(users, shipping, making, shipment):
    second = shipping.lines.order_by("line_no").last()
    actions.request_change(
        users["sales"], shipping, "customer", "客户市场需求增加", "第 2 行数量由 400 增至 500，交期不变。",
        lines={second.pk: {"quantity": "500"}},
    )  # fmt: skip
    line = making.lines.first()
    actions.request_change(
        users["materials"], making, "internal", "进口铝材到货延迟两周", "交期顺延 14 天。",
        lines={line.pk: {"promised_date": str(line.promised_date + dt.timedelta(days=14))}},
    )  # fmt: skip


def _contact(users, shipping, disputed):
    contact = User.objects.filter(
        username="contact", customer_contact__customer=shipping.customer
    ).first()
    actions.ask_question(contact or users["sales"], shipping, "delivery", "剩余 400 件何时发货？")
    question = actions.ask_question(
        users["sales"], disputed, "quality", "客户询问压铸件气孔检验方法。"
    )
    actions.forward_question(users["sales"], question, "请品质部给出检验方案。")
    actions.write_memo(
        users["sales"],
        disputed,
        Department.objects.get(code="quality"),
        "压铸气孔要求协调",
        "请品质部评估增加 X 光抽检的成本与周期。",
        timezone.localdate() + dt.timedelta(days=2),
    )
    actions.request_presales(
        users["sales"],
        disputed.customer,
        "special_sample",
        "客户需要 5 件特殊涂层样品用于台架试验。",
    )
    refused = actions.request_presales(
        users["sales"], shipping.customer, "technical_data", "客户索取热处理工艺卡。"
    )
    actions.decide_presales(
        users["engineering"],
        refused,
        False,
        "工艺卡属公司机密。",
        "热处理工艺属我司技术秘密，可提供硬度检测报告替代。",
    )
