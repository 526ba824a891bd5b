"""OpenAPI post-processing: the schema states what the API really answers.

Every operation documents its refusals (400/401/403/404/409 with the error body), and an edit
(PATCH/PUT) of a versioned record declares ``version`` as required, as the API enforces it.
"""

import ast
import inspect
import textwrap

from drf_spectacular import openapi

ERROR_SCHEMA = {
    "type": "object",
    "description": "A refusal: 'detail' for the whole request, or one list of messages per field.",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
REFUSALS = {
    "400": "Bad input: a message per field (or 'detail').",
    "401": "Not logged in, or the token is invalid or expired.",
    "403": "Not permitted for your role.",
    "404": "Not found, or not yours to see.",
    "409": "Someone else changed the record first (stale version) or its state forbids this.",
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def refusals_for(path, method):
    """Return the refusal status codes an operation on ``path`` can answer."""
    codes = ["401", "403"]
    if method in WRITE_METHODS or "{" not in path:
        codes.append("400")  # bad body, or bad filter parameters of a list
    if "{" in path:
        codes.append("404")
    if method in WRITE_METHODS and "{" in path:
        codes.append("409")
    return sorted(codes)


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


def validated_serializer(view):
    """Return the serializer class the view's current action passes to ``self.validated``.

    Actions validate their body with ``self.validated(SomeSerializer)``; reading that call
    keeps the documented request body the one the code checks, without declaring it twice.
    """
    function = getattr(type(view), getattr(view, "action", "") or "", None)
    function = getattr(function, "__wrapped__", function)
    if function is None:
        return None
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return None
    for node in ast.walk(tree):
        if _is_validated_call(node):
            return _resolve(node.args[0], function.__globals__)
    return None


def _is_validated_call(node):
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "validated"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
        and node.args
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
    """The schema class of the API: request bodies come from the action's own validation."""

    def get_request_serializer(self):
        return validated_serializer(self.view) or super().get_request_serializer()
