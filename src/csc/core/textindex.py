"""Word indexes of the ledgers: a search is an index lookup, never a scan (ARCHITECTURE: search).

A record matches a word when one of its indexed columns contains it, ignoring case; the same
rows on both databases (each area's test compares them with Python's ``in``).

* SQLite: an FTS5 table with the trigram tokenizer holds a copy of the columns. Database
  triggers keep it in step with every insert, update and delete, whoever writes (the verbs,
  the bench's bulk load, a restore), as a B-tree index is. A word of three or more characters
  is a phrase query on the trigrams.
* PostgreSQL: GIN ``gin_trgm_ops`` indexes (pg_trgm) on UPPER() of each column, the form of
  Django's ``icontains``; PostgreSQL maintains them itself.

A word of one or two characters (Chinese words are mostly two: 漏水, 划伤) has no trigram of its
own. On SQLite each indexed value ends in two unit separators, so every short substring begins
some trigram: the trigrams beginning with the word are read from the index's vocabulary and
searched together (a word beginning more than SHORT_TERMS trigrams, e.g. one Latin letter, is
matched by LIKE over the FTS table's own narrow copy instead). PostgreSQL keeps a GIN index of
every one- and two-character substring (``csc_short_grams``). Both are exact, not
approximations.

Case folding is Unicode on both for three characters or more (FTS5 folds, PostgreSQL UPPER);
SQLite's LIKE fallback folds ASCII only — Chinese has no case, so the difference stays in
theory. Indexed columns are NOT NULL (text columns here are blank, never null).

A migration creates an index with ``TextIndex(...).operation()``: the SQL below is what every
such migration ran, so it must not change — a different index is a new method.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from .vendorsql import vendor_sql

TRIGRAM = 3  # a word shorter than this has no trigram to look up
LONGEST = 200  # longer words are cut: no number, name or sentence we index needs more
SHORT_TERMS = 2_000  # a word beginning more trigrams than this is matched by a scan instead
_CONTROL = dict.fromkeys(range(32))
# Two unit separators (never in a search word) end each indexed value on SQLite, so every one-
# or two-character substring begins some trigram.
_PAD = "char(31, 31)"
# The grams of a text, the function PostgreSQL's short-word indexes are built on. Its COST
# tells the planner that computing the grams row by row (about 50 µs) is dear.
SHORT_GRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION csc_short_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
    SELECT coalesce(array_agg(DISTINCT substr(upper(value), i, n)), '{}')
    FROM generate_series(1, length(value)) AS i, (VALUES (1), (2)) AS sizes(n)
    WHERE i + n - 1 <= length(value)
$$"""


def clean(value):
    """Return the word to search for: trimmed, without control characters, at most LONGEST."""
    return (value or "").translate(_CONTROL).strip()[:LONGEST]


