"""Helpers of the order pages."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from csc.core.errors import ActionError
from csc.core.permissions import restrict
from csc.core.views import flash_error, flash_form_errors


def visible(request, model, pk, related=()):
    """Return the record if the user may see it; 404 otherwise (nobody learns it exists)."""
    queryset = restrict(model.objects.select_related(*related), request.user)
    return get_object_or_404(queryset, pk=pk)


def run(request, form, call, success=None):
    """Validate ``form`` and run ``call(cleaned_data)``; problems become page messages.

    Returns the verb's result, or None when the form or the verb refused.
    """
    if form is not None and not form.is_valid():
        flash_form_errors(request, form)
        return None
    try:
        result = call(form.cleaned_data if form is not None else {})
    except ActionError as error:
        flash_error(request, error)
        return None
    messages.success(request, success or _("Done."))
    return result


def pdf_response(data, filename):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
