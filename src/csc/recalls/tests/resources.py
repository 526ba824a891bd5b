"""Recalls for the generated tests in ``csc.core.tests.test_resources``."""

from csc.core.tests.resource_base import Resource, Write
from csc.recalls.models import Recall, RetainedSample

from . import makers


def make_recall(people):
    return makers.triggered(people)


def add_samples(people, recall, count):
    RetainedSample.objects.bulk_create(
        RetainedSample(recall=recall, reference=f"留样 {n}") for n in range(count)
    )


def name_team(client, recall):
    body = {"leader": recall.created_by_id}
    return client.post(f"/api/v1/recalls/{recall.pk}/name-team/", body, format="json")


def sample(client, recall):
    body = {"reference": "留样 A", "result": "conforming"}
    return client.post(f"/api/v1/recalls/{recall.pk}/samples/", body, format="json")


def sample_on_page(client, recall):
    body = {"reference": "留样 B", "result": "pending"}
    return client.post(f"/recalls/{recall.pk}/form/sample/", body)


RESOURCES = [
    Resource(
        name="recalls",
        model=Recall,
        make=make_recall,
        viewer="warehouse",
        api="/api/v1/recalls/",
        page="/recalls/",
        no_view=("outsider", "contact", "engineer"),
        add_related=add_samples,
        writes=(
            Write("name-team", name_team, "gm", ("quality", "sales")),
            Write("sample", sample, "quality", ("warehouse", "outsider")),
            Write(
                "sample-page",
                sample_on_page,
                "quality",
                ("warehouse", "outsider"),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    )
]
