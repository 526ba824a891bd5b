"""Field service (SVC-5) as the service staff, the store and the customer meet it: a job from
its record to the signed receipt (pad or one-time link) and its PDF, the 24 h installation
report on the working calendar, spare parts, repair returns, bad input and illegal steps."""

import datetime as dt
import subprocess
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from csc.aftersales import actions, receipts
from csc.aftersales.choices import ReportState
from csc.aftersales.models import FieldServiceRecord, RepairReturn, ServiceReceipt
from csc.aftersales.rules import report_due, report_state
from csc.core.errors import IllegalTransition, Invalid
from csc.core.tests.resource_base import browser
from csc.core.workcalendar import WorkCalendar
from csc.testing import api, customer_page, system_tool

from . import makers

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def at(*args):
    return dt.datetime(*args, tzinfo=SHANGHAI)


# --- the 24 h installation report ---------------------------------------------------------

# 2026: 1 October (Thursday) to 7 October are the National Day holidays; Sunday 27 September
# and Saturday 10 October are make-up working days (调休).
GOLDEN_WEEK = WorkCalendar(
    tz=SHANGHAI,
    holidays=frozenset(dt.date(2026, 10, d) for d in range(1, 8)),
    workdays=frozenset([dt.date(2026, 9, 27), dt.date(2026, 10, 10)]),
)


@pytest.mark.parametrize(
    ("found", "due"),
    [
        # A weekday: the same time the next day.
        (at(2026, 9, 15, 10, 0), at(2026, 9, 16, 10, 0)),
        # Friday afternoon: the weekend does not count, due on Monday afternoon.
        (at(2026, 9, 18, 15, 0), at(2026, 9, 21, 15, 0)),
        # Found on Saturday: counts from Monday's first working hour.
        (at(2026, 9, 19, 11, 0), at(2026, 9, 22, 8, 30)),
        # The day before the holidays: due on the make-up Saturday after them.
        (at(2026, 9, 30, 16, 0), at(2026, 10, 8, 16, 0)),
        # Found during the holidays: counts from the first working morning after them.
        (at(2026, 10, 3, 9, 0), at(2026, 10, 9, 8, 30)),
    ],
)
def test_the_installation_report_is_due_24_working_hours_later(found, due):
    assert report_due("installation", found, GOLDEN_WEEK) == due


def test_a_problem_in_use_has_no_24_h_deadline():
    assert report_due("in_use", at(2026, 9, 15, 10, 0), GOLDEN_WEEK) is None


def test_the_report_shows_on_time_due_soon_breached_and_met():
    due = at(2026, 9, 16, 10, 0)
    assert report_state(due, None, at(2026, 9, 15, 12, 0)) == ReportState.ON_TIME
    assert report_state(due, None, at(2026, 9, 16, 8, 0)) == ReportState.DUE_SOON
    assert report_state(due, None, at(2026, 9, 16, 10, 1)) == ReportState.BREACHED
    assert report_state(due, at(2026, 9, 16, 9, 0), at(2026, 9, 20)) == ReportState.MET
    assert report_state(due, at(2026, 9, 16, 11, 0), at(2026, 9, 20)) == ReportState.BREACHED
    assert report_state(None, None, at(2026, 9, 20)) == ReportState.NOT_REQUIRED


def test_a_holiday_set_in_the_company_calendar_moves_the_deadline(people):
    from csc.core.actions import set_calendar_day

    friday = timezone.localdate() - dt.timedelta(days=(timezone.localdate().weekday() - 4) % 7)
    found = dt.datetime.combine(friday, dt.time(15, 0), SHANGHAI)
    monday = friday + dt.timedelta(days=3)
    set_calendar_day(people.administrator, monday, "holiday", "测试假日")
    record = makers.field_record(people, stage="installation", found_at=found)
    assert timezone.localtime(record.report_due_at) == dt.datetime.combine(
        monday + dt.timedelta(days=1), dt.time(15, 0), SHANGHAI
    )


