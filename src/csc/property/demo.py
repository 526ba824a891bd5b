"""Demo customer property in Chinese and English: lots in every IQC state, a sorted lot, a
stocktake, anomalies (one closed last month), tooling with a condition log, signed-for samples."""

import datetime as dt

from django.utils import timezone

from csc.customers.models import Customer

from . import actions
from .models import Anomaly, PropertyItem


def _ago(days):
    return timezone.localdate() - dt.timedelta(days=days)


STEEL = {
    "kind": "raw_material", "name": "冷轧钢板 SPCC 1.0×1250", "part_no": "SH-ST-1012",
    "unit": "kg", "location": "原料仓 A-01-02", "storage_temperature": "5–35 °C",
    "storage_humidity": "≤ 70 %RH", "protection": "防锈油、覆膜、离地 10 cm", "needs_iqc": True,
}  # fmt: skip
MOULD = {
    "kind": "tooling", "name": "座椅滑轨冲压模具", "serial_no": "MD-SH-0815", "unit": "set",
    "location": "模具库 M-03", "storage_humidity": "≤ 60 %RH", "protection": "防锈、上下模合模存放",
    "check_interval_days": 30, "needs_iqc": False,
}  # fmt: skip
CONNECTOR = {
    "kind": "component", "name": "线束连接器 12P", "part_no": "SZ-CN-12P", "unit": "pcs",
    "location": "电子料仓 E-02", "storage_temperature": "15–30 °C", "storage_humidity": "30–60 %RH",
    "protection": "防静电包装", "check_interval_days": 60, "needs_iqc": True,
}  # fmt: skip
CRATES = {
    "kind": "packaging", "name": "Returnable plastic crate KLT 6428", "part_no": "ND-KLT-6428",
    "unit": "pcs", "location": "Packaging yard P-1", "protection": "Stacked max. 8 high, covered",
    "needs_iqc": False,
}  # fmt: skip
FIXTURE = {
    "kind": "equipment", "name": "End-of-line test fixture EOL-3", "serial_no": "ND-EOL-0003",
    "unit": "set", "location": "Line 2", "storage_temperature": "10–35 °C",
    "protection": "Dust cover when idle", "check_interval_days": 14, "needs_iqc": False,
}  # fmt: skip


def load(users):
    if PropertyItem.objects.exists():
        return
    customers = list(Customer.objects.admitted().order_by("pk"))
    if len(customers) < 2:
        return
    english = next((c for c in customers if c.language == "en"), customers[-1])
    _steel(users, customers[0])
    _mould(users, customers[0])
    _connectors(users, customers[1])
    _english(users, english)
    _samples(users, customers[0])
    actions.schedule_condition_checks(None)


def _steel(users, customer):
    """Two lots: one passes, one fails IQC, is e-mailed to the customer and sorted."""
    item = actions.register_item(users["materials"], customer, STEEL)
    good = actions.receive(
        users["warehouse"], item, quantity_received=5000, quantity_declared=5000,
        delivery_note_no="SH-DN-20261", lot_no="B2610-01", on=_ago(40),
    )  # fmt: skip
    actions.inspect(users["quality"], good, "pass", "厚度 0.98–1.01 mm，表面良好", 5, 0)
    actions.issue(users["warehouse"], item, 1800, good, "WO-2610-015", on=_ago(35))
    actions.issue(users["warehouse"], item, 1500, good, "WO-2610-031", on=_ago(20))
    rusty = actions.receive(
        users["warehouse"], item, quantity_received=3000, quantity_declared=3000,
        delivery_note_no="SH-DN-20275", lot_no="B2611-02", on=_ago(12),
    )  # fmt: skip
    actions.inspect(users["quality"], rusty, "fail", "卷边锈蚀，抽检 5 卷 2 卷不良", 5, 2)
    actions.notify_lot_customer(users["quality"], rusty, "email")
    actions.dispose_lot(
        users["materials"], rusty, "sort", "上海精密 SQE 周工", "我司挑选，工时由客户承担"
    )
    actions.finish_sort(users["materials"], rusty, 2400, "return", "挑出 600 kg 锈蚀退回")
    actions.issue(users["warehouse"], item, 900, rusty, "WO-2611-007")
    stocktake = actions.open_stocktake(users["warehouse"], None, customer)
    for line in stocktake.lines.select_related("lot"):
        counted = line.book_quantity - (5 if line.lot_id == good.pk else 0)
        note = "卷料称重误差 5 kg" if counted != line.book_quantity else ""
        actions.count_item(users["warehouse"], item, stocktake, line.lot, counted, note)
    actions.submit_stocktake(users["warehouse"], stocktake)
    actions.approve_stocktake(users["plant_manager"], stocktake, "差异在允许范围内")
    actions.post_stocktake(users["warehouse"], stocktake)


