"""The home page: what waits for the user, gathered from each area's ``work`` function."""

from . import areas


def work_for(user):
    """Return [(title, url, count)] of the queues that wait for this user, from every area."""
    items = []
    for _label, queues in areas.each("work"):
        items.extend(queues(user))
    return items


# A queue's tile counts at most this many: enough to tell how much waits, and each count then
# reads at most this many index entries however large the ledger (a million complaints).
QUEUE_COUNT_AT_MOST = 1000


def queue_count(queryset, at_most=None):
    """Return how many records wait in ``queryset``, up to ``at_most`` (shown "999+")."""
    # Without its ordering: a count needs none, and a sorted subquery would sort every match.
    return queryset.order_by()[: at_most or QUEUE_COUNT_AT_MOST].count()


def shown_count(count, at_most=None):
    at_most = at_most or QUEUE_COUNT_AT_MOST
    return f"{at_most - 1}+" if count >= at_most else str(count)