def test_reporting_the_installation_problem_tells_quality_and_meets_the_deadline(people):
    from csc.core.models import Notification

    quality = people.quality
    record = makers.field_record(people, stage="installation")
    actions.report_problem(people.service, record, "已通知质量部")
    record.refresh_from_db()
    assert report_state(record.report_due_at, record.reported_at, timezone.now()) == "met"
    assert Notification.objects.filter(user=quality, title__contains=record.number).exists()
    with pytest.raises(IllegalTransition):
        actions.report_problem(people.service, record)


# --- the receipt signed on the pad --------------------------------------------------------


def test_the_signature_drawn_on_the_pad_is_stored_with_name_and_time(people):
    record = makers.completed(people)
    png = makers.drawn_signature()
    actions.sign_receipt(people.service, record, "王工", makers.data_url(png), True, "满意")
    receipt = ServiceReceipt.objects.get(record=record)
    assert bytes(receipt.signature_png) == png
    assert receipt.signer_name == "王工" and receipt.method == "pad"
    assert abs((timezone.now() - receipt.signed_at).total_seconds()) < 60
    record.refresh_from_db()
    assert record.status == "signed"


def test_the_signed_receipt_prints_the_signature_in_chinese_and_english(people, tmp_path):
    pdftoppm = system_tool("pdftoppm", "poppler-utils")
    pdftotext = system_tool("pdftotext", "poppler-utils")
    record = makers.completed(people)
    actions.sign_receipt(people.service, record, "王工", makers.drawn_signature())
    client = browser(people.service)
    for language, words in [("", ["服务回执单", "王工", "CSC-SVC-05"]), ("?lang=en", ["Service receipt", "Signer's name"])]:  # fmt: skip
        response = client.get(f"/aftersales/field/{record.pk}/pdf/{language}")
        assert response["Content-Type"] == "application/pdf"
        path = tmp_path / f"receipt{language[-2:]}.pdf"
        path.write_bytes(response.content)
        text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout  # fmt: skip
        for word in words:
            assert word in text
    # The drawing is on the page: the rendered receipt has the ink colour of the stroke.
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(tmp_path / "receipt.pdf"), str(tmp_path / "page")], check=True)  # fmt: skip
    from PIL import Image

    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = {c for _n, c in page.getcolors(maxcolors=1_000_000)}
    assert any(r < 60 and 25 < g < 70 and 45 < b < 110 and b > r for r, g, b in colours)


def test_a_blank_or_broken_signature_gets_a_field_message_and_nothing_stored(people):
    record = makers.completed(people)
    for bad in [makers.data_url(makers.drawn_signature(blank=True)), "data:image/png;base64,AAAA", "", "not base64!"]:  # fmt: skip
        with pytest.raises(Invalid) as error:
            actions.sign_receipt(people.service, record, "王工", bad)
        assert "signature" in error.value.fields
    with pytest.raises(Invalid) as error:
        actions.sign_receipt(people.service, record, " ", makers.drawn_signature())
    assert "signer_name" in error.value.fields
    assert not ServiceReceipt.objects.exists()


def test_a_receipt_cannot_be_signed_twice(people):
    record = makers.completed(people)
    actions.sign_receipt(people.service, record, "王工", makers.drawn_signature())
    response = api(people.service).post(
        f"/api/v1/field-service-records/{record.pk}/sign/",
        {"signer_name": "李工", "signature": makers.data_url(makers.drawn_signature())},
        format="json",
    )
    assert response.status_code == 409
    assert ServiceReceipt.objects.get(record=record).signer_name == "王工"


def test_signing_an_open_job_is_refused_with_409_on_the_page(people):
    record = makers.field_record(people)
    body = {"signer_name": "王工", "signature": makers.data_url(makers.drawn_signature())}
    response = browser(people.service).post(f"/aftersales/field/{record.pk}/sign/", body)
    assert response.status_code == 409
    assert not ServiceReceipt.objects.exists()


