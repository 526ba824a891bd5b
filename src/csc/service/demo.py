"""Demo service desk: two teams with their rules, a month of requests in both languages —
most answered and resolved in time, some breached and escalated, some taken from e-mail,
one waiting in the e-mail quarantine."""

import datetime as dt
from email.message import EmailMessage

from django.utils import timezone

from csc.customers.models import Contact, Customer

from . import actions
from .models import AssignmentRule, ServiceRequest, Team

# (category, severity, channel, subject, description, days ago, outcome)
MONTH = [
    ("support", "simple", "phone", "设备开机报警", "客户来电：设备开机报警 E42，请远程指导。", 29, "resolved"),
    ("spare_parts", "simple", "phone", "订购密封圈", "需要 O 型密封圈 20 个，型号 OR-35。", 27, "closed"),
    ("installation", "complex", "visit", "新线安装调试", "新生产线安装完成，请派工程师调试。", 25, "closed"),
    ("enquiry", "simple", "letter", "Delivery schedule for Q1", "Please confirm the Q1 delivery schedule.", 24, "resolved"),
    ("repair", "major", "phone", "主轴异响", "主轴运转异响，已停机，急需维修。", 22, "escalated"),
    ("training", "simple", "visit", "操作培训", "新员工 5 人需要设备操作培训。", 20, "closed"),
    ("support", "complex", "letter", "Calibration certificate", "We need the calibration certificate of gauge G-12.", 18, "resolved"),
    ("spare_parts", "simple", "phone", "备用电机报价", "请报价备用电机 2 台。", 15, "resolved"),
    ("repair", "complex", "phone", "液压站漏油", "液压站接头漏油，请上门处理。", 12, "breached"),
    ("support", "simple", "visit", "参数设置咨询", "询问温控参数的设置方法。", 9, "waiting"),
    ("other", "simple", "letter", "Invoice copy", "Please send a copy of invoice 2611-88.", 7, "breached"),
    ("installation", "major", "phone", "设备搬迁", "设备搬迁到新厂房后需要重新调试。", 4, "in_progress"),
    ("support", "simple", "phone", "报警复位", "报警无法复位，请指导。", 1, "open"),
    ("enquiry", "simple", "phone", "Spare part lead time", "What is the lead time of spindle bearings?", 0, "open"),
]  # fmt: skip
EMAILS = [
    ("buyer0@customer0.example", "设备显示屏不亮", "今天早上设备显示屏不亮，请尽快联系。"),
    ("buyer1@customer1.example", "Request for manual", "Could you send the English operating manual?"),
]  # fmt: skip
STRANGER = ("info@unknown-trading.example", "询价：二手设备", "贵司是否出售二手设备？")


def load(users):
    if ServiceRequest.objects.exists():
        return
    customers = list(Customer.objects.filter(status="active").order_by("code"))
    if not customers:
        return
    _teams(users)
    now = timezone.now()
    for index, row in enumerate(MONTH):
        customer = customers[index % len(customers)]
        _request(users, customer, row, now)
    _emails(users)
    actions.watch_service_levels(None, now=now)


def _teams(users):
    desk = Team.objects.create(name="客户服务一组", head=users["sales"], strategy="round_robin")
    desk.members.set([users["service"], users["sales2"]])
    parts = Team.objects.create(
        name="备件组 Spare parts", head=users["sales"], strategy="least_loaded"
    )
    parts.members.set([users["sales"], users["service"]])
    AssignmentRule.objects.create(order=10, team=parts, category="spare_parts")
    AssignmentRule.objects.create(order=100, team=desk)


def _request(users, customer, row, now):
    category, severity, channel, subject, description, days, outcome = row
    received = now - dt.timedelta(days=days, hours=3)
    contact = Contact.objects.filter(customer=customer).first()
    request = actions.open_request(
        users["service"],
        {"customer": customer, "contact": contact, "channel": channel, "category": category,
         "severity": severity, "subject": subject, "description": description,
         "received_at": received},
    )  # fmt: skip
    handler = request.handler or users["service"]
    if outcome in ("open", "breached"):
        return request
    actions.start_request(handler, request)
    english = subject.isascii()
    actions.answer_customer(handler, request, "Received; our engineer will call you today." if english else "已收到，工程师今天与您联系。")  # fmt: skip
    if outcome == "waiting":
        actions.wait_for_customer(handler, request, "Please send a photo of the nameplate." if english else "请提供设备铭牌照片。")  # fmt: skip
    elif outcome == "escalated":
        actions.escalate_to_8d(users["quality"], request, "major")
    elif outcome in ("resolved", "closed"):
        actions.resolve_request(handler, request, "Solved on site." if english else "已现场处理，设备恢复正常。")  # fmt: skip
        _in_time(request, received)
        if outcome == "closed":
            actions.close_request(handler, request)
    return request


def _in_time(request, received):
    """Date the demo's answers and resolutions back to the month they belong to; the verbs
    stamp "now", which would make every demo request look resolved today."""
    answered, resolved = received + dt.timedelta(hours=2), received + dt.timedelta(hours=6)
    ServiceRequest.objects.filter(pk=request.pk).update(
        first_answered_at=answered, resolved_at=resolved, fed_back_at=resolved
    )


def _emails(users):
    # As customer service, not the worker's own account: every demo user can log in.
    actor = users["service"]
    for index, (sender, subject, body) in enumerate([*EMAILS, STRANGER]):
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = (
            sender,
            "service@demo.csc.local",
            subject,
        )
        message["Message-ID"] = f"<demo-{index}@{sender.split('@')[1]}>"
        message.set_content(body)
        actions.take_in(actor, "service", message.as_bytes())
