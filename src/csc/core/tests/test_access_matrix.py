"""The access matrix: every persona against every declared resource, expected from the grants.

``test_resources`` checks what does not depend on who asks (anonymous callers, audit entries,
query counts, a contact finding its own record); this module asks every persona (each role of
``PERSONAS``, an outsider and a customer contact) and takes the expected answer from the roles'
declared grants (``csc.core.roles.all_grants``), never from a hand list:

* reading: with the model's view permission the API list and detail and the list and detail
  pages answer 200; without it the API answers 403 and the pages 404 (a page one may not open
  does not exist for them). A contact is the exception for records of another customer: not
  found, as if they did not exist;
* writing: every persona without the view permission, or without a permission the write is seen
  to require when its permitted persona makes it, or named in the write's ``denied``, is refused
  and leaves the record and the audit trail as they were;
* a contact's lists hold rows of its own customer only, its own record made beside them where
  the resource declares one.

Each test loops over the personas of one resource and reports every wrong answer at once.
"""

import sys
from contextlib import contextmanager
from functools import cache
from unittest import mock

import pytest

from csc.core import permissions
from csc.core.choices import Role
from csc.core.models import AuditEntry
from csc.core.permissions import can, customer_id_of, perm_name
from csc.core.roles import all_grants
from csc.testing import PERSONAS, api

from .resource_base import browser, client_for, collect_resources, listed_ids

RESOURCES = collect_resources()
ALL_PERSONAS = (*PERSONAS, "outsider", "contact")
READABLE = [pytest.param(r, id=r.name) for r in RESOURCES if r.api or r.page]
WITH_WRITES = [pytest.param(r, id=r.name) for r in RESOURCES if r.writes]


def role_of(persona):
    """Return the role a persona holds (None for the outsider, who holds none)."""
    if persona == "contact":
        return Role.CUSTOMER_CONTACT
    if persona == "outsider":
        return None
    return PERSONAS[persona][0]


@cache
def _grants():
    return all_grants()


def granted(persona, perm):
    """Return True when the persona's role is declared to hold ``perm``."""
    role = role_of(persona)
    return role is not None and perm in _grants()[str(role)]


def view_perm(resource):
    return perm_name(resource.model, "view")


def test_the_personas_hold_every_role():
    """A role added without a persona would escape the whole matrix."""
    assert {role_of(p) for p in ALL_PERSONAS} - {None} == set(Role)


# --- reading -------------------------------------------------------------------------------


def expected_reads(resource, record, persona, may_view):
    """Yield (url, expected status) of every read the resource offers to ``persona``."""
    other_customers = persona == "contact"  # the record belongs to a fresh customer
    if resource.api:
        yield resource.api, 200 if may_view else 403
        # Refused before the lookup: without the permission nobody learns whether it exists.
        detail = (404 if other_customers else 200) if may_view else 403
        yield resource.api_detail(record), detail
    if resource.page:
        yield resource.page, 200 if may_view else 404
        page_detail = resource.page_detail(record)
        if page_detail != resource.page:  # a record with a page of its own
            yield page_detail, 200 if may_view and not other_customers else 404


class Clients:
    """One API client and one logged-in browser per persona, made when first asked for."""

    def __init__(self, people):
        self.people = people
        self._made = {}

    def get(self, persona, url):
        kind = "api" if url.startswith("/api/") else "web"
        if (persona, kind) not in self._made:
            user = getattr(self.people, persona)
            self._made[persona, kind] = api(user) if kind == "api" else browser(user)
        return self._made[persona, kind].get(url)


def listed_rows(url, response):
    """Return the ids a list answer shows (API results, or the rows of a list page)."""
    if url.startswith("/api/"):
        return listed_ids(response)
    return {row.pk for row in response.context["page"]}


def not_of_customer(resource, ids, customer_id):
    """Return those of ``ids`` that are not records of the customer ``customer_id``."""
    lookup = getattr(resource.model, "customer_lookup", None)
    if lookup is None:  # a kind of record no customer owns: none may be shown to a contact
        return set(ids)
    rows = resource.model._default_manager.filter(pk__in=ids)
    return set(ids) - set(rows.filter(**{lookup: customer_id}).values_list("pk", flat=True))


