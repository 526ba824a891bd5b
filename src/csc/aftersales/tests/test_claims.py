"""三包 claims from registration to decision (SVC-7): bad input is refused with field messages
and nothing stored; claims decided in and out of warranty and as NTF; API, pages, PDF, Excel."""

import datetime as dt
import io
import subprocess

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from csc.aftersales import actions
from csc.aftersales.choices import ClaimStatus, CoverageReason
from csc.aftersales.models import WarrantyClaim
from csc.core.errors import Invalid
from csc.core.tests.resource_base import browser
from csc.testing import api, customer_page

from . import makers

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English here; the pages are checked in the users' Chinese."""
    with translation.override("en"):
        yield


def _refused(people, field, **data):
    with pytest.raises(Invalid) as error:
        makers.claim(people, **data)
    assert field in error.value.fields
    assert not WarrantyClaim.objects.exists()
    return str(error.value.fields[field][0])


def test_negative_mileage_is_refused_and_nothing_stored(people):
    assert "negative" in _refused(people, "mileage_km", mileage_km=-5)


def test_a_failure_before_the_purchase_is_refused(people):
    cust, prod, sent = makers.delivered(people, days_ago=10)
    failed = sent.delivered_on - dt.timedelta(days=1)
    message = _refused(people, "failed_on", customer=cust, product=prod, shipment=sent, failed_on=failed)  # fmt: skip
    assert str(sent.delivered_on) in message


def test_a_failure_in_the_future_is_refused(people):
    _refused(people, "failed_on", failed_on=TODAY() + dt.timedelta(days=3))


def test_a_claim_for_a_product_the_customer_never_received_is_refused(people):
    cust, _prod, _sent = makers.delivered(people)
    message = _refused(people, "product", customer=cust, product=makers.product())
    assert "never received" in message


def test_a_shipment_of_another_customer_is_refused(people):
    cust, prod, _sent = makers.delivered(people)
    _other, _p, foreign = makers.delivered(people)
    _refused(people, "shipment", customer=cust, product=prod, shipment=foreign)


def test_the_api_answers_bad_input_with_field_messages(people):
    cust, prod, _sent = makers.delivered(people)
    body = {"customer": cust.pk, "product": prod.pk, "failed_on": str(TODAY()), "mileage_km": -1, "description": "异响"}  # fmt: skip
    response = api(people.service).post("/api/v1/warranty-claims/", body, format="json")
    assert response.status_code == 400
    assert "mileage_km" in response.json()
    assert not WarrantyClaim.objects.exists()


def test_the_purchase_counts_from_the_delivery_and_quality_is_told(people):
    quality = people.quality
    claim = makers.claim(people, days_ago=100)
    assert claim.purchased_on == claim.shipment.delivered_on
    assert claim.coverage_reason == CoverageReason.PENDING
    assert quality.notifications.filter(title__contains=claim.number).exists()


def test_a_claim_in_warranty_is_repaired(people):
    claim = makers.assessed(people)
    assert claim.covered and claim.status == ClaimStatus.ASSESSED
    with pytest.raises(Invalid):
        actions.decide_claim(people.quality, claim, "reject", "不予三包")
    actions.decide_claim(people.quality, claim, "repair")
    actions.update_claim(people.service, claim, {"parts_cost": 320, "labour_cost": 180, "freight_cost": 50})  # fmt: skip
    actions.close_claim(people.service, claim)
    claim.refresh_from_db()
    assert (claim.status, claim.decision, claim.total_cost) == ("closed", "repair", 550)


def test_replacing_instead_of_repairing_needs_a_reason(people):
    claim = makers.assessed(people)
    with pytest.raises(Invalid) as error:
        actions.decide_claim(people.quality, claim, "replace")
    assert "decision_reason" in error.value.fields
    actions.decide_claim(people.quality, claim, "replace", "壳体裂纹，无法修复")
    assert claim.decision == "replace"


def test_a_claim_out_of_warranty_can_only_be_rejected(people):
    claim = makers.assessed(people, days_ago=400, failed_days_ago=2)
    assert claim.coverage_reason == CoverageReason.PERIOD_ENDED
    with pytest.raises(Invalid) as error:
        actions.decide_claim(people.quality, claim, "repair")
    assert "not covered" in str(error.value.fields["decision"][0])
    actions.decide_claim(people.quality, claim, "reject", "超过三包期")
    assert claim.status == ClaimStatus.DECIDED


def test_the_mileage_limit_reached_first_ends_the_cover(people):
    claim = makers.assessed(people, days_ago=60, mileage_km=30_000)
    assert claim.coverage_reason == CoverageReason.MILEAGE_REACHED


def test_an_exclusion_found_by_the_assessment_gives_its_reason(people):
    claim = makers.assessed(people, exclusion="poor_upkeep")
    assert not claim.covered
    assert claim.get_coverage_reason_display().startswith("Excluded")


