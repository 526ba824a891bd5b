"""The service summary (SVC-10) as management reads it: the month's and the year's jobs,
hours, parts, signed receipts, 三包 cost and NTF rate, the same on the page, in the PDF and
in the Excel workbook; the figures are SQL aggregates whose query count does not grow."""

import datetime as dt
import io
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from csc.aftersales import actions
from csc.aftersales.models import FieldServiceRecord, ServiceSummary, WarrantyClaim
from csc.aftersales.servicereport import Period, monthly, summary
from csc.core.actions import signatures_of
from csc.core.errors import Denied, IllegalTransition
from csc.core.tests.resource_base import browser
from csc.testing import count_queries, system_tool

from . import makers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _this_month():
    today = timezone.localdate()
    return Period(today.year, today.month)


def _month_of_jobs(people):
    """Three jobs this month: two signed (3.5 h each, parts 2 used), one voided; one 三包 claim
    decided NTF and one decided repair with 300 of cost."""
    signed = []
    for _index in range(2):
        record = makers.field_record(people)
        part = actions.request_part(people.service, record, "SEAL-01", "密封圈", Decimal("3"))
        actions.issue_part(people.warehouse, part, Decimal("2"))
        actions.use_part(people.service, part, Decimal("1"))
        done = {"outcome": "repaired", "result": "修复", "work_hours": Decimal("3.5"), "travel_hours": Decimal("1")}  # fmt: skip
        actions.complete_record(people.service, record, done)
        actions.sign_receipt(people.service, record, "王工", makers.drawn_signature())
        signed.append(record)
    voided = makers.field_record(people, work_hours=Decimal("9"))
    actions.void_record(people.service, voided, "重复")
    ntf = makers.assessed(people)
    actions.decide_claim(people.quality, ntf, "ntf", "复测无故障", "台架复测正常，无故障")
    repair = makers.assessed(people)
    actions.decide_claim(people.quality, repair, "repair")
    WarrantyClaim.objects.filter(pk=repair.pk).update(parts_cost=200, labour_cost=80, freight_cost=20)  # fmt: skip
    return signed


def test_the_month_counts_jobs_hours_parts_receipts_cost_and_ntf(people):
    _month_of_jobs(people)
    figures = summary(_this_month())
    assert figures["jobs"] == 2  # the voided job is not work done
    assert figures["completed"] == 2
    assert figures["work_hours"] == Decimal("7.0")
    assert figures["travel_hours"] == Decimal("2.0")
    assert (figures["parts_requested"], figures["parts_issued"], figures["parts_used"]) == (6, 4, 2)  # fmt: skip
    assert figures["receipts_signed"] == 2
    assert figures["claims_decided"] == 2
    assert figures["warranty_cost"] == Decimal("300.00")
    assert figures["ntf_rate"] == 50.0


def test_a_month_without_work_shows_zeros_and_no_rate(people):
    figures = summary(Period(2019, 2))
    assert figures["jobs"] == 0 and figures["work_hours"] == 0
    assert figures["ntf_rate"] is None


def test_the_year_is_broken_down_by_month(people):
    _month_of_jobs(people)
    today = timezone.localdate()
    rows = monthly(today.year)
    assert len(rows) == 12
    this = rows[today.month - 1]
    assert this == (today.replace(day=1), 2, Decimal("7.0"), 2)
    assert sum(r[1] for r in rows) == 2


def test_the_summary_costs_the_same_queries_for_more_jobs(people):
    _month_of_jobs(people)
    _figures, few = count_queries(lambda: summary(_this_month()))
    _month_of_jobs(people)
    _figures, many = count_queries(lambda: summary(_this_month()))
    assert few == many <= 8


def test_the_page_pdf_and_excel_show_the_same_figures(people, tmp_path):
    _month_of_jobs(people)
    period = _this_month()
    gm = people.gm
    gm.language = "en"
    gm.save(update_fields=["language"])
    client = browser(gm)
    query = f"?year={period.year}&month={period.month}"
    page = client.get(f"/aftersales/service-report/{query}")
    assert page.status_code == 200
    rows = {str(k): v for k, v in page.context["rows"]}
    assert rows["Service receipts signed"] == 2
    # Excel, streamed and read back.
    response = client.get(f"/aftersales/service-report/xlsx/{query}")
    assert response.status_code == 200 and response.streaming
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet = {row[0]: row[1] for row in book.active.iter_rows(min_row=2, values_only=True) if row}
    assert sheet["Field jobs"] == 2 and sheet["Work hours"] == 7.0 and sheet["NTF rate"] == "50.0%"
    # The PDF in English.
    pdftotext = system_tool("pdftotext", "poppler-utils")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(client.get(f"/aftersales/service-report/pdf/{query}&lang=en").content)
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "Service summary report" in text and "CSC-SVC-10" in text and "50.0%" in text


