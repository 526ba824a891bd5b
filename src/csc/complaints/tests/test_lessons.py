"""Lessons learned (IATF 10.2.3 f, 10.2.6): a new problem shows the earlier closed cases most
like it, with their root cause and what was changed; recurrences are recorded and counted."""

import pytest

from csc.complaints import actions, kpis, lessons
from csc.core.errors import Invalid
from csc.core.periods import months_period
from csc.kpi import indicators

from . import makers

pytestmark = pytest.mark.django_db


def _closed(people, description, **data):
    complaint = makers.accepted(people, description=description, **data)
    makers.fill_8d(people, complaint)
    actions.close_eightd(people.quality, complaint.eightd)
    return complaint


def test_chinese_is_cut_in_bigrams_and_other_words_in_trigrams():
    assert {"焊点", "点开", "开裂"} <= lessons.grams("焊点开裂")
    assert {"noi", "ois", "ise"} <= lessons.grams("Noise")


def test_a_new_complaint_finds_the_closed_case_most_like_it_with_its_root_cause(people):
    earlier = _closed(people, "支架焊点开裂，装配时断裂")
    _closed(people, "外箱受潮，标签脱落")
    cases = lessons.similar("焊点开裂导致支架断裂", customer=None)
    assert [c.complaint for c in cases] == [earlier]
    assert "焊机参数被误调" in cases[0].root_cause  # D4 of the earlier 8D
    assert "PFMEA" in cases[0].documents


def test_an_unrelated_problem_finds_nothing(people):
    _closed(people, "支架焊点开裂，装配时断裂")
    assert lessons.similar("发票金额与合同不符") == []


def test_the_8d_page_offers_the_earlier_case_and_records_the_recurrence(people, client):
    earlier = _closed(people, "支架焊点开裂，装配时断裂")
    again = makers.accepted(people, description="支架焊点再次开裂")
    client.force_login(people.quality)
    page = client.get(f"/complaints/{again.pk}/8d/").content.decode()
    assert earlier.number in page and 'id="lessons"' in page
    body = {"recurrence": "yes", "recurrence_of": earlier.pk, "version": again.eightd.version}
    client.post(f"/complaints/{again.pk}/8d/recurrence/", body)
    again.eightd.refresh_from_db()
    assert (again.eightd.recurrence, again.eightd.recurrence_of) == (True, earlier)


def test_a_recurrence_needs_the_earlier_case(people):
    complaint = makers.accepted(people)
    with pytest.raises(Invalid):
        actions.record_recurrence(people.quality, complaint.eightd, True, None)


def test_the_repeat_rate_counts_closed_8ds_found_to_be_recurrences(people):
    earlier = _closed(people, "支架焊点开裂，装配时断裂")
    again = makers.accepted(people, description="支架焊点再次开裂")
    actions.record_recurrence(people.quality, again.eightd, True, earlier)
    makers.fill_8d(people, again)
    actions.close_eightd(people.quality, again.eightd)
    month = indicators.period_start(again.eightd.closed_at.date())
    repeats, closed, rate = kpis.recurrence_by_month(months_period(month, month))[f"{month:%Y-%m}"]
    assert (repeats, closed, rate) == (1, 2, 50)
