"""The side menu shows what a user may open and marks only the page they are on."""

from django.utils import translation

from csc.core.navigation import menu_for


def labels(user, path, active_only=False):
    with translation.override("en"):
        return [
            str(label)
            for _section, links in menu_for(user, path)
            for label, _url, active in links
            if active or not active_only
        ]


def test_only_the_most_specific_link_is_active(people):
    assert labels(people.sales, "/customers/admissions/3/", active_only=True) == ["Admissions"]
    assert labels(people.sales, "/customers/12/", active_only=True) == ["Customer list"]


def test_a_user_sees_only_the_links_their_role_opens(people):
    assert "Customer list" in labels(people.sales, "/")
    assert "Customer list" not in labels(people.outsider, "/")
    assert "Audit trail" not in labels(people.sales, "/")
