"""What a user meets when something is not there, not allowed or broken: a page in their
language with the way back, never Django's bare text."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

from csc.core.tests.resource_base import browser


def test_a_missing_page_explains_itself_in_chinese_with_the_menu(people):
    response = browser(people.quality).get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "未找到" in text and 'class="sidebar"' in text
    assert 'href="/"' in text  # back to my work


def test_a_missing_page_for_someone_logged_out_offers_the_login(db):
    response = browser(None).get("/no-such-page/")
    assert response.status_code == 404
    assert "/accounts/login/" in response.content.decode()


def test_no_access_is_told_apart_from_not_found(people):
    request = RequestFactory().get("/kpi/")
    request.user = people.production
    with translation.override("zh-hans"):
        response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    text = response.content.decode()
    assert "无权" in text and "未找到" not in text


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_server_error_page_says_nothing_saved_was_lost(db, language):
    request = RequestFactory().get("/")
    with translation.override(language):
        response = defaults.server_error(request)
    assert response.status_code == 500
    expected = {"zh-hans": "已保存", "en": "Nothing you saved"}[language]
    assert expected in response.content.decode()


def test_every_page_has_the_favicon_and_a_drawn_bell(people):
    text = browser(people.quality).get("/").content.decode()
    assert "csc/favicon.svg" in text
    assert "🔔" not in text and 'class="bell"' in text


def test_an_unknown_api_address_is_refused_in_json_not_with_a_page(people):
    from csc.testing import api

    response = api(people.quality).get("/api/v1/complaints/not-a-number/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "记录不存在，或您无权查看。"}
