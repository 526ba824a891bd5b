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
            assert {"401", "403"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method in ("post", "patch", "put"):
                assert "400" in codes, (method, path)
