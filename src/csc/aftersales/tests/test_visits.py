"""Customer visits (SVC-8): the annual plan is reviewed by the sales head and approved by the
responsible leader; a visit report's findings each become a CAPA with source "visit"; the
plan is compared with what was done, month by month."""

import datetime as dt

import pytest

from csc.aftersales import actions
from csc.aftersales.choices import PlanStatus
from csc.capa.models import Capa
from csc.core.choices import Role
from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.core.models import Department
from csc.testing import api, make_user

from . import makers

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def head(people):
    """The head of Marketing, who reviews the salespeople's plans."""
    user = make_user("sales_head", Role.SALES, "marketing")
    Department.objects.filter(code="marketing").update(head=user)
    return user


def _plan(people, customers):
    visits = [{"customer": c, "month": m, "purpose": "年度走访"} for m, c in customers]
    return actions.create_plan(people.sales, YEAR, visits)


def _approved(people, head, customers):
    plan = _plan(people, customers)
    actions.submit_plan(people.sales, plan)
    actions.review_plan(head, plan)
    return actions.approve_plan(people.vp, plan)


def test_a_plan_is_reviewed_by_the_sales_head_then_approved_by_the_leader(people, head):
    plan = _plan(people, [(3, makers.customer())])
    actions.submit_plan(people.sales, plan)
    with pytest.raises(Denied):
        actions.review_plan(people.sales, plan)  # a salesperson is not the head
    with pytest.raises(IllegalTransition):
        actions.approve_plan(people.vp, plan)  # the head has not reviewed it yet
    actions.review_plan(head, plan)
    with pytest.raises(Denied):
        actions.approve_plan(people.quality, plan)
    actions.approve_plan(people.vp, plan)
    assert (plan.status, plan.reviewed_by, plan.approved_by) == (
        PlanStatus.APPROVED,
        head,
        people.vp,
    )


def test_a_plan_sent_back_needs_a_reason_and_returns_to_draft(people, head):
    plan = _plan(people, [(5, makers.customer())])
    actions.submit_plan(people.sales, plan)
    with pytest.raises(Invalid):
        actions.reject_plan(head, plan, "")
    actions.reject_plan(head, plan, "A 类客户须每季度走访")
    assert plan.status == PlanStatus.DRAFT


def test_bad_plan_lines_are_refused_and_nothing_stored(people):
    from csc.aftersales.models import VisitPlan

    with pytest.raises(Invalid) as error:
        actions.create_plan(people.sales, YEAR, [{"customer": makers.customer(), "month": 13}])
    assert "visits" in error.value.fields
    assert not VisitPlan.objects.exists()


def test_each_finding_of_a_visit_becomes_a_capa_with_source_visit(people, head):
    customer = makers.customer()
    plan = _approved(people, head, [(4, customer)])
    report = actions.record_visit(
        people.sales,
        {
            "planned": plan.visits.get(),
            "customer": customer,
            "visited_on": dt.date(YEAR, 4, 20),
            "opinions": "希望缩短交期",
            "product_quality": "批次 L0412 有轻微毛刺",
            "satisfaction": "neutral",
        },
        findings=[("L0412 毛刺超标", "quality"), ("交期回复慢", "service")],
    )
    capas = Capa.objects.filter(source="visit", customer=customer)
    assert sorted(capas.values_list("department__code", flat=True)) == ["marketing", "quality"]
    assert report.findings.filter(capa__isnull=False).count() == 2


def test_a_visit_in_the_future_or_without_opinions_is_refused(people):
    with pytest.raises(Invalid) as error:
        actions.record_visit(
            people.sales,
            {
                "customer": makers.customer(),
                "visited_on": dt.date.today() + dt.timedelta(days=2),
                "satisfaction": "satisfied",
            },  # fmt: skip
        )
    assert {"visited_on", "opinions"} <= set(error.value.fields)


def test_plan_versus_done_is_counted_per_month(people, head):
    a, b = makers.customer(), makers.customer()
    plan = _approved(people, head, [(4, a), (4, b), (6, a)])
    first = plan.visits.get(month=4, customer=a)
    actions.record_visit(
        people.sales,
        {
            "planned": first,
            "customer": a,
            "visited_on": dt.date(YEAR, 4, 9),
            "opinions": "满意",
            "satisfaction": "satisfied",
        },  # fmt: skip
    )
    rows = {r["month"]: (r["planned"], r["done"]) for r in actions.plan_vs_done(YEAR)}
    assert (rows[4], rows[6], rows[1]) == ((2, 1), (1, 0), (0, 0))
    page = api(people.sales).get(f"/api/v1/visit-plans/{plan.pk}/").json()
    assert page["status"] == "approved"


def test_a_visit_report_prints_with_the_customers_opinions_and_findings(people, client, tmp_path):
    from csc.testing import pdf_text

    from .resources import make_report

    report = make_report(people)
    client.force_login(people.sales)
    text = pdf_text(client.get(f"/aftersales/visits/reports/{report.pk}/report.pdf").content, tmp_path)  # fmt: skip
    assert "客户访谈报告" in text and "CSC-SVC-08" in text and report.number in text
    assert "希望提供季度质量报告" in text and "季度质量报告未按时提供" in text
    (tmp_path / "en").mkdir()
    english = pdf_text(client.get(f"/aftersales/visits/reports/{report.pk}/report.pdf?lang=en").content, tmp_path / "en")  # fmt: skip
    assert "Customer visit report" in english
    client.force_login(people.outsider)
    assert client.get(f"/aftersales/visits/reports/{report.pk}/report.pdf").status_code == 404
