"""The order area's resources for the generated tests in ``csc.core.tests.test_resources``."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from csc.core.choices import SignatureMeaning
from csc.core.models import Department, Signature
from csc.core.tests.resource_base import ListedResource, Resource, Write
from csc.orders import actions
from csc.orders.models import (
    LiaisonMemo,
    Order,
    OrderChange,
    OrderQuestion,
    PresalesRequest,
    Product,
    ReviewDelegate,
    Shipment,
    ShipmentLine,
)

from . import makers


def own_customer(people):
    return people.contact.customer_contact.customer


def submitted_order(people):
    return makers.submitted(people)


def own_order(people):
    return makers.submitted(people, cust=own_customer(people))


def signed_order(people):
    return makers.signed(people, makers.submitted(people))


def add_order_details(people, order, count):
    """Give an order ``count`` questions, memos, signatures and shipments shown on its pages."""
    quality = Department.objects.get(code="quality")
    content_type = ContentType.objects.get_for_model(order)
    line = order.lines.first()
    for index in range(count):
        OrderQuestion.objects.create(
            order=order,
            subject="quality",
            question=f"问题{index}",
            asked_by=people.sales,
            route=["marketing", "quality"],
            department="marketing",
        )
        LiaisonMemo.objects.create(
            number=f"LM-T-{order.pk}-{index}-{LiaisonMemo.objects.count()}",
            order=order,
            from_department=people.sales.department,
            to_department=quality,
            subject="联络",
            body="内容",
            created_by=people.sales,
        )
        Signature.objects.create(
            content_type=content_type,
            object_id=str(order.pk),
            user=people.quality,
            user_name=str(people.quality),
            role="quality",
            meaning=SignatureMeaning.READ,
        )
        shipment = Shipment.objects.create(
            number=f"DN-T-{order.pk}-{Shipment.objects.count()}",
            order=order,
            customer=order.customer,
            shipped_on=timezone.localdate(),
        )
        ShipmentLine.objects.create(
            shipment=shipment,
            order_line=line,
            product=line.product,
            customer=order.customer,
            shipped_on=shipment.shipped_on,
            quantity=1,
        )


def internal_change(people):
    order = makers.in_production(people)
    line = order.lines.first()
    return actions.request_change(
        people.materials,
        order,
        "internal",
        "原材料延迟",
        "交期顺延一周",
        lines={line.pk: {"promised_date": "2027-02-01"}},
    )


def presales_request(people):
    return actions.request_presales(
        people.sales, makers.customer(), "technical_data", "索取材质报告"
    )


def shipment(people, customer=None):
    order = (
        makers.in_production(people, cust=customer) if customer else makers.in_production(people)
    )
    return actions.ship_order(
        people.warehouse,
        order,
        timezone.localdate(),
        [{"order_line": order.lines.first().pk, "quantity": 10}],
    )


def own_shipment(people):
    return shipment(people, own_customer(people))


def product(people):
    return makers.product()


def memo(people):
    order = makers.submitted(people)
    quality = Department.objects.get(code="quality")
    return actions.write_memo(people.sales, order, quality, "气孔要求", "请评估 X 光抽检")


def question(people):
    return actions.ask_question(
        people.sales, makers.submitted(people), "delivery", "交期能否提前？"
    )


def own_question(people):
    order = makers.submitted(people, cust=own_customer(people))
    return actions.ask_question(people.sales, order, "delivery", "能否分批交货？")


def delegate(people):
    until = timezone.localdate() + dt.timedelta(days=30)
    return actions.name_delegate(people.administrator, "materials", people.production, until)


# --- writes: (client, obj) → response ----------------------------------------------------


def sign_quality(client, order):
    return client.post(
        f"/api/v1/orders/{order.pk}/sign-review/",
        {"section": "quality", "decision": "accept", "opinion": "可达成"},
        format="json",
    )


def reject_materials(client, order):
    return client.post(
        f"/api/v1/orders/{order.pk}/reject/",
        {"section": "materials", "opinion": "产能不足"},
        format="json",
    )


def cancel(client, order):
    return client.post(
        f"/api/v1/orders/{order.pk}/cancel/", {"reason": "客户不同意协调方案"}, format="json"
    )


def request_change(client, order):
    line = order.lines.first()
    return client.post(
        f"/api/v1/orders/{order.pk}/request-change/",
        {
            "kind": "customer",
            "reason": "客户追加",
            "description": "数量 +10",
            "lines": [{"id": line.pk, "quantity": str(line.quantity + 10)}],
        },
        format="json",
    )


def sign_on_page(client, order):
    return client.post(
        f"/orders/{order.pk}/step/sign/",
        {"section": "quality", "decision": "accept", "opinion": "可达成"},
    )


def approve(client, order):
    return client.post(f"/api/v1/orders/{order.pk}/approve/", {"note": "同意"}, format="json")


def approve_on_page(client, order):
    return client.post(f"/orders/{order.pk}/step/approve/", {"note": "同意"})


def approve_change(client, change):
    return client.post(
        f"/api/v1/order-changes/{change.pk}/approve/", {"note": "同意"}, format="json"
    )


def refuse_presales(client, request):
    return client.post(
        f"/api/v1/presales-requests/{request.pk}/refuse/",
        {"note": "保密", "customer_explanation": "属技术秘密"},
        format="json",
    )


def confirm_delivery(client, shipment):
    return client.post(
        f"/api/v1/orders/{shipment.order_id}/confirm-delivery/",
        {"shipment": shipment.pk, "delivered_on": str(timezone.localdate())},
        format="json",
    )


RESOURCES = [
    Resource(
        name="orders",
        model=Order,
        make=submitted_order,
        viewer="quality",
        api="/api/v1/orders/",
        page="/orders/",
        add_related=add_order_details,
        own=own_order,
        writes=(
            Write(
                "sign-review", sign_quality, "quality", ("engineer", "sales", "contact", "outsider")
            ),
            Write("reject", reject_materials, "materials", ("quality", "gm", "contact")),
            Write("cancel", cancel, "gm", ("sales", "vp", "outsider")),
            Write("request-change", request_change, "sales", ("materials", "quality", "contact")),
            Write(
                "sign-page",
                sign_on_page,
                "quality",
                ("engineer", "contact"),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    ),
    Resource(
        name="orders-awaiting-approval",
        model=Order,
        make=signed_order,
        viewer="gm",
        writes=(
            Write("approve", approve, "gm", ("vp", "quality", "sales", "contact")),
            Write(
                "approve-page",
                approve_on_page,
                "gm",
                ("vp", "contact"),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    ),
    Resource(
        name="order-changes",
        model=OrderChange,
        make=internal_change,
        viewer="materials",
        api="/api/v1/order-changes/",
        page="/orders/changes/",
        no_view=("outsider", "contact"),
        writes=(Write("approve", approve_change, "vp", ("gm", "materials", "outsider")),),
    ),
    Resource(
        name="presales-requests",
        model=PresalesRequest,
        make=presales_request,
        viewer="sales",
        api="/api/v1/presales-requests/",
        page="/orders/presales/",
        no_view=("outsider", "contact"),
        writes=(Write("refuse", refuse_presales, "gm", ("sales", "quality", "outsider")),),
    ),
    Resource(
        name="shipments",
        model=Shipment,
        make=shipment,
        viewer="warehouse",
        api="/api/v1/shipments/",
        own=own_shipment,
        writes=(
            Write(
                "confirm-delivery", confirm_delivery, "sales", ("quality", "engineer", "contact")
            ),
        ),
    ),
    ListedResource(
        name="products",
        model=Product,
        make=product,
        viewer="quality",
        api="/api/v1/products/",
        page="/orders/products/",
    ),
    Resource(
        name="liaison-memos",
        model=LiaisonMemo,
        make=memo,
        viewer="quality",
        page="/orders/memos/",
        no_view=("outsider", "contact"),
    ),
    ListedResource(
        name="order-questions",
        model=OrderQuestion,
        make=question,
        own=own_question,
        viewer="sales",
        page="/orders/questions/",
    ),
    ListedResource(
        name="review-delegates",
        model=ReviewDelegate,
        make=delegate,
        viewer="administrator",
        page="/orders/delegates/",
    ),
]
