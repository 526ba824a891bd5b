"""The home page's tiles: each queue's count is bounded, so the page costs the same at a
thousand complaints as at a million, and a long queue says so ("999+")."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from csc.complaints.tests import makers
from csc.core import dashboard


def test_a_queue_longer_than_the_tile_counts_shows_its_bound_with_a_plus(people, client, monkeypatch):  # fmt: skip
    monkeypatch.setattr(dashboard, "QUEUE_COUNT_AT_MOST", 3)
    for _ in range(4):
        makers.complaint(people)
    client.force_login(people.quality)
    page = client.get("/").content.decode()
    assert '<span class="count">2+</span><span>待评估的投诉</span>' in page


def test_a_short_queue_shows_its_exact_count(people, client):
    makers.complaint(people)
    makers.complaint(people)
    client.force_login(people.quality)
    assert (
        '<span class="count">2</span><span>待评估的投诉</span>' in client.get("/").content.decode()
    )


def test_every_count_of_the_home_page_reads_a_bounded_number_of_rows(people, client):
    client.force_login(people.quality)
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts, "the home page counts its queues"
    unbounded = [sql for sql in counts if " LIMIT " not in sql]
    assert unbounded == []
