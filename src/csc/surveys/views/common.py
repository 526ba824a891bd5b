"""Small helpers shared by the survey pages."""

from django.shortcuts import get_object_or_404

from csc.core.permissions import restrict
from csc.core.views import require_page


def visible(request, model, pk, related=()):
    """Return the record if the user may see it, else 404 (nobody learns it exists)."""
    return get_object_or_404(restrict(model.objects.select_related(*related), request.user), pk=pk)


# The pages of this area were written with this name for core's page permission check.
require_view = require_page


def filtered(filterset_class, request, queryset, default_order):
    """Return (filterset, queryset filtered by it, or ordered by default when unfiltered)."""
    filterset = filterset_class(request.GET or None, queryset=queryset)
    if filterset.is_bound and filterset.is_valid():
        return filterset, filterset.qs
    return filterset, queryset.order_by(*default_order)
