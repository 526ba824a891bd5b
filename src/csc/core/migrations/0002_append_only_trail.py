"""The database itself refuses to change or delete audit entries and signatures (REC-3).

The application never does either; the triggers stop a script, a console session or a bug.
"""

from django.db import migrations

TABLES = ["core_auditentry", "core_signature"]


def sqlite_statements(table):
    """Triggers that abort an UPDATE or DELETE while csc_trail_locked() is true.

    The function is registered on every connection CSC opens (core.dbhooks) and is always true
    in the product; a connection that lacks it (a console session) fails on the trigger too.
    """
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
        f"WHEN csc_trail_locked() BEGIN SELECT RAISE(ABORT, 'append-only: {table}'); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
        f"WHEN csc_trail_locked() BEGIN SELECT RAISE(ABORT, 'append-only: {table}'); END",
    ]


POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION csc_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'append-only: % rows cannot be changed or deleted', TG_TABLE_NAME; END;
$$ LANGUAGE plpgsql;
"""

POSTGRES = """
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION csc_append_only();
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table in TABLES:
            for statement in sqlite_statements(table):
                schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)
        for table in TABLES:
            schema_editor.execute(POSTGRES.format(table=table))


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
