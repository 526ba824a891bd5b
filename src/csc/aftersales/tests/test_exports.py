"""Every after-sales record has its Excel ledger, in the user's language, refused to users
who may not see the records."""

import io

import pytest
from openpyxl import load_workbook

from csc.core.tests.resource_base import browser

from . import resources

pytestmark = pytest.mark.django_db

MAKERS = {
    "warnings": resources.make_warning,
    "agreements": resources.make_agreement,
    "plans": resources.make_plan,
    "reports": resources.make_report,
    "trainings": resources.make_training,
}


@pytest.mark.parametrize("kind", list(MAKERS))
def test_each_ledger_exports_its_records(people, kind):
    record = MAKERS[kind](people)
    response = browser(people.quality).get(f"/aftersales/export/{kind}/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[1][0] == record.number
    assert browser(people.outsider).get(f"/aftersales/export/{kind}/").status_code == 404
