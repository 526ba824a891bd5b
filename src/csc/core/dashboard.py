"""The home page: what waits for the user, gathered from each area's ``work`` function."""

from . import areas


def work_for(user):
    """Return [(title, url, count)] of the queues that wait for this user, from every area."""
    items = []
    for _label, queues in areas.each("work"):
        items.extend(queues(user))
    return items
