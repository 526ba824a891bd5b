"""The word index of property items (csc.property.search): an FTS5 trigram table kept by triggers on
SQLite, pg_trgm and short-gram GIN indexes on PostgreSQL. The index is spelled out here, as a
migration's must be; csc.core.textindex keeps the SQL it runs unchanged."""

from django.db import migrations

from csc.core.textindex import TextIndex


class Migration(migrations.Migration):
    dependencies = [("property", "0002_notice_to_encrypted")]

    operations = [
        TextIndex(
            "property_propertyitem", ("name", "part_no"), "property_search", "property_item"
        ).operation()
    ]
