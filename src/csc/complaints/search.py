"""The complaint search: an index, never a scan of the ledger (ARCHITECTURE: search).

A complaint matches a word when its number, lot or description contains it, or its customer's
or product's name does, ignoring case; the same rows on both databases (a test compares both
with Python's ``in``).

* SQLite: an FTS5 table with the trigram tokenizer holds number, lot and description. Database
  triggers (migration 0004) keep it in step with every insert, update and delete of a
  complaint, whoever writes it (the verbs, the bench's bulk load, a restore), as a B-tree
  index is. A word of three or more characters is a phrase query on the trigrams.
* PostgreSQL: GIN ``gin_trgm_ops`` indexes (pg_trgm) on UPPER() of the three columns, the form
  of Django's ``icontains``; PostgreSQL maintains them itself.

A word of one or two characters (Chinese words are mostly two: 漏水, 划伤) has no trigram of its
own. On SQLite each indexed value ends in two unit separators, so every short substring begins
some trigram: the trigrams beginning with the word are read from the index's vocabulary and
searched together (a word beginning more than SHORT_TERMS trigrams, e.g. one Latin letter,
is matched by LIKE over the FTS table's own narrow copy instead). PostgreSQL keeps a GIN
index of every one- and two-character substring (``csc_short_grams``). Both are exact, not
approximations: the test compares them with Python's ``in`` too.

Case folding is Unicode on both for three characters or more (FTS5 folds, PostgreSQL UPPER);
SQLite's LIKE fallback folds ASCII only — Chinese has no case, so the difference stays in
theory. Customers and products are few: their names are matched with LIKE and joined by id.
The ledger counts a search up to 1,000 matches (csc.core.views.CappedPaginator).
"""

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

TABLE = "complaints_search"
INDEXED = ("number", "lot", "description")
TRIGRAM = 3  # a word shorter than this has no trigram to look up
LONGEST = 200  # longer words are cut: no number, lot or sentence we index needs more
_CONTROL = dict.fromkeys(range(32))
NAMED_MAX = 500  # customers or products named by a word that are listed by id
SHORT_TERMS = 2_000  # a word beginning more trigrams than this is matched by a scan instead
# The expression of PostgreSQL's index of short grams (migration 0004).
SHORT_GRAMS = "csc_short_grams(number || chr(31) || lot || chr(31) || description)"


def clean(value):
    """Return the word to search for: trimmed, without control characters, at most LONGEST."""
    return (value or "").translate(_CONTROL).strip()[:LONGEST]


def matches(value):
    """Return a Q of the complaints matching ``value`` (already cleaned, not empty)."""
    from csc.customers.models import Customer
    from csc.orders.models import Product

    found = _text_matches(value)
    for field, model in (("customer", Customer), ("product", Product)):
        named = _ids_named(model, value)
        if named != []:  # a subquery is never evaluated here
            found |= Q(**{f"{field}__in": named})
    return found


def _ids_named(model, value):
    """Return the ids of the customers or products whose name contains ``value``: a list when
    short, so the database combines it with the text indexes (PostgreSQL cannot, for an IN
    subquery inside an OR, and scans); a subquery when too many to list."""
    named = model.objects.filter(name__icontains=value).values_list("pk", flat=True)
    listed = list(named[: NAMED_MAX + 1])
    return named if len(listed) > NAMED_MAX else listed


def _text_matches(value):
    """Return a Q of the complaints whose number, lot or description contains ``value``."""
    if connection.vendor == "sqlite":
        query = _fts(value)
        if query is None:
            return Q(pk__in=RawSQL(f"SELECT rowid FROM {TABLE} WHERE {_LIKES}", [_like(value)] * 3))
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [query]))
    if len(value) >= TRIGRAM:
        found = Q()
        for column in INDEXED:
            found |= Q(**{f"{column}__icontains": value})  # UPPER(…) LIKE: the GIN indexes' form
        return found
    # The ids are read once from the GIN index (an InitPlan): as a subquery joined to the
    # ledger, PostgreSQL computed the grams row by row down the received-date index.
    short = f"SELECT id FROM complaints_complaint WHERE {SHORT_GRAMS} @> ARRAY[%s]"
    return Q(
        RawSQL(
            f"complaints_complaint.id = ANY(ARRAY({short}))",
            [value.upper()],
            output_field=BooleanField(),
        )
    )


def _fts(value):
    """Return the FTS5 query for ``value``: the phrase itself from three characters on, else
    every indexed trigram that begins with it (each value ends in two separators, so every
    substring begins one); None when that is too many trigrams to list."""
    if len(value) >= TRIGRAM:
        return _phrase(value)
    low = value.lower()  # the index folds case
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {TABLE}_terms WHERE term >= %s AND term < %s LIMIT %s",
            [low, low + chr(0x10FFFF), SHORT_TERMS + 1],
        )
        terms = [_phrase(term) for (term,) in cursor.fetchall()]
    if len(terms) > SHORT_TERMS:
        return None
    return " OR ".join(terms) or '""'


_LIKES = " OR ".join(f"{column} LIKE %s ESCAPE '\\'" for column in INDEXED)


def _like(value):
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _phrase(text):
    return '"' + text.replace('"', '""') + '"'
