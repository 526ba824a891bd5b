"""Chinese by default; each user chooses their language, and it follows them to the next login."""

import re

from django.test import Client

from csc.core.models import User
from csc.testing import api

PASSWORD = "pw-for-tests-1"


def page_language(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_a_first_visit_is_in_chinese_whatever_the_browser_asks(db, client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert page_language(response) == "zh-CN"
    assert response["Content-Language"] == "zh-hans"


def test_switching_to_english_is_saved_on_the_user(people, client):
    client.force_login(people.quality)
    response = client.post("/language/", {"language": "en", "next": "/notifications/"})
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    assert User.objects.get(pk=people.quality.pk).language == "en"
    assert page_language(client.get("/notifications/")) == "en"


def test_the_chosen_language_follows_the_user_to_a_new_login(people, client):
    client.force_login(people.quality)
    client.post("/language/", {"language": "en"})
    client.post("/accounts/logout/")

    elsewhere = Client()  # another browser: no language cookie
    response = elsewhere.post(
        "/accounts/login/", {"username": "quality", "password": PASSWORD}, follow=True
    )
    assert response.wsgi_request.user.is_authenticated
    assert page_language(response) == "en"


def test_switching_back_to_chinese(people, client):
    people.quality.language = "en"
    people.quality.save()
    client.force_login(people.quality)
    client.post("/language/", {"language": "zh-hans"})
    assert User.objects.get(pk=people.quality.pk).language == "zh-hans"
    assert page_language(client.get("/")) == "zh-CN"


def test_an_unknown_language_changes_nothing(people, client):
    client.force_login(people.quality)
    response = client.post("/language/", {"language": "xx"})
    assert response.status_code == 302
    assert User.objects.get(pk=people.quality.pk).language == "zh-hans"
    assert page_language(client.get("/")) == "zh-CN"


def test_the_switch_never_sends_the_user_to_another_site(people, client):
    client.force_login(people.quality)
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_before_login_the_choice_is_kept_in_a_cookie(db, client):
    client.post("/language/", {"language": "en"})
    assert page_language(client.get("/accounts/login/")) == "en"


def test_the_language_switch_needs_a_post(db, client):
    assert client.get("/language/?language=en").status_code == 405


def test_the_api_answers_in_english_when_asked(db):
    response = api().get("/api/v1/customers/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert response["Content-Language"] == "en"


def test_the_api_answers_in_chinese_by_default(db):
    response = api().get("/api/v1/customers/")
    assert response.status_code == 401
    assert response.json() == {"detail": "身份认证信息未提供。"}


def test_the_api_falls_back_to_chinese_for_a_language_it_does_not_speak(db):
    response = api().get("/api/v1/customers/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json() == {"detail": "身份认证信息未提供。"}


def test_a_bad_token_is_refused_in_the_language_asked_for(db):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/v1/customers/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_a_token_user_is_answered_in_their_saved_language(people):
    from csc.testing import api

    english, chinese = people.sales, people.service
    english.language = "en"
    english.save(update_fields=["language"])
    refused_in_english = api(english).post("/api/v1/customers/", {}, format="json")
    refused_in_chinese = api(chinese).post(
        "/api/v1/customer-admissions/1/approve/", {}, format="json"
    )
    assert refused_in_english.status_code == 400
    assert "This field is required." in str(refused_in_english.data["name"])
    # Service may not write customer records: refused before the record is even looked up.
    assert refused_in_chinese.status_code == 403
    assert refused_in_chinese.data["detail"] != "You do not have permission to do this."
