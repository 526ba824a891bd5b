"""Saved views: a user keeps a list's filters under a name, shares it with their department,
and finds it again on that list; only the owner deletes it; bad input is refused in words."""

import pytest

from csc.core.models import SavedView
from csc.core.tests.resource_base import browser

LEDGER = "/complaints/"


def save(client, name, query="status=closed&page=3", path=LEDGER, **extra):
    return client.post("/views/save/", {"path": path, "name": name, "query": query, **extra})


def test_a_saved_view_keeps_the_filters_without_the_page_and_opens_them(people):
    client = browser(people.quality)
    response = save(client, "已关闭")
    assert response.status_code == 302
    assert response["Location"] == f"{LEDGER}?status=closed"
    page = client.get(f"{LEDGER}?status=closed").content.decode()
    assert "已关闭" in page and 'class="saved-view current"' in page


def test_a_shared_view_reaches_the_department_and_a_private_one_does_not(people):
    save(browser(people.quality), "待评估", "status=registered", shared="on")
    save(browser(people.quality), "我的草稿", "status=accepted")
    colleague = browser(people.mr).get(LEDGER).content.decode()  # the same department
    assert "待评估" in colleague and "我的草稿" not in colleague
    other = browser(people.sales).get(LEDGER).content.decode()
    assert "待评估" not in other


def test_saving_the_same_name_again_replaces_the_filters(people):
    client = browser(people.quality)
    save(client, "本月", "month=2026-11")
    save(client, "本月", "month=2026-12")
    assert list(SavedView.objects.values_list("query", flat=True)) == ["month=2026-12"]


def test_only_the_owner_deletes_a_view(people):
    save(browser(people.quality), "待评估", "status=registered", shared="on")
    view = SavedView.objects.get()
    assert browser(people.mr).post(f"/views/{view.pk}/delete/").status_code == 404
    assert SavedView.objects.exists()
    assert browser(people.quality).post(f"/views/{view.pk}/delete/").status_code == 302
    assert not SavedView.objects.exists()


@pytest.mark.parametrize(
    ("name", "path", "message"),
    [
        ("", LEDGER, "请为视图命名"),
        ("名" * 61, LEDGER, "60"),
        ("别处", "/no-such-list/", "不是列表页面"),
        ("别处", "https://evil.example/", "不是列表页面"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(people, name, path, message):
    client = browser(people.quality)
    response = save(client, name, path=path)
    assert response.status_code == 302
    assert not SavedView.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert message in page


def test_a_contact_without_a_department_cannot_share(people):
    client = browser(people.contact)
    save(client, "我的投诉", "status=closed", shared="on", path="/complaints/")
    assert not SavedView.objects.exists()