def test_the_pad_page_shows_a_field_message_for_an_empty_pad(people):
    record = makers.completed(people)
    response = browser(people.service).post(
        f"/aftersales/field/{record.pk}/sign/", {"signer_name": "王工", "signature": ""}
    )
    assert response.status_code == 400
    assert "请先在框内签字。" in response.content.decode()  # the staff member's Chinese


# --- the one-time link --------------------------------------------------------------------


def _link(people, record):
    token = actions.issue_receipt_link(people.service, record, "buyer@customer.example")
    return f"/aftersales/receipt/{token}/", token


def test_the_customer_confirms_by_link_once_and_a_second_use_is_refused(people):
    from csc.core.models import OutboxEmail

    record = makers.completed(people)
    url, token = _link(people, record)
    assert OutboxEmail.objects.filter(subject__contains=record.number).exists()
    assert token not in str(list(record.receipt_links.values_list("token_hash", flat=True)))
    anonymous = browser(None)
    assert anonymous.get(url).status_code == 200
    response = anonymous.post(url, {"signer_name": "客户张三", "satisfied": "on"})
    assert response.status_code == 200 and "receipt-thanks" in response.content.decode()
    receipt = ServiceReceipt.objects.get(record=record)
    assert receipt.method == "link" and receipt.signature_png is None
    again = anonymous.post(url, {"signer_name": "别人"})
    assert again.status_code == 409
    assert ServiceReceipt.objects.get(record=record).signer_name == "客户张三"


def test_an_expired_or_tampered_link_is_refused_and_nothing_recorded(people):
    record = makers.completed(people)
    url, token = _link(people, record)
    record.receipt_links.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert browser(None).post(url, {"signer_name": "客户"}).status_code == 410
    assert browser(None).get(f"/aftersales/receipt/{token[:-2]}xx/").status_code == 404
    with pytest.raises(receipts.ExpiredLink):
        actions.confirm_by_link(None, token, "客户")
    assert not ServiceReceipt.objects.exists()


def test_a_link_without_a_name_asks_for_it(people):
    record = makers.completed(people)
    url, _token = _link(people, record)
    response = browser(None).post(url, {"signer_name": ""})
    assert response.status_code == 400
    assert "signer_name" in response.context["form"].errors
    assert browser(None).post(url, {"signer_name": "客户"}).status_code == 200


# --- workflow, bad input and versions -----------------------------------------------------


