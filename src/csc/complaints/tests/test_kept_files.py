"""A complaint form refused for a missing field keeps the photos chosen on it."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from csc.complaints.models import Complaint
from csc.core import held
from csc.core.models import Attachment
from csc.core.tests.resource_base import browser

from . import makers

pytestmark = pytest.mark.django_db


def form_data(customer, **fields):
    return {
        "customer": customer.pk,
        "channel": "phone",
        "received_at": "2026-03-05T09:30",
        "category": "packaging",
        "severity": "simple",
        "quantity_affected": "3",
        "description": "外箱压塌",
        "submit_token": "kept-files-1",
        **fields,
    }


def attached(complaint):
    return list(
        Attachment.objects.filter(object_id=str(complaint.pk)).values_list("name", flat=True)
    )


def refused_with_a_photo(user, customer):
    """Post the form without its description; return the page that comes back."""
    data = form_data(customer, description="", files=[makers.photo("box.png")])
    return browser(user).post("/complaints/new/", data).content.decode()


def held_token(page):
    return re.search(r'name="held_files" value="([^"]+)"', page).group(1)


def test_a_refused_complaint_form_names_the_photo_it_keeps(people, media_root):
    page = refused_with_a_photo(people.sales, makers.customer())
    assert 'id="held-files"' in page and "box.png" in page
    description = re.search(r'<textarea name="description".*?</label>', page, re.S).group(0)
    assert "errorlist" in description


def test_the_kept_photo_is_attached_when_the_form_is_sent_again(people, media_root):
    customer = makers.customer()
    refused = refused_with_a_photo(people.sales, customer)
    browser(people.sales).post(
        "/complaints/new/", form_data(customer, held_files=held_token(refused))
    )
    complaint = Complaint.objects.get(submit_token="kept-files-1")
    assert attached(complaint) == ["box.png"]
    assert not list((media_root / "held").rglob("*.png"))


def test_another_person_cannot_use_a_kept_photo(people, media_root):
    customer = makers.customer()
    refused = refused_with_a_photo(people.sales, customer)
    browser(people.quality).post(
        "/complaints/new/", form_data(customer, held_files=held_token(refused))
    )
    assert attached(Complaint.objects.get(submit_token="kept-files-1")) == []


def test_kept_files_nobody_sent_again_are_removed_after_a_day(people, media_root):
    held.hold(people.sales, [makers.photo("box.png")])
    assert held.forget_old(timezone.now()) == 0
    assert held.forget_old(timezone.now() + dt.timedelta(days=2)) == 1


def test_a_customer_s_photo_is_kept_when_the_portal_refuses_a_future_production_date(
    people, media_root
):
    client = browser(people.contact)
    data = {
        "category": "quality",
        "description": "收到的支架有裂纹",
        "quantity_affected": "12",
        "production_date": "2099-01-01",
        "submit_token": "portal-kept-1",
    }
    refused = client.post("/complaints/submit/", {**data, "files": [makers.photo("crack.png")]})
    page = refused.content.decode()
    assert "crack.png" in page and not Complaint.objects.exists()
    data["production_date"] = "2026-03-01"
    client.post("/complaints/submit/", {**data, "held_files": held_token(page)})
    assert attached(Complaint.objects.get(submit_token="portal-kept-1")) == ["crack.png"]
