"""The survey API (IF-3): survey-templates, survey-rounds with open/send/remind/close,
survey-responses; bad input is a 400 with field messages, an illegal step a 409."""

import datetime as dt

import pytest
from django.utils import timezone

from csc.surveys.models import Chase, SurveyResponse, SurveyRound, SurveyTemplate
from csc.testing import outbox_to

from . import makers

pytestmark = pytest.mark.django_db


def test_marketing_runs_a_round_through_the_api(people, api_as):
    makers.customers(a=2, b=2, c=4)
    client = api_as(people.sales)
    created = client.post(
        "/api/v1/survey-rounds/",
        {"template": makers.weighted().pk, "period_start": "2026-01-01",
         "period_end": "2026-06-30"},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    opened = client.post(f"/api/v1/survey-rounds/{pk}/open/", {"seed": 7}, format="json")
    assert opened.status_code == 200 and opened.json()["status"] == "open"
    assert opened.json()["seed"] == 7
    sent = client.post(f"/api/v1/survey-rounds/{pk}/send/", {}, format="json")
    assert sent.json()["status"] == "sent" and sent.json()["due_date"]
    assert outbox_to(endswith="@survey-test.example").count() == 5  # 4 A/B + 1 C
    early = client.post(f"/api/v1/survey-rounds/{pk}/remind/", {}, format="json")
    assert early.status_code == 400
    statistics = client.get(f"/api/v1/survey-rounds/{pk}/statistics/")
    assert statistics.status_code == 200
    assert statistics.json()["validity"]["invited"] == 5


def test_reminders_after_the_due_date_are_sent_and_logged(people, api_as):
    makers.customers(a=2)
    survey_round = makers.sent_round(people)
    makers.answer(people, survey_round.invitations.first(), 100)
    SurveyRound.objects.filter(pk=survey_round.pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    reply = api_as(people.sales).post(
        f"/api/v1/survey-rounds/{survey_round.pk}/remind/", {"note": "催收"}, format="json"
    )
    assert reply.status_code == 200
    assert reply.json()["reminders_sent"] == 1
    chase = Chase.objects.get()
    assert (chase.channel, chase.by, chase.automatic) == ("email", people.sales, True)
    again = api_as(people.sales).post(f"/api/v1/survey-rounds/{survey_round.pk}/remind/")
    assert again.json()["reminders_sent"] == 0  # reminded less than a week ago


def test_sending_a_round_twice_is_a_conflict(people, api_as):
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    reply = api_as(people.sales).post(f"/api/v1/survey-rounds/{survey_round.pk}/send/")
    assert reply.status_code == 409


def test_closing_a_round_twice_is_a_conflict(people, api_as):
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    client = api_as(people.sales)
    assert client.post(f"/api/v1/survey-rounds/{survey_round.pk}/close/").status_code == 200
    second = client.post(f"/api/v1/survey-rounds/{survey_round.pk}/close/")
    assert second.status_code == 409
    assert "detail" in second.json()


def test_only_marketing_runs_rounds(people, api_as):
    makers.customers(a=1)
    survey_round = makers.open_round(people)
    reply = api_as(people.quality).post(f"/api/v1/survey-rounds/{survey_round.pk}/send/")
    assert reply.status_code == 403
    assert SurveyRound.objects.get(pk=survey_round.pk).status == "open"


def _answers(template, value=None, **by_key):
    return [
        {"item": pk, "value": v, "comment": ""}
        for pk, v in makers.values_for(template, value, **by_key).items()
    ]


def test_a_paper_answer_is_keyed_in_through_the_api(people, api_as):
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    invitation = survey_round.invitations.get()
    reply = api_as(people.sales).post(
        "/api/v1/survey-responses/",
        {"invitation": invitation.pk, "channel": "fax", "answers": _answers(survey_round.template, 80),
         "comment": "传真回复"},
        format="json",
    )  # fmt: skip
    assert reply.status_code == 201, reply.content
    body = reply.json()
    assert (body["channel"], body["score"]) == ("fax", "80.000")
    assert len(body["answers"]) == 12


def test_an_answer_out_of_the_scale_is_a_400_with_the_item(people, api_as):
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    invitation = survey_round.invitations.get()
    quality = survey_round.template.items.get(key="quality")
    reply = api_as(people.sales).post(
        "/api/v1/survey-responses/",
        {"invitation": invitation.pk, "answers": _answers(survey_round.template, 80, quality=85)},
        format="json",
    )
    assert reply.status_code == 400
    assert f"item_{quality.pk}" in reply.json()
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("bad", ["abc", None, -5, 10**9])
def test_a_malformed_value_is_a_400_never_a_500(people, api_as, bad):
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    answers = _answers(survey_round.template, 80)
    answers[0]["value"] = bad
    reply = api_as(people.sales).post(
        "/api/v1/survey-responses/",
        {"invitation": survey_round.invitations.get().pk, "answers": answers},
        format="json",
    )
    assert reply.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_a_second_answer_for_the_same_survey_is_a_conflict(people, api_as):
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    invitation = survey_round.invitations.get()
    client = api_as(people.sales)
    body = {"invitation": invitation.pk, "answers": _answers(survey_round.template, 90)}
    assert client.post("/api/v1/survey-responses/", body, format="json").status_code == 201
    second = client.post("/api/v1/survey-responses/", body, format="json")
    assert second.status_code == 409
    assert SurveyResponse.objects.count() == 1


def test_a_contact_sees_only_their_own_customers_answers(people, api_as):
    own_customer = people.contact.customer_contact.customer
    own_customer.abc_class = "A"
    own_customer.save(update_fields=["abc_class"])
    other = makers.customer("A")
    survey_round = makers.sent_round(people)
    own = makers.answer(people, survey_round.invitations.get(customer=own_customer), 90)
    theirs = makers.answer(people, survey_round.invitations.get(customer=other), 40)
    client = api_as(people.contact)
    listing = client.get("/api/v1/survey-responses/")
    assert {row["id"] for row in listing.json()["results"]} == {own.pk}
    assert client.get(f"/api/v1/survey-responses/{theirs.pk}/").status_code == 404
    assert client.get(f"/api/v1/survey-responses/{own.pk}/").status_code == 200
    assert client.get("/api/v1/survey-rounds/").status_code == 403
    keyed = client.post(
        "/api/v1/survey-responses/",
        {"invitation": theirs.invitation_id, "answers": _answers(survey_round.template, 100)},
        format="json",
    )
    assert keyed.status_code in (403, 404)


def test_a_template_with_weights_not_adding_up_to_one_cannot_be_published(people, api_as):
    client = api_as(people.sales)
    created = client.post(
        "/api/v1/survey-templates/",
        {"code": "short", "kind": "weighted", "name": "权重不足",
         "items": [{"key": "a", "text": "质量", "category": "quality", "weight": "0.6"},
                   {"key": "b", "text": "交期", "category": "delivery", "weight": "0.3"}]},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    refused = client.post(f"/api/v1/survey-templates/{pk}/publish/", {}, format="json")
    assert refused.status_code == 400
    assert "weights" in refused.json()
    fixed = client.patch(
        f"/api/v1/survey-templates/{pk}/",
        {"items": [{"key": "a", "text": "质量", "category": "quality", "weight": "0.7"},
                   {"key": "b", "text": "交期", "category": "delivery", "weight": "0.3"}],
         "version": SurveyTemplate.objects.get(pk=pk).version},
        format="json",
    )  # fmt: skip
    assert fixed.status_code == 200
    assert client.post(f"/api/v1/survey-templates/{pk}/publish/").status_code == 200
    assert SurveyTemplate.objects.get(pk=pk).status == "published"


def test_patching_a_used_template_answers_with_the_new_version(people, api_as):
    makers.customers(a=1)
    makers.open_round(people)
    used = makers.weighted()
    reply = api_as(people.sales).patch(
        f"/api/v1/survey-templates/{used.pk}/",
        {"name": "第二版", "version": used.version},
        format="json",
    )
    assert reply.status_code == 201
    assert (reply.json()["edition"], reply.json()["status"]) == (2, "draft")
