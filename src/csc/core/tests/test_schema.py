"""The OpenAPI schema tells a generated client what the API answers, and only users see it."""

import pytest
from django.test import Client


@pytest.fixture
def schema(people):
    client = Client()
    client.force_login(people.sales)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_and_the_api_docs_require_a_login(db):
    for url in ("/api/schema/", "/api/docs/", "/api/redoc/"):
        assert Client().get(url).status_code in (401, 403), url


def test_every_edit_declares_the_version_it_requires(schema):
    components = schema["components"]["schemas"]
    edits = [
        (path, op)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if method == "patch"
    ]
    assert edits
    for path, operation in edits:
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        component = components[ref.rsplit("/", 1)[-1]]
        if "version" in component["properties"]:
            assert "version" in component.get("required", []), path
            assert "409" in operation["responses"], path


def test_every_operation_documents_its_refusals(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            # A page past the end of a list is a 404, a bad filter a 400, on any operation.
            assert {"400", "401", "403", "404"} <= codes, (method, path)


def test_the_schema_gives_every_component_one_name_and_every_field_a_type(db):
    """Two serializers under one component name make one of them wrong in a generated client;
    a field of unknown type is documented as a string whatever it holds."""
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        SchemaGenerator().get_schema(request=None, public=True)
    # Enum names clashing across areas are renamed by drf-spectacular, correctly if not nicely.
    problems = [m for m in GENERATOR_STATS._warn_cache if "ENUM_NAME_OVERRIDES" not in m]
    assert problems == []


def test_records_a_contact_receives_in_their_own_shape_are_documented_in_both(schema):
    listed = schema["paths"]["/api/v1/complaints/"]["get"]["responses"]["200"]
    shapes = listed["content"]["application/json"]["schema"]["anyOf"]
    assert {shape["$ref"].rsplit("/", 1)[-1] for shape in shapes} == {
        "PaginatedComplaintList",
        "PaginatedPortalComplaintList",
    }
    portal = schema["components"]["schemas"]["PortalComplaint"]
    assert "assessment" not in portal["properties"]  # the internal analysis stays internal


def test_every_write_documents_the_body_it_reads(schema):
    """Found by reading each action's self.validated() call, also through the view's helpers
    (a recall step hands its serializer to one); only opening a CAPA takes no body."""
    without = [
        path
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in ("post", "put", "patch") and "requestBody" not in operation
    ]
    assert without and all(path.endswith("/open-capa/") for path in without), without
    notice = schema["paths"]["/api/v1/recalls/{id}/notices/"]["post"]["requestBody"]
    assert "party" in _body_properties(schema, notice)
    step = schema["paths"]["/api/v1/customer-admissions/{id}/approve/"]["post"]["requestBody"]
    assert "note" in _body_properties(schema, step)


def _body_properties(schema, body):
    ref = body["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"]


def test_steps_document_the_record_they_answer_with_and_201_when_they_add_one(schema):
    def answer(path, code):
        responses = schema["paths"][path]["post"]["responses"]
        return responses[code]["content"]["application/json"]["schema"]

    assert answer("/api/v1/complaints/{id}/disciplines/{code}/done/", "200") == {
        "$ref": "#/components/schemas/EightD"
    }
    assert answer("/api/v1/service-requests/{id}/answer/", "201") == {
        "$ref": "#/components/schemas/Message"
    }
    issued = answer("/api/v1/property-items/{id}/issue/", "201")  # the movements, no page
    assert issued == {"type": "array", "items": {"$ref": "#/components/schemas/Movement"}}
    assert "200" not in schema["paths"]["/api/v1/property-items/{id}/issue/"]["post"]["responses"]
