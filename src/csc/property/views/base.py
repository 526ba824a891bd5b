"""Helpers shared by the customer-property pages."""

from django.contrib import messages
from django.shortcuts import get_object_or_404

from csc.core.errors import ActionError
from csc.core.permissions import restrict
from csc.core.views import flash_error, flash_form_errors, require_page


def visible(request, model, pk, related=()):
    """Return the record if the user may see it, else 404 (nobody learns it exists)."""
    queryset = restrict(model.objects.select_related(*related), request.user)
    return get_object_or_404(queryset, pk=pk)


# The pages of this area were written with this name for core's page permission check.
needs = require_page


def filtered(filter_class, request, queryset, default_order):
    """Return (filterset, rows): the filtered rows when the query is valid, else all in order."""
    filterset = filter_class(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and filterset.is_valid():
        rows = filterset.qs
        if not request.GET.get("ordering"):
            rows = rows.order_by(*default_order)
        return filterset, rows
    return filterset, queryset.order_by(*default_order)


def run(request, form, call, success):
    """Validate a small form and run its verb; problems become page messages. Returns the
    verb's result, or None when it was refused."""
    if not form.is_valid():
        flash_form_errors(request, form)
        return None
    try:
        result = call(form.cleaned_data)
    except ActionError as error:
        flash_error(request, error)
        return None
    messages.success(request, success)
    return result
