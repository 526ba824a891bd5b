"""The pages of each step work as a user would use them (intake, editing, changes, decisions)."""

import datetime as dt

from django.utils import timezone

from csc.core.models import Department
from csc.orders import actions
from csc.orders.choices import ChangeStatus, OrderStatus, PresalesStatus
from csc.orders.models import Order, OrderChange, PresalesRequest, Product, ReviewDelegate

from . import makers


def line_form(prefix, count, rows):
    data = {f"{prefix}-TOTAL_FORMS": str(count), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def test_sales_records_an_order_on_the_intake_page(people, client):
    customer = makers.customer()
    product = makers.product()
    client.force_login(people.sales)
    assert (
        client.get(f"/orders/new/?customer={customer.pk}").context["form"]["customer"].value()
        == customer.code
    )
    data = {
        "customer": customer.code, "channel": "email", "order_type": "product", "customer_reference": "E-1",
        **line_form("lines", 2, [{"product": product.pk, "quantity": "50", "unit_price": "3", "currency": "CNY", "requested_date": "2026-12-24"}]),
        "req-technical": "图纸 Rev.B",
    }  # fmt: skip
    response = client.post("/orders/new/", data)
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    assert (order.channel, order.lines.get().quantity) == ("email", 50)
    assert list(order.versions.get().items.values_list("category", flat=True)) == ["technical"]


def test_the_intake_page_explains_a_customer_not_admitted(people, client):
    pending = makers.customer(status="pending")
    client.force_login(people.sales)
    data = {
        "customer": pending.code,
        "channel": "phone",
        "order_type": "product",
        **line_form("lines", 1, [{"product": makers.product().pk, "quantity": "5"}]),
    }
    response = client.post("/orders/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["customer"]
    assert not Order.objects.exists()


def test_a_draft_is_edited_on_its_page(people, client):
    order = makers.draft(people)
    product = makers.product()
    client.force_login(people.sales)
    assert client.get(f"/orders/{order.pk}/edit/").status_code == 200
    data = {
        "channel": "phone", "order_type": "spare", "version": order.version,
        **line_form("lines", 1, [{"product": product.pk, "quantity": "9", "currency": "CNY"}]),
    }  # fmt: skip
    assert client.post(f"/orders/{order.pk}/edit/", data).status_code == 302
    order.refresh_from_db()
    assert (order.order_type, [line.product_id for line in order.lines.all()]) == (
        "spare",
        [product.pk],
    )
    actions.submit_order(people.sales, order)
    assert client.get(f"/orders/{order.pk}/edit/").status_code == 404


def test_a_stale_edit_is_refused_with_a_conflict_message(people, client):
    order = makers.draft(people)
    client.force_login(people.sales)
    stale = order.version
    actions.update_order(people.sales, order, {"notes": "别人改过"})
    data = {
        "channel": "phone",
        "order_type": "product",
        "version": stale,
        **line_form("lines", 1, [{"product": makers.product().pk, "quantity": "1"}]),
    }
    response = client.post(f"/orders/{order.pk}/edit/", data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Order.objects.get(pk=order.pk).notes == "别人改过"


def test_a_change_is_recorded_on_the_change_page(people, client):
    order = makers.approved(people)
    first, second = order.lines.order_by("line_no")
    client.force_login(people.sales)
    page = client.get(f"/orders/{order.pk}/change/")
    assert [k for k, _label in page.context["form"].fields["kind"].choices] == ["customer"]
    data = {
        "kind": "customer", "reason": "客户追加", "description": "第 2 行 40 → 55",
        "lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "2",
        **{f"lines-0-{k}": v for k, v in {"id": first.pk, "quantity": "100", "unit_price": "12.5", "specification": first.specification, "requested_date": str(first.requested_date)}.items()},
        **{f"lines-1-{k}": v for k, v in {"id": second.pk, "quantity": "55", "unit_price": "12.5", "specification": second.specification, "requested_date": str(second.requested_date)}.items()},
        "req-quality": "外观无划伤，PPM ≤ 50", "req-packaging": "每箱 100 件，防锈包装",
    }  # fmt: skip
    response = client.post(f"/orders/{order.pk}/change/", data)
    change = OrderChange.objects.get()
    assert response.status_code == 302 and response["Location"] == change.get_absolute_url()
    assert change.affected_sections == ["materials"]
    assert Order.objects.get(pk=order.pk).revision == 2


def test_the_vp_decides_and_sales_records_the_customer_on_the_change_page(people, client):
    order = makers.in_production(people)
    line = order.lines.first()
    change = actions.request_change(
        people.materials,
        order,
        "internal",
        "模具维修",
        "交期顺延 5 天",
        lines={line.pk: {"promised_date": "2027-01-20"}},
    )
    client.force_login(people.vp)
    assert client.get(change.get_absolute_url()).context["may_decide"]
    client.post(change.get_absolute_url(), {"approve": "1", "note": "同意"})
    client.force_login(people.sales)
    assert client.get(change.get_absolute_url()).context["may_record"]
    client.post(
        change.get_absolute_url(), {"customer_response": "1", "agreed": "1", "note": "客户电话同意"}
    )
    change.refresh_from_db()
    assert change.status == ChangeStatus.IN_REVIEW and change.version_number == 2
    assert client.get(f"/orders/changes/{change.pk}/pdf/")["Content-Type"] == "application/pdf"


def test_the_gm_sends_back_and_cancels_on_the_order_page(people, client):
    order = makers.submitted(people)
    actions.sign_section(people.quality, order, "quality", "reject", "无法达成")
    client.force_login(people.gm)
    page = client.get(order.get_absolute_url())
    assert page.context["may_send_back"] and not page.context["may_approve"]
    client.post(f"/orders/{order.pk}/step/send-back/", {"remarks": "客户同意放宽公差"})
    assert Order.objects.get(pk=order.pk).status == OrderStatus.REVIEW
    client.post(f"/orders/{order.pk}/step/cancel/", {"reason": "客户撤单"})
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED


def test_production_dates_and_delivery_are_recorded_on_the_pages(people, client):
    order = makers.in_production(people)
    client.force_login(people.materials)
    client.post(f"/orders/{order.pk}/step/production/", {"planned_completion": "2026-12-30"})
    assert str(Order.objects.get(pk=order.pk).production_order.planned_completion) == "2026-12-30"
    shipment = actions.ship_order(
        people.warehouse,
        order,
        timezone.localdate(),
        [{"order_line": order.lines.first().pk, "quantity": 10}],
    )
    client.force_login(people.sales)
    assert client.get(shipment.get_absolute_url()).context["may_confirm"]
    client.post(
        f"/orders/shipments/{shipment.pk}/confirm/",
        {"delivered_on": str(timezone.localdate()), "received_by": "李"},
    )
    shipment.refresh_from_db()
    assert shipment.delivered_on == timezone.localdate()
    for url in (
        f"/orders/shipments/{shipment.pk}/pdf/",
        f"/orders/production-orders/{order.production_order.pk}/pdf/",
        f"/orders/{order.pk}/versions/1/pdf/",
    ):
        assert client.get(url)["Content-Type"] == "application/pdf"


def test_questions_and_memos_are_handled_on_the_pages(people, client):
    order = makers.approved(people)
    client.force_login(people.sales)
    client.post(
        f"/orders/{order.pk}/step/ask/", {"subject": "technical", "question": "客户问热处理方式"}
    )
    question = order.questions.get()
    assert [q.pk for q in client.get("/orders/questions/").context["page"]] == [question.pk]
    client.post(f"/orders/questions/{question.pk}/forward/", {"text": "请工程部答复"})
    client.force_login(people.engineer)
    assert [q.pk for q in client.get("/orders/questions/").context["page"]] == [question.pk]
    client.post(f"/orders/questions/{question.pk}/answer/", {"text": "渗碳淬火"})
    question.refresh_from_db()
    assert question.answer == "渗碳淬火"
    client.post(
        f"/orders/{order.pk}/step/memo/",
        {
            "to_department": Department.objects.get(code="materials").pk,
            "subject": "工装",
            "body": "请备料",
        },
    )
    memo = order.memos.get()
    client.force_login(people.materials)
    assert [m.pk for m in client.get("/orders/memos/").context["page"]] == [memo.pk]
    client.post(memo.get_absolute_url(), {"reply": "已备料"})
    memo.refresh_from_db()
    assert memo.status == "replied"


def test_presales_requests_are_made_and_decided_on_the_pages(people, client):
    Department.objects.filter(code="quality").update(head=people.quality)
    customer = makers.customer()
    client.force_login(people.sales)
    client.post(
        "/orders/presales/new/",
        {"customer": customer.code, "kind": "quality_agreement", "description": "签订质量协议"},
    )
    request = PresalesRequest.objects.get()
    client.force_login(people.quality)
    assert client.get(request.get_absolute_url()).context["may_decide"]
    client.post(
        request.get_absolute_url(),
        {"refuse": "1", "note": "条款过严", "customer_explanation": "PPM 目标无法承诺，建议 100"},
    )
    assert PresalesRequest.objects.get().status == PresalesStatus.REFUSED


def test_delegates_and_products_are_managed_on_their_pages(people, client):
    client.force_login(people.administrator)
    until = str(timezone.localdate() + dt.timedelta(days=30))
    client.post(
        "/orders/delegates/",
        {"section": "materials", "user": people.production.pk, "valid_until": until},
    )
    delegation = ReviewDelegate.objects.get()
    assert (delegation.user, delegation.section) == (people.production, "materials")
    client.post("/orders/delegates/", {"revoke": delegation.pk})
    assert ReviewDelegate.objects.get().revoked_at is not None
    client.force_login(people.sales)
    client.post(
        "/orders/products/", {"code": "NEW-1", "name": "新品", "unit": "pcs", "active": "on"}
    )
    assert Product.objects.filter(code="NEW-1").exists()
    client.force_login(people.quality)
    assert (
        client.post(
            "/orders/delegates/", {"section": "materials", "user": people.quality.pk}
        ).status_code
        == 302
    )
    assert ReviewDelegate.objects.count() == 1  # refused: quality names no delegates


def test_odd_ids_in_page_posts_answer_not_found_rather_than_fail(people, client):
    client.force_login(people.administrator)
    assert client.post("/orders/delegates/", {"revoke": "abc"}).status_code == 404
    order = makers.draft(people)
    assert client.post(f"/orders/{order.pk}/step/teleport/", {}).status_code == 404
    assert client.get(f"/orders/{order.pk}/versions/9/").status_code == 404