def test_no_trouble_found_needs_its_analysis_and_counts_in_the_ntf_rate(people):
    from csc.aftersales.kpis import claim_figures

    ntf = makers.assessed(people, defect_kind="other")
    with pytest.raises(Invalid) as error:
        actions.decide_claim(people.quality, ntf, "ntf", "复测正常")
    assert "ntf_analysis" in error.value.fields
    actions.decide_claim(
        people.quality, ntf, "ntf", "复测正常", "台架复测 48 h 无异常；疑为装车匹配"
    )
    repaired = makers.assessed(people)
    actions.decide_claim(people.quality, repaired, "repair")
    figures = claim_figures(WarrantyClaim.objects.all())
    assert (figures["decided"], figures["ntf"], figures["ntf_rate"]) == (2, 1, 50.0)


def test_service_cannot_decide_a_claim(people):
    from csc.core.errors import Denied

    claim = makers.assessed(people)
    with pytest.raises(Denied):
        actions.decide_claim(people.service, claim, "repair")


def test_the_api_walks_the_claim_through_its_steps_and_refuses_illegal_ones(people):
    cust, prod, _sent = makers.delivered(people)
    body = {"customer": cust.pk, "product": prod.pk, "failed_on": str(TODAY()), "mileage_km": 800, "description": "漏油"}  # fmt: skip
    created = api(people.service).post("/api/v1/warranty-claims/", body, format="json")
    assert created.status_code == 201
    url = f"/api/v1/warranty-claims/{created.json()['id']}"
    quality = api(people.quality)
    assert quality.post(f"{url}/decide/", {"decision": "repair"}).status_code == 409
    assessed = quality.post(
        f"{url}/assess/", {"defect_kind": "material", "finding": "材质硬度不足"}
    )
    assert assessed.json()["coverage_reason"] == "covered"
    assert quality.post(f"{url}/decide/", {"decision": "repair"}).json()["status"] == "decided"


def test_a_concurrent_edit_gets_a_conflict(people):
    claim = makers.claim(people)
    client = api(people.service)
    url = f"/api/v1/warranty-claims/{claim.pk}/"
    first = client.patch(url, {"parts_cost": "10.00", "version": claim.version}, format="json")
    assert first.status_code == 200
    stale = client.patch(url, {"parts_cost": "20.00", "version": claim.version}, format="json")
    assert stale.status_code == 409
    claim.refresh_from_db()
    assert claim.parts_cost == 10


def test_negative_costs_are_refused(people):
    claim = makers.claim(people)
    response = api(people.service).patch(
        f"/api/v1/warranty-claims/{claim.pk}/",
        {"freight_cost": "-1", "version": claim.version},
        format="json",
    )
    assert response.status_code == 400 and "freight_cost" in response.json()


def test_a_claim_opens_a_complaint_with_its_8d(people):
    claim = makers.assessed(people)
    actions.open_complaint(people.quality, claim, open_eightd=True)
    complaint = claim.complaint
    assert complaint.customer == claim.customer and claim.number in complaint.description
    assert complaint.eightd.number
    response = api(people.quality).post(f"/api/v1/warranty-claims/{claim.pk}/open-complaint/")
    assert response.status_code == 409


def test_the_form_shows_field_messages_and_stores_nothing(people):
    cust, prod, _sent = makers.delivered(people)
    page = browser(people.service).post(
        "/aftersales/claims/new/",
        {
            "customer": cust.pk,
            "product": prod.pk,
            "failed_on": str(TODAY()),
            "mileage_km": "-3",
            "quantity": 1,
            "description": "异响",
        },  # fmt: skip
    )
    assert page.status_code == 200
    assert "行驶里程不能为负数。" in page.content.decode()
    assert not WarrantyClaim.objects.exists()


def test_the_ledger_filters_and_exports_in_the_users_language(people):
    covered = makers.assessed(people)
    out = makers.assessed(people, days_ago=500, failed_days_ago=1)
    client = browser(people.quality)
    page = client.get("/aftersales/claims/?coverage_reason=period_ended").content.decode()
    assert out.number in page and covered.number not in page
    response = client.get("/aftersales/claims/export/?coverage_reason=period_ended")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert [r[0] for r in rows[1:]] == [out.number]


def test_the_customer_page_shows_the_claims(people):
    claim = makers.claim(people)
    page = customer_page(browser(people.quality), claim.customer)
    assert 'id="aftersales-panel"' in page and claim.number in page


@pytest.mark.parametrize(("language", "text"), [("zh", "三包"), ("en", "warranty claim")])
def test_the_claim_prints_in_chinese_and_english(people, tmp_path, language, text):
    claim = makers.assessed(people)
    actions.decide_claim(people.quality, claim, "repair")
    suffix = "?lang=en" if language == "en" else ""
    response = browser(people.quality).get(f"/aftersales/claims/{claim.pk}/pdf/{suffix}")
    assert response["Content-Type"] == "application/pdf"
    target = tmp_path / "claim.pdf"
    target.write_bytes(response.content)
    words = subprocess.run(["pdftotext", target, "-"], capture_output=True, text=True).stdout
    assert text in words and claim.number in words
