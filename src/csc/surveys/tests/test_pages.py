"""The staff pages: plan a round and run its steps, key in a paper answer, edit a
questionnaire, make a plan; each refusal is a clear message, never a 500."""

import pytest
from django.test import Client

from csc.surveys.models import SurveyPlan, SurveyResponse, SurveyRound, SurveyTemplate
from csc.surveys.work import work_for

from . import makers

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_marketing_plans_a_round_and_runs_its_steps_on_the_page(people):
    makers.customers(a=2, c=3)
    client = _client(people.sales)
    reply = client.post(
        "/surveys/rounds/new/",
        {
            "template": makers.weighted().pk,
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
        },
    )
    survey_round = SurveyRound.objects.get()
    assert reply.status_code == 302 and reply["Location"] == survey_round.get_absolute_url()
    for step, status in (("open", "open"), ("send", "sent")):
        client.post(f"/surveys/rounds/{survey_round.pk}/step/{step}/", {"note": ""})
        survey_round.refresh_from_db()
        assert survey_round.status == status
    page = client.get(survey_round.get_absolute_url())
    assert page.status_code == 200
    assert b'data-step="close"' in page.content


def test_a_period_ending_before_it_starts_is_refused_on_the_form(people):
    reply = _client(people.sales).post(
        "/surveys/rounds/new/",
        {
            "template": makers.weighted().pk,
            "period_start": "2026-06-30",
            "period_end": "2026-01-01",
        },
    )
    assert reply.status_code == 200
    assert not SurveyRound.objects.exists()
    assert reply.context["form"].errors


def test_an_unknown_step_is_not_found(people):
    makers.customers(a=1)
    survey_round = makers.planned_round(people)
    reply = _client(people.sales).post(f"/surveys/rounds/{survey_round.pk}/step/explode/")
    assert reply.status_code == 404


def test_a_paper_answer_is_keyed_in_and_out_of_scale_values_get_400(people):
    makers.customers(a=1)
    survey_round = makers.sent_round(people, makers.points())
    invitation = survey_round.invitations.get()
    url = f"/surveys/rounds/{survey_round.pk}/invitations/{invitation.pk}/answer/"
    client = _client(people.sales)
    assert client.get(url).status_code == 200
    data = {f"item_{pk}": v for pk, v in makers.values_for(survey_round.template, 15).items()}
    bad = {**data, next(iter(data)): 25, "channel": "fax"}
    assert client.post(url, bad).status_code == 400
    assert not SurveyResponse.objects.exists()
    reply = client.post(url, {**data, "channel": "fax", "respondent": "李工"})
    response = SurveyResponse.objects.get()
    assert reply["Location"] == response.get_absolute_url()
    assert (response.channel, response.entered_by, response.score) == ("fax", people.sales, 75)
    assert _client(people.quality).get(url).status_code == 404  # Quality does not key in


def test_the_statistics_and_trend_pages_show_the_round(people):
    makers.customers(a=1)
    survey_round = makers.sent_round(people)
    makers.answer(people, survey_round.invitations.get(), 90)
    client = _client(people.engineer)
    statistics = client.get(f"/surveys/rounds/{survey_round.pk}/statistics/")
    assert statistics.status_code == 200
    assert b'id="stat-index">90.0<' in statistics.content
    assert client.get("/surveys/trend/").status_code == 200


def _formset(items):
    data = {
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, item in enumerate(items):
        data.update({f"items-{index}-{k}": v for k, v in item.items()})
    return data


def test_a_questionnaire_is_written_on_the_page_and_refused_publication_until_weights_add_up(
    people,
):
    client = _client(people.sales)
    items = [
        {"key": "q", "text": "质量", "category": "quality", "weight": "0.7"},
        {"key": "d", "text": "交期", "category": "delivery", "weight": "0.2"},
    ]
    reply = client.post(
        "/surveys/questionnaires/new/",
        {"code": "page-made", "kind": "weighted", "name": "页面问卷", "levels_text": "100,80,60",
         "requirement": "80", "complaint_points": "0", "complaint_cap": "0", "return_points": "0",
         "return_cap": "0", "form_number": "HT-QR-MA-01", **_formset(items)},
    )  # fmt: skip
    template = SurveyTemplate.objects.get(code="page-made")
    assert reply.status_code == 302
    assert template.levels == [100, 80, 60]
    page = client.get(template.get_absolute_url())
    assert b'id="publish-problems"' in page.content
    refused = client.post(f"/surveys/questionnaires/{template.pk}/publish/", follow=True)
    assert refused.status_code == 200
    template.refresh_from_db()
    assert template.status == "draft"


def test_a_plan_is_made_on_the_page_with_the_seed_defaults(people):
    client = _client(people.sales)
    reply = client.post(
        "/surveys/plans/new/",
        {"name": "年度调查", "template": makers.weighted().pk, "frequency": "annual",
         "open_month": "12", "response_days": "10", "c_share": "0.2", "active": "on",
         "send_automatically": "on"},
    )  # fmt: skip
    plan = SurveyPlan.objects.get()
    assert reply.status_code == 302
    assert (plan.frequency, plan.open_month, plan.owner) == ("annual", 12, people.sales)
    assert _client(people.quality).post("/surveys/plans/new/", {"name": "x"}).status_code == 404


def test_home_page_tells_marketing_which_rounds_wait(people):
    makers.customers(a=1)
    makers.open_round(people)
    counts = {title: count for title, _url, count in work_for(people.sales)}
    assert 1 in counts.values()
    assert work_for(people.engineer) == []


def _round_with_contact_address(people):
    from csc.customers.models import Contact

    surveyed = makers.customer("A")
    Contact.objects.create(customer=surveyed, name="张三", email="zhang.san@kehu.example.cn")
    return makers.open_round(people)


def test_the_round_page_masks_a_contacts_address_for_roles_without_contact_details(people):
    from csc.core.models import AuditEntry

    survey_round = _round_with_contact_address(people)
    page = _client(people.production).get(survey_round.get_absolute_url()).content.decode()
    assert "z***@kehu.example.cn" in page
    assert "zhang.san@kehu.example.cn" not in page
    assert not AuditEntry.objects.filter(action="access").exists()


def test_marketing_sees_the_addresses_and_the_page_view_is_logged_once(people):
    from csc.core.models import AuditEntry

    survey_round = _round_with_contact_address(people)
    page = _client(people.sales).get(survey_round.get_absolute_url()).content.decode()
    assert "zhang.san@kehu.example.cn" in page
    entry = AuditEntry.objects.get(action="access")
    assert (entry.object_id, entry.changes) == (str(survey_round.pk), {"field": "contact_details"})
