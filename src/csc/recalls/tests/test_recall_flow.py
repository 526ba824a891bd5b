"""A recall from its trigger to the review of the procedure (RCL-1…5)."""

from decimal import Decimal

import pytest

from csc.capa.models import Capa
from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.core.models import OutboxEmail
from csc.recalls import actions
from csc.recalls.choices import RecallStatus
from csc.testing import outbox_to

from . import makers

pytestmark = pytest.mark.django_db


def _notify_all(people, recall, customers):
    for customer in customers:
        actions.record_notice(
            people.sales,
            recall,
            {
                "party": "customer",
                "customer": customer,
                "channel": "email",
                "address": f"qa{customer.pk}@example.com",
                "text": "请立即隔离批次 B2603 的制动支架。",
            },
        )
    actions.record_notice(
        people.quality,
        recall,
        {
            "party": "authority",
            "authority": "市场监督管理局",
            "channel": "phone",
            "address": "0512-12345678",
            "text": "电话通报：已启动召回，书面报告三日内提交。",
        },
    )


def _account(people, lot, returned, at_customer, destroyed, strict=True):
    for row, r, a, d in zip(
        lot.distribution.order_by("id"), returned, at_customer, destroyed, strict=True
    ):
        actions.set_distribution_quantities(
            people.sales, row, {"returned": r, "at_customer": a, "destroyed_at_customer": d}
        )


def test_a_recall_runs_from_trigger_to_closure_with_reconciled_quantities(people):
    recall = makers.planned(people)
    lot, customers = makers.shipped_lot(people, recall)
    assert sorted(lot.distribution.values_list("shipped", flat=True)) == [200, 300]
    actions.record_sample(
        people.quality, recall, {"reference": "留样 B2603-01", "result": "nonconforming"}
    )
    _notify_all(people, recall, customers)
    assert outbox_to(endswith="@example.com").count() == 2
    actions.finish_notices(people.sales, recall)
    _account(people, lot, returned=(250, 200), at_customer=(0, 0), destroyed=(50, 0))
    actions.finish_reconciliation(people.quality, recall)
    actions.record_disposition(people.quality, lot, {"method": "destroy", "quantity": 550})
    actions.update_recall(people.quality, recall, {"root_cause": "焊接电流参数漂移"})
    actions.open_corrective_action(people.quality, recall)
    actions.close_recall(people.quality, recall, "数量平衡，已全部处置")
    actions.review_procedure(people.mr, recall, "程序适宜；通知模板需增加英文版。")
    recall.refresh_from_db()
    assert recall.status == RecallStatus.REVIEWED
    assert Capa.objects.get(pk=recall.capa_id).source_label == recall.number


def test_closure_is_refused_while_quantities_do_not_balance(people):
    recall = makers.planned(people)
    lot, customers = makers.shipped_lot(people, recall)
    _notify_all(people, recall, customers)
    actions.finish_notices(people.sales, recall)
    _account(people, lot, returned=(250, 150), at_customer=(0, 0), destroyed=(50, 0))
    with pytest.raises(IllegalTransition) as refused:
        actions.finish_reconciliation(people.quality, recall)
    assert "200" in str(refused.value.message) and customers[1].name in str(refused.value.message)


def test_an_explained_difference_lets_the_recall_go_on(people):
    recall = makers.planned(people)
    lot, customers = makers.shipped_lot(people, recall)
    _notify_all(people, recall, customers)
    actions.finish_notices(people.sales, recall)
    _account(people, lot, returned=(300, 150), at_customer=(0, 0), destroyed=(0, 0))
    row = lot.distribution.get(shipped=200)
    actions.set_distribution_quantities(
        people.sales, row, {"difference_note": "客户已装车 50 件，随整车召回"}
    )
    actions.finish_reconciliation(people.quality, recall)
    assert recall.status == RecallStatus.DISPOSITION


def test_the_lot_must_balance_produced_against_shipped_and_stock(people):
    recall = makers.planned(people)
    lot, customers = makers.shipped_lot(people, recall)
    actions.set_lot_quantities(people.quality, lot, {"in_stock": Decimal("90")})
    _notify_all(people, recall, customers)
    actions.finish_notices(people.sales, recall)
    _account(people, lot, returned=(300, 200), at_customer=(0, 0), destroyed=(0, 0))
    with pytest.raises(IllegalTransition) as refused:
        actions.finish_reconciliation(people.quality, recall)
    assert "600" in str(refused.value.message) and lot.batch in str(refused.value.message)


def test_every_customer_who_received_the_lot_is_told_before_reconciling(people):
    recall = makers.planned(people)
    _lot, customers = makers.shipped_lot(people, recall)
    with pytest.raises(IllegalTransition) as refused:
        actions.finish_notices(people.sales, recall)
    assert customers[0].name in str(refused.value.message)


def test_only_the_gm_names_the_team_and_approves_the_plan(people):
    recall = makers.triggered(people)
    with pytest.raises(Denied):
        actions.name_team(people.quality, recall, people.quality)
    actions.name_team(people.gm, recall, people.quality)
    with pytest.raises(Invalid):
        actions.approve_plan(people.gm, recall)  # no plan written yet
    with pytest.raises(Denied):
        actions.approve_plan(people.quality, recall)


def test_nobody_is_notified_before_the_plan_is_approved(people):
    recall = makers.triggered(people)
    actions.name_team(people.gm, recall, people.quality)
    with pytest.raises(IllegalTransition):
        actions.record_notice(
            people.quality,
            recall,
            {"party": "authority", "authority": "市场监管局", "channel": "phone",
             "address": "110", "text": "通报"},
        )  # fmt: skip


def test_a_complaint_trigger_names_its_complaint(people):
    with pytest.raises(Invalid) as refused:
        makers.triggered(people, trigger="complaint")
    assert "complaint" in refused.value.fields


def test_disposition_is_recorded_only_under_quality(people):
    recall = makers.planned(people)
    lot, _customers = makers.shipped_lot(people, recall)
    with pytest.raises(Denied):
        actions.record_disposition(people.sales, lot, {"method": "rework", "quantity": 10})


def test_the_recall_page_shows_whether_each_e_mailed_notice_went_out(people):
    from django.utils import translation

    from csc.core.choices import OutboxStatus
    from csc.core.tests.resource_base import browser

    recall = makers.planned(people)
    _lot, customers = makers.shipped_lot(people, recall)
    _notify_all(people, recall, customers)
    mailed = recall.notices.exclude(email=None).order_by("id")
    first = mailed.first().email
    OutboxEmail.objects.filter(pk=first.pk).update(status=OutboxStatus.FAILED, last_error="550 mailbox unavailable")  # fmt: skip
    people.sales.language = "en"
    people.sales.save(update_fields=["language"])
    with translation.override("en"):
        page = browser(people.sales).get(recall.get_absolute_url()).content.decode()
    assert "Failed: 550 mailbox unavailable" in page
    assert page.count("delivery-pending") == mailed.count() - 1 == 1
