"""OpenAPI post-processing: the schema states what the API really answers.

Every operation documents its refusals (400/401/403/404/409 with the error body), and an edit
(PATCH/PUT) of a versioned record declares ``version`` as required, as the API enforces it.
"""

import ast
import inspect
import textwrap

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular import openapi
from rest_framework.serializers import BaseSerializer

ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "A refusal: 'detail' for the whole request, or the messages of each field: a list of "
        "messages, or for a field holding rows the messages of each row under its index."
    ),
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "additionalProperties": {"anyOf": [{"type": "array"}, {"type": "object"}]},
}
REFUSALS = {
    "400": "Bad input: a message per field (or 'detail').",
    "401": "Not logged in, or the token is invalid or expired.",
    "403": "Not permitted for your role.",
    "404": "Not found, or not yours to see.",
    "409": "Someone else changed the record first (stale version) or its state forbids this.",
    "415": "The body is in a format the operation does not take (see its request body).",
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def refusals_for(path, method):
    """Return the refusal status codes an operation on ``path`` can answer."""
    # 400 everywhere: a bad body, or a bad filter parameter (filters apply to a record's own
    # URL and its sub-lists too). 404 everywhere: a record not yours to see, a page number
    # past the end of a list, or a record a body refers to that does not exist.
    codes = ["400", "401", "403", "404"]
    if method in WRITE_METHODS and "{" in path:
        codes.append("409")
    if method in WRITE_METHODS:
        codes.append("415")
    return codes


def document_refusals(result, generator, request, public):
    """Add the error component and the refusals, and require ``version`` in edits."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in refusals_for(path, method):
                responses.setdefault(code, {"description": REFUSALS[code], "content": error})
            if method in ("put", "patch"):
                require_version_in(operation, components)
    return result


def require_version_in(operation, components):
    for media in operation.get("requestBody", {}).get("content", {}).values():
        ref = media.get("schema", {}).get("$ref", "")
        component = components.get(ref.rsplit("/", 1)[-1]) if ref else None
        if component and "version" in component.get("properties", {}):
            required = component.setdefault("required", [])
            if "version" not in required:
                required.append("version")
            operation["requestBody"]["required"] = True


def answer_blank_and_null_as_stored(field):
    """Let a read-only field of a record answer "" or null where its model column holds them.

    DRF drops ``allow_blank`` and ``allow_null`` from read-only model fields, so the schema
    would promise a choice or a number where an unset value really answers "" or null. A
    field read through a relation (``complaint.number``) is null where the relation may be.
    """
    columns = columns_of(field)
    if not columns:
        return
    if any(column.null for column in columns):
        field.allow_null = True
    if columns[-1].blank and hasattr(field, "allow_blank"):
        field.allow_blank = True


def columns_of(field):
    """Return the model columns ``field`` reads, relation by relation; [] when not columns."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    source = getattr(field, "source", "")
    if model is None or not source or source == "*":
        return []
    columns = []
    for name in source.split("."):
        try:
            column = model._meta.get_field(name)
        except FieldDoesNotExist:
            return []
        if not column.concrete:  # a reverse relation or a property
            return []
        columns.append(column)
        model = column.related_model
    return columns


def validated_serializer(view):
    """Return the serializer class the view's current action passes to ``self.validated``.

    Actions validate their body with ``self.validated(SomeSerializer)``, directly, through a
    helper of the view (``self._step(...)``), or by handing the class to such a helper
    (``self._do(NoteSerializer, …)``); reading those calls keeps the documented request body
    the one the code checks, without declaring it twice.
    """
    return _validated_in(type(view), getattr(view, "action", "") or "", depth=2)


def _validated_in(view_class, name, depth):
    function = getattr(view_class, name, None)
    function = getattr(function, "__wrapped__", function)
    if function is None or depth < 0:
        return None
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return None
    namespace = function.__globals__
    helpers = []
    for node in ast.walk(tree):
        if not _is_self_call(node):
            continue
        if node.func.attr == "validated" and node.args:
            return _resolve(node.args[0], namespace)
        handed = [_resolve(arg, namespace) for arg in node.args]
        handed = [c for c in handed if isinstance(c, type) and issubclass(c, BaseSerializer)]
        if handed:
            return handed[0]
        helpers.append(node.func.attr)
    for helper in helpers:
        found = _validated_in(view_class, helper, depth - 1)
        if found is not None:
            return found
    return None


def _is_self_call(node):
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
    )


def _resolve(node, namespace):
    """Return the object a Name or a dotted Attribute of the function's module names."""
    if isinstance(node, ast.Name):
        return namespace.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, namespace)
        return getattr(owner, node.attr, None) if owner is not None else None
    return None


class AutoSchema(openapi.AutoSchema):
    """The schema class of the API: request bodies come from the action's own validation, and
    a record a customer contact receives in another shape is documented in both shapes."""

    def get_request_serializer(self):
        return validated_serializer(self.view) or super().get_request_serializer()

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if direction == "response" and field.read_only:
            answer_blank_and_null_as_stored(field)
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        portal = self._portal_shape_of(serializer)
        if portal is None or "content" not in response:
            return response
        other = super()._get_response_for_code(portal, status_code, media_types, direction)
        for media_type, content in response["content"].items():
            shapes = [content["schema"], other["content"][media_type]["schema"]]
            content["schema"] = {"anyOf": shapes}
        return response

    def _portal_shape_of(self, serializer):
        """Return the portal serializer class a contact gets where staff get ``serializer``."""
        portal = getattr(self.view, "portal_serializer_class", None)
        if portal is None or serializer is None or isinstance(serializer, dict):
            return None
        serializer = getattr(serializer, "child", serializer)  # many=True
        staff = serializer if isinstance(serializer, type) else type(serializer)
        if staff is portal or staff is not self.view.get_serializer_class():
            return None
        return portal
