"""Audit evidence packs: one click on a clause and a period gives a zip with the index PDF and
the records' own forms; and the list of the procedures' forms (REC-1)."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.utils import timezone

from csc.complaints import actions as complaint_actions
from csc.complaints.models import Discipline
from csc.complaints.tests import makers as complaint_makers
from csc.kpi import seedforms
from csc.property.tests.resources import notified_anomaly
from csc.testing import make_user, pdf_text

pytestmark = pytest.mark.django_db


def _this_month():
    today = timezone.localdate()
    return {"start": today.replace(day=1).isoformat(), "end": today.isoformat()}


def _closed_8d(people, compliant):
    """An accepted complaint with its 8D filled and closed; a compliant one updated the PFMEA
    and the control plan, the other closed with the control plan "not applicable"."""
    complaint = complaint_makers.accepted(people)
    eightd = complaint_makers.fill_8d(people, complaint)
    if compliant:
        d7 = Discipline.objects.get(eightd=eightd, code="D7")
        content = complaint_makers.full_content(people)["D7"]
        content.update(cp_status="done", cp_reference="CP-12 D版", cp_done_on="2026-03-22")
        complaint_actions.save_discipline(people.quality, d7, content)
    return complaint_actions.close_eightd(people.quality, eightd)


def _pack(client, code, period):
    response = client.post(f"/kpi/evidence/{code}/", period)
    assert response.status_code == 200, response
    assert response["Content-Type"] in ("application/zip", "application/x-zip-compressed")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _flat(text):
    return re.sub(r"\s+", "", text)


def test_the_8d_pack_lists_every_closed_8d_flags_the_one_without_a_control_plan_update_and_holds_their_reports(people, client, media_root, tmp_path):  # fmt: skip
    good = _closed_8d(people, compliant=True)
    bad = _closed_8d(people, compliant=False)
    client.force_login(people.quality)
    pack = _pack(client, "iatf-10-2-3", _this_month())
    names = set(pack.namelist())
    assert names == {"index.pdf", f"records/{good.number}.pdf", f"records/{bad.number}.pdf"}
    index = _flat(pdf_text(pack.read("index.pdf"), tmp_path))
    assert "IATF169491" in index and "问题解决" in index
    assert good.number in index and bad.number in index
    assert index.count("未更新控制计划即关闭") == 1
    # the flag sits on the non-compliant 8D's row: after its number, before the next record
    rows = index[index.index("本期记录") :]
    assert "PFMEA-12C版" in rows and "CP-12D版" in rows
    good_row, bad_row = rows[rows.index(good.number) : rows.index(bad.number)], rows[rows.index(bad.number) :]  # fmt: skip
    assert "未更新控制计划即关闭" not in good_row and "未更新控制计划即关闭" in bad_row
    (tmp_path / "report").mkdir()
    report = _flat(pdf_text(pack.read(f"records/{bad.number}.pdf"), tmp_path / "report"))
    assert "8D报告" in report and bad.number in report and "焊机参数被误调" in report


def test_the_property_pack_lists_the_anomaly_with_the_notice_the_customer_was_given(people, client, media_root, tmp_path):  # fmt: skip
    anomaly = notified_anomaly(people)
    client.force_login(people.quality)
    pack = _pack(client, "iso-8-5-3", _this_month())
    index = _flat(pdf_text(pack.read("index.pdf"), tmp_path))
    assert anomaly.number in index
    assert "采购王" in index  # who was told
    assert _flat(anomaly.notice_text)[:30] in index  # and what they were told
    assert "未通知客户" not in index


def test_an_anomaly_nobody_told_the_customer_about_is_flagged(people, client, media_root, tmp_path):
    from csc.property.tests.makers import confirmed_anomaly

    anomaly = confirmed_anomaly(people)
    client.force_login(people.quality)
    index = _flat(pdf_text(_pack(client, "iso-8-5-3", _this_month()).read("index.pdf"), tmp_path))
    assert anomaly.number in index and "未通知客户" in index


def test_the_warranty_pack_lists_each_claim_with_its_ntf_analysis_and_its_claim_form(people, client, media_root, tmp_path):  # fmt: skip
    from csc.aftersales import actions as aftersales_actions
    from csc.aftersales.tests import makers as aftersales_makers

    claim = aftersales_makers.assessed(people)
    aftersales_actions.decide_claim(
        people.quality, claim, "ntf", "复测未见故障", "台架复测 48 小时无异响"
    )
    client.force_login(people.quality)
    pack = _pack(client, "iatf-10-2-5", _this_month())
    assert f"records/{claim.number}.pdf" in pack.namelist()
    index = _flat(pdf_text(pack.read("index.pdf"), tmp_path))
    assert claim.number in index and "台架复测" in index  # the NTF analysis, in its row
    assert "无故障发现（NTF）未做分析" not in index


def test_the_pack_of_a_period_without_records_says_so(people, client, media_root, tmp_path):
    client.force_login(people.quality)
    pack = _pack(client, "iatf-10-2-3", {"start": "2020-01-01", "end": "2020-01-31"})
    assert pack.namelist() == ["index.pdf"]
    assert "本期无记录" in _flat(pdf_text(pack.read("index.pdf"), tmp_path))


def test_the_pack_shows_the_indicators_figures_of_the_period(people, client, media_root, tmp_path):
    from csc.kpi.tests import makers

    month = makers.last_month()
    makers.complaints_and_shipments(people, month, complaints=1, shipments=4)
    end = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    client.force_login(people.quality)
    period = {"start": month.isoformat(), "end": end.isoformat()}
    index = _flat(pdf_text(_pack(client, "iatf-10-2-6", period).read("index.pdf"), tmp_path))
    assert "投诉率" in index and "25" in index  # 1 complaint in 4 shipments, as the dashboard


@pytest.mark.parametrize("code", ["iso-8-2-1", "iso-8-2-3", "iso-8-2-4", "iso-9-1-2", "iatf-8-2-3-1-2", "iatf-9-1-2-1", "iso-10-2", "iatf-10-2-5", "iatf-10-2-6"])  # fmt: skip
def test_every_clause_makes_its_pack(people, client, media_root, code):
    client.force_login(people.mr)
    assert "index.pdf" in _pack(client, code, _this_month()).namelist()


def test_the_evidence_page_lists_every_clause_with_its_generate_button(people, client):
    client.force_login(people.quality)
    page = client.get("/kpi/evidence/").content.decode()
    for label in ("ISO 9001 8.2.1", "ISO 9001 8.5.3", "IATF 16949 10.2.3", "IATF 16949 10.2.6"):
        assert label in page
    assert page.count('action="/kpi/evidence/') == 11


def test_a_period_ending_before_it_starts_is_refused(people, client):
    client.force_login(people.quality)
    response = client.post("/kpi/evidence/iso-8-5-3/", {"start": "2026-03-31", "end": "2026-03-01"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/kpi/evidence/"


@pytest.mark.parametrize("who", ["outsider", "contact"])
def test_outsiders_and_customer_contacts_find_no_evidence_or_forms(people, client, who):
    client.force_login(getattr(people, who))
    assert client.get("/kpi/evidence/").status_code == 404
    assert client.post("/kpi/evidence/iatf-10-2-3/", _this_month()).status_code == 404
    assert client.get("/kpi/forms/").status_code == 404


# --- the forms (REC-1) -------------------------------------------------------------------------


def test_the_forms_page_lists_the_form_numbers_and_marks_the_forms_not_printed(people, client):
    client.force_login(people.quality)
    page = client.get("/kpi/forms/").content.decode()
    for number in ("HT-QR-MA-01", "HT-QR-MA-02", "HT-QR-MA-03", "HT-QR-MA-10", "FM-MKT-004-B1", "CSC-CMP-04"):  # fmt: skip
        assert number in page
    assert 'data-form="HT-QR-MA-03"' in page
    assert re.search(r'class="printed" data-form="FM-MKT-004-B1"', page)
    assert re.search(r'class="printed" data-form="CSC-CMP-04"', page)
    # a form CSC does not print yet is listed and marked so, never left out
    assert re.search(
        r'<tr class="missing"[^>]*>\s*<td[^>]*>S2 7.4</td><td>服务工作总结报告</td>', page
    )
    assert "尚不能打印" in page


def test_every_printer_the_list_names_exists():
    for form in seedforms.FORMS + seedforms.OWN_FORMS:
        assert not form.printer or seedforms.printer_of(form) is not None, form.printer


def test_every_link_of_the_forms_page_opens(people, client):
    client.force_login(people.quality)
    page = client.get("/kpi/forms/").content.decode()
    admin = make_user("auditor", is_superuser=True)
    client.force_login(admin)
    links = set(re.findall(r'<a href="(/[^"]+)">(?:PDF|记录|records)', page))
    assert len(links) >= 10
    for link in sorted(links):
        assert client.get(link).status_code == 200, link
