"""Two people editing the same customer, and admissions created at the same moment."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from csc.customers import actions
from csc.customers.models import Customer, CustomerAdmission
from csc.testing import on_postgres

from .makers import active_customer

CONFLICT = "Someone else changed this record while you were editing it."


def edit_form(customer, region, version):
    return {
        "name": customer.name,
        "language": customer.language,
        "region": region,
        "version": version,
    }


def test_the_second_save_on_the_page_gets_a_conflict_message(people, client):
    customer = active_customer(region="华东")
    first, second = people.sales, people.administrator
    second.language = "en"
    second.save(update_fields=["language"])
    url = f"/customers/{customer.pk}/edit/"
    # Both open the form and get the same version in its hidden field.
    client.force_login(first)
    loaded = client.get(url).context["form"]["version"].value()
    assert loaded == customer.version
    assert client.post(url, edit_form(customer, "华南", loaded)).status_code == 302
    client.force_login(second)
    response = client.post(url, edit_form(customer, "华北", loaded))
    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    customer.refresh_from_db()
    assert (customer.region, customer.version) == ("华南", loaded + 1)


def test_a_form_reloaded_after_the_conflict_saves(people, client):
    customer = active_customer(region="华东")
    client.force_login(people.sales)
    url = f"/customers/{customer.pk}/edit/"
    client.post(url, edit_form(customer, "华南", customer.version))
    fresh = client.get(url).context["form"]["version"].value()
    assert client.post(url, edit_form(customer, "华北", fresh)).status_code == 302
    assert Customer.objects.get(pk=customer.pk).region == "华北"


def test_the_second_save_through_the_api_is_a_409(people, api_as):
    customer = active_customer(region="华东")
    url = f"/api/v1/customers/{customer.pk}/"
    version = api_as(people.quality).get(url).json()["version"]
    first = api_as(people.sales).patch(url, {"region": "华南", "version": version}, format="json")
    second = api_as(people.administrator).patch(
        url, {"phone": "021-1234", "version": version}, format="json"
    )
    assert (first.status_code, second.status_code) == (200, 409)
    customer.refresh_from_db()
    assert (customer.region, customer.phone) == ("华南", "")


def _apply_in_thread(user, names, start, problems):
    try:
        start.wait(timeout=10)
        for name in names:
            actions.apply_for_admission(
                user, {"name": name}, {"requested_level": "I", "investigation": "并发测试"}
            )
    except Exception as exc:  # reported by the test, which runs in the main thread
        problems.append(exc)
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.skipif(not on_postgres(), reason="SQLite serialises writers; CI runs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_parallel_admissions_get_unique_gap_free_numbers(transactional_db, people):
    sales = people.sales
    sales.has_perm("customers.add_customeradmission")  # fill the permission cache once
    threads, per_thread = 4, 5
    start, problems = threading.Barrier(threads), []
    workers = [
        threading.Thread(
            target=_apply_in_thread,
            args=(sales, [f"并发客户{t}-{i}" for i in range(per_thread)], start, problems),
        )
        for t in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert problems == []
    year, total = timezone.localdate().year, threads * per_thread
    expected = [f"CA-{year}-{n:04d}" for n in range(1, total + 1)]
    assert sorted(CustomerAdmission.objects.values_list("number", flat=True)) == expected
    codes = sorted(Customer.objects.values_list("code", flat=True))
    assert codes == [f"CU-{year}-{n:04d}" for n in range(1, total + 1)]
