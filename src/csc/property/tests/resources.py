"""Customer property's resources for the generated tests in ``csc.core.tests.test_resources``
and ``test_access_matrix``. ``own`` makes the same kind of record for the contact persona's own
customer; the portal's own views of property are tested in ``test_portal``."""

from django.contrib.contenttypes.models import ContentType

from csc.core.choices import SignatureMeaning
from csc.core.models import Signature
from csc.core.tests.resource_base import Resource, Write
from csc.property import actions
from csc.property.models import (
    Anomaly,
    ConditionCheck,
    Lot,
    Movement,
    PropertyItem,
    Stocktake,
    StocktakeLine,
)

from .makers import accepted_lot, confirmed_anomaly, failed_lot, make_item, notified_lot, receive


def item_in_stock(people, customer=None):
    """An item of a fresh customer (or ``customer``) holding one accepted lot of 100 kg."""
    item = make_item(people, customer)
    accepted_lot(people, item, 100)
    return item


def contact_customer(people):
    return people.contact.customer_contact.customer


def own_item(people):
    return item_in_stock(people, contact_customer(people))


def own_lot(people):
    return receive(people, make_item(people, contact_customer(people)), 40)


def own_receipt_entry(people):
    lot = receive(people, make_item(people, contact_customer(people)), 25)
    return Movement.objects.get(lot=lot)


def own_anomaly(people):
    item = make_item(people, contact_customer(people))
    return actions.report_anomaly(people.production, item, "damage", "运输压痕", 1)


def own_check(people):
    item = make_item(people, contact_customer(people), check_interval_days=30)
    return ConditionCheck.objects.create(item=item, due_on=item.next_check_due)


def lot_awaiting_iqc(people):
    return receive(people, make_item(people), 40)


def failed(people):
    return failed_lot(people, make_item(people), 40)


def notified(people):
    return notified_lot(people, make_item(people), 40)


def receipt_entry(people):
    lot = receive(people, make_item(people), 25)
    return Movement.objects.get(lot=lot)


def reported_anomaly(people):
    return actions.report_anomaly(
        people.production, make_item(people), "appearance", "包装破损，表面划伤", 3
    )


def notified_anomaly(people):
    anomaly = confirmed_anomaly(people)
    return actions.notify_anomaly_customer(
        people.materials, anomaly, "phone", "采购 王", "电话告知"
    )


def counted_stocktake(people):
    """A stocktake of a fresh customer with every line counted, one difference explained."""
    item = item_in_stock(people)
    stocktake = actions.open_stocktake(people.warehouse, customer=item.customer)
    line = stocktake.lines.get()
    actions.count_item(people.warehouse, item, stocktake, line.lot, 98, "2 kg 边角料称重误差")
    return stocktake


def submitted_stocktake(people):
    return actions.submit_stocktake(people.warehouse, counted_stocktake(people))


def open_line(people):
    item = item_in_stock(people)
    stocktake = actions.open_stocktake(people.warehouse, customer=item.customer)
    return stocktake.lines.get()


def due_check(people):
    item = make_item(people, check_interval_days=30)
    return ConditionCheck.objects.create(item=item, due_on=item.next_check_due)


# --- related rows for the detail-page query counts -----------------------------------------


def add_item_rows(people, item, count):
    for _index in range(count):
        lot = accepted_lot(people, item, 10)
        actions.issue(people.warehouse, item, 1, lot=lot, reference="WO")
        actions.report_anomaly(people.production, item, "damage", "边部变形", 1, lot)
        actions.record_check(people.warehouse, item, "ok", "干燥，无锈")


def add_lot_rows(people, lot, count):
    for _index in range(count):
        actions.report_anomaly(people.production, lot.item, "appearance", "划伤", 1, lot)
        Signature.objects.create(
            content_type=ContentType.objects.get_for_model(lot),
            object_id=str(lot.pk),
            user=people.quality,
            user_name=str(people.quality),
            role="quality",
            meaning=SignatureMeaning.READ,
        )


def add_stocktake_rows(people, stocktake, count):
    item = PropertyItem.objects.get(pk=stocktake.lines.values_list("item", flat=True)[0])
    for _index in range(count):
        lot = accepted_lot(people, item, 5)
        actions.count_item(people.warehouse, item, stocktake, lot, 5)


# --- writes: (client, obj) → response ------------------------------------------------------


