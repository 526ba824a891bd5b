"""CSC's URLs plus the floor pages of the side-by-side run.

A floor page runs the real view (the same filter, pager, permission checks, context
processors and form choices, hence the same queries) but prints its rows as bare HTML instead
of rendering the page's template: how fast the page could be with no layout at all. The
harness checks that each floor sends the same number of queries as its page.
"""

from unittest import mock

from django.db.models import QuerySet
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils.html import escape

from csc.complaints.views import detail, ledger
from csc.core.templatetags.csc import saved_views
from csc.urls import urlpatterns as csc_urlpatterns

# Rendered with the request, so the context processors (navigation, unread count) still run;
# the user and department are what every page's header prints.
BARE = engines["django"].from_string(
    "<!DOCTYPE html><title>floor</title>{{ user }} {{ user.department }} "
    "{{ nav_sections|length }} {{ unread_count }} "
    "{{ mail_trouble }} {{ demo_loading }}<table>{{ rows }}</table>"
)


def _bare(request, context, rows):
    cells = "".join(
        "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows
    )
    return HttpResponse(BARE.render({"rows": cells}, request))


def _choices(form, hidden=(), widgets=False):
    """Read a form's choice lists: queries the page sends when it prints the form. With
    ``widgets``, also what Django's own widget rendering reads (a Select looks at its first
    choice for the required attribute: the list once more)."""
    for field in form:
        if field.name in hidden:
            continue
        for _choice in getattr(field.field, "choices", ()):  # not list(): it would COUNT first
            pass
        if widgets:
            field.field.widget.use_required_attribute(field.initial)


def _ledger_rows(request, template, context):
    _choices(context["filter"].form, context["hidden_filters"])
    if context["bulk_form"] is not None:
        _choices(context["bulk_form"], widgets=True)  # printed by Django's widgets
    saved_views({"request": request})  # the list's saved views, read by the page's header
    return _bare(
        request,
        context,
        [
            (
                c.number,
                f"{c.received_at:%Y-%m-%d %H:%M}",
                c.customer.name,
                c.product.code if c.product else "",
                c.lot,
                c.get_category_display(),
                c.get_severity_display(),
                c.get_status_display(),
                ", ".join(c.missed),
                c.department or "–",
                c.replied_at or c.reply_due_at,
            )
            for c in context["page"]
        ],  # fmt: skip
    )


def _detail_rows(request, template, context):
    complaint = context["complaint"]
    if context["may"]["assess"]:  # the one form with a list from the database, when shown
        _choices(context["forms"]["accept"])
    rows = [
        (complaint.number, complaint.customer.name, complaint.get_status_display(),
         complaint.description, complaint.department or "–")
    ]  # fmt: skip
    for name, value in context.items():
        if isinstance(value, QuerySet):
            value = list(value)
        if isinstance(value, list):
            rows.append((name, len(value)))
    return _bare(request, context, rows)


def ledger_floor(request):
    with mock.patch.object(ledger, "render", _ledger_rows):
        return ledger.complaint_list(request)


def detail_floor(request, pk):
    with mock.patch.object(detail, "render", _detail_rows):
        return detail.complaint_detail(request, pk)


urlpatterns = [
    path("bench-floor/complaints/", ledger_floor),
    path("bench-floor/complaints/<int:pk>/", detail_floor),
    *csc_urlpatterns,
]
