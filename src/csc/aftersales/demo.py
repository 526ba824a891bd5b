"""Demo after-sales records in Chinese and English: 三包 claims decided in and out of warranty
and as NTF, a service agreement, early warnings, a visit plan with its report, a training, and
field service: a resident and a travelling engineer, jobs with a signed receipt, one waiting
for the customer's signature, an installation problem to report, spare parts and a repair
return counted in by the store; the half-yearly service summaries, one signed off."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from csc.orders.models import ShipmentLine

from . import actions
from .models import WarrantyClaim


def load(users):
    if WarrantyClaim.objects.exists():
        return
    lines = list(
        ShipmentLine.objects.select_related("shipment", "product", "customer").order_by(
            "shipment__shipped_on", "id"
        )[:6]  # fmt: skip
    )
    if len(lines) < 4:
        return
    _agreement(users, lines[0])
    _claims(users, lines)
    _warnings(users, lines[0])
    _visits(users, [line.customer for line in lines])
    _training(users)
    _field_service(users, lines)
    _summaries(users)


def _summaries(users):
    """Last half year's service summary signed off by the VP; this half's drafted by Sales."""
    from .servicereport import Period

    today = timezone.localdate()
    this = Period(today.year, half=1 if today.month <= 6 else 2)
    last = Period(today.year - 1, half=2) if this.half == 1 else Period(today.year, half=1)
    written = actions.write_conclusions(users["sales"], last, {
        "achievements": "驻厂服务人员响应及时，现场服务回执全部由客户签字确认。",
        "shortcomings": "安装阶段质量问题有两次超过24小时才上报质量部。",
        "improvements": "下半年对服务人员进行安装问题上报培训，并按周汇总质量信息。",
    })  # fmt: skip
    actions.sign_off_summary(users["vp"], last, written.version, "同意")
    actions.write_conclusions(users["sales"], this, {
        "achievements": "Service requests answered within 24 hours in most cases.",
        "shortcomings": "",
        "improvements": "Visit the two customers whose purchases dropped.",
    })  # fmt: skip


def _agreement(users, line):
    actions.create_agreement(
        users["sales"],
        {
            "customer": line.customer,
            "product": line.product,
            "warranty_months": 24,
            "warranty_km": None,
            "valid_from": line.shipment.shipped_on - dt.timedelta(days=30),
            "terms": "配套服务协议：三包期两年，不限里程。",
        },
    )


def _register(users, who, line, text, km, days_after=20):
    failed = min(line.shipment.shipped_on + dt.timedelta(days=days_after), timezone.localdate())
    return actions.register_claim(
        users[who],
        {
            "customer": line.customer,
            "product": line.product,
            "shipment": line.shipment,
            "failed_on": failed,
            "mileage_km": km,
            "quantity": 1,
            "serial_no": f"SN-{line.pk:05d}",
            "description": text,
        },  # fmt: skip
    )


def _claims(users, lines):
    quality = users["quality"]
    repaired = _register(users, "service", lines[0], "制动钳异响，刹车片偏磨", 8_600)
    actions.assess_claim(
        quality, repaired, "manufacturing", "", "拆检：活塞密封圈装配错位，属制造缺陷"
    )
    actions.decide_claim(quality, repaired, "repair", "", "")
    actions.update_claim(users["service"], repaired, {"parts_cost": Decimal("280"), "labour_cost": Decimal("150"), "freight_cost": Decimal("60")})  # fmt: skip
    actions.close_claim(users["service"], repaired, "已修复并交付客户")
    rejected = _register(users, "sales2", lines[1], "Housing cracked after the customer fitted it with an impact wrench", 2_300)  # fmt: skip
    actions.assess_claim(quality, rejected, "other", "installation_use", "Tool marks on the housing: fitted against the installation instructions")  # fmt: skip
    actions.decide_claim(quality, rejected, "reject", "Damage from installation is excluded from 三包 (S2 5.6.2)")  # fmt: skip
    ntf = _register(users, "sales2", lines[2], "Intermittent squeal reported by the fleet", 15_400)
    actions.assess_claim(quality, ntf, "other", "", "Bench test 48 h: no noise, dimensions to drawing")  # fmt: skip
    actions.decide_claim(quality, ntf, "ntf", "No fault found; part returned", "Test repeated on the customer's vehicle type; suspected caliper bracket resonance, customer informed")  # fmt: skip
    waiting = _register(users, "service", lines[3], "漏油，防尘罩破损", 21_000)
    actions.open_complaint(users["service"], waiting)


def _warnings(users, line):
    """Two more claims on the first product make three in the window: a repeated-claims
    warning, which Quality analyses and turns into a preventive action."""
    for text, km in (("制动钳异响，同批次", 9_800), ("刹车片偏磨，制动异响", 11_200)):
        _register(users, "service", line, text, km)
    for warning in actions.raise_warnings(users["admin"]):
        actions.analyse_warning(
            users["quality"], warning, "同一批次活塞密封圈装配工位防错失效，可能扩散到在用产品"
        )
        actions.open_warning_capa(users["quality"], warning)


def _visits(users, customers):
    year = timezone.localdate().year
    visits = [{"customer": c, "month": m, "purpose": p} for c, m, p in [(customers[0], 3, "Annual visit"), (customers[1], 6, "Quality review"), (customers[2], 9, "Service review")]]  # fmt: skip
    plan = actions.create_plan(users["sales2"], year, visits)
    actions.submit_plan(users["sales2"], plan, "Plan for the A-class customers")
    actions.review_plan(users["sales"], plan, "同意")
    actions.approve_plan(users["vp"], plan, "批准")
    first = plan.visits.order_by("month").first()
    actions.record_visit(
        users["sales2"],
        {
            "planned": first,
            "customer": first.customer,
            "visited_on": min(dt.date(year, 3, 18), timezone.localdate()),
            "opinions": "Wants shorter lead times for spare parts",
            "product_quality": "Satisfied with the last three batches",
            "service_quality": "Field engineer responded within 24 h",
            "satisfaction": "satisfied",
        },  # fmt: skip
        [("Spare-part lead time of 4 weeks is too long for the customer", "service")],
    )
    plan_zh = actions.create_plan(users["sales"], year, [{"customer": customers[3], "month": 11, "purpose": "年度走访"}])  # fmt: skip
    actions.submit_plan(users["sales"], plan_zh, "请审核")


def _training(users):
    today = timezone.localdate()
    actions.record_training(
        users["sales"],
        {
            "kind": "skills",
            "title": "三包鉴定与现场服务规范",
            "held_on": today - dt.timedelta(days=30),
            "trainer": "王晓燕",
            "hours": Decimal("6"),
            "content": "三包范围与除外情形；拆检记录；服务回执单填写",
        },  # fmt: skip
        {users["service"]: "passed"},
    )


def _field_service(users, lines):
    service, store = users["service"], users["warehouse"]
    resident = actions.add_staff(service, {"person": service, "posting": "resident", "resident_at": lines[0].customer, "phone": "138-0000-0001"})  # fmt: skip
    travelling = actions.add_staff(service, {"person": users["sales2"], "posting": "travelling"})
    now = timezone.now()
    signed = actions.open_record(service, {
        "customer": lines[0].customer, "staff": resident, "stage": "in_use",
        "found_at": now - dt.timedelta(days=6), "product": lines[0].product,
        "site": "总装二线", "defect": "制动钳漏油", "failure_form": "活塞密封圈渗漏", "maker": "本公司",
    })  # fmt: skip
    part = actions.request_part(service, signed, "SEAL-40", "活塞密封圈", Decimal("2"))
    actions.issue_part(store, part, Decimal("2"))
    actions.use_part(service, part, Decimal("2"))
    actions.complete_record(service, signed, {"outcome": "repaired", "result": "更换密封圈，试车正常", "work_hours": Decimal("3.5"), "travel_hours": Decimal("0.5")})  # fmt: skip
    actions.sign_receipt(service, signed, "王工（客户设备科）", _demo_signature(), True, "服务及时")
    english = actions.open_record(users["sales2"], {
        "customer": lines[1].customer, "staff": travelling, "stage": "maintenance",
        "found_at": now - dt.timedelta(days=2), "product": lines[1].product,
        "site": "Customer plant, line 3", "defect": "Caliper bracket cracked",
        "failure_form": "Crack at the mounting hole", "maker": "Our plant",
    })  # fmt: skip
    actions.complete_record(users["sales2"], english, {"outcome": "returned", "result": "Cannot be repaired on site; sent back for repair", "work_hours": Decimal("2"), "travel_hours": Decimal("4"), "travel_km": 180})  # fmt: skip
    actions.issue_receipt_link(users["sales2"], english)
    repair = actions.register_return(users["sales2"], {"customer": lines[1].customer, "product": lines[1].product, "record": english, "quantity_sent": 2, "reason": "Bracket cracked; repair in the plant"})  # fmt: skip
    actions.receive_return(store, repair, 2, "核对数量与会签无误")
    actions.open_record(service, {
        "customer": lines[2].customer, "staff": resident, "stage": "installation",
        "found_at": now - dt.timedelta(hours=3), "product": lines[2].product,
        "defect": "安装调试时制动异响", "failure_form": "异响", "maker": "待确认",
    })  # fmt: skip


def _demo_signature():
    """A drawn-looking signature for the demo receipt."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (360, 120), (0, 0, 0, 0))
    points = [(20, 90), (60, 30), (90, 95), (130, 35), (170, 90), (210, 50), (260, 80), (330, 40)]
    ImageDraw.Draw(image).line(points, fill=(16, 35, 63, 255), width=4, joint="curve")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