def api_step(path, body_of):
    def call(client, obj):
        return client.post(path(obj), body_of(obj), format="json")

    return call


def item_url(verb):
    return lambda item: f"/api/v1/property-items/{item.pk}/{verb}/"


def lot_item_url(verb):
    return lambda lot: f"/api/v1/property-items/{lot.item_id}/{verb}/"


def _lot_of(item):
    return item.lots.values_list("pk", flat=True)[0]


receive_api = api_step(
    item_url("receive"),
    lambda i: {"delivery_note_no": "DN-9", "lot_no": "L9", "quantity_received": "12.5"},
)
issue_api = api_step(item_url("issue"), lambda i: {"quantity": "30", "reference": "WO-1"})
return_api = api_step(
    item_url("return"), lambda i: {"lot": _lot_of(i), "quantity": "5", "reason": "退回多余料"}
)
anomaly_api = api_step(
    item_url("report-anomaly"),
    lambda i: {"kind": "damage", "description": "叉车碰伤 1 卷", "quantity": "1"},
)


def patch_item(client, item):
    return client.patch(
        f"/api/v1/property-items/{item.pk}/",
        {"location": "B-02-01", "version": item.version},
        format="json",
    )


def receive_on_page(client, item):
    return client.post(
        f"/property/{item.pk}/receive/",
        {"delivery_note_no": "DN-7", "quantity_declared": "10", "quantity_received": "10",
         "appearance_ok": "on", "identification_ok": "on"},
    )  # fmt: skip


def issue_on_page(client, item):
    return client.post(f"/property/{item.pk}/issue/", {"i-quantity": "10", "i-reference": "WO-2"})


inspect_api = api_step(
    lot_item_url("inspect"), lambda lot: {"lot": lot.pk, "result": "pass", "report": "合格"}
)
inspect_lot_api = api_step(
    lambda lot: f"/api/v1/property-lots/{lot.pk}/inspect/",
    lambda lot: {"result": "fail", "report": "尺寸超差", "sample_size": 8, "defects": 2},
)


def inspect_on_page(client, lot):
    return client.post(f"/property/lots/{lot.pk}/inspect/", {"result": "pass", "report": "合格"})


notify_lot_api = api_step(
    lambda lot: f"/api/v1/property-lots/{lot.pk}/notify-customer/",
    lambda lot: {"via": "email"},
)
dispose_lot_api = api_step(
    lambda lot: f"/api/v1/property-lots/{lot.pk}/dispose/",
    lambda lot: {"disposition": "return", "agreed_with": "客户 SQE 李工"},
)
confirm_api = api_step(
    lambda a: f"/api/v1/property-anomalies/{a.pk}/confirm/", lambda a: {"note": "属实"}
)


def confirm_on_page(client, anomaly):
    return client.post(f"/property/anomalies/{anomaly.pk}/confirm/", {"note": "属实"})


notify_anomaly_api = api_step(
    lambda a: f"/api/v1/property-anomalies/{a.pk}/notify-customer/", lambda a: {"via": "email"}
)
close_api = api_step(
    lambda a: f"/api/v1/property-anomalies/{a.pk}/close/",
    lambda a: {"outcome": "repair", "note": "客户同意返修后使用"},
)
submit_api = api_step(lambda st: f"/api/v1/property-stocktakes/{st.pk}/submit/", lambda st: {})
approve_api = api_step(
    lambda st: f"/api/v1/property-stocktakes/{st.pk}/approve/", lambda st: {"note": "差异属实"}
)


def approve_on_page(client, stocktake):
    return client.post(f"/property/stocktakes/{stocktake.pk}/approve/", {"note": "同意"})


count_api = api_step(
    lambda line: f"/api/v1/property-items/{line.item_id}/count/",
    lambda line: {"stocktake": line.stocktake_id, "lot": line.lot_id, "counted": "100"},
)
check_api = api_step(
    lambda check: f"/api/v1/property-items/{check.item_id}/check/",
    lambda check: {"result": "ok", "note": "温湿度正常", "temperature": "22 °C"},
)

WEB_DENIED = (302, 404)  # pages report a refusal as a message on the record's page

