"""Demo complaints, 8D reports, replies, returns and a monthly review, in Chinese and English.

A year of history (closed complaints with root causes, so the KPIs and Pareto charts have
something to show) and one complaint at each step of today's work.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from csc.customers.models import Customer

from . import actions
from .models import Complaint, Discipline

# category, severity, description, lot, quantity, occurrence class
HISTORY = [
    ("quality", "complex", "支架焊点开裂，装配时断裂", "L2512-07", 120, "machine"),
    ("tolerance", "simple", "孔径 Φ8.2 超差（要求 Φ8.0±0.1）", "L2601-03", 40, "measurement"),
    ("packaging", "simple", "外箱受潮，标签脱落", "L2601-15", 10, "method"),
    (
        "quality",
        "major",
        "Paint peeling on 30% of housings after salt spray",
        "L2602-02",
        300,
        "material",
    ),
    ("transport", "simple", "运输途中托盘倒塌，12 件变形", "L2602-20", 12, "environment"),
    (
        "quality",
        "complex",
        "Burrs on stamped edges cut the operator's glove",
        "L2603-11",
        80,
        "man",
    ),
    ("not_as_ordered", "simple", "发货型号 B 型，订单为 C 型", "L2604-01", 200, "method"),
    ("quality", "complex", "螺纹滑牙，扭矩不足", "L2605-09", 60, "machine"),
]


def _content(users, occurrence):
    """Return a complete 8D in the form's fields for a root cause of class ``occurrence``."""
    q, eng, prod = users["quality"], users["engineering"], users["production"]
    return {
        "D0": {"emergency_needed": "on", "emergency_actions": "通知客户隔离在库品；我方库存冻结"},
        "D1": {"champion": users["mr"].pk, "leader": q.pk, "members": [eng.pk, prod.pk]},
        "D2": {
            "problem_statement": "客户来料检验发现批量不良",
            "w_what": "见投诉描述",
            "w_where": "客户来料检验",
            "w_how_many": "见投诉数量",
            "is_what": "该批次",
            "not_what": "其他批次",
        },
        "D3": {
            "in_house_suspect": 150,
            "in_house_isolated": "on",
            "in_house_labelled": "on",
            "in_house_disposition": "sort",
            "in_house_reinspected": "on",
            "in_house_released": 140,
            "in_transit_suspect": 0,
            "at_customer_suspect": 60,
            "at_customer_isolated": "on",
            "at_customer_labelled": "on",
            "at_customer_disposition": "return",
        },
        "D4": {
            "station": "冲压/焊接工段",
            "occ_why_1": "设备参数漂移",
            "occ_why_2": "点检表未包含该参数",
            "occ_root_cause": "点检标准缺项",
            "occ_class": occurrence,
            "esc_why_1": "出货检验抽样未覆盖该特性",
            "esc_root_cause": "检验规范未列该特性",
            "esc_class": "method",
            "verified": "on",
        },
        "D5": {
            "action_1": "点检表增加该参数并锁定",
            "kind_1": "occurrence",
            "owner_1": str(eng),
            "due_1": "2026-01-31",
            "verified_1": "on",
            "action_2": "出货检验增加该特性全检三个月",
            "kind_2": "escape",
            "owner_2": str(q),
            "due_2": "2026-01-31",
            "verified_2": "on",
            "verification": "连续 10 批无复发",
        },
        "D6": {
            "implementation": "措施已实施",
            "implemented_on": "2026-02-01",
            "containment_removed_on": "2026-03-01",
            "effectiveness_data": "不良率 1.8% → 0.05%",
            "effectiveness_verified": "on",
        },
        "D7": {
            "wi_status": "done",
            "wi_reference": "WI-PR-012 C",
            "wi_done_on": "2026-02-02",
            "pfmea_status": "done",
            "pfmea_reference": "PFMEA-07 D",
            "pfmea_done_on": "2026-02-02",
            "cp_status": "done",
            "cp_reference": "CP-07 D",
            "cp_done_on": "2026-02-02",
            "similar_checked": "同类产品 4 种已横向展开",
        },
        "D8": {
            "closure_note": "客户确认关闭",
            "recognition": "小组通报表扬",
            "customer_agreed": "on",
        },
    }


def _fill(users, complaint, occurrence, codes=None):
    content = _content(users, occurrence)
    for discipline in Discipline.objects.filter(eightd__complaint=complaint).order_by("code"):
        if codes is None or discipline.code in codes:
            actions.save_discipline(users["quality"], discipline, content[discipline.code])


def _register(users, customer, category, severity, description, lot, quantity, received_at):
    from csc.orders.models import Product

    return actions.register_complaint(
        users["sales"],
        {
            "customer": customer,
            "category": category,
            "severity": severity,
            "description": description,
            "lot": lot,
            "quantity_affected": Decimal(quantity),
            "received_at": received_at,
            "product": Product.objects.order_by("code").first(),
        },
    )


