"""The complaint search index (csc.complaints.search): an FTS5 trigram table kept by triggers
on SQLite, pg_trgm and short-gram GIN indexes on PostgreSQL. The index is spelled out here, as
a migration's must be; csc.core.textindex keeps the SQL it runs unchanged."""

from django.db import migrations

from csc.core.textindex import TextIndex


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_eightd_closed_index")]

    operations = [
        TextIndex(
            "complaints_complaint",
            ("number", "lot", "description"),
            "complaints_search",
            "complaint",
        ).operation()
    ]
