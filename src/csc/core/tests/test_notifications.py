"""In-app notifications: each user sees their own, can mark them read, and sees how many are new."""

import datetime as dt
import re

from django.utils import timezone

from csc.core import actions
from csc.core.later import Later
from csc.core.models import Notification


def notify(user, title, **extra):
    return Notification.objects.create(user=user, title=title, **extra)


def unread_badge(page):
    """Return the number on the bell in the top bar, or None when there is no badge."""
    icon = r"(?:<svg[^>]*>(?:(?!</svg>).)*</svg>)?"  # the bell itself, drawn as an SVG icon
    match = re.search(rf'class="bell"[^>]*>{icon}[^<]*<span class="badge">(\d+)</span>', page, re.S)
    return int(match.group(1)) if match else None


def test_the_list_shows_only_the_user_s_own_notifications(people, client):
    notify(people.quality, "客户投诉 CC-2026-0001 待处理", body="请在一个工作日内回复。")
    notify(people.sales, "新客户准入申请 NC-2026-0003 已批准")
    client.force_login(people.quality)
    page = client.get("/notifications/").content.decode()
    assert "客户投诉 CC-2026-0001 待处理" in page
    assert "请在一个工作日内回复。" in page
    assert "NC-2026-0003" not in page


def test_a_notification_links_to_its_record(people, client):
    notify(people.quality, "客户投诉 CC-2026-0001 待处理", url="/complaints/1/")
    client.force_login(people.quality)
    assert 'href="/complaints/1/"' in client.get("/notifications/").content.decode()


def test_the_bell_counts_unread_notifications(people, client):
    notify(people.quality, "一")
    notify(people.quality, "二")
    notify(people.quality, "已读", read_at=timezone.now())
    notify(people.sales, "别人的")
    client.force_login(people.quality)
    assert unread_badge(client.get("/").content.decode()) == 2


def test_no_badge_when_everything_is_read(people, client):
    notify(people.quality, "已读", read_at=timezone.now())
    client.force_login(people.quality)
    page = client.get("/").content.decode()
    assert 'class="bell"' in page
    assert unread_badge(page) is None


def test_mark_all_read_clears_the_badge_for_this_user_only(people, client):
    notify(people.quality, "一")
    notify(people.quality, "二")
    notify(people.sales, "别人的")
    client.force_login(people.quality)
    response = client.post("/notifications/")
    assert response.status_code == 302
    assert not Notification.objects.filter(user=people.quality, read_at__isnull=True).exists()
    assert Notification.objects.get(user=people.sales).read_at is None
    assert unread_badge(client.get(response["Location"]).content.decode()) is None


def test_marking_read_keeps_the_time_it_was_first_read(people):
    earlier = timezone.now() - dt.timedelta(days=3)
    old = notify(people.quality, "早就读过", read_at=earlier)
    new = notify(people.quality, "新的")
    assert actions.mark_read(people.quality) == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.read_at == earlier
    assert new.read_at is not None


def test_a_user_cannot_mark_someone_else_s_notification_read(people):
    theirs = notify(people.sales, "别人的")
    assert actions.mark_read(people.quality, [theirs.pk]) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_visitors_are_sent_to_log_in(db, client):
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_notify_tells_each_active_user_in_app(people):
    actions.notify([people.quality, people.sales], Later("客户准入申请待审批"), email=False)
    assert set(Notification.objects.values_list("user__username", flat=True)) == {
        "quality",
        "sales",
    }
