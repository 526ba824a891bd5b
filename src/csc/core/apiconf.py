"""Classes named in REST_FRAMEWORK settings; kept apart from views to avoid an import cycle."""

import json
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions, parsers, permissions
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from .errors import ActionError
from .permissions import perm_name


class TokenAuthentication(authentication.TokenAuthentication):
    """Token login that respects the lockout and the token's age.

    A user locked out after wrong passwords must not carry on through the API, and a token
    that leaked long ago stops working by itself (CSC['API_TOKEN_DAYS']).
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        if token_expired(token):
            raise exceptions.AuthenticationFailed(_("This API token has expired."))
        if AxesProxyHandler.is_locked(request._request, {"username": user.get_username()}):
            raise exceptions.AuthenticationFailed(
                _("This account is locked after too many failed logins.")
            )
        return result


def token_expired(token):
    days = settings.CSC["API_TOKEN_DAYS"]
    return bool(days) and token.created < timezone.now() - timedelta(days=days)


class RestrictedPermission(permissions.BasePermission):
    """Deny by default: the user must hold the model's ``view`` permission to use its endpoint.

    What each user may see is narrowed by ``restrict`` in the queryset, and every write is
    checked again by its action.
    """

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        model = getattr(view, "queryset", None)
        model = model.model if model is not None else None
        return model is None or user.has_perm(perm_name(model, "view"))


class JSONParser(parsers.JSONParser):
    """JSON with a size and a nesting limit: a deep or huge body is a 400, never a 500.

    Python's decoder recurses per level, so 100,000 nested lists exhaust the stack.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.CSC["API_JSON_MAX_BYTES"]
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise exceptions.ParseError(
                _("The JSON body is too large (at most %(limit)s bytes).") % {"limit": limit}
            )
        try:
            data = json.loads(raw.decode(self._encoding(parser_context)))
        except RecursionError:
            raise self._too_deep() from None  # deeper than the interpreter can follow
        except (ValueError, UnicodeDecodeError) as exc:
            message = _("The JSON body is not valid: %(error)s") % {"error": exc}
            raise exceptions.ParseError(message) from exc
        if json_depth(data) > settings.CSC["API_JSON_MAX_DEPTH"]:
            raise self._too_deep()
        return data

    def _encoding(self, parser_context):
        return (parser_context or {}).get("encoding", "utf-8")

    def _too_deep(self):
        limit = settings.CSC["API_JSON_MAX_DEPTH"]
        return exceptions.ParseError(
            _("The JSON body nests too deeply (at most %(limit)s levels).") % {"limit": limit}
        )


def json_depth(data):
    """Return how deeply lists and objects nest in ``data`` (0 for a plain value)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in children)
    return deepest


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def exception_handler(exc, context):
    """Turn refusals into 400/403/404/409 with translated messages; never a 500 for bad input."""
    if isinstance(exc, ActionError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=400)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(_("You do not have permission to do this."))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found, or not yours to see."))
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, context)
