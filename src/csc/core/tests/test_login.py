"""Logging in: wrong passwords lock the account (django-axes) at the address they came from."""

import pytest

from csc.testing import api

PASSWORD = "pw-for-tests-1"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True  # off for the rest of the suite, where logins are forced
    return settings


def log_in(client, username, password, address="127.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def is_logged_in(client):
    return client.get("/").status_code == 200


def test_a_wrong_password_shows_the_form_again_with_a_message(people, client, axes_on):
    response = log_in(client, people.quality.username, "wrong")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert not is_logged_in(client)


def test_after_five_wrong_passwords_even_the_right_one_is_refused(people, client, axes_on):
    user = people.quality
    assert axes_on.AXES_FAILURE_LIMIT == 5
    for _attempt in range(5):
        log_in(client, user.username, "wrong")

    response = log_in(client, user.username, PASSWORD)

    assert response.status_code == 429
    assert "core/locked.html" in [t.name for t in response.templates]
    assert 'role="alert"' in response.content.decode()
    assert not is_logged_in(client)


def test_four_wrong_passwords_do_not_lock_the_account(people, client, axes_on):
    user = people.quality
    for _attempt in range(4):
        assert log_in(client, user.username, "wrong").status_code == 200
    response = log_in(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_a_locked_account_does_not_lock_colleagues_in_the_same_office(people, client, axes_on):
    locked, colleague = people.quality, people.sales
    for _attempt in range(5):
        log_in(client, locked.username, "wrong")
    # Same client, same address: the factory's staff share one office IP behind NAT.
    response = log_in(client, colleague.username, PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_a_stranger_elsewhere_cannot_lock_the_administrator_out(people, client, axes_on):
    admin = people.administrator
    for _attempt in range(5):
        log_in(client, admin.username, "guess", address="203.0.113.9")
    assert log_in(client, admin.username, "guess", address="203.0.113.9").status_code == 429
    # From the office the administrator still gets in.
    assert log_in(client, admin.username, PASSWORD).status_code == 302


def test_a_locked_out_user_cannot_carry_on_with_their_api_token(people, client, axes_on):
    user = people.quality
    token_client = api(user)
    assert token_client.get("/api/v1/complaints/").status_code == 200
    for _attempt in range(5):
        log_in(client, user.username, "wrong")
    response = token_client.get("/api/v1/complaints/")
    assert response.status_code == 401
    assert "locked" in response.json()["detail"] or "锁定" in response.json()["detail"]


def test_an_administrator_unlocks_a_locked_account(people, client, axes_on):
    from django.core.management import call_command

    user = people.quality
    for _attempt in range(5):
        log_in(client, user.username, "wrong")
    call_command("axes_reset_username", user.username)
    assert log_in(client, user.username, PASSWORD).status_code == 302


def test_an_api_token_expires_after_the_configured_days(people, settings):
    from datetime import timedelta

    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    settings.CSC = {**settings.CSC, "API_TOKEN_DAYS": 90}
    client = api(people.quality)
    Token.objects.filter(user=people.quality).update(created=timezone.now() - timedelta(days=91))
    assert client.get("/api/v1/complaints/").status_code == 401


def test_a_revoked_api_token_no_longer_works(people):
    from rest_framework.authtoken.models import Token

    client = api(people.quality)
    Token.objects.filter(user=people.quality).delete()  # as the admin's Tokens page does
    assert client.get("/api/v1/complaints/").status_code == 401