@pytest.mark.parametrize("resource", READABLE)
def test_every_persona_reads_what_its_role_is_granted(people, resource):
    record = resource.make(people)  # of a customer of its own, never the contact's
    if resource.own:
        resource.own(people)  # so the contact's lists have a row they must show
    perm = view_perm(resource)
    lists = {resource.api, resource.page}
    contact_customer = customer_id_of(people.contact)
    clients = Clients(people)
    wrong = []
    for persona in ALL_PERSONAS:
        user = getattr(people, persona)
        may_view = granted(persona, perm)
        # The stored role must say what the declaration says, or the matrix tests the wrong thing.
        assert can(user, perm) == may_view, f"{persona}'s role does not hold {perm} as declared"
        for url, expected in expected_reads(resource, record, persona, may_view):
            response = clients.get(persona, url)
            where = f"{resource} as {persona}: GET {url}"
            if response.status_code != expected:
                wrong.append(f"{where} → {response.status_code}, expected {expected}")
            elif persona == "contact" and expected == 200 and url in lists:
                foreign = not_of_customer(resource, listed_rows(url, response), contact_customer)
                if foreign:
                    wrong.append(f"{where} lists {sorted(foreign)} of another customer")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("resource", READABLE)
def test_a_resource_names_no_persona_without_view_that_the_grants_let_see(resource):
    """A declaration's ``no_view`` is the few personas its area means to keep out, and must
    stay true: a grant later given to one of them shows here. It may name fewer than the grants
    deny; the matrix above asks every persona anyway, so a full copy would only repeat the
    grants in a second list to keep in step."""
    seeing = {p for p in resource.no_view if granted(p, view_perm(resource))}
    assert seeing == set(), f"{resource}: the grants let {sorted(seeing)} see it"


# --- writing -------------------------------------------------------------------------------


@contextmanager
def permissions_required_of(user):
    """Collect the permissions ``require`` checks of ``user`` while the block runs.

    ``require`` looks ``can`` up in its module each call, so a stand-in there sees every check
    ``require`` makes, however the verb imported ``require``; calls of ``can`` from anywhere
    else (menus, serializers asking what to show) are not requirements and are left out.
    """
    seen = set()
    real_can = permissions.can

    def watching_can(who, perm, obj=None):
        if sys._getframe(1).f_code is permissions.require.__code__ and who.pk == user.pk:
            seen.add(perm)
        return real_can(who, perm, obj)

    with mock.patch.object(permissions, "can", watching_can):
        yield seen


def required_permissions(people, resource, write):
    """Make the write as its permitted persona on a record of its own; return what it required."""
    user = getattr(people, write.allowed)
    record = resource.make(people)
    client = client_for(write, user)
    with permissions_required_of(user) as required:
        response = write.call(client, record)
    assert response.status_code in write.allowed_status, (
        f"{resource} {write.name} as {write.allowed} → {response.status_code}: "
        f"{response.content[:300]!r}"
    )
    return {view_perm(resource), *required}


def refused_personas(resource, write, required):
    """Every persona lacking one of the required permissions, and those the write names."""
    lacking = {p for p in ALL_PERSONAS if not all(granted(p, perm) for perm in required)}
    return sorted(lacking | set(write.denied))


def _stored(resource, record):
    return resource.model.objects.filter(pk=record.pk).values().get()


@pytest.mark.parametrize("resource", WITH_WRITES)
def test_every_persona_without_the_grant_is_refused_each_write(people, resource):
    wrong = []
    for write in resource.writes:
        required = required_permissions(people, resource, write)
        refused = refused_personas(resource, write, required)
        assert write.allowed not in refused, f"{resource} {write.name}: {write.allowed} lacks it"
        record = resource.make(people)
        for persona in refused:
            client = client_for(write, getattr(people, persona))  # persona made before counting
            stored, entries = _stored(resource, record), AuditEntry.objects.count()
            status = write.call(client, record).status_code
            where = f"{resource} {write.name} as {persona}"
            if status not in write.denied_status:
                wrong.append(f"{where} → {status}, expected one of {write.denied_status}")
            if _stored(resource, record) != stored:
                wrong.append(f"{where} changed the record")
            if AuditEntry.objects.count() != entries:
                wrong.append(f"{where} wrote an audit entry")
    assert not wrong, "\n".join(wrong)
