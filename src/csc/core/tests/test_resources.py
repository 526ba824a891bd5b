"""Generated tests for every declared resource (STYLE item 4): declare it, and it is tested.

For each ``Resource`` of ``csc.<app>.tests.resources``: anonymous callers are sent to log in,
each declared write leaves an audit entry by its actor, list and detail cost the same number of
queries whatever the number of rows, and a customer contact never sees another customer's
records but does see its own. Who may read and who is refused each write, for every persona, is
``test_access_matrix``'s part: it takes the answer from the roles' grants.
"""

import pytest

from csc.core.permissions import can, perm_name
from csc.testing import api, count_queries

from .resource_base import browser, client_for, collect_resources, entries_about, listed_ids

RESOURCES = collect_resources()
WITH_API = [pytest.param(r, id=r.name) for r in RESOURCES if r.api]
WITH_PAGE = [pytest.param(r, id=r.name) for r in RESOURCES if r.page]
WITH_RELATED = [pytest.param(r, id=r.name) for r in RESOURCES if r.add_related]
WRITES = [pytest.param(r, w, id=f"{r.name}-{w.name}") for r in RESOURCES for w in r.writes]


# Menu pages that show figures, not a list of records: there is no record to declare.
REPORT_PAGES = {
    "orders:kpi",
    "complaints:kpis",
    "property:kpi",
    "surveys:trend",
    "service:report",
    "retention:list",
    # A person's own queue: the declared service-request list narrowed to its handler.
    "service:mine",
    "kpi:dashboard",
    "kpi:evidence",
    "kpi:forms",
    "aftersales:service-report",
    "aftersales:weekly",
}
# Collections of figures, not of records (the indicator list): tested in their area.
REPORT_COLLECTIONS = {"/api/v1/kpis/"}


def _without_query(url):
    return url.split("?", 1)[0]


def test_every_api_collection_has_a_declared_resource():
    import csc.urls

    declared = {_without_query(r.api) for r in RESOURCES if r.api}
    collections = {f"/api/v1/{prefix}/" for prefix, *_rest in csc.urls.router.registry}
    assert sorted(collections - declared - REPORT_COLLECTIONS) == []


def test_every_list_page_in_an_areas_menu_has_a_declared_resource():
    from django.urls import reverse

    from csc.core import areas, navigation

    area_sections = {c.label for c in areas.contracts()}
    declared = {_without_query(r.page) for r in RESOURCES if r.page}
    pages = {
        reverse(link.url_name)
        for link in navigation._links
        if link.section in area_sections and link.url_name not in REPORT_PAGES
    }
    assert sorted(pages - declared) == []


def test_the_customer_master_declares_its_resources():
    names = {r.name for r in RESOURCES}
    assert {"customers", "customer-admissions", "credit-changes"} <= names


# --- (a) anonymous callers ---------------------------------------------------------------


@pytest.mark.parametrize("resource", WITH_API)
def test_api_asks_anonymous_callers_to_authenticate(people, resource):
    record = resource.make(people)
    client = api(None)
    assert client.get(resource.api).status_code == 401
    assert client.get(resource.api_detail(record)).status_code == 401


@pytest.mark.parametrize("resource", WITH_PAGE)
def test_pages_send_anonymous_visitors_to_the_login(people, resource):
    record = resource.make(people)
    client = browser(None)
    for url in (resource.page, resource.page_detail(record)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


# --- (b) writes and their audit entries --------------------------------------------------


@pytest.mark.parametrize(("resource", "write"), WRITES)
def test_a_permitted_write_is_audited_with_its_actor(people, resource, write):
    record = resource.make(people)
    user = getattr(people, write.allowed)
    client = client_for(write, user)
    before = set(entries_about(record).values_list("pk", flat=True))
    response = write.call(client, record)
    assert response.status_code in write.allowed_status, response.content[:500]
    new = entries_about(record).exclude(pk__in=before)
    assert new.exists(), f"{write.name} wrote no audit entry about the record"
    assert {entry.actor_id for entry in new} == {user.pk}


# --- (c) query counts do not grow with the data ------------------------------------------


def _queries(client, url):
    client.get(url)  # warm per-process caches (content types, translations)
    response, queries = count_queries(lambda: client.get(url))
    assert response.status_code == 200, response.content[:500]
    return response, queries


@pytest.mark.parametrize("resource", WITH_API)
def test_api_list_queries_do_not_grow_with_the_rows(people, resource):
    client = api(getattr(people, resource.viewer))
    resource.make_many(people, 3)
    few, few_queries = _queries(client, resource.api)
    resource.make_many(people, 22)
    many, many_queries = _queries(client, resource.api)
    assert (len(few.json()["results"]), len(many.json()["results"])) == (3, 25)
    assert many_queries == few_queries


@pytest.mark.parametrize("resource", WITH_PAGE)
def test_list_page_queries_do_not_grow_with_the_rows(people, resource):
    client = browser(getattr(people, resource.viewer))
    resource.make_many(people, 3)
    few, few_queries = _queries(client, resource.page)
    resource.make_many(people, 22)
    many, many_queries = _queries(client, resource.page)
    assert (len(few.context["page"]), len(many.context["page"])) == (3, 25)
    assert many_queries == few_queries


@pytest.mark.parametrize("resource", WITH_RELATED)
def test_detail_queries_do_not_grow_with_related_rows(people, resource):
    viewer = getattr(people, resource.viewer)
    record = resource.make(people)
    urls = [resource.api_detail(record)] if resource.api else []
    if resource.page:
        urls.append(resource.page_detail(record))
    resource.add_related(people, record, 1)
    few = [_queries(_client_for_url(url, viewer), url)[1] for url in urls]
    resource.add_related(people, record, 4)
    many = [_queries(_client_for_url(url, viewer), url)[1] for url in urls]
    assert many == few


def _client_for_url(url, user):
    return api(user) if url.startswith("/api/") else browser(user)


# --- (d) a customer contact sees only their own customer's records -----------------------


def _contact_and_records(people, resource):
    """Return the contact persona, a record of another customer and one of their own (or None).

    Both records exist before anything is read, so the list must leave out the other's.
    """
    contact = people.contact
    other = resource.make(people)
    own = resource.own(people) if resource.own else None
    return contact, other, own


@pytest.mark.parametrize("resource", WITH_API)
def test_api_never_shows_a_contact_another_customers_record(people, resource):
    contact, other, own = _contact_and_records(people, resource)
    client = api(contact)
    may_view = can(contact, perm_name(resource.model, "view"))
    assert client.get(resource.api_detail(other)).status_code == (404 if may_view else 403)
    listing = client.get(resource.api)
    if not may_view:
        assert listing.status_code == 403
        return
    assert other.pk not in listed_ids(listing)
    if own is not None:
        assert own.pk in listed_ids(listing)
        assert client.get(resource.api_detail(own)).status_code == 200


@pytest.mark.parametrize("resource", WITH_PAGE)
def test_pages_never_show_a_contact_another_customers_record(people, resource):
    contact, other, own = _contact_and_records(people, resource)
    client = browser(contact)
    if resource.page_detail(other) != resource.page:  # a record with a page of its own
        assert client.get(resource.page_detail(other)).status_code == 404
    listing = client.get(resource.page)
    if not can(contact, perm_name(resource.model, "view")):
        assert listing.status_code == 404
        return
    shown = {row.pk for row in listing.context["page"]}
    assert other.pk not in shown
    if own is not None:
        assert own.pk in shown
        assert client.get(resource.page_detail(own)).status_code == 200
