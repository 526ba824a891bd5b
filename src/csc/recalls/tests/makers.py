"""Recalls in each state, built through the verbs as users would."""

import datetime as dt
import itertools

from csc.complaints.tests.makers import product, shipment
from csc.recalls import actions
from csc.testing import make_customer

_serial = itertools.count(1)
PRODUCED = dt.date(2026, 3, 2)


def triggered(people, **data):
    return actions.trigger_recall(
        people.quality,
        {
            "title": "制动支架焊缝开裂",
            "trigger": "inspection",
            "trigger_detail": "出货检验发现焊缝裂纹",
            **data,
        },
    )


def planned(people, **data):
    """A recall with its team named and its plan approved by the GM."""
    recall = triggered(people, **data)
    actions.name_team(people.gm, recall, people.quality, [people.sales])
    actions.update_recall(people.quality, recall, {"plan": "通知全部收货客户，两周内回收。"})
    return actions.approve_plan(people.gm, recall, "同意")


def shipped_lot(people, recall, deliveries=((300,), (200,))):
    """Ship the product to one fresh customer per delivery, then add the lot to the recall."""
    prod = product()
    customers = []
    for quantities in deliveries:
        customer = make_customer(name=f"召回测试客户{next(_serial):05d}有限公司")
        customers.append(customer)
        for offset, quantity in enumerate(quantities):
            shipment(customer, PRODUCED + dt.timedelta(days=3 + offset), quantity, prod)
    lot = actions.add_lot(
        people.quality,
        recall,
        {
            "product": prod,
            "batch": f"B2603-{next(_serial):03d}",
            "produced_from": PRODUCED,
            "produced_to": PRODUCED + dt.timedelta(days=1),
            "shipped_from": PRODUCED,
            "shipped_to": PRODUCED + dt.timedelta(days=30),
            "produced": 600,
            "in_stock": 100,
        },
    )
    return lot, customers
