"""The global search in the header: one word, the records of every area that match it.

Each area declares what it offers (``AreaConfig.search``: a function of the word returning
``Searchable`` entries); core never names the areas. Every queryset goes through ``restrict``,
so a user sees a group only with its view permission, and a customer contact only their own
customer's records. A group shows a few rows; ``more`` leads to the area's ledger searched for
the same word. No group is counted: a common word would cost a COUNT over the whole table.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from . import areas
from .permissions import can, perm_name, restrict
from .textindex import clean

__all__ = ["Searchable", "clean", "find"]

SHOWN = 5  # rows per group
# search_order_note: an entry whose match is a scan (LIKE) or an OR of lookups orders by
# "-pk", newest first by id. SQLite then reads the table in its own order and stops after
# the rows shown; by a date ordering it walked the date index and read every row from there
# (service requests at 100k: 157 → 29 ms, orders 118 → 13 ms, property 49 → 22 ms).


@dataclass(frozen=True)
class Searchable:
    """What one kind of record offers the search: a label, the matching records (ordered,
    newest or best first), the ledger page to see them all and how to describe one row."""

    label: str
    queryset: object
    ledger: str = ""  # url name of the ledger that takes ?q=
    describe: object = str

    def more_url(self, word):
        return f"{reverse(self.ledger)}?{urlencode({'q': word})}" if self.ledger else ""


@dataclass
class Group:
    kind: str  # the model's label, e.g. complaints.complaint
    label: str
    rows: list = field(default_factory=list)  # (text, url)
    more: str = ""  # the ledger's address, when there are more rows than shown


def find(user, word):
    """Return the groups of records matching ``word`` that ``user`` may see."""
    groups = []
    for _area, searchables in areas.each("search"):
        for entry in searchables(word):
            group = _group(user, entry, word)
            if group is not None:
                groups.append(group)
    return groups


def _group(user, entry, word):
    if not can(user, perm_name(entry.queryset.model, "view")):
        return None  # restrict() would answer nothing: spare the query
    found = list(restrict(entry.queryset, user)[: SHOWN + 1])
    if not found:
        return None
    rows = [(entry.describe(row), row.get_absolute_url()) for row in found[:SHOWN]]
    kind = entry.queryset.model._meta.label_lower
    return Group(kind, entry.label, rows, entry.more_url(word) if len(found) > SHOWN else "")
