"""The shared action system (CMP-10): routing, workflow, verification before closure, API."""

import datetime as dt

import pytest

from csc.capa import actions
from csc.capa.choices import CapaStatus
from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.core.tests.resource_base import browser
from csc.testing import api

pytestmark = pytest.mark.django_db


def _open(people, category="quality", **extra):
    return actions.open_capa(
        people.quality, source="audit", category=category, title="内审发现：标识不清", **extra
    )


@pytest.mark.parametrize(
    ("category", "department", "assisting"),
    [
        ("quality", "quality", ["engineering"]),
        ("delivery", "materials", []),
        ("service", "marketing", ["management"]),
    ],
)
def test_actions_are_routed_by_category(people, category, department, assisting):
    capa = _open(people, category)
    assert capa.department.code == department
    assert sorted(capa.assisting.values_list("code", flat=True)) == assisting


def test_the_responsible_department_is_told(people):
    materials = people.materials
    capa = _open(people, "delivery")
    assert materials.notifications.filter(title__contains=capa.number).exists()


def test_an_action_closes_only_with_its_effectiveness_verified(people):
    capa = _open(people)
    actions.start_capa(people.quality, capa)
    with pytest.raises(Invalid):
        actions.submit_capa(people.quality, capa)  # nothing done yet
    actions.submit_capa(people.quality, capa, "标识规范更新并培训")
    with pytest.raises(Invalid):
        actions.verify_capa(people.mr, capa, "  ")
    actions.verify_capa(people.mr, capa, "抽查 3 个月无复发")
    capa.refresh_from_db()
    assert capa.status == CapaStatus.CLOSED
    assert (capa.verified_by, capa.closed_at is not None) == (people.mr, True)


def test_not_effective_sends_it_back_to_work(people):
    capa = _open(people)
    actions.start_capa(people.quality, capa)
    actions.submit_capa(people.quality, capa, "已整改")
    actions.reject_capa(people.quality, capa, "仍有复发")
    assert capa.status == CapaStatus.IN_PROGRESS


def test_only_the_responsible_department_works_on_an_action(people):
    capa = _open(people, "delivery")
    with pytest.raises(Denied):
        actions.start_capa(people.production, capa)
    actions.start_capa(people.materials, capa)
    assert capa.owner == people.materials


def test_the_responsible_department_cannot_verify_its_own_action(people):
    capa = _open(people, "delivery")
    actions.start_capa(people.materials, capa)
    actions.submit_capa(people.materials, capa, "增加安全库存")
    with pytest.raises(Denied):
        actions.verify_capa(people.materials, capa, "有效")


def test_cancelling_needs_a_reason_and_is_final(people):
    capa = _open(people)
    with pytest.raises(Invalid):
        actions.cancel_capa(people.quality, capa, "")
    actions.cancel_capa(people.quality, capa, "与 CAPA-1 重复")
    with pytest.raises(IllegalTransition):
        actions.start_capa(people.quality, capa)


def test_the_api_walks_the_workflow_with_steps(people):
    client = api(people.quality)
    created = client.post(
        "/api/v1/capas/",
        {"title": "客户审核不符合项", "source": "audit", "category": "quality"},
        format="json",
    )
    assert created.status_code == 201
    url = f"/api/v1/capas/{created.json()['id']}"
    assert client.post(f"{url}/start/", {}).json()["status"] == "in_progress"
    assert (
        client.post(f"{url}/submit/", {"action_taken": "已整改"}).json()["status"] == "verification"
    )
    assert client.post(f"{url}/verify/", {}).status_code == 400
    assert client.post(f"{url}/verify/", {"verification": "复查有效"}).json()["status"] == "closed"
    assert client.post(f"{url}/start/", {}).status_code == 409
    listed = client.get("/api/v1/capas/?status=closed").json()["results"]
    assert [row["id"] for row in listed] == [created.json()["id"]]


def test_the_page_shows_the_steps_the_user_may_take(people):
    capa = _open(people, "delivery", due_date=dt.date(2020, 1, 1))
    page = browser(people.materials).get(capa.get_absolute_url()).content.decode()
    assert 'name="start"' in page
    assert 'class="tag rejected"' in page  # the overdue flag
    other = browser(people.production).get(capa.get_absolute_url()).content.decode()
    assert 'name="start"' not in other


def test_customer_contacts_never_see_actions(people):
    capa = _open(people)
    assert browser(people.contact).get(capa.get_absolute_url()).status_code == 404
    assert api(people.contact).get("/api/v1/capas/").status_code == 403


def test_an_action_without_a_due_date_is_due_after_the_companys_default_period(people, settings):
    from django.utils import timezone

    assert _open(people).due_date == timezone.localdate() + dt.timedelta(days=30)
    settings.CSC = {**settings.CSC, "CAPA_DEFAULT_DAYS": 14}
    assert _open(people).due_date == timezone.localdate() + dt.timedelta(days=14)


def test_the_notice_prints_in_chinese_and_english_with_its_form_number(people, client, tmp_path):
    from csc.testing import pdf_text

    capa = _open(people, description="标签贴错位置")
    actions.start_capa(people.quality, capa)
    actions.submit_capa(people.quality, capa, "标识规范更新并培训")
    client.force_login(people.quality)
    chinese = pdf_text(client.get(f"/capa/{capa.pk}/notice.pdf").content, tmp_path).replace(" ", "")  # fmt: skip
    assert "纠正和预防措施通知单" in chinese and "CSC-CMP-10" in chinese
    assert capa.number in chinese and "标签贴错位置" in chinese and "标识规范更新并培训" in chinese
    (tmp_path / "en").mkdir()
    english = pdf_text(client.get(f"/capa/{capa.pk}/notice.pdf?lang=en").content, tmp_path / "en")  # fmt: skip
    assert "Corrective and preventive action notice" in english


def test_customer_contacts_cannot_print_a_notice(people, client):
    capa = _open(people)
    client.force_login(people.contact)
    assert client.get(f"/capa/{capa.pk}/notice.pdf").status_code == 404
