"""Declarations for the generated resource tests: an area lists its resources, the tests follow.

Each area declares ``resources`` in its contract (by default ``csc.<app>.tests.resources``
with ``RESOURCES = [Resource(...), …]``);
``csc.core.tests.test_resources`` collects them and checks, for every one, that anonymous
callers must log in, the audit entry of each declared write, query counts that do not grow with
the rows, and that a customer contact sees only their own customer's records.
``csc.core.tests.test_access_matrix`` asks every persona for every resource and write and takes
the expected answer from the roles' declared grants.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.test import Client

from csc.core.models import AuditEntry
from csc.testing import api


@dataclass(frozen=True)
class Write:
    """A change a persona makes through the API or a page: ``call(client, obj)`` → response.

    ``allowed`` is the persona who may make it; each persona in ``denied`` must be refused with
    one of ``denied_status`` and leave no trace. The access matrix refuses, besides, every
    persona whose role lacks a permission the write requires of ``allowed``, so ``denied`` need
    only name those a permission does not keep out (another department's head, the wrong
    section, …). Pages that report a refusal as a message redirect back (302) instead of
    answering 403/404.
    """

    name: str
    call: Callable
    allowed: str
    denied: tuple = ("outsider",)
    via: str = "api"  # "api": token client; "web": logged-in browser session
    allowed_status: tuple = (200, 201, 302)
    denied_status: tuple = (403, 404)


@dataclass(frozen=True)
class Resource:
    """One kind of record with its API endpoint, its list page and how to make test rows.

    ``make(people)`` creates one record (of a fresh customer, so rows never share one);
    ``add_related(obj, n)`` gives the record n related rows shown on its detail page and
    endpoint; ``own(people)`` returns a record of the contact persona's own customer.
    """

    name: str
    model: type
    make: Callable
    viewer: str  # a persona who may see the records
    api: str = ""  # list endpoint, e.g. "/api/v1/customers/"
    page: str = ""  # list page, e.g. "/customers/"
    # Personas the area means to keep out (the access matrix checks each lacks the view
    # permission, and asks every other persona too).
    no_view: tuple = ("outsider",)
    writes: tuple = field(default_factory=tuple)
    add_related: Callable | None = None
    own: Callable | None = None

    def __str__(self):
        return self.name

    def api_detail(self, obj):
        return f"{self.api}{obj.pk}/"

    def page_detail(self, obj):
        return obj.get_absolute_url()

    def make_many(self, people, count):
        return [self.make(people) for _ in range(count)]


@dataclass(frozen=True)
class ListedResource(Resource):
    """A kind of record managed on its list page alone (no page of its own): the generic page
    tests check that list page where they would open a record's page."""

    def page_detail(self, obj):
        return self.page


def collect_resources():
    """Return every Resource declared by a CSC app in ``<app>.tests.resources``."""
    from csc.core import areas

    found = []
    for _label, resources in areas.each("resources"):
        found.extend(resources)
    return found


def browser(user):
    """Return a Django test client logged in as ``user`` (anonymous if None)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def client_for(write, user):
    return api(user) if write.via == "api" else browser(user)


def entries_about(obj):
    """Return the audit entries written about ``obj``."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    )


def listed_ids(response):
    """Return the ids in a paginated API list response."""
    return {row["id"] for row in response.json()["results"]}
