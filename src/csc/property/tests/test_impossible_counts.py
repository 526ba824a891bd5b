"""IQC counts that cannot be are refused with a message on the field (issue 11 item 7)."""

import pytest

from csc.core.errors import Invalid
from csc.property import actions
from csc.property.choices import LotStatus

from .makers import make_item, receive


def test_quality_cannot_pass_a_lot_with_more_defects_than_pieces_inspected(people):
    lot = receive(people, make_item(people), 40)
    with pytest.raises(Invalid) as refused:
        actions.inspect(people.quality, lot, "pass", "合格", 13, 14)
    assert "defects" in refused.value.as_dict()
    lot.refresh_from_db()
    assert lot.iqc_result == "" or lot.iqc_result is None
    assert lot.status != LotStatus.ACCEPTED


def test_the_api_refuses_the_same_counts_naming_the_field(people, api_as):
    lot = receive(people, make_item(people), 40)
    response = api_as(people.quality).post(
        f"/api/v1/property-lots/{lot.pk}/inspect/",
        {"result": "pass", "report": "合格", "sample_size": 5, "defects": 9},
        format="json",
    )
    assert response.status_code == 400
    assert "defects" in response.json()
