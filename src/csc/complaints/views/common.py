"""Helpers every complaint page uses."""

from django.contrib import messages
from django.shortcuts import get_object_or_404

from csc.core.errors import ActionError
from csc.core.permissions import restrict
from csc.core.views import flash_error, flash_form_errors


def visible(request, model, pk, related=()):
    """Return the record if the user may see it, else 404 (never a hint that it exists)."""
    queryset = restrict(model.objects.select_related(*related), request.user)
    return get_object_or_404(queryset, pk=pk)


def run_form(request, form, call, success):
    """Validate a step's form and run its verb; problems become page messages.

    Returns the verb's result, or None when the form or the verb refused.
    """
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


def version_of(request):
    value = request.POST.get("version")
    return value if value and value.isdigit() else None
