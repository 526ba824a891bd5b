"""After-sales records for the generated tests in ``csc.core.tests.test_resources``."""

import itertools

from django.contrib.contenttypes.models import ContentType

from csc.aftersales import actions
from csc.aftersales.models import (
    EarlyWarning,
    FieldServiceRecord,
    RepairReturn,
    ServiceAgreement,
    ServiceStaff,
    SparePart,
    Training,
    VisitPlan,
    VisitReport,
    WarrantyClaim,
)
from csc.core.choices import SignatureMeaning
from csc.core.models import Signature
from csc.core.tests.resource_base import ListedResource, Resource, Write

from . import makers


def make_claim(people):
    return makers.claim(people)


def make_agreement(people):
    import datetime as dt

    return actions.create_agreement(
        people.sales,
        {"customer": makers.customer(), "warranty_months": 24, "valid_from": dt.date(2026, 1, 1)},
    )


def add_signatures(people, claim, count):
    content_type = ContentType.objects.get_for_model(claim)
    for _index in range(count):
        Signature.objects.create(
            content_type=content_type,
            object_id=str(claim.pk),
            user=people.quality,
            user_name=str(people.quality),
            role="quality",
            meaning=SignatureMeaning.REVIEWED,
        )


def assess(client, claim):
    body = {"defect_kind": "manufacturing", "finding": "拆检：焊缝虚焊"}
    return client.post(f"/api/v1/warranty-claims/{claim.pk}/assess/", body, format="json")


def void(client, claim):
    body = {"reason": "重复登记"}
    return client.post(f"/api/v1/warranty-claims/{claim.pk}/void/", body, format="json")


def costs(client, claim):
    body = {"parts_cost": "120.00", "version": claim.version}
    return client.patch(f"/api/v1/warranty-claims/{claim.pk}/", body, format="json")


def assess_on_page(client, claim):
    body = {"defect_kind": "material", "finding": "材质不符", "version": claim.version}
    return client.post(f"/aftersales/claims/{claim.pk}/assess/", body)


