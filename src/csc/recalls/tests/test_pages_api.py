"""Recall pages, the API's workflow verbs, the record PDF and the Excel ledger."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from csc.core.tests.resource_base import browser
from csc.recalls.pdf import recall_record
from csc.testing import api, customer_page

from . import makers

pytestmark = pytest.mark.django_db


def test_the_gm_names_the_team_and_approves_the_plan_through_the_api(people):
    recall = makers.triggered(people)
    client = api(people.gm)
    url = f"/api/v1/recalls/{recall.pk}/"
    team = {"leader": people.quality.pk, "members": [people.sales.pk]}
    assert client.post(url + "name-team/", team, format="json").status_code == 200
    recall.refresh_from_db()
    edit = {"plan": "两周内回收", "version": recall.version}
    assert client.patch(url, edit, format="json").status_code == 200
    stale = client.patch(url, edit, format="json")
    assert stale.status_code == 409
    answer = client.post(url + "approve-plan/", {}, format="json")
    assert answer.json()["status"] == "plan_approved"


def test_an_illegal_step_is_refused_with_409_and_an_explanation(people):
    recall = makers.triggered(people)
    answer = api(people.quality).post(f"/api/v1/recalls/{recall.pk}/close/", {}, format="json")
    assert answer.status_code == 409
    assert answer.json()["detail"]


def test_unbalanced_quantities_are_refused_with_409_naming_the_difference(people):
    recall = makers.planned(people)
    lot, customers = makers.shipped_lot(people, recall, deliveries=((300,),))
    client = api(people.quality)
    url = f"/api/v1/recalls/{recall.pk}/"
    notice = {"party": "customer", "customer": customers[0].pk, "channel": "phone",
              "address": "13800000000", "text": "电话通知隔离"}  # fmt: skip
    assert client.post(url + "notices/", notice, format="json").status_code == 200
    assert client.post(url + "finish-notices/", {}, format="json").status_code == 200
    answer = client.post(url + "finish-reconciliation/", {}, format="json")
    assert answer.status_code == 409
    assert "300" in answer.json()["detail"]


def test_a_bad_quantity_gets_a_field_message_not_an_error_page(people):
    recall = makers.planned(people)
    lot, _customers = makers.shipped_lot(people, recall)
    answer = api(people.quality).post(
        f"/api/v1/recalls/{recall.pk}/quantities/", {"lot": lot.pk, "in_stock": "-5"}, format="json"
    )
    assert answer.status_code == 400
    assert "in_stock" in answer.json()


def test_the_detail_page_shows_who_received_the_lot(people):
    recall = makers.planned(people)
    _lot, customers = makers.shipped_lot(people, recall)
    page = browser(people.quality).get(recall.get_absolute_url())
    assert page.status_code == 200
    assert customers[0].name in page.content.decode()


def test_the_customer_page_shows_the_recalls_of_its_lots(people):
    recall = makers.planned(people)
    _lot, customers = makers.shipped_lot(people, recall)
    page = customer_page(browser(people.quality), customers[0])
    assert recall.number in page


def test_the_recall_record_prints_in_chinese_and_english(people):
    recall = makers.planned(people)
    makers.shipped_lot(people, recall)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert recall_record(recall).startswith(b"%PDF")
    response = browser(people.quality).get(f"/recalls/{recall.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"


def test_the_ledger_exports_to_excel_with_quantities(people):
    recall = makers.planned(people)
    makers.shipped_lot(people, recall)
    response = browser(people.quality).get("/recalls/export/")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == recall.number
    assert float(rows[1][6]) == 500
