"""Management reviews for the generated tests in ``csc.core.tests.test_resources``."""

import datetime as dt
import itertools

from csc.core.tests.resource_base import Resource, Write
from csc.kpi import actions
from csc.kpi.models import ManagementReview

_periods = itertools.count()


def make_review(people):
    year = 2000 + next(_periods) % 20
    return actions.create_review(
        people.mr, {"period_start": dt.date(year, 1, 1), "period_end": dt.date(year, 3, 31)}
    )


def write_sections(client, review):
    body = {"version": review.version, "summary": "本季度投诉率在目标内。"}
    return client.post(review.get_absolute_url(), body)


RESOURCES = [
    Resource(
        name="management-reviews",
        model=ManagementReview,
        make=make_review,
        viewer="gm",
        page="/kpi/reviews/",
        no_view=("outsider", "contact"),
        writes=(
            Write(
                "sections",
                write_sections,
                "mr",
                ("sales", "outsider"),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    )
]