def _mould(users, customer):
    item = actions.register_item(users["materials"], customer, MOULD)
    actions.receive(users["warehouse"], item, quantity_received=1, delivery_note_no="SH-TL-0815")
    actions.record_check(users["production"], item, "ok", "", on=_ago(31))
    actions.record_check(
        users["engineering"], item, "attention", "导柱润滑不足，已加油，累计冲次 48 万"
    )


def _connectors(users, customer):
    item = actions.register_item(users["materials"], customer, CONNECTOR)
    lot = actions.receive(
        users["warehouse"], item, quantity_received=19800, quantity_declared=20000,
        delivery_note_no="SZ-DN-0342", lot_no="C2611A", on=_ago(25),
    )  # fmt: skip
    actions.inspect(users["quality"], lot, "pass", "外观、插拔力合格", 80, 0)
    short = lot.anomalies.get()
    actions.confirm_anomaly(users["materials"], short, "实收 19800，短少 200")
    actions.notify_anomaly_customer(users["materials"], short, "email")
    actions.close_anomaly(users["materials"], short, "replaced", "客户下批补发 200 pcs")
    damage = actions.report_anomaly(
        users["production"], item, "damage", "搬运中跌落一箱，引脚变形 120 pcs", 120, lot
    )
    Anomaly.objects.filter(pk=damage.pk).update(reported_at=timezone.now() - dt.timedelta(days=33))
    damage.refresh_from_db()
    actions.confirm_anomaly(users["materials"], damage, "现场确认")
    actions.notify_anomaly_customer(
        users["materials"], damage, "phone", "采购 陈经理 0512-6288", "电话告知，客户同意报废"
    )
    actions.close_anomaly(users["materials"], damage, "write_off", "客户同意报废，按单价赔偿", 120)
    actions.issue(users["warehouse"], item, 6000, reference="WO-2611-020")
    actions.report_anomaly(
        users["warehouse"], item, "appearance", "外箱受潮，待资材部确认", None, lot
    )


def _english(users, customer):
    crates = actions.register_item(users["materials"], customer, CRATES)
    actions.receive(
        users["warehouse"], crates, quantity_received=400, delivery_note_no="ND-4711", on=_ago(15)
    )
    fixture = actions.register_item(users["materials"], customer, FIXTURE)
    actions.receive(
        users["warehouse"], fixture, quantity_received=1, delivery_note_no="ND-EQ-3", on=_ago(50)
    )
    actions.record_check(users["engineering"], fixture, "ok", "", "23 °C", "48 %RH", on=_ago(20))
    actions.sign_for(
        users["sales2"], customer,
        {"kind": "document", "name": "Drawing set EOL-3 rev. C", "part_no": "DWG-EOL3-C", "unit": "set"},
        1, "DHL 1234567890", "Received by courier",
    )  # fmt: skip


def _samples(users, customer):
    actions.sign_for(
        users["sales"], customer,
        {"kind": "sample", "name": "外观限度样件（上限/下限）", "part_no": "SH-LS-01", "unit": "pcs",
         "location": "市场部样品柜"},
        2, "顺丰 SF1402", "客户寄来限度样件",
    )  # fmt: skip
    actions.sign_for(
        users["sales"], customer,
        {"kind": "label", "name": "客户专用出货标签纸", "part_no": "SH-LB-100", "unit": "roll"},
        20, "顺丰 SF1403", "",
    )  # fmt: skip
