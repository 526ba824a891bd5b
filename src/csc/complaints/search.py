"""The complaint search: an index, never a scan of the ledger (csc.core.textindex).

A complaint matches a word when its number, lot or description contains it, or its customer's
(name or short name) or product's name does, ignoring case; the same rows on both databases (a
test compares both with Python's ``in``). The complaints' word index is the first one, made by
migration 0004; the customers' is their own (csc.customers.search). Products are few: their
names are matched with LIKE and joined by id. The ledger counts a search up to 1,000 matches
(csc.core.views.CappedPaginator).
"""

from django.db.models import Q

from csc.core.textindex import TextIndex, clean, ids_of

INDEX = TextIndex(
    "complaints_complaint", ("number", "lot", "description"), "complaints_search", "complaint"
)
NAMED_MAX = 500  # customers or products named by a word that are listed by id

__all__ = ["INDEX", "clean", "matches"]


def matches(value):
    """Return a Q of the complaints matching ``value`` (already cleaned, not empty)."""
    from csc.customers.models import Customer
    from csc.customers.search import INDEX as CUSTOMERS
    from csc.orders.models import Product

    found = INDEX.matches(value)
    named = {
        "customer": ids_of(Customer.objects.filter(CUSTOMERS.matches(value)), NAMED_MAX),
        "product": ids_of(Product.objects.filter(name__icontains=value), NAMED_MAX),
    }
    for field, ids in named.items():
        if ids != []:  # a subquery is never evaluated here
            found |= Q(**{f"{field}__in": ids})
    return found
