"""The survey area's resources for the generated tests in ``csc.core.tests.test_resources``."""

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

from csc.core.tests.resource_base import ListedResource, Resource, Write
from csc.customers.models import Contact
from csc.surveys import actions
from csc.surveys.choices import RoundStatus
from csc.surveys.models import (
    SurveyInvitation,
    SurveyPlan,
    SurveyResponse,
    SurveyRound,
    SurveyTemplate,
)
from csc.testing import make_customer

from . import makers

_serial = itertools.count(1)


@dataclass(frozen=True)
class DraftsResource(Resource):
    """Templates are listed filtered to drafts: the two shipped (published) ones stay out of
    the row counts; the detail endpoint is the plain collection's."""

    detail_api: str = ""

    def api_detail(self, obj):
        return f"{self.detail_api}{obj.pk}/"


def make_draft_template(people):
    number = next(_serial)
    return actions.create_template(
        people.sales,
        {"code": f"res-{number}", "kind": "weighted", "name": f"资源测试问卷{number}"},
        [
            {"key": "quality", "text": "质量", "category": "quality", "weight": Decimal("0.6")},
            {"key": "delivery", "text": "交期", "category": "delivery", "weight": Decimal("0.4")},
        ],
    )


def add_template_items(people, template, count):
    start = template.items.count()
    for index in range(start, start + count):
        template.items.create(
            key=f"extra{index}", text=f"附加问题{index}", category="service", position=index + 1
        )


def make_planned_round(people):
    return actions.create_round(
        people.sales, makers.weighted(), dt.date(2026, 1, 1), dt.date(2026, 6, 30),
        title=f"资源测试轮次{next(_serial)}",
    )  # fmt: skip


def add_invitations(people, survey_round, count):
    for _index in range(count):
        customer = make_customer(name=f"调查资源客户{next(_serial):05d}", abc_class="B")
        SurveyInvitation.objects.create(
            round=survey_round, customer=customer, abc_class="B", language="zh-hans",
            email=f"r{customer.pk}@x.example",
        )  # fmt: skip


def _collecting_round(people):
    """One round collecting answers per test, shared by the responses made in it."""
    survey_round = SurveyRound.objects.filter(title="资源测试：收集中").first()
    if survey_round is None:
        survey_round = make_planned_round(people)
        SurveyRound.objects.filter(pk=survey_round.pk).update(
            title="资源测试：收集中", status=RoundStatus.SENT
        )
        survey_round.refresh_from_db()
    return survey_round


def _response_of(people, customer):
    invitation = SurveyInvitation.objects.create(
        round=_collecting_round(people), customer=customer, abc_class=customer.abc_class,
        language=customer.language,
    )  # fmt: skip
    return makers.answer(people, invitation, 90)


def make_response(people):
    return _response_of(people, make_customer(name=f"调查资源客户{next(_serial):05d}"))


def own_response(people):
    customer = Contact.objects.get(user=people.contact).customer
    existing = SurveyResponse.objects.filter(customer=customer).first()
    return existing or _response_of(people, customer)


# --- writes ------------------------------------------------------------------------------


def publish_template(client, template):
    return client.post(f"/api/v1/survey-templates/{template.pk}/publish/", {}, format="json")


def rename_template(client, template):
    return client.patch(
        f"/api/v1/survey-templates/{template.pk}/",
        {"name": "改名后的问卷", "version": template.version},
        format="json",
    )


def publish_on_page(client, template):
    return client.post(f"/surveys/questionnaires/{template.pk}/publish/", {"note": ""})


def open_round(client, survey_round):
    return client.post(f"/api/v1/survey-rounds/{survey_round.pk}/open/", {}, format="json")


def open_round_on_page(client, survey_round):
    return client.post(f"/surveys/rounds/{survey_round.pk}/step/open/", {"note": "开始抽样"})


def make_plan(people):
    return actions.save_plan(
        people.sales, {"name": "半年度顾客满意度调查", "template": makers.weighted()}
    )


RESOURCES = [
    ListedResource(
        name="survey-plans",
        model=SurveyPlan,
        make=make_plan,
        viewer="sales",
        page="/surveys/plans/",
        no_view=("outsider", "contact"),
    ),
    DraftsResource(
        name="survey-templates",
        model=SurveyTemplate,
        make=make_draft_template,
        viewer="quality",
        api="/api/v1/survey-templates/?status=draft",
        detail_api="/api/v1/survey-templates/",
        page="/surveys/questionnaires/?status=draft",
        no_view=("outsider", "contact"),
        add_related=add_template_items,
        writes=(
            Write("publish", publish_template, "sales", ("quality", "contact", "outsider")),
            Write("patch", rename_template, "sales", ("engineer", "contact")),
            Write(
                "publish-page",
                publish_on_page,
                "sales",
                ("engineer", "outsider"),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    ),
    Resource(
        name="survey-rounds",
        model=SurveyRound,
        make=make_planned_round,
        viewer="engineer",
        api="/api/v1/survey-rounds/",
        page="/surveys/",
        no_view=("outsider", "contact"),
        add_related=add_invitations,
        writes=(
            Write("open", open_round, "sales", ("quality", "contact", "outsider")),
            Write(
                "open-page",
                open_round_on_page,
                "sales",
                ("quality", "outsider"),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    ),
    Resource(
        name="survey-responses",
        model=SurveyResponse,
        make=make_response,
        viewer="quality",
        api="/api/v1/survey-responses/",
        page="/surveys/answers/",
        no_view=("outsider",),
        own=own_response,
    ),
]
