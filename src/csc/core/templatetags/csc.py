"""Template helpers shared by every area."""

from django import forms, template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.forms.utils import flatatt
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ..choices import Role
from ..dashboard import shown_count
from ..units import unit_label

register = template.Library()


@register.simple_tag
def change_rows(entry, reader):
    """The rows of an audit entry as ``reader`` may see them (private fields masked)."""
    return entry.change_rows(reader)


@register.filter
def queue_count(count):
    """A home tile's count: exact, or "999+" for a queue longer than the tile counts."""
    return shown_count(count)


@register.filter
def content_type_id(obj):
    return ContentType.objects.get_for_model(obj).pk


@register.filter
def unit(code):
    """Return a unit of measure in the active language ("pcs" reads 件 in Chinese)."""
    return unit_label(code)


@register.filter
def role_label(code):
    """Return the translated name of a role code (custom roles show as they are named)."""
    try:
        return Role(code).label
    except ValueError:
        return code


@register.simple_tag(takes_context=True)
def sort_link(context, field, label):
    """Return a query string that sorts by ``field``, toggling direction when already sorted."""
    request = context["request"]
    params = request.GET.copy()
    current = params.get("ordering", "")
    params["ordering"] = f"-{field}" if current == field else field
    params.pop("page", None)
    arrow = " ▲" if current == field else " ▼" if current == f"-{field}" else ""
    return format_html('<a href="?{}">{}{}</a>', params.urlencode(), label, arrow)


@register.inclusion_tag("core/partials/saved_views.html", takes_context=True)
def saved_views(context):
    """The list page's saved views: the user's own and those shared with their department."""
    from django.db.models import Q

    from csc.core.models import SavedView

    request = context["request"]
    user = request.user
    shared = Q(department_id=user.department_id) if user.department_id else Q(pk__in=[])
    views = SavedView.objects.filter(Q(owner=user) | shared, path=request.path)
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    views = list(views.select_related("owner")[:30])
    return {
        "views": views,
        "path": request.path,
        "query": query,
        "current": next((v for v in views if v.query == query), None),
        "user": user,
        "may_share": user.department_id is not None,
        "csrf_token": context.get("csrf_token"),
    }


# A record id no URL holds: reversed in its place, it marks where each row's id goes.
_MARK = "8080808080808"
_url_halves = {}


@register.filter
def row_url(pk, name):
    """Return the URL named ``name`` of the record ``pk``: ``{{ c.pk|row_url:"complaints:detail" }}``.

    Reversing a name costs 30–60 µs, about a fifth of a ledger row: the name is reversed once
    (per URL configuration and prefix) and each row's URL is then its id put in place.
    """
    key = (name, settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    halves = _url_halves.get(key)
    if halves is None:
        halves = _url_halves[key] = tuple(reverse(name, args=[_MARK]).split(_MARK))
    if len(halves) != 2:
        return reverse(name, args=[pk])  # the mark showed up twice: reverse as usual
    return f"{halves[0]}{pk}{halves[1]}"


@register.simple_tag
def bulk_tick(row=None):
    """The tick box of one ledger row for the bulk form, or with no row the header's tick-all.

    A tag, not an include: an include pushes a context and renders a template per row, which
    on a ledger page of 25 rows cost as much as the rest of the row.
    """
    if row is None:
        return format_html('<th><input type="checkbox" data-check-all="selected" aria-label="{}"></th>', _("Tick all"))  # fmt: skip
    return format_html('<td><input type="checkbox" name="selected" value="{}" form="bulk-form" aria-label="{}"></td>', row.pk, row.number)  # fmt: skip


@register.simple_tag
def quick_field(field):
    """Render a filter bar's select or input directly, as Django would, without its templates.

    Django renders each widget, each <option> and each attribute list through templates; for
    the filter bar of a list page that is about a third of the page's time. Other widgets
    (ranges, radio buttons, option groups) render as usual.
    """
    widget = field.field.widget
    attrs = {**field.build_widget_attrs(widget.attrs), "name": field.html_name}
    if field.auto_id:
        attrs["id"] = field.auto_id
    if isinstance(widget, forms.Select):
        # Once: a model choice runs its query on every pass. Through iter(): list() of the
        # choices themselves asks their length first, a COUNT query of its own.
        choices = list(iter(widget.choices))
        if not any(isinstance(label, list | tuple) for _value, label in choices):
            return _quick_select(widget, choices, attrs, field.value())
    if isinstance(widget, forms.widgets.Input):
        value = widget.format_value(field.value())
        attrs = {"type": widget.input_type, **attrs, **({"value": value} if value else {})}
        return format_html("<input{}>", flatatt(attrs))
    return field.as_widget()


def _quick_select(widget, choices, attrs, value):
    chosen = widget.format_value(value)
    chosen = {chosen} if isinstance(chosen, str) else set(chosen)  # yes/no/unknown: one string
    if widget.allow_multiple_selected:
        attrs["multiple"] = True
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((str(key), " selected" if str(key) in chosen else "", label) for key, label in choices),
    )
    return format_html("<select{}>{}</select>", flatatt(attrs), options)
