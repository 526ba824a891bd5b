"""The filter bars of the list pages render their fields without Django's widget templates
(``quick_field``, a third of a list page's time): what the browser receives must be what
Django's own rendering gives, for every field of every list's filters, empty and filled in."""

from importlib import import_module

import pytest
from django.apps import apps
from django.test import RequestFactory
from django.test.html import parse_html

from csc.core.filters import FilterSet
from csc.core.templatetags.csc import quick_field


def area_filtersets():
    """Every FilterSet the areas declare in their ``filters`` modules."""
    for config in apps.get_app_configs():
        if config.name.startswith("csc."):
            try:
                import_module(f"{config.name}.filters")
            except ModuleNotFoundError:
                continue
    found, pending = [], list(FilterSet.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.endswith(".filters") and cls._meta.model is not None:
            found.append(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


FILTERSETS = [pytest.param(cls, id=cls.__name__) for cls in area_filtersets()]


def filled_in(form):
    """A value for every field: the last offered choice of a select, a text elsewhere."""
    data = {}
    for field in form:
        choices = list(getattr(field.field, "choices", ()))
        if choices:
            data[field.html_name] = str(choices[-1][0])
        elif "date" in getattr(field.field.widget, "input_type", ""):
            data[field.html_name] = "2026-03-01"
        else:
            data[field.html_name] = "漏水 A&B"
    return data


def assert_rendered_alike(form):
    for field in form:
        assert parse_html(str(quick_field(field))) == parse_html(field.as_widget()), field.name


@pytest.mark.parametrize("filterset_class", FILTERSETS)
def test_every_filter_field_renders_as_django_renders_it(people, filterset_class):
    request = RequestFactory().get("/")
    request.user = people.administrator
    queryset = filterset_class._meta.model.objects.all()
    empty = filterset_class(None, queryset=queryset, request=request).form
    assert_rendered_alike(empty)
    filled = filterset_class(filled_in(empty), queryset=queryset, request=request).form
    assert_rendered_alike(filled)


def test_every_area_with_a_list_filters_through_the_bounded_filterset():
    modules = {cls.__module__.split(".")[1] for cls in area_filtersets()}
    assert {"aftersales", "recalls", "service", "complaints", "orders", "property"} <= modules
