"""Classes named in REST_FRAMEWORK settings; kept apart from views to avoid an import cycle."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from .errors import ActionError
from .permissions import perm_name


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