RESOURCES = [
    Resource(
        name="warranty-claims",
        model=WarrantyClaim,
        make=make_claim,
        viewer="service",
        api="/api/v1/warranty-claims/",
        page="/aftersales/claims/",
        no_view=("outsider", "contact", "warehouse"),
        add_related=add_signatures,
        writes=(
            Write("assess", assess, "quality", ("service", "outsider")),
            Write("void", void, "service", ("engineer", "outsider")),
            Write("costs", costs, "service", ("production", "outsider")),
            Write(
                "assess-page",
                assess_on_page,
                "quality",
                ("service", "outsider"),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    ),
    Resource(
        name="service-agreements",
        model=ServiceAgreement,
        make=make_agreement,
        viewer="sales",
        api="/api/v1/service-agreements/",
        page="/aftersales/agreements/",
        no_view=("outsider", "contact", "warehouse"),
    ),
]


def make_warning(people):
    from django.db import transaction

    from csc.core.numbering import next_number

    with transaction.atomic():
        number = next_number("early-warning", "EW")
        return EarlyWarning.objects.create(
            number=number,
            kind="purchase_drop",
            signal_key=f"purchase_drop:{number}",
            period="2026-11-01",
            customer=makers.customer(),
            baseline=100_000,
            observed=20_000,
            summary="采购量由 100,000 降至 20,000 / 月",
        )


def analyse(client, warning):
    body = {"analysis": "客户转用竞品", "version": warning.version}
    return client.post(f"/api/v1/early-warnings/{warning.pk}/analyse/", body, format="json")


def analyse_on_page(client, warning):
    return client.post(f"/aftersales/warnings/{warning.pk}/analyse/", {"text": "需求下降"})


RESOURCES.append(
    Resource(
        name="early-warnings",
        model=EarlyWarning,
        make=make_warning,
        viewer="sales",
        api="/api/v1/early-warnings/",
        page="/aftersales/warnings/",
        no_view=("outsider", "contact", "warehouse"),
        writes=(
            Write("analyse", analyse, "quality", ("sales", "outsider")),
            Write(
                "analyse-page",
                analyse_on_page,
                "quality",
                ("sales", "outsider"),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    )
)


def make_plan(people):
    # One plan per salesperson and year: each record is the sales persona's plan of a new year.
    visits = [{"customer": makers.customer(), "month": 3, "purpose": "年度走访"}]
    # Years 2000–2099 in turn: any one test makes far fewer than a hundred plans.
    return actions.create_plan(people.sales, 2000 + next(_plans) % 100, visits)


def submit_plan(client, plan):
    return client.post(f"/api/v1/visit-plans/{plan.pk}/submit/", {"note": "请审核"})


def make_report(people):
    import datetime as dt

    data = {
        "customer": makers.customer(),
        "visited_on": dt.date(2026, 3, 5),
        "opinions": "希望提供季度质量报告",
        "satisfaction": "satisfied",
    }
    return actions.record_visit(people.sales, data, [("季度质量报告未按时提供", "service")])


_plans = itertools.count(1)

RESOURCES += [
    Resource(
        name="visit-plans",
        model=VisitPlan,
        make=make_plan,
        viewer="sales",
        api="/api/v1/visit-plans/",
        page="/aftersales/visits/plans/",
        no_view=("outsider", "contact", "warehouse"),
        writes=(Write("submit", submit_plan, "sales", ("quality", "outsider")),),
    ),
    Resource(
        name="visit-reports",
        model=VisitReport,
        make=make_report,
        viewer="sales",
        api="/api/v1/visit-reports/",
        page="/aftersales/visits/reports/",
        no_view=("outsider", "contact", "warehouse"),
    ),
]


def make_training(people):
    import datetime as dt

    data = {"kind": "skills", "title": "三包鉴定培训", "held_on": dt.date(2026, 3, 1), "hours": 4}
    return actions.record_training(people.sales, data, {people.service: "passed"})


RESOURCES.append(
    Resource(
        name="trainings",
        model=Training,
        make=make_training,
        viewer="service",
        api="/api/v1/trainings/",
        page="/aftersales/training/",
        no_view=("outsider", "contact"),
    )
)


# --- field service (SVC-5) ----------------------------------------------------------------


def make_record(people):
    return makers.field_record(people)


def own_record(people):
    from csc.customers.models import Contact

    return makers.field_record(people, cust=Contact.objects.get(user=people.contact).customer)


def add_parts(people, record, count):
    from decimal import Decimal

    for index in range(count):
        actions.request_part(people.service, record, f"P-{index}", "密封圈", Decimal("2"))


def complete(client, record):
    body = {"outcome": "repaired", "result": "更换密封圈", "version": record.version}
    return client.post(f"/api/v1/field-service-records/{record.pk}/complete/", body, format="json")


def complete_on_page(client, record):
    body = {"outcome": "repaired", "result": "现场修复", "version": record.version}
    return client.post(f"/aftersales/field/{record.pk}/complete/", body)


def make_part(people):
    from decimal import Decimal

    return actions.request_part(people.service, makers.field_record(people), "P-1", "密封圈", Decimal("3"))  # fmt: skip


def issue(client, part):
    return client.post(f"/api/v1/spare-parts/{part.pk}/issue/", {"quantity": "2"}, format="json")


def make_return(people):
    data = {"customer": makers.customer(), "product": makers.product(), "quantity_sent": 3, "reason": "无法现场修复"}  # fmt: skip
    return actions.register_return(people.service, data)


def own_return(people):
    from csc.customers.models import Contact

    customer = Contact.objects.get(user=people.contact).customer
    data = {"customer": customer, "product": makers.product(), "quantity_sent": 1, "reason": "退修"}
    return actions.register_return(people.service, data)


def receive(client, repair):
    body = {"quantity_received": 3, "version": repair.version}
    return client.post(f"/api/v1/repair-returns/{repair.pk}/receive/", body, format="json")


def make_staff(people):
    from csc.testing import make_user

    person = make_user(f"fs{next(_plans)}", "service", "service")
    return actions.add_staff(people.service, {"person": person, "posting": "travelling"})


RESOURCES += [
    Resource(
        name="field-service-records",
        model=FieldServiceRecord,
        make=make_record,
        own=own_record,
        viewer="service",
        api="/api/v1/field-service-records/",
        page="/aftersales/field/",
        no_view=("outsider", "production"),
        add_related=add_parts,
        writes=(
            Write("complete", complete, "service", ("production", "outsider", "warehouse")),
            Write(
                "complete-page",
                complete_on_page,
                "service",
                ("outsider",),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    ),
    Resource(
        name="spare-parts",
        model=SparePart,
        make=make_part,
        viewer="warehouse",
        api="/api/v1/spare-parts/",
        no_view=("outsider", "production", "contact"),
        writes=(Write("issue", issue, "warehouse", ("service", "outsider")),),
    ),
    ListedResource(
        name="repair-returns",
        model=RepairReturn,
        make=make_return,
        own=own_return,
        viewer="warehouse",
        api="/api/v1/repair-returns/",
        page="/aftersales/returns/",
        no_view=("outsider", "production"),
        writes=(Write("receive", receive, "warehouse", ("service", "outsider")),),
    ),
    ListedResource(
        name="service-staff",
        model=ServiceStaff,
        make=make_staff,
        viewer="service",
        api="/api/v1/service-staff/",
        page="/aftersales/staff/",
        no_view=("outsider", "production", "contact"),
    ),
]
