"""The 360° page's panels: a placeholder for each panel the user may see, each panel from its own
address with the same permission (CUS-6)."""

import pytest
from django.test import Client

from csc.core.permissions import can
from csc.customers.models import Contact
from csc.customers.panels import _panels
from csc.testing import count_queries, customer_panel

from .makers import active_customer

pytestmark = pytest.mark.django_db

PERSONAS = ("sales", "quality", "service", "warehouse", "engineer", "gm")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_every_area_panel_declares_the_permission_that_shows_it():
    assert len(_panels) >= 9
    assert all(panel.permission for panel in _panels)
    assert len({panel.key for panel in _panels}) == len(_panels)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_placeholder_is_shown_and_a_panel_answers_exactly_where_its_permission_holds(
    people, persona
):
    user, customer = getattr(people, persona), active_customer()
    client = _client(user)
    page = client.get(customer.get_absolute_url()).content.decode()
    for panel in _panels:
        allowed = can(user, panel.permission, customer)
        assert (f'data-panel="{panel.key}"' in page) == allowed, panel.key
        status = customer_panel(client, customer, panel.key).status_code
        assert status == (200 if allowed else 404), panel.key


def test_a_contact_gets_no_panel_of_another_customer(people):
    client = _client(people.contact)
    own = Contact.objects.get(user=people.contact).customer
    other = active_customer()
    for panel in _panels:
        assert customer_panel(client, other, panel.key).status_code == 404
    assert client.get(own.get_absolute_url()).status_code == 200


def test_an_unknown_panel_is_not_found(people):
    client = _client(people.sales)
    assert customer_panel(client, active_customer(), "no-such-panel").status_code == 404


def test_the_page_computes_no_panel_and_its_queries_do_not_grow_with_the_panels(people):
    client = _client(people.gm)
    customer = active_customer()
    client.get(customer.get_absolute_url())  # the session and permission caches warmed
    response, queries = count_queries(lambda: client.get(customer.get_absolute_url()))
    assert "panel" not in response.context
    assert queries <= 13, queries  # the panels run their queries in their own requests
