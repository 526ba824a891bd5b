"""The complaint search index: an FTS5 trigram table kept by triggers on SQLite, pg_trgm GIN
indexes and a GIN index of short grams on PostgreSQL (see csc.complaints.search). The SQL is
written out here, as a migration's must be, not imported from the module that uses it."""

from django.db import migrations

TABLE = "complaints_search"
COLUMNS = ("number", "lot", "description")
# Two unit separators (never in a search word) end each indexed value, so every one- or
# two-character substring begins some trigram: short words are looked up by trigram prefix.
PAD = "char(31, 31)"
PADDED = ", ".join(f"new.{column} || {PAD}" for column in COLUMNS)

SQLITE = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(number, lot, description, tokenize='trigram')",
    f"CREATE VIRTUAL TABLE {TABLE}_terms USING fts5vocab({TABLE}, 'row')",
    f"""CREATE TRIGGER {TABLE}_insert AFTER INSERT ON complaints_complaint BEGIN
        INSERT INTO {TABLE}(rowid, number, lot, description) VALUES (new.id, {PADDED}); END""",
    f"""CREATE TRIGGER {TABLE}_delete AFTER DELETE ON complaints_complaint BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id; END""",
    f"""CREATE TRIGGER {TABLE}_update AFTER UPDATE OF number, lot, description
        ON complaints_complaint BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
        INSERT INTO {TABLE}(rowid, number, lot, description) VALUES (new.id, {PADDED}); END""",
    f"""INSERT INTO {TABLE}(rowid, number, lot, description)
        SELECT id, {PADDED.replace("new.", "")} FROM complaints_complaint""",
]
SQLITE_UNDO = [f"DROP TRIGGER {TABLE}_{event}" for event in ("insert", "delete", "update")] + [
    f"DROP TABLE {TABLE}_terms",
    f"DROP TABLE {TABLE}",
]

# UPPER(column::text) LIKE UPPER(%s) is what Django's icontains sends on PostgreSQL; pg_trgm
# serves it from three characters on. Shorter words look up the set of one- and two-character
# substrings of the three columns (joined by a unit separator no word contains). Its COST
# tells the planner that computing the grams row by row (about 50 µs) is dear; the search
# also reads the ids from this index first (csc.complaints.search), as the planner still
# preferred a per-row filter down the received-date index for a subquery.
SHORT_GRAMS = """
CREATE FUNCTION csc_short_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
    SELECT coalesce(array_agg(DISTINCT substr(upper(value), i, n)), '{}')
    FROM generate_series(1, length(value)) AS i, (VALUES (1), (2)) AS sizes(n)
    WHERE i + n - 1 <= length(value)
$$"""
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX complaint_{column}_trgm ON complaints_complaint "
        f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        for column in COLUMNS
    ),
    SHORT_GRAMS,
    "CREATE INDEX complaint_short_grams ON complaints_complaint USING gin "
    "(csc_short_grams(number || chr(31) || lot || chr(31) || description))",
]
POSTGRES_UNDO = [
    "DROP INDEX complaint_short_grams",
    "DROP FUNCTION csc_short_grams(text)",
    *(f"DROP INDEX complaint_{column}_trgm" for column in COLUMNS),
]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_eightd_closed_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        )
    ]
