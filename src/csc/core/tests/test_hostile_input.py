"""Hostile input is refused with a message, never a 500 (issue 10 item 2, issue 11 item 7).

The filter test is generated from the declared resources: every filter parameter of every API
collection and list page gets out-of-range and wrong-type values, and must answer 200 (the
page shows the field's message) or 400 (the API names the parameter).
"""

import json

import pytest
from django import forms
from django.urls import resolve

from csc.core.filters import FilterBackend
from csc.testing import api

from .resource_base import browser, collect_resources

RESOURCES = collect_resources()
WITH_API = [pytest.param(r, id=r.name) for r in RESOURCES if r.api]
WITH_PAGE = [pytest.param(r, id=r.name) for r in RESOURCES if r.page]

# Every parameter gets the first; number and date parameters their out-of-range values too.
WRONG_TYPE = ["abc", "9" * 20]
OUT_OF_RANGE = {
    forms.DateField: ["2026-02-30", "0001-01-01", "9999-12-31"],
    forms.DecimalField: ["0", "99999", "-1e400", "-" + "9" * 20],
}


def hostile_values(filter_):
    """Return the values to try on ``filter_`` (None: a parameter every collection takes)."""
    field_class = filter_.field_class if filter_ is not None else forms.DecimalField
    extra = [
        v for kind, values in OUT_OF_RANGE.items() if issubclass(field_class, kind) for v in values
    ]
    return WRONG_TYPE + extra


GENERIC_PARAMETERS = ["page", "page_size", "ordering", "format"]


def api_filters(url):
    """Return the filters (by query parameter) of the collection at ``url``."""
    view_class = resolve(url.split("?")[0]).func.cls
    view = view_class(action="list", format_kwarg=None)
    filterset_class = FilterBackend().get_filterset_class(view, view_class.queryset)
    return dict(filterset_class.base_filters) if filterset_class else {}


def assert_refused_politely(client, url, filters, allowed):
    for name in GENERIC_PARAMETERS:
        filters.setdefault(name, None)
    for name, filter_ in filters.items():
        for value in hostile_values(filter_):
            response = client.get(url, {name: value})
            assert response.status_code in allowed, (name, value, response.content[:300])


@pytest.mark.parametrize("resource", WITH_API)
def test_api_filters_answer_out_of_range_values_with_400_not_500(people, resource):
    resource.make(people)
    client = api(getattr(people, resource.viewer))
    # An invalid page number is DRF's 404 ("Invalid page"), which is no server error either.
    assert_refused_politely(client, resource.api, api_filters(resource.api), (200, 400, 404))


def test_an_id_filter_beyond_64_bits_names_the_parameter(people):
    response = api(people.warehouse).get("/api/v1/property-lots/", {"item": "9" * 20})
    assert response.status_code == 400
    assert "item" in response.json()


def test_a_survey_year_outside_the_calendar_is_refused(people):
    for year in ("0", "99999"):
        response = api(people.sales).get("/api/v1/survey-rounds/", {"year": year})
        assert response.status_code == 400
        assert "year" in response.json()
        page = browser(people.sales).get("/surveys/", {"year": year})
        assert page.status_code == 200
        assert page.context["filter"].errors["year"]


@pytest.mark.parametrize("resource", WITH_PAGE)
def test_list_page_filters_show_a_message_for_out_of_range_values(people, resource):
    resource.make(people)
    client = browser(getattr(people, resource.viewer))
    listing = client.get(resource.page)
    filterset = listing.context.get("filter")
    filters = dict(filterset.filters) if filterset is not None else {}
    assert_refused_politely(client, resource.page, filters, allowed=(200,))


# --- bodies and methods --------------------------------------------------------------------


def test_a_deeply_nested_json_body_is_a_400(people):
    body = "[" * 100_000 + "]" * 100_000
    response = api(people.sales).generic(
        "POST", "/api/v1/customers/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "nests too deeply" in response.json()["detail"] or "嵌套" in response.json()["detail"]


def test_a_json_body_nested_beyond_the_limit_is_a_400_even_when_python_could_parse_it(people):
    nested = "x"
    for _ in range(40):
        nested = [nested]
    body = json.dumps({"name": nested})
    response = api(people.sales).generic(
        "POST", "/api/v1/customers/", body, content_type="application/json"
    )
    assert response.status_code == 400


def test_an_oversized_request_is_refused_before_it_is_read(people, settings):
    settings.CSC = {**settings.CSC, "REQUEST_MAX_BYTES": 1024}
    response = api(people.sales).generic(
        "POST", "/api/v1/customers/", "x" * 2048, content_type="application/json"
    )
    assert response.status_code == 413


def test_http_trace_is_refused_on_every_url(people):
    for url in ("/api/v1/complaints/1/disciplines/D1/", "/api/v1/customers/", "/customers/"):
        response = api(people.quality).generic("TRACE", url)
        assert response.status_code == 405


def test_no_api_action_is_named_after_an_http_method():
    from csc.urls import router

    methods = {"get", "post", "put", "patch", "delete", "head", "options", "trace", "connect"}
    for prefix, viewset, _basename in router.registry:
        names = {action.__name__ for action in viewset.get_extra_actions()}
        assert not names & methods, f"{prefix}: DRF would route that HTTP method to the action"
