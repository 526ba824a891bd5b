"""The service desk pages and API as staff and customers use them (SVC-1, IF-2, IF-3)."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook

from csc.service import actions
from csc.service.models import ServiceRequest
from csc.testing import api, customer_page

from . import makers


@pytest.fixture(autouse=True)
def _english():
    with override("en"):
        yield


def browser(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def desk(people):
    team = makers.team(people, members=("service",))
    makers.route_all_to(team)
    return team


def test_customer_service_logs_a_phone_call_in_the_short_form(people, desk):
    cust = makers.customer()
    response = browser(people.service).post(
        "/service/new/",
        {"customer": cust.pk, "channel": "phone", "category": "repair", "severity": "complex",
         "description": "设备异响，需要上门维修"},
    )  # fmt: skip
    created = ServiceRequest.objects.get(customer=cust)
    assert response.status_code == 302
    assert created.handler == people.service
    assert created.subject == "设备异响，需要上门维修"


def test_the_short_form_shows_a_field_message_without_a_customer(people):
    response = browser(people.service).post(
        "/service/new/", {"channel": "phone", "category": "repair", "severity": "simple"}
    )
    assert response.status_code == 200
    assert "customer" in response.context["form"].errors
    assert "description" in response.context["form"].errors


def test_the_queue_filters_by_team_and_status_and_shows_the_sla(people, desk):
    mine = makers.request(people)
    other_team = makers.team(people, members=("sales",), name="备件组")
    makers.route_all_to(other_team, category="spare_parts", order=1)
    makers.request(people, category="spare_parts")
    response = browser(people.service).get(f"/service/?team={desk.pk}&status=assigned&sort=due")
    rows = list(response.context["page"])
    assert [r.pk for r in rows] == [mine.pk]
    assert "sla-on_time" in response.content.decode()


def test_my_queue_lists_my_open_requests_by_due_time(people, desk):
    later = makers.request(people, severity="major")
    sooner = makers.request(people, severity="simple")
    # At some hours a simple request's resolution falls due with the first answer of any
    # request; the order under test is by the next due time, so give them distinct ones.
    now = timezone.now()
    ServiceRequest.objects.filter(pk=later.pk).update(due_at=now + dt.timedelta(days=5))
    ServiceRequest.objects.filter(pk=sooner.pk).update(due_at=now + dt.timedelta(hours=2))
    actions.resolve_request(people.service, makers.request(people), "已解决")
    response = browser(people.service).get("/service/mine/")
    assert [r.pk for r in response.context["page"]] == [sooner.pk, later.pk]


def test_the_home_page_shows_the_service_queue(people, desk):
    makers.request(people)
    response = browser(people.service).get("/")
    assert "我的未结服务请求" in response.content.decode()  # the user's language: zh-Hans


def test_the_detail_page_shows_thread_and_hides_notes_from_the_customer(people, desk):
    cust = makers.customer()
    contact_user = people.contact_of(cust, "buyer")
    request = makers.request(people, cust=cust)
    actions.answer_customer(people.service, request, "工程师明天上门")
    actions.add_note(people.service, request, "内部：备件库存不足")
    staff_page = browser(people.service).get(request.get_absolute_url()).content.decode()
    portal_page = browser(contact_user).get(request.get_absolute_url()).content.decode()
    assert "内部：备件库存不足" in staff_page
    assert "工程师明天上门" in portal_page
    assert "内部：备件库存不足" not in portal_page


def test_a_contact_answers_in_the_portal_and_the_request_resumes(people, desk):
    cust = makers.customer()
    contact_user = people.contact_of(cust, "buyer")
    request = makers.request(people, cust=cust)
    actions.start_request(people.service, request)
    actions.wait_for_customer(people.service, request, "请发送铭牌照片")
    browser(contact_user).post(f"/service/{request.pk}/step/customer-reply/", {"body": "已附上"})
    request.refresh_from_db()
    assert request.status == "in_progress"


def test_a_contact_opens_a_request_in_the_portal(people, desk):
    response = browser(people.contact).post(
        "/service/submit/",
        {"category": "training", "subject": "操作培训", "description": "新员工需要设备操作培训"},
    )
    created = ServiceRequest.objects.get(subject="操作培训")
    assert response.status_code == 302
    assert created.channel == "portal"


def test_the_ledger_exports_to_excel(people, desk):
    request = makers.request(people)
    response = browser(people.service).get("/service/export/")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "服务请求编号"  # in the user's language
    assert rows[1][0] == request.number


def test_the_customer_page_shows_its_requests(people, desk):
    request = makers.request(people)
    page = customer_page(browser(people.service), request.customer)
    assert request.number in page


def test_the_api_opens_a_request_and_refuses_bad_input_by_field(people, desk):
    client = api(people.service)
    cust = makers.customer()
    bad = client.post("/api/v1/service-requests/", {"customer": cust.pk}, format="json")
    assert bad.status_code == 400
    assert {"category", "description"} <= set(bad.json())
    good = client.post(
        "/api/v1/service-requests/",
        {"customer": cust.pk, "category": "enquiry", "description": "询问交货期"},
        format="json",
    )
    assert good.status_code == 201
    assert good.json()["number"].startswith("SR-")
    assert good.json()["channel"] == "api"


def test_the_api_refuses_an_illegal_step_and_a_stale_version_with_409(people, desk):
    request = makers.request(people)
    client = api(people.service)
    illegal = client.post(f"/api/v1/service-requests/{request.pk}/close/", {}, format="json")
    assert illegal.status_code == 409
    assert "已解决" in illegal.json()["detail"]  # allowed only from “resolved”
    stale = client.post(
        f"/api/v1/service-requests/{request.pk}/start/",
        {"version": request.version - 1},
        format="json",
    )
    assert stale.status_code == 409


def test_the_api_filters_by_team_and_status(people, desk):
    request = makers.request(people)
    makers.request(people, who=people.sales)  # also assigned to the desk
    client = api(people.service)
    listing = client.get(
        f"/api/v1/service-requests/?team={desk.pk}&status=assigned&q={request.number}"
    )
    assert [row["id"] for row in listing.json()["results"]] == [request.pk]


def test_the_api_corrects_a_request_only_with_its_version(people, desk):
    request = makers.request(people)
    client = api(people.service)
    url = f"/api/v1/service-requests/{request.pk}/"
    missing = client.patch(url, {"category": "repair"}, format="json")
    assert missing.status_code == 400
    assert "version" in missing.json()
    stale = client.patch(url, {"category": "repair", "version": request.version - 1}, format="json")
    assert stale.status_code == 409
    done = client.patch(url, {"category": "repair", "version": request.version}, format="json")
    assert done.status_code == 200
    assert done.json()["category"] == "repair"
    assert done.json()["version"] == request.version + 1


def test_the_correction_form_keeps_the_input_on_a_parallel_edit(people, desk):
    request = makers.request(people)
    page = browser(people.service)
    assert page.get(f"/service/{request.pk}/").content.count(b'id="edit"') == 1
    stale = request.version
    actions.start_request(people.service, request)
    response = page.post(
        f"/service/{request.pk}/edit/",
        {"category": "repair", "severity": "complex", "subject": "换传感器",
         "description": "客户补充：报警代码 E42", "version": stale},
    )  # fmt: skip
    assert response.status_code == 200
    assert "客户补充：报警代码 E42" in response.content.decode()
    request.refresh_from_db()
    assert request.category == "support"


def test_the_correction_form_saves_and_production_cannot_open_it(people, desk):
    request = makers.request(people)
    saved = browser(people.service).post(
        f"/service/{request.pk}/edit/",
        {"category": "repair", "severity": "complex", "subject": "换传感器",
         "description": "现场更换传感器", "version": request.version},
    )  # fmt: skip
    assert saved.status_code == 302
    request.refresh_from_db()
    assert (request.category, request.severity) == ("repair", "complex")
    assert browser(people.production).get(f"/service/{request.pk}/edit/").status_code == 404


def test_the_ledger_counts_a_large_selection_only_up_to_its_cap(people, desk, monkeypatch):
    from csc.service.views import ledger

    monkeypatch.setattr(ledger, "LEDGER_COUNT_AT_MOST", 2)
    cust = makers.customer()
    for _ in range(3):
        makers.request(people, cust=cust)
    response = browser(people.service).get("/service/")
    assert response.context["page"].paginator.more_than == 2
    assert "超过 2 条记录" in response.content.decode()
    monkeypatch.setattr(ledger, "LEDGER_COUNT_AT_MOST", 3)
    response = browser(people.service).get("/service/")
    assert response.context["page"].paginator.more_than is None
    assert "共 3 条记录" in response.content.decode()


def _bulk(user, **data):
    return browser(user).post("/service/bulk/", {"next": "/service/", **data})


def test_ticked_requests_are_assigned_at_once_each_in_its_history(people, desk):
    from csc.core.models import AuditEntry

    other = makers.team(people, members=("sales",), name="二线支持")
    first, second = makers.request(people), makers.request(people)
    response = _bulk(people.service, selected=[first.pk, second.pk], action="assign",
                     team=other.pk, handler=people.sales.pk, reason="转二线")  # fmt: skip
    assert response.status_code == 302
    for request in (first, second):
        request.refresh_from_db()
        assert (request.team, request.handler) == (other, people.sales)
        assert AuditEntry.objects.filter(object_id=str(request.pk), note="转二线").exists()


def test_one_request_that_cannot_be_assigned_stops_the_whole_selection(people, desk):
    other = makers.team(people, members=("sales",), name="二线支持")
    open_one, done = makers.request(people), makers.request(people)
    actions.start_request(people.service, done)
    actions.resolve_request(people.service, done, "已解决")
    client = browser(people.service)
    client.post("/service/bulk/", {"selected": [open_one.pk, done.pk], "action": "assign",
                                   "team": other.pk, "handler": people.sales.pk, "reason": "转"})  # fmt: skip
    open_one.refresh_from_db()
    assert open_one.team == desk  # unchanged: all or none
    page = client.get("/service/").content.decode()
    assert done.number in page and "重新打开" in page  # the refusal names the request


def test_ticked_requests_export_to_a_workbook_of_just_those(people, desk):
    chosen, _other = makers.request(people), makers.request(people)
    response = _bulk(people.service, selected=[chosen.pk], action="export")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    numbers = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert numbers == [chosen.number]


def test_bulk_actions_need_the_right_and_refuse_a_half_filled_form(people, desk):
    request = makers.request(people)
    assert "bulk-form" not in browser(people.production).get("/service/").content.decode()
    assert _bulk(people.production, selected=[request.pk], action="assign").status_code == 302
    request.refresh_from_db()
    assert request.handler == people.service  # production may not assign
    client = browser(people.service)
    client.post(
        "/service/bulk/", {"selected": [request.pk], "action": "assign", "next": "/service/"}
    )
    assert "请选择要分派给的团队和处理人" in client.get("/service/").content.decode()
