"""Fuzzing the live OpenAPI schema: no request, however odd, gets a 5xx or an answer the schema
does not describe.

schemathesis generates requests for every operation of the schema, valid ones and ones that
break it, as a staff user holding every role and as a customer contact, with a fixed seed
(derandomized) and CSC_FUZZ_EXAMPLES examples per operation, user and kind (1 in ``make
test``, 11 in ``make fuzz``: over 10,000 calls). Each answer is checked for a server error, for
its status code being one the operation documents, for its content type, and for its body
matching the documented response schema.

Every call runs in a savepoint that is rolled back, so the calls share one database set up
once (a test per operation would set it up hundreds of times) and a write of one example never
changes what the next one meets.
"""

import json
import os

import pytest
import schemathesis
from django.contrib.auth.models import Group
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode, checks

from csc.core.choices import Role
from csc.testing import People, make_user

EXAMPLES = int(os.environ.get("CSC_FUZZ_EXAMPLES", "1"))
CHECKS = (
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
)
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def live_schema():
    """Return the OpenAPI schema exactly as /api/schema/ serves it."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


def fuzzed():
    from csc.wsgi import application

    loaded = schemathesis.openapi.from_dict(live_schema())
    loaded.app = application
    return loaded


@pytest.fixture
def tokens(db):
    staff = make_user("fuzz-staff", Role.SALES, "marketing")
    staff.groups.add(*Group.objects.all())  # every role: every operation is reachable
    people = People()
    contact = people.contact
    with_records(people)
    return {
        "staff": Token.objects.get_or_create(user=staff)[0].key,
        "contact": Token.objects.get_or_create(user=contact)[0].key,
    }


@pytest.fixture
def connection_kept():
    """Keep the test's database connection open across the calls, as Django's test client does.

    The calls go through the WSGI application, whose end-of-request signal closes a connection
    not in autocommit, i.e. the test transaction's on PostgreSQL.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("who", ["staff", "contact"])
def test_no_request_gets_a_server_error_or_an_answer_the_schema_does_not_describe(
    tokens, connection_kept, who, mode
):
    schema = fuzzed()
    operations = [result.ok() for result in schema.get_all_operations()]
    failures, calls = {}, 0
    for operation in operations:
        calls += fuzz(operation, mode, tokens[who], failures)
        record = a_record_of(operation, tokens[who]) if mode == GenerationMode.POSITIVE else None
        if record is not None:  # the same operation on a record that exists, not only on 404s
            calls += fuzz(operation, mode, tokens[who], failures, {"id": record})
    assert not failures, "\n\n".join(failures.values())
    assert len(operations) > 100  # the schema is whole
    # Every operation takes valid requests; most also invalid ones (not one without parameters).
    assert calls >= len(operations) * (1 if mode == GenerationMode.POSITIVE else EXAMPLES / 2)
    print(f"\n{who}, {mode.value}: {calls} calls to {len(operations)} operations, as documented")


def with_records(people):
    """Make a record of every declared resource, and one of the contact's own customer where
    the area declares it: lists then answer with rows, whose shape is checked too."""
    from .resource_base import collect_resources

    for resource in collect_resources():
        resource.make(people)
        if resource.own is not None:
            resource.own(people)


def a_record_of(operation, token):
    """Return the id of a record the operation's ``{id}`` can name for the token's user (the
    contact's own where it has one), or None."""
    from csc.core.permissions import restrict
    from csc.urls import router

    if "{id}" not in operation.path:
        return None
    prefix = operation.path.split("/")[3]  # /api/v1/<prefix>/{id}/…
    viewsets = [viewset for name, viewset, _basename in router.registry if name == prefix]
    if not viewsets:
        return None
    user = Token.objects.get(key=token).user
    model = viewsets[0].queryset.model
    mine = restrict(model.objects.order_by("pk"), user).first()
    record = mine or model.objects.order_by("pk").first()
    return record.pk if record else None


def fuzz(operation, mode, token, failures, path_parameters=None):
    """Call ``operation`` with generated requests (valid ones, or ``mode`` NEGATIVE: requests
    that break the schema), on the record ``path_parameters`` name if given; note the first
    failure of each check."""
    calls = 0

    @given(case=operation.as_strategy(mode, path_parameters=path_parameters))
    @FUZZ
    def call(case):
        nonlocal calls
        calls += 1
        with transaction.atomic():
            response = case.call(headers={"Authorization": f"Token {token}"})
            transaction.set_rollback(True)
        for check in CHECKS:
            key = f"{operation.label}: {check.__name__}"
            if key not in failures:
                failure = failure_of(case, response, check)
                if failure:
                    failures[key] = f"{key}\n{failure}"

    try:
        call()
    except Unsatisfiable:  # nothing of the operation can be made invalid (no parameters)
        assert mode == GenerationMode.NEGATIVE
    return calls


def failure_of(case, response, check):
    """Return what ``check`` found wrong with the answer, or an empty string."""
    try:
        case.validate_response(response, checks=[check])
    except (AssertionError, BaseExceptionGroup) as error:  # how schemathesis reports them
        return str(error)[:2000]
    return ""
