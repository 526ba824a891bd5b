"""Migrations that run SQL of their own per database (triggers, FTS5 tables, GIN indexes)."""

from django.db import migrations


def vendor_sql(forward, backward):
    """Return a migration operation that runs ``forward[vendor]`` (a list of statements) on
    the database it migrates, and ``backward[vendor]`` when reversed; a database not named
    runs nothing."""
    return migrations.RunPython(_run(forward), _run(backward))


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run
