"""The word index of orders (csc.orders.search): an FTS5 trigram table kept by triggers on
SQLite, pg_trgm and short-gram GIN indexes on PostgreSQL. The index is spelled out here, as a
migration's must be; csc.core.textindex keeps the SQL it runs unchanged."""

from django.db import migrations

from csc.core.textindex import TextIndex


class Migration(migrations.Migration):
    dependencies = [("orders", "0004_shipped_parts_index")]

    operations = [
        TextIndex(
            "orders_order", ("number", "customer_reference", "notes"), "orders_search", "order"
        ).operation()
    ]
