"""The area contract: a new area plugs into core by declaring it in its apps.py, and core
finds areas through nothing else."""

import importlib

import pytest
from django.apps import AppConfig
from django.test import modify_settings
from django.urls import clear_url_caches

import csc.capa
from csc.core import areas, jobs, navigation
from csc.core.choices import JobStatus
from csc.core.dashboard import work_for
from csc.core.roles import all_grants
from csc.customers import panels
from csc.testing import api


def _reload_urls():
    import csc.urls

    importlib.reload(csc.urls)
    clear_url_caches()


@pytest.fixture
def throwaway_area(monkeypatch):
    # Installing an app builds a fresh registry whose configs run ready() again: keep the
    # menu and panels as they were, so other tests see no duplicates.
    monkeypatch.setattr(navigation, "_links", list(navigation._links))
    monkeypatch.setattr(navigation, "_sections", dict(navigation._sections))
    monkeypatch.setattr(panels, "_panels", list(panels._panels))
    with modify_settings(INSTALLED_APPS={"append": "csc.core.tests.throwaway_area"}):
        _reload_urls()
        yield
    _reload_urls()


def test_a_new_area_declared_in_one_file_gets_menu_page_queue_grants_api_demo_and_jobs(
    people, client, throwaway_area
):
    client.force_login(people.sales)
    page = client.get("/throwaway/")
    assert page.status_code == 200 and page.content == b"throw-away things"
    assert ("Throw-away", [("Things", "/throwaway/", True)]) in navigation.menu_for(
        people.sales, "/throwaway/"
    )
    assert ("Things waiting", "/throwaway/", 1) in work_for(people.sales)
    assert "throwaway.view_thing" in all_grants()["sales"]
    assert api(people.sales).get("/api/v1/throwaway-things/").json() == [{"thing": 1}]
    assert "throwaway" in dict(areas.each("demo"))
    job = jobs.launch(people.sales, "throwaway.count", "Count")
    assert (job.status, job.result) == (JobStatus.DONE, {"counted": 3})


def test_every_area_declares_its_contract_and_an_app_that_does_not_is_refused():
    from django.apps import apps

    labels = [c.label for c in areas.contracts()]
    assert {"service", "aftersales", "recalls", "retention", "complaints"} <= set(labels)
    undeclared = AppConfig("csc.capa", csc.capa)  # a plain AppConfig: no contract
    with pytest.raises(TypeError, match="must declare its contract"):
        areas._contract_of(undeclared)
    assert len(labels) == len([c for c in apps.get_app_configs() if c.name.startswith("csc.")]) - 1


def test_a_contract_naming_something_missing_fails_loudly(monkeypatch):
    from csc.capa.apps import CapaConfig

    monkeypatch.setattr(CapaConfig, "work", "csc.capa.work.no_such_function")
    areas._contract_of.cache_clear()
    try:
        with pytest.raises(ImportError, match="capa declares work"):
            list(areas.each("work"))
    finally:
        monkeypatch.undo()
        areas._contract_of.cache_clear()
