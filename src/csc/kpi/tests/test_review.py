"""The management review (KPI-3): a pack for a period, made in the worker, stored and signed;
and the pages and API of the indicators (KPI-2)."""

import datetime as dt
import io

import pytest
from django.utils.translation import override
from openpyxl import load_workbook

from csc.core.errors import IllegalTransition, Invalid
from csc.kpi import actions, indicators
from csc.testing import api, pdf_text

from . import makers

pytestmark = pytest.mark.django_db


def _review(people, months=1):
    last = makers.last_month()
    first = indicators.periods_back(last, months)[0]
    end = indicators.next_period(last) - dt.timedelta(days=1)
    return actions.create_review(people.mr, {"period_start": first, "period_end": end})


def _generate(client, review):
    response = client.post(f"/kpi/reviews/{review.pk}/generate/")
    assert response.status_code == 302
    review.refresh_from_db()
    return review


def test_the_pack_holds_every_indicator_and_the_areas_figures_in_pdf_and_excel(people, client, media_root, tmp_path):  # fmt: skip
    makers.complaints_and_shipments(people, makers.last_month(), complaints=1, shipments=4)
    actions.enter_value(people.sales, "collection_rate", makers.last_month(), "95.5")
    review = _review(people)
    actions.write_sections(people.mr, review, {"summary": "回款率低于目标，需加强催收。"})
    client.force_login(people.mr)
    review = _generate(client, review)
    assert review.status == "generated" and review.pack_pdf and review.pack_xlsx
    text = pdf_text(review.pack_pdf.read(), tmp_path)
    assert review.number in text
    assert "回款率低于目标" in text and "投诉率" in text
    book = load_workbook(io.BytesIO(review.pack_xlsx.read()), read_only=True)
    sheet = book.worksheets[0]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert float(rows["投诉率"][3]) == 25.0  # the period's complaint rate: 1 in 4 shipments
    assert float(rows["回款率"][3]) == 95.5


def test_the_pack_of_an_empty_period_says_so(people, client, media_root, tmp_path):
    review = _review(people)
    client.force_login(people.mr)
    review = _generate(client, review)
    assert "本期无记录" in pdf_text(review.pack_pdf.read(), tmp_path).replace("\n", "")


def test_a_signed_review_can_neither_change_nor_be_generated_again(people, client, media_root):
    review = _review(people)
    client.force_login(people.mr)
    review = _generate(client, review)
    actions.sign_review(people.mr, review, "同意")
    review.refresh_from_db()
    assert review.status == "signed"
    with pytest.raises(IllegalTransition):
        actions.write_sections(people.mr, review, {"summary": "改"})
    with pytest.raises(IllegalTransition):
        actions.start_pack(people.mr, review)


def test_a_review_of_a_period_not_ended_is_refused_with_its_reason(people):
    with override("en"), pytest.raises(Invalid) as refused:
        actions.create_review(
            people.mr, {"period_start": dt.date(2026, 1, 1), "period_end": dt.date(2099, 1, 1)}
        )
    assert "ended" in str(refused.value.fields["period_end"][0])


def test_an_edit_of_a_stale_review_is_a_conflict(people, client):
    review = _review(people)
    actions.write_sections(people.mr, review, {"summary": "第一版"})
    client.force_login(people.mr)
    response = client.post(review.get_absolute_url(), {"version": 1, "summary": "旧页面"}, follow=True)  # fmt: skip
    review.refresh_from_db()
    assert review.summary == "第一版"
    assert "其他人已修改了此记录" in response.content.decode()


def test_the_dashboard_links_each_point_to_the_records_behind_it(people, client):
    month = makers.last_month()
    makers.complaints_and_shipments(people, month, complaints=2, shipments=4)
    client.force_login(people.quality)
    page = client.get("/kpi/").content.decode()
    assert f'href="/complaints/?month={month:%Y-%m}"' in page
    listed = client.get(f"/complaints/?month={month:%Y-%m}")
    assert len(listed.context["page"]) == 2


def test_people_outside_the_company_do_not_find_the_dashboard(people, client):
    for persona in ("outsider", "contact"):
        client.force_login(getattr(people, persona))
        assert client.get("/kpi/").status_code == 404
        assert client.get("/kpi/collection_rate/").status_code == 404


def test_the_api_lists_indicators_and_takes_a_hand_entered_value(people):
    sales = api(people.sales)
    listing = sales.get("/api/v1/kpis/")
    assert listing.status_code == 200
    assert "collection_rate" in {row["code"] for row in listing.json()}
    month = makers.last_month()
    body = {"period_start": f"{month}", "value": "97.10", "note": "财务"}
    assert sales.post("/api/v1/kpis/collection_rate/values/", body, format="json").status_code == 201  # fmt: skip
    detail = sales.get("/api/v1/kpis/collection_rate/").json()
    assert next(p for p in detail["points"] if p["start"] == f"{month}")["value"] == "97.10"
    bad = sales.post("/api/v1/kpis/collection_rate/values/", {**body, "value": "140"}, format="json")  # fmt: skip
    assert bad.status_code == 400 and "100" in bad.json()["value"][0]
    assert api(people.engineer).post("/api/v1/kpis/collection_rate/values/", body, format="json").status_code == 403  # fmt: skip
    assert api(people.outsider).get("/api/v1/kpis/").status_code == 403