RESOURCES = [
    Resource(
        name="property-items",
        model=PropertyItem,
        make=item_in_stock,
        own=own_item,
        viewer="production",
        api="/api/v1/property-items/",
        page="/property/",
        add_related=add_item_rows,
        writes=(
            Write("receive", receive_api, "warehouse", ("quality", "contact", "outsider")),
            Write("issue", issue_api, "warehouse", ("production", "sales", "contact")),
            Write("return", return_api, "materials", ("production", "quality", "contact")),
            Write("report-anomaly", anomaly_api, "production", ("contact", "outsider")),
            Write("patch", patch_item, "materials", ("production", "contact")),
            Write(
                "receive-page",
                receive_on_page,
                "warehouse",
                ("quality", "contact"),
                via="web",
                denied_status=WEB_DENIED,
            ),
            Write(
                "issue-page",
                issue_on_page,
                "warehouse",
                ("sales",),
                via="web",
                denied_status=WEB_DENIED,
            ),
        ),  # fmt: skip
    ),
    Resource(
        name="property-lots",
        model=Lot,
        make=lot_awaiting_iqc,
        own=own_lot,
        viewer="quality",
        api="/api/v1/property-lots/",
        page="/property/lots/",
        add_related=add_lot_rows,
        writes=(
            Write("inspect", inspect_api, "quality", ("warehouse", "materials", "contact")),
            Write("inspect-lot", inspect_lot_api, "quality", ("warehouse", "outsider")),
            Write(
                "inspect-page",
                inspect_on_page,
                "quality",
                ("warehouse",),
                via="web",
                denied_status=WEB_DENIED,
            ),
        ),  # fmt: skip
    ),
    Resource(
        name="property-lots-failed",
        model=Lot,
        make=failed,
        viewer="quality",
        writes=(Write("notify-customer", notify_lot_api, "quality", ("warehouse", "production")),),
    ),
    Resource(
        name="property-lots-notified",
        model=Lot,
        make=notified,
        viewer="materials",
        writes=(Write("dispose", dispose_lot_api, "materials", ("quality", "warehouse")),),
    ),
    Resource(
        name="property-movements",
        model=Movement,
        make=receipt_entry,
        own=own_receipt_entry,
        viewer="production",
        api="/api/v1/property-movements/",
        page="/property/ledger/",
    ),
    Resource(
        name="property-anomalies",
        model=Anomaly,
        make=reported_anomaly,
        own=own_anomaly,
        viewer="sales",
        api="/api/v1/property-anomalies/",
        page="/property/anomalies/",
        writes=(
            Write("confirm", confirm_api, "materials", ("production", "quality", "contact")),
            Write(
                "confirm-page",
                confirm_on_page,
                "materials",
                ("production",),
                via="web",
                denied_status=WEB_DENIED,
            ),
        ),  # fmt: skip
    ),
    Resource(
        name="property-anomalies-confirmed",
        model=Anomaly,
        make=confirmed_anomaly,
        viewer="materials",
        writes=(Write("notify-customer", notify_anomaly_api, "materials", ("production",)),),
    ),
    Resource(
        name="property-anomalies-notified",
        model=Anomaly,
        make=notified_anomaly,
        viewer="materials",
        writes=(Write("close", close_api, "materials", ("quality", "warehouse")),),
    ),
    Resource(
        name="property-stocktakes",
        model=Stocktake,
        make=counted_stocktake,
        viewer="plant_manager",
        api="/api/v1/property-stocktakes/",
        page="/property/stocktakes/",
        no_view=("outsider", "contact"),
        add_related=add_stocktake_rows,
        writes=(Write("submit", submit_api, "warehouse", ("production", "sales")),),
    ),
    Resource(
        name="property-stocktakes-submitted",
        model=Stocktake,
        make=submitted_stocktake,
        viewer="plant_manager",
        writes=(
            Write("approve", approve_api, "plant_manager", ("warehouse", "materials")),
            Write(
                "approve-page",
                approve_on_page,
                "gm",
                ("production",),
                via="web",
                denied_status=WEB_DENIED,
            ),
        ),  # fmt: skip
    ),
    Resource(
        name="property-count-lines",
        model=StocktakeLine,
        make=open_line,
        viewer="warehouse",
        writes=(Write("count", count_api, "warehouse", ("production", "sales")),),
    ),
    Resource(
        name="property-checks",
        model=ConditionCheck,
        make=due_check,
        own=own_check,
        viewer="engineer",
        api="/api/v1/property-checks/",
        page="/property/checks/",
        writes=(Write("check", check_api, "warehouse", ("sales", "contact")),),
    ),
]
