"""The one permission entry point: deny by default, customers see only their own records."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.contenttypes.models import ContentType

from csc.core.errors import Denied
from csc.core.models import CalendarDay, User
from csc.core.permissions import can, customer_id_of, require, restrict
from csc.customers.models import Customer
from csc.testing import make_customer


def fresh(user):
    """Reload a user so permission caches are rebuilt."""
    return User.objects.get(pk=user.pk)


def grant(user, codename):
    user.user_permissions.add(Permission.objects.get(codename=codename))
    return fresh(user)


@pytest.fixture
def holiday(db):
    return CalendarDay.objects.create(date=dt.date(2026, 10, 1), kind="holiday", name="国庆节")


def test_staff_with_the_view_permission_see_everything(people, holiday):
    make_customer(name="客户乙有限公司")
    assert list(restrict(CalendarDay.objects.all(), people.quality)) == [holiday]
    assert restrict(Customer.objects.all(), people.quality).count() == 1


def test_an_inactive_user_sees_nothing(people, holiday):
    quality = people.quality
    quality.is_active = False
    quality.save()
    assert not restrict(CalendarDay.objects.all(), quality).exists()
    assert not can(quality, "core.view_calendarday")


def test_an_anonymous_visitor_sees_nothing(db, holiday):
    assert not restrict(CalendarDay.objects.all(), AnonymousUser()).exists()
    assert not restrict(CalendarDay.objects.all(), None).exists()
    assert not can(AnonymousUser(), "core.view_calendarday")


def test_a_user_without_the_view_permission_sees_nothing(people, holiday):
    assert not restrict(CalendarDay.objects.all(), people.outsider).exists()


def test_restrict_checks_the_permission_of_the_action_asked_for(people, holiday):
    assert restrict(CalendarDay.objects.all(), people.quality).exists()
    assert not restrict(CalendarDay.objects.all(), people.quality, action="change").exists()
    assert restrict(CalendarDay.objects.all(), people.administrator, action="change").exists()


def test_a_customer_contact_sees_only_their_own_customer(people):
    own = people.contact.customer_contact.customer
    make_customer(name="客户乙有限公司")
    assert list(restrict(Customer.objects.all(), people.contact)) == [own]
    assert customer_id_of(people.contact) == own.pk
    assert customer_id_of(people.quality) is None


def test_a_customer_contact_never_sees_records_that_belong_to_no_customer(people, holiday):
    # Even given the permission, a kind of record without ``customer_lookup`` stays hidden.
    contact = grant(people.contact, "view_calendarday")
    assert contact.has_perm("core.view_calendarday")
    assert not hasattr(CalendarDay, "customer_lookup")
    assert not restrict(CalendarDay.objects.all(), contact).exists()
    staff = grant(people.outsider, "view_calendarday")
    assert restrict(CalendarDay.objects.all(), staff).exists()


def test_a_contact_may_act_only_on_their_own_customer(people):
    own = people.contact.customer_contact.customer
    other = make_customer(name="客户乙有限公司")
    contact = grant(people.contact, "change_customer")
    assert can(contact, "customers.change_customer", own)
    assert not can(contact, "customers.change_customer", other)
    assert not can(contact, "core.change_calendarday")


def test_a_contact_may_not_act_on_records_that_belong_to_no_customer(people, holiday):
    contact = grant(people.contact, "change_calendarday")
    assert not can(contact, "core.change_calendarday", holiday)


def test_require_raises_denied_with_a_message(people):
    with pytest.raises(Denied) as refused:
        require(people.quality, "core.change_calendarday")
    assert refused.value.status == 403
    assert str(refused.value.message)
    with pytest.raises(Denied, match="只有管理员"):
        require(people.quality, "core.change_calendarday", message="只有管理员可以修改")
    require(people.administrator, "core.change_calendarday")  # no exception


# --- record pages that go through restrict -------------------------------------------------


def history_url(record):
    return f"/history/{ContentType.objects.get_for_model(record).pk}/{record.pk}/"


def test_the_history_of_a_record_is_shown_to_whoever_may_see_it(people, client):
    customer = people.contact.customer_contact.customer
    client.force_login(people.quality)
    response = client.get(history_url(customer))
    assert response.status_code == 200
    assert response.context["record"] == customer


def test_the_history_of_another_customer_is_not_found_for_a_contact(people, client):
    other = make_customer(name="客户乙有限公司")
    client.force_login(people.contact)
    assert client.get(history_url(other)).status_code == 404


def test_a_malformed_record_link_is_not_found_rather_than_an_error(people, client):
    client.force_login(people.quality)
    customer_type = ContentType.objects.get_for_model(Customer).pk
    for url in (
        f"/history/{customer_type}/not-a-number/",
        f"/history/{customer_type}/999999/",
        "/history/999999/1/",
    ):
        assert client.get(url).status_code == 404, url
