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
    # A field of the record may be named like these two (a survey template's "code").
    "properties": {
        "detail": {"anyOf": [{"type": "string"}, {"type": "array"}]},
        "code": {"anyOf": [{"type": "string"}, {"type": "array"}]},
    },
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


# What an action reads and answers is read from its code, so the schema cannot drift from it:
# the action's own lines and those of the view helpers it calls (``self._step(...)``).
HELPER_DEPTH = 2


def validated_serializer(view):
    """Return the serializer class the view's current action passes to ``self.validated``,
    directly, through a helper, or by handing the class to a helper (``self._do(X, …)``)."""
    for node, namespace in action_code(view):
        if _is_self_call(node) and node.func.attr == "validated" and node.args:
            return _resolve(node.args[0], namespace)
        if _is_self_call(node):
            handed = [_serializer_class(arg, namespace) for arg in node.args]
            if any(handed):
                return next(c for c in handed if c)
    return None


def answered_serializer(view):
    """Return X of ``Response(X(…).data, …)`` in the current action, or None."""
    for node, namespace in action_code(view):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Response":
            body = node.args[0] if node.args else None
            made = body.value if isinstance(body, ast.Attribute) and body.attr == "data" else None
            found = _serializer_class(made.func, namespace) if isinstance(made, ast.Call) else None
            if found:
                many = any(k.arg == "many" and getattr(k.value, "value", 0) for k in made.keywords)
                return found(many=True) if many else found
    return None


def answers_a_page(view):
    """Return True when the current action answers a page of a list (``list``, or a
    sub-list through ``get_paginated_response``), not a plain list or one record."""
    return getattr(view, "action", None) == "list" or any(
        _is_self_call(node) and node.func.attr == "get_paginated_response"
        for node, _namespace in action_code(view)
    )


def answers_created(view):
    """Return True when the view's current action answers with ``status=201``."""
    return any(
        isinstance(node, ast.keyword)
        and node.arg == "status"
        and isinstance(node.value, ast.Constant)
        and node.value.value == 201
        for node, _namespace in action_code(view)
    )


def action_code(view):
    """Yield (node, module names) of the current action and of the view helpers it calls."""
    seen = set()

    def walk(name, depth):
        function = getattr(type(view), name, None)
        function = getattr(function, "__wrapped__", function)
        if function is None or name in seen or depth < 0:
            return
        seen.add(name)
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
        except (OSError, TypeError, SyntaxError):
            return
        helpers = []
        for node in ast.walk(tree):
            yield node, function.__globals__
            if _is_self_call(node):
                helpers.append(node.func.attr)
        for helper in helpers:
            yield from walk(helper, depth - 1)

    yield from walk(getattr(view, "action", "") or "", HELPER_DEPTH)


def _serializer_class(node, namespace):
    found = _resolve(node, namespace)
    return found if isinstance(found, type) and issubclass(found, BaseSerializer) else None


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

    def get_response_serializers(self):
        return answered_serializer(self.view) or super().get_response_serializers()

    def _get_paginator(self):
        return super()._get_paginator() if answers_a_page(self.view) else None

    def _is_create_operation(self):
        """A step that adds a sub-record (a question, a check, a reply) answers 201 too."""
        return super()._is_create_operation() or answers_created(self.view)

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
        model = getattr(getattr(staff, "Meta", None), "model", None)
        if staff is portal or model is not portal.Meta.model:
            return None  # the same shape, or an answer that is not the record (a reply, a file)
        return portal