def test_the_annual_report_prints_in_chinese(people, tmp_path):
    pdftoppm = system_tool("pdftoppm", "poppler-utils")
    pdftotext = system_tool("pdftotext", "poppler-utils")
    _month_of_jobs(people)
    year = timezone.localdate().year
    pdf = tmp_path / "year.pdf"
    pdf.write_bytes(browser(people.gm).get(f"/aftersales/service-report/pdf/?year={year}&month=").content)  # fmt: skip
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "服务工作总结报告" in text and "按月" in text
    subprocess.run([pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)  # fmt: skip
    assert list(tmp_path.glob("p*.png"))


def test_nonsense_periods_fall_back_to_this_month_not_an_error(people):
    client = browser(people.gm)
    for query in ("?year=abc", "?year=2026&month=13", "?year=99999"):
        assert client.get(f"/aftersales/service-report/{query}").status_code == 200


def test_the_report_is_not_there_for_production(people):
    assert browser(people.production).get("/aftersales/service-report/").status_code == 404


def test_the_field_service_ledger_exports_with_the_receipt(people):
    record = _month_of_jobs(people)[0]
    response = browser(people.service).get("/aftersales/field/export/")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    numbers = {row[0]: row for row in rows[1:]}
    assert record.number in numbers
    assert "王工" in numbers[record.number]
    assert FieldServiceRecord.objects.count() == 3
    assert len(rows) == 4  # the voided record stays in the ledger: nothing is lost


def test_the_report_window_follows_the_company_time_zone(people):
    """A job found at 23:30 on the last day of a month (Shanghai) belongs to that month."""
    last = dt.datetime(2025, 5, 31, 23, 30, tzinfo=timezone.get_current_timezone())
    makers.field_record(people, found_at=last)
    assert summary(Period(2025, 5))["jobs"] == 1
    assert summary(Period(2025, 6))["jobs"] == 0


def test_an_installation_report_still_within_its_24_h_is_not_counted_late(people):
    makers.field_record(people, stage="installation")
    late = makers.field_record(people, stage="installation", found_at=timezone.now() - dt.timedelta(days=5))  # fmt: skip
    figures = summary(Period(timezone.localdate().year))
    assert figures["installation"] == 2
    # Found five days ago and never reported: late, whatever the weekends in between.
    assert figures["reported_late"] == 1
    assert late.report_due_at < timezone.now()


def test_the_semi_annual_summary_covers_six_months(people):
    january = dt.datetime(2025, 1, 10, 9, 0, tzinfo=timezone.get_current_timezone())
    july = dt.datetime(2025, 7, 1, 9, 0, tzinfo=timezone.get_current_timezone())
    makers.field_record(people, found_at=january)
    makers.field_record(people, found_at=july)
    first, second = Period(2025, half=1), Period(2025, half=2)
    assert (summary(first)["jobs"], summary(second)["jobs"]) == (1, 1)
    assert [row[0].month for row in monthly(first)] == [1, 2, 3, 4, 5, 6]
    assert [row[0].month for row in monthly(second)] == [7, 8, 9, 10, 11, 12]
    page = browser(people.gm).get("/aftersales/service-report/?year=2025&month=h2")
    assert str(page.context["period"]) == "2025-H2" and len(page.context["months"]) == 6


# --- conclusions and sign-off (S2 1.9.6) -------------------------------------------------


def _last_half():
    """The last half year that has ended, and a moment inside it."""
    today = timezone.localdate()
    half = Period(today.year, half=1) if today.month > 6 else Period(today.year - 1, half=2)
    inside = dt.datetime.combine(half.start + dt.timedelta(days=40), dt.time(10), timezone.get_current_timezone())  # fmt: skip
    return half, inside


def _query(period):
    return f"?year={period.year}&month=h{period.half}"


CONCLUSIONS = {"achievements": "现场服务及时，回执全部签字", "shortcomings": "安装问题24小时内上报有延误", "improvements": "下半年加强驻厂人员培训"}  # fmt: skip


def test_sales_writes_the_conclusions_and_the_vp_signs_the_half_year_off(people, tmp_path):
    half, inside = _last_half()
    makers.field_record(people, found_at=inside)
    sales = browser(people.sales)
    response = sales.post(f"/aftersales/service-report/conclusions/{_query(half)}", CONCLUSIONS)
    assert response.status_code == 302
    page = sales.get(f"/aftersales/service-report/{_query(half)}").content.decode()
    assert CONCLUSIONS["shortcomings"] in page and "report-chart" in page
    written = ServiceSummary.objects.get(period_key=str(half))
    people.vp.language = "en"
    people.vp.save(update_fields=["language"])
    vp = browser(people.vp)
    vp.post(f"/aftersales/service-report/sign/{_query(half)}", {"version": written.version, "note": "同意"})  # fmt: skip
    written.refresh_from_db()
    assert written.status == "signed" and written.signed_by == people.vp
    assert signatures_of(written).filter(user=people.vp).exists()
    # A job recorded afterwards in the half does not change what was signed.
    makers.field_record(people, found_at=inside)
    rows = {str(k): v for k, v in vp.get(f"/aftersales/service-report/{_query(half)}").context["rows"]}  # fmt: skip
    assert rows["Field jobs"] == 1
    assert summary(half)["jobs"] == 2
    # The PDF prints the conclusions, who signed and no DRAFT mark; Excel carries them too.
    pdftotext = system_tool("pdftotext", "poppler-utils")
    pdf = tmp_path / "half.pdf"
    pdf.write_bytes(vp.get(f"/aftersales/service-report/pdf/{_query(half)}").content)
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert CONCLUSIONS["improvements"] in text and "vp" in text and "草稿" not in text
    response = vp.get(f"/aftersales/service-report/xlsx/{_query(half)}")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert CONCLUSIONS["achievements"] in cells


def test_signed_conclusions_can_no_longer_change(people):
    half, _inside = _last_half()
    written = actions.write_conclusions(people.sales, half, CONCLUSIONS)
    actions.sign_off_summary(people.vp, half, written.version)
    with pytest.raises(IllegalTransition):
        actions.write_conclusions(people.sales, half, {"achievements": "改写"}, written.version + 1)
    response = browser(people.sales).get(f"/aftersales/service-report/{_query(half)}")
    assert b"/service-report/conclusions/" not in response.content


def test_the_author_cannot_sign_off_their_own_summary_nor_an_unfinished_period(people):
    half, _inside = _last_half()
    people.sales.groups.add(*people.vp.groups.all())  # a salesperson who may also sign off
    written = actions.write_conclusions(people.sales, half, CONCLUSIONS)
    with pytest.raises(Denied):
        actions.sign_off_summary(people.sales, half, written.version)
    running = _this_month()
    actions.write_conclusions(people.sales, running, CONCLUSIONS)
    with pytest.raises(IllegalTransition):
        actions.sign_off_summary(people.vp, running, ServiceSummary.objects.get(period_key=str(running)).version)  # fmt: skip


def test_signing_off_without_conclusions_is_refused_with_a_message(people):
    half, _inside = _last_half()
    response = browser(people.vp).post(f"/aftersales/service-report/sign/{_query(half)}", {}, follow=True)  # fmt: skip
    assert "Write the conclusions before signing off." in response.content.decode() or "请先写好结论再签署" in response.content.decode()  # fmt: skip
    assert not ServiceSummary.objects.exists()


def test_overlong_conclusions_keep_what_was_typed_and_name_the_field(people):
    half, _inside = _last_half()
    body = {**CONCLUSIONS, "improvements": "改" * 20_001}
    response = browser(people.sales).post(f"/aftersales/service-report/conclusions/{_query(half)}", body)  # fmt: skip
    assert response.status_code == 400
    assert "improvements" in response.context["form"].errors
    assert CONCLUSIONS["achievements"] in response.content.decode()
    assert not ServiceSummary.objects.exists()


def test_production_cannot_write_conclusions(people):
    half, _inside = _last_half()
    with pytest.raises(Denied):
        actions.write_conclusions(people.production, half, CONCLUSIONS)


def test_the_summary_counts_service_requests_and_their_service_levels(people):
    from csc.service.models import ServiceRequest
    from csc.service.tests import makers as service_makers

    request = service_makers.request(people)
    now = timezone.now()
    ServiceRequest.objects.filter(pk=request.pk).update(first_answered_at=now, first_answer_due_at=now + dt.timedelta(hours=1))  # fmt: skip
    figures = summary(_this_month())
    assert (figures["requests"], figures["answer_rate"]) == (1, 100.0)