def test_bad_input_gets_field_messages_and_nothing_is_stored(people):
    staff = makers.staff(people)
    cust = makers.customer()
    future = timezone.now() + dt.timedelta(days=1)
    body = {"customer": cust.pk, "staff": staff.pk, "stage": "installation", "found_at": future.isoformat(), "defect": "", "work_hours": "-2"}  # fmt: skip
    response = api(people.service).post("/api/v1/field-service-records/", body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert {"found_at", "work_hours"} <= set(errors) or "defect" in errors
    assert not FieldServiceRecord.objects.exists()
    with pytest.raises(Invalid) as error:
        makers.field_record(people, found_at=future, work_hours=Decimal("-1"))
    assert {"found_at", "work_hours"} <= set(error.value.fields)


def test_a_claim_of_another_customer_cannot_be_linked(people):
    claim = makers.claim(people)
    with pytest.raises(Invalid) as error:
        makers.field_record(people, warranty_claim=claim)
    assert "warranty_claim" in error.value.fields
    linked = makers.field_record(people, cust=claim.customer, warranty_claim=claim)
    assert linked.warranty_claim == claim


def test_completing_needs_an_outcome_and_a_result(people):
    record = makers.field_record(people)
    with pytest.raises(Invalid) as error:
        actions.complete_record(people.service, record, {"outcome": "", "result": ""})
    assert {"outcome", "result"} <= set(error.value.fields)


def test_an_illegal_step_answers_409_in_the_api(people):
    record = makers.completed(people)
    client = api(people.service)
    response = client.post(f"/api/v1/field-service-records/{record.pk}/void/", {"reason": "误建"}, format="json")  # fmt: skip
    assert response.status_code == 409
    record.refresh_from_db()
    assert record.status == "completed"


def test_an_edit_with_a_stale_version_is_a_conflict(people):
    record = makers.field_record(people)
    client = api(people.service)
    url = f"/api/v1/field-service-records/{record.pk}/"
    first = client.patch(url, {"version": record.version, "maker": "供应商A"}, format="json")
    assert first.status_code == 200
    stale = client.patch(url, {"version": record.version, "maker": "供应商B"}, format="json")
    assert stale.status_code == 409
    record.refresh_from_db()
    assert record.maker == "供应商A"


def test_production_cannot_open_a_service_record(people):
    body = {"customer": makers.customer().pk, "staff": makers.staff(people).pk, "stage": "in_use", "found_at": timezone.now().isoformat(), "defect": "漏油"}  # fmt: skip
    assert api(people.production).post("/api/v1/field-service-records/", body, format="json").status_code == 403  # fmt: skip


# --- spare parts --------------------------------------------------------------------------


def test_the_store_issues_requested_parts_and_service_records_their_use(people):
    record = makers.field_record(people)
    part = actions.request_part(people.service, record, "SEAL-01", "密封圈", Decimal("4"))
    with pytest.raises(Invalid) as error:
        actions.issue_part(people.warehouse, part, Decimal("5"))
    assert "quantity" in error.value.fields
    actions.issue_part(people.warehouse, part, Decimal("3"))
    with pytest.raises(Invalid):
        actions.use_part(people.service, part, Decimal("4"))
    actions.use_part(people.service, part, Decimal("2"))
    part.refresh_from_db()
    assert (part.requested, part.issued, part.used) == (4, 3, 2)
    with pytest.raises(Invalid):
        actions.request_part(people.service, record, "SEAL-02", "", Decimal("0"))


def test_service_staff_cannot_issue_parts_from_the_store(people):
    record = makers.field_record(people)
    part = actions.request_part(people.service, record, "SEAL-01", "密封圈", Decimal("1"))
    response = api(people.service).post(f"/api/v1/spare-parts/{part.pk}/issue/", {"quantity": "1"}, format="json")  # fmt: skip
    assert response.status_code == 403


# --- repair returns -----------------------------------------------------------------------


def test_the_store_counts_a_repair_return_and_a_short_count_needs_a_note(people):
    record = makers.field_record(people)
    product = makers.product()
    data = {"customer": record.customer, "product": product, "record": record, "quantity_sent": 5, "reason": "无法现场修复"}  # fmt: skip
    repair = actions.register_return(people.service, data)
    assert repair.number.startswith("RR-")
    with pytest.raises(Invalid) as error:
        actions.receive_return(people.warehouse, repair, 4)
    assert "receiving_note" in error.value.fields
    actions.receive_return(people.warehouse, repair, 4, "一件未随货", repair.version)
    repair.refresh_from_db()
    assert (repair.quantity_received, repair.difference, repair.received_by) == (4, -1, people.warehouse)  # fmt: skip
    with pytest.raises(IllegalTransition):
        actions.receive_return(people.warehouse, repair, 5)


def test_the_returns_page_totals_what_was_sent_and_received(people):
    cust, product = makers.customer(), makers.product()
    for sent in (3, 2):
        data = {"customer": cust, "product": product, "quantity_sent": sent, "reason": "退修"}
        repair = actions.register_return(people.service, data)
    actions.receive_return(people.warehouse, repair, 2)
    page = browser(people.warehouse).get("/aftersales/returns/")
    assert page.context["totals"] == {"open": 1, "sent": 5, "received": 2}


def test_a_repair_return_with_bad_quantities_is_refused_on_the_page(people):
    cust, product = makers.customer(), makers.product()
    body = {"customer": cust.pk, "product": product.pk, "quantity_sent": "0", "reason": ""}
    response = browser(people.service).post("/aftersales/returns/", body)
    assert response.status_code == 400
    assert {"quantity_sent", "reason"} <= set(response.context["form"].errors)
    assert not RepairReturn.objects.exists()


def test_the_store_cannot_register_a_repair_return(people):
    body = {"customer": makers.customer().pk, "product": makers.product().pk, "quantity_sent": 1, "reason": "x"}  # fmt: skip
    assert api(people.warehouse).post("/api/v1/repair-returns/", body, format="json").status_code == 403  # fmt: skip


# --- pages ---------------------------------------------------------------------------------


def test_the_record_page_shows_the_24_h_state_and_the_pad(people):
    record = makers.completed(people, stage="installation")
    with translation.override("zh-hans"):
        page = browser(people.service).get(
            record.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    content = page.content.decode()
    assert page.status_code == 200
    assert "data-signature-pad" in content and "signature-pad.js" in content
    assert 'id="report-state"' in content


def test_the_customer_page_shows_the_field_service_panel(people):
    record = makers.completed(people)
    page = customer_page(browser(people.sales), record.customer)
    assert 'id="field-service-panel"' in page and record.number in page


def test_the_store_finds_parts_to_issue_and_returns_to_count_in_on_its_home_page(people):
    from csc.aftersales.work import work_for

    record = makers.field_record(people, stage="installation")
    actions.request_part(people.service, record, "SEAL-01", "密封圈", Decimal("1"))
    data = {"customer": record.customer, "product": makers.product(), "quantity_sent": 1, "reason": "退修"}  # fmt: skip
    actions.register_return(people.service, data)
    store = {title: count for title, _url, count in work_for(people.warehouse)}
    assert store["Spare parts to issue"] == 1 and store["Repair returns to count in"] == 1
    service = {title: count for title, _url, count in work_for(people.service)}
    assert service["Installation problems to report within 24 h"] == 1


def test_a_job_opened_from_a_service_request_is_linked_by_its_number(people):
    from csc.service.tests import makers as service_makers

    cust = makers.customer()
    request = service_makers.request(people, cust=cust)
    staff = makers.staff(people)
    found = timezone.localtime() - dt.timedelta(hours=1)
    body = {"customer": cust.pk, "staff": staff.pk, "stage": "in_use", "found_at": found.strftime("%Y-%m-%dT%H:%M"), "defect": "报警", "service_request": "SR-0000-0000"}  # fmt: skip
    client = browser(people.service)
    refused = client.post("/aftersales/field/new/", body)
    assert refused.status_code == 200 and "service_request" in refused.context["form"].errors
    body["service_request"] = request.number
    assert client.post("/aftersales/field/new/", body).status_code == 302
    assert FieldServiceRecord.objects.get().service_request == request


def test_the_link_email_is_written_in_the_customers_language(people):
    from csc.core.models import OutboxEmail

    record = makers.completed(people, cust=makers.customer(language="en"))
    with translation.override("zh-hans"):
        actions.issue_receipt_link(people.service, record, "buyer@customer.example")
    assert OutboxEmail.objects.get().subject.startswith("Please confirm service receipt")


def test_the_repair_return_prints_with_the_stores_count(people, tmp_path):
    pdftotext = system_tool("pdftotext", "poppler-utils")
    data = {"customer": makers.customer(), "product": makers.product(), "quantity_sent": 2, "reason": "无法现场修复"}  # fmt: skip
    repair = actions.register_return(people.service, data)
    actions.receive_return(people.warehouse, repair, 2)
    path = tmp_path / "rr.pdf"
    path.write_bytes(browser(people.warehouse).get(f"/aftersales/returns/{repair.pk}/pdf/").content)
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "退修单" in text and repair.number in text and "CSC-SVC-05-RR" in text
    assert "warehouse" in text  # received by


def test_a_manager_who_may_only_read_cannot_sign_a_receipt(people):
    record = makers.completed(people)
    body = {"signer_name": "王工", "signature": makers.data_url(makers.drawn_signature())}
    response = browser(people.gm).post(f"/aftersales/field/{record.pk}/sign/", body)
    assert response.status_code == 403
    assert not ServiceReceipt.objects.exists()


def test_the_jobs_history_shows_its_parts_and_its_receipt(people):
    from csc.core import audit

    record = makers.field_record(people)
    part = actions.request_part(people.service, record, "SEAL-01", "密封圈", Decimal("1"))
    actions.issue_part(people.warehouse, part, Decimal("1"))
    actions.complete_record(people.service, record, {"outcome": "repaired", "result": "修复"})
    actions.sign_receipt(people.service, record, "王工", makers.drawn_signature())
    entries = list(audit.history(record))
    shown = " ".join(str(e.changes) + e.object_repr for e in entries)
    assert "SEAL-01" in shown and "王工" in shown
    assert "<binary>" in shown or "signature_png" not in shown  # the drawing is not copied


# --- correcting a record on its page -----------------------------------------------------


def _edit_body(record, **changes):
    body = {"version": record.version, "defect": record.defect, "site": "", "failure_form": "", "maker": "", "outcome": "", "result": "", "work_hours": "1.5", "travel_hours": "", "travel_km": "120"}  # fmt: skip
    return body | changes


def test_service_corrects_an_open_record_on_its_page_and_the_history_keeps_the_change(people):
    from csc.core import audit

    record = makers.field_record(people)
    client = browser(people.service)
    assert f"/aftersales/field/{record.pk}/edit/" in client.get(record.get_absolute_url()).content.decode()  # fmt: skip
    response = client.post(f"/aftersales/field/{record.pk}/edit/", _edit_body(record, maker="博世", travel_km="300"))  # fmt: skip
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.maker, record.travel_km, record.work_hours, record.travel_hours) == ("博世", 300, Decimal("1.5"), 0)  # fmt: skip
    changes = " ".join(str(e.changes) for e in audit.history(record))
    assert "博世" in changes


def test_a_refused_correction_keeps_every_typed_value_and_names_the_field(people):
    record = makers.field_record(people)
    body = _edit_body(record, defect=" ", maker="博世", work_hours="-3", result="更换密封圈")
    response = browser(people.service).post(f"/aftersales/field/{record.pk}/edit/", body)
    assert response.status_code == 400
    form = response.context["form"]
    assert {"defect", "work_hours"} <= set(form.errors)
    content = response.content.decode()
    assert 'value="博世"' in content and "更换密封圈" in content and 'value="-3"' in content
    record.refresh_from_db()
    assert record.maker != "博世"


def test_a_correction_made_on_an_outdated_page_is_refused_as_a_conflict(people):
    record = makers.field_record(people)
    old = _edit_body(record, maker="供应商A")
    actions.update_record(people.service, record, {"maker": "供应商B"}, record.version)
    response = browser(people.service).post(f"/aftersales/field/{record.pk}/edit/", old)
    assert response.status_code == 400
    assert "供应商A" in response.content.decode()
    assert response.context["form"].non_field_errors()
    record.refresh_from_db()
    assert record.maker == "供应商B"


def test_a_completed_record_has_no_correct_button_and_its_edit_page_sends_back(people):
    record = makers.completed(people)
    client = browser(people.service)
    assert "/edit/" not in client.get(record.get_absolute_url()).content.decode()
    response = client.get(f"/aftersales/field/{record.pk}/edit/", follow=True)
    assert response.redirect_chain and "只有进行中的服务记录才能编辑" in response.content.decode()


def test_a_role_that_may_only_read_cannot_open_the_correction_page(people):
    record = makers.field_record(people)
    assert browser(people.production).get(f"/aftersales/field/{record.pk}/edit/").status_code == 404
