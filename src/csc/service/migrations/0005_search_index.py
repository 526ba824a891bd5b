"""The word index of service requests (csc.service.search): an FTS5 trigram table kept by triggers on
SQLite, pg_trgm and short-gram GIN indexes on PostgreSQL. The index is spelled out here, as a
migration's must be; csc.core.textindex keeps the SQL it runs unchanged."""

from django.db import migrations

from csc.core.textindex import TextIndex


class Migration(migrations.Migration):
    dependencies = [("service", "0004_inbound_sender_encrypted")]

    operations = [
        TextIndex(
            "service_servicerequest", ("subject",), "service_search", "service_request"
        ).operation()
    ]
