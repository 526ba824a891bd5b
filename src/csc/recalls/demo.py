"""Demo recalls: one run to the end (reviewed) and one being notified, on real demo shipments."""

import datetime as dt

from django.db.models import Count, Max, Min

from . import actions
from .models import Recall


def _busiest_products(count):
    from csc.orders.models import ShipmentLine

    return list(
        ShipmentLine.objects.values("product")
        .annotate(n=Count("id"), first=Min("shipped_on"), last=Max("shipped_on"))
        .order_by("-n", "product")[:count]
    )


def load(users):
    if Recall.objects.exists():
        return
    products = _busiest_products(2)
    if not products:
        return  # no shipments in this demo: nothing to recall
    _finished(users, products[0])
    if len(products) > 1:
        _notifying(users, products[1])


def _planned(users, title, detail, trigger="inspection"):
    recall = actions.trigger_recall(
        users["quality"], {"title": title, "trigger": trigger, "trigger_detail": detail}
    )
    actions.name_team(users["gm"], recall, users["quality"], [users["sales"], users["mr"]])
    actions.update_recall(
        users["quality"],
        recall,
        {"plan": "品管部隔离库存；销售部电话及邮件通知全部收货客户；两周内完成回收与数量汇总。"},
    )
    return actions.approve_plan(users["gm"], recall, "同意按计划实施召回")


def _lot(users, recall, row, batch):
    from csc.orders.models import Product

    first = row["first"]
    return actions.add_lot(
        users["quality"],
        recall,
        {
            "product": Product.objects.get(pk=row["product"]),
            "batch": batch,
            "produced_from": first - dt.timedelta(days=3),
            "produced_to": first - dt.timedelta(days=1),
            "shipped_from": first,
            "shipped_to": row["last"],
            "produced": 0,
            "in_stock": 20,
        },
    )


def _finished(users, row):
    quality, sales = users["quality"], users["sales"]
    recall = _planned(users, "支架焊缝开裂批次召回", "出货检验抽检发现焊缝裂纹，留样复查确认。")
    lot = _lot(users, recall, row, "L2603-11")
    actions.record_sample(
        quality, recall, {"reference": "留样 L2603-11-A", "result": "nonconforming",
                          "finding": "焊缝熔深不足"},
    )  # fmt: skip
    for entry in lot.distribution.select_related("customer"):
        actions.record_notice(
            sales, recall,
            {"party": "customer", "customer": entry.customer, "channel": "phone",
             "address": entry.customer.phone or "—", "text": "电话通知：请隔离并退回批次 L2603-11。"},
        )  # fmt: skip
    actions.record_notice(
        quality, recall,
        {"party": "authority", "authority": "市场监督管理局", "channel": "phone",
         "address": "12315", "text": "已电话报告召回启动，书面报告随后提交。"},
    )  # fmt: skip
    actions.finish_notices(sales, recall)
    shipped = sum(e.shipped for e in lot.distribution.all())
    actions.set_lot_quantities(quality, lot, {"produced": shipped + lot.in_stock})
    for entry in lot.distribution.all():
        actions.set_distribution_quantities(sales, entry, {"returned": entry.shipped})
    actions.finish_reconciliation(quality, recall)
    actions.record_disposition(
        quality,
        lot,
        {"method": "rework", "quantity": shipped + lot.in_stock, "note": "返工补焊，100% 检验"},
    )
    actions.update_recall(quality, recall, {"root_cause": "焊接电流参数漂移，未设防错报警。"})
    actions.open_corrective_action(quality, recall)
    actions.close_recall(quality, recall, "数量平衡，全部返工合格")
    actions.review_procedure(users["mr"], recall, "程序适宜；建议客户联系方式每季度核对一次。")


def _notifying(users, row):
    recall = _planned(
        users,
        "Seal ring hardness out of spec",
        "Customer field report; retained samples re-checked.",
    )
    _lot(users, recall, row, "L2604-02")
