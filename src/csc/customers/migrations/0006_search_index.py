"""The word index of customers (csc.customers.search): an FTS5 trigram table kept by triggers on
SQLite, pg_trgm and short-gram GIN indexes on PostgreSQL. The index is spelled out here, as a
migration's must be; csc.core.textindex keeps the SQL it runs unchanged."""

from django.db import migrations

from csc.core.textindex import TextIndex


class Migration(migrations.Migration):
    dependencies = [("customers", "0005_contact_details_encrypted")]

    operations = [
        TextIndex(
            "customers_customer", ("name", "short_name"), "customers_search", "customer"
        ).operation()
    ]
