"""Logging in: wrong passwords lock the account (django-axes), by user name, not by address."""

import pytest

PASSWORD = "pw-for-tests-1"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True  # off for the rest of the suite, where logins are forced
    return settings


def log_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


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