def _closed(users, complaint, severity, occurrence):
    actions.accept_complaint(users["quality"], complaint, severity, note="我方责任")
    _fill(users, complaint, occurrence)
    actions.close_eightd(users["quality"], complaint.eightd)
    reply = actions.draft_reply(
        users["quality"], complaint, complaint.number, f"关于投诉 {complaint.number} 的回复",
        "经调查，根本原因为点检标准缺项，已完成纠正措施并验证有效。",
    )  # fmt: skip
    actions.send_reply(users["sales"], reply, complaint.number, "buyer@customer.example")
    actions.confirm_reply(users["sales"], reply, complaint.number, "accepted", "客户邮件确认")
    actions.close_complaint(users["quality"], complaint)
    actions.sign_read(users["mr"], complaint)
    actions.sign_final_report(users["plant_manager"], complaint.eightd)
    _back_in_time(complaint)


def _back_in_time(complaint):
    """Give a history complaint the times it would have had, so the KPIs look lived-in.

    The verbs stamp "now"; demo history is moved back with a plain update (demo data only).
    """
    from .models import EightD

    received = complaint.received_at
    Complaint.objects.filter(pk=complaint.pk).update(
        acknowledged_at=received + dt.timedelta(hours=4),
        assessed_at=received + dt.timedelta(hours=6),
        replied_at=received + dt.timedelta(days=4),
        closed_at=received + dt.timedelta(days=25),
    )
    EightD.objects.filter(complaint=complaint).update(
        opened_at=received + dt.timedelta(hours=6),
        due_at=received + dt.timedelta(days=31),
        closed_at=received + dt.timedelta(days=22),
    )


def load(users):
    if Complaint.objects.exists():
        return
    customers = list(Customer.objects.filter(status="active").order_by("code"))
    if not customers:
        return
    now = timezone.now()
    for index, (category, severity, text, lot, qty, cause) in enumerate(HISTORY):
        received = now - dt.timedelta(days=300 - index * 35)
        complaint = _register(users, customers[index % len(customers)], category, severity, text, lot, qty, received)  # fmt: skip
        _closed(users, complaint, severity, cause)
    _today(users, customers, now)
    _returns(users, customers)
    actions.create_monthly_review(None, now=_first_working_day_after(now))


def _today(users, customers, now):
    """One complaint waiting at each step of today's work."""
    waiting = _register(users, customers[0], "quality", "simple", "来料发现 5 件缺焊", "L2611-02", 5, now - dt.timedelta(hours=3))  # fmt: skip
    actions.acknowledge_complaint(users["sales"], waiting, "已电话告知客户正在处理")
    not_ours = _register(users, customers[1 % len(customers)], "service", "simple", "Invoice address wrong on delivery note", "", 0, now - dt.timedelta(days=2))  # fmt: skip
    actions.not_ours(users["quality"], not_ours, "Customer's own ERP printed the old address; we explained by e-mail.")  # fmt: skip
    working = _register(users, customers[2 % len(customers)], "tolerance", "major", "Flange flatness 0.15 mm (spec 0.05)", "L2611-10", 240, now - dt.timedelta(days=4))  # fmt: skip
    actions.accept_complaint(users["quality"], working, "major", note="Our machining")
    _fill(users, working, "machine", codes={"D0", "D1", "D2", "D3"})
    late = _register(users, customers[3 % len(customers)], "packaging", "simple", "纸箱破损 8 箱", "L2610-30", 8, now - dt.timedelta(days=9))  # fmt: skip
    actions.accept_complaint(users["quality"], late, "simple")
    actions.escalate_overdue(None, now=now)


def _returns(users, customers):
    first = Complaint.objects.filter(status="closed").order_by("received_at").first()
    ret = actions.issue_return(
        users["sales"],
        {"customer": first.customer, "complaint": first, "quantity": Decimal(60), "reason": "焊点开裂退货"},
    )  # fmt: skip
    actions.receive_return(users["warehouse"], ret, Decimal(60))
    actions.verify_return(
        users["quality"], ret, "confirmed", Decimal(52), "52 件焊点开裂，8 件合格"
    )
    actions.order_rework(users["quality"], ret, "补焊并 100% 拉力试验")
    actions.schedule_replacement(users["materials"], ret, Decimal(52), timezone.localdate() + dt.timedelta(days=5))  # fmt: skip
    pending = actions.issue_return(
        users["sales"],
        {"customer": customers[-1], "quantity": Decimal(20), "reason": "Customer reports noise in 20 motors"},
    )  # fmt: skip
    actions.receive_return(users["warehouse"], pending, Decimal(20))
    actions.issue_return(
        users["sales"],
        {"customer": customers[0], "quantity": Decimal(15), "reason": "包装破损退货"},
    )


def _first_working_day_after(now):
    from .rules import first_working_day_of_month

    day = first_working_day_of_month(timezone.localdate(now))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