@dataclass(frozen=True)
class TextIndex:
    """The word index of ``columns`` of the table ``source`` (its key column is ``id``):
    ``table`` names the FTS5 table on SQLite, ``prefix`` the GIN indexes on PostgreSQL."""

    source: str
    columns: tuple
    table: str
    prefix: str

    def matches(self, value):
        """Return a Q of the rows whose indexed columns contain ``value`` (cleaned, not
        empty), for a queryset of the indexed model."""
        if connection.vendor == "sqlite":
            return self._sqlite_matches(value)
        if len(value) >= TRIGRAM:
            found = Q()
            for column in self.columns:
                found |= Q(**{f"{column}__icontains": value})  # UPPER(…) LIKE: the GIN form
            return found
        # The ids are read once from the GIN index (an InitPlan): as a subquery joined to the
        # ledger, PostgreSQL computed the grams row by row down a date index instead.
        short = f"SELECT id FROM {self.source} WHERE {self._short_grams} @> ARRAY[%s]"
        return Q(
            RawSQL(
                f"{self.source}.id = ANY(ARRAY({short}))",
                [value.upper()],
                output_field=BooleanField(),
            )
        )

    def _sqlite_matches(self, value):
        query = self._fts(value)
        if query is None:
            likes = " OR ".join(f"{column} LIKE %s ESCAPE '\\'" for column in self.columns)
            rows = f"SELECT rowid FROM {self.table} WHERE {likes}"
            return Q(pk__in=RawSQL(rows, [_like(value)] * len(self.columns)))
        return Q(
            pk__in=RawSQL(f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s", [query])
        )

    def _fts(self, value):
        """Return the FTS5 query for ``value``: the phrase itself from three characters on,
        else every indexed trigram that begins with it (each value ends in two separators, so
        every substring begins one); None when that is too many trigrams to list."""
        if len(value) >= TRIGRAM:
            return _phrase(value)
        low = value.lower()  # the index folds case
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term FROM {self.table}_terms WHERE term >= %s AND term < %s LIMIT %s",
                [low, low + chr(0x10FFFF), SHORT_TERMS + 1],
            )
            terms = [_phrase(term) for (term,) in cursor.fetchall()]
        if len(terms) > SHORT_TERMS:
            return None
        return " OR ".join(terms) or '""'

    @property
    def _short_grams(self):
        joined = " || chr(31) || ".join(self.columns)
        return f"csc_short_grams({joined})"

    def operation(self):
        """Return the migration operation that creates the index (and fills it from the rows
        already there) on either database, and drops it when reversed."""
        return vendor_sql(
            {"sqlite": self._sqlite_sql(), "postgresql": self._postgres_sql()},
            {"sqlite": self._sqlite_undo(), "postgresql": self._postgres_undo()},
        )

    def _sqlite_sql(self):
        names = ", ".join(self.columns)
        padded = ", ".join(f"new.{column} || {_PAD}" for column in self.columns)
        insert = f"INSERT INTO {self.table}(rowid, {names}) VALUES (new.id, {padded});"
        return [
            f"CREATE VIRTUAL TABLE {self.table} USING fts5({names}, tokenize='trigram')",
            f"CREATE VIRTUAL TABLE {self.table}_terms USING fts5vocab({self.table}, 'row')",
            f"CREATE TRIGGER {self.table}_insert AFTER INSERT ON {self.source} BEGIN {insert} END",
            f"""CREATE TRIGGER {self.table}_delete AFTER DELETE ON {self.source} BEGIN
                DELETE FROM {self.table} WHERE rowid = old.id; END""",
            f"""CREATE TRIGGER {self.table}_update AFTER UPDATE OF {names} ON {self.source} BEGIN
                DELETE FROM {self.table} WHERE rowid = old.id; {insert} END""",
            f"""INSERT INTO {self.table}(rowid, {names})
                SELECT id, {padded.replace("new.", "")} FROM {self.source}""",
        ]

    def _sqlite_undo(self):
        triggers = [
            f"DROP TRIGGER {self.table}_{event}" for event in ("insert", "delete", "update")
        ]
        return [*triggers, f"DROP TABLE {self.table}_terms", f"DROP TABLE {self.table}"]

    def _postgres_sql(self):
        return [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            *(
                f"CREATE INDEX {self.prefix}_{column}_trgm ON {self.source} "
                f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
                for column in self.columns
            ),
            SHORT_GRAMS_FUNCTION,
            f"CREATE INDEX {self.prefix}_short_grams ON {self.source} USING gin "
            f"({self._short_grams})",
        ]

    def _postgres_undo(self):
        # The grams function stays: other tables' indexes are built on it.
        return [
            f"DROP INDEX {self.prefix}_short_grams",
            *(f"DROP INDEX {self.prefix}_{column}_trgm" for column in self.columns),
        ]


def ids_of(rows, at_most=500):
    """Return the ids of ``rows`` (a queryset found by a word, in another table): a list when
    at most ``at_most``, so the database combines it with the other side's indexes (PostgreSQL
    cannot, for an IN subquery inside an OR, and scans); else the subquery itself."""
    ids = rows.values_list("pk", flat=True)
    listed = list(ids[: at_most + 1])
    return ids if len(listed) > at_most else listed


def _like(value):
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _phrase(text):
    return '"' + text.replace('"', '""') + '"'
