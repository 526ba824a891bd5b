"""Values every page template needs: the navigation and the unread count."""

from . import demo_marker
from .dashboard import queue_count, shown_count
from .mail import failing
from .navigation import menu_for
from .permissions import can


def demo_loading(request):
    """Tell every page whether the demo company is still being loaded (first start only)."""
    return {"demo_loading": demo_marker.loading()}


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_sections": menu_for(user, request.path),
        **_unread(user),
        "mail_trouble": _mail_trouble(user),
    }


# The bell's badge counts at most this many unread notifications ("99+"): one bounded read of
# the (user, read_at) index on every page, however many a user left unread.
UNREAD_AT_MOST = 100


def _unread(user):
    count = queue_count(user.notifications.filter(read_at__isnull=True), UNREAD_AT_MOST)
    return {"unread_count": count, "unread_shown": shown_count(count, UNREAD_AT_MOST)}


def _mail_trouble(user):
    """How many e-mails the mail server did not take, for the banner of who may see the
    outbox (one indexed count); staff without it see nothing, contacts never."""
    if not can(user, "core.view_outboxemail"):
        return 0
    return failing()
