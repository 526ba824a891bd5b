"""Excel ledgers read as people expect: local time, filters on the header, header in view."""

import datetime as dt
import zipfile
from io import BytesIO
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from csc.complaints.models import Complaint
from csc.complaints.tests import makers
from csc.core import xlsx
from csc.core.tests.resource_base import browser
from csc.core.xlsxstream import local_times

SHANGHAI = ZoneInfo("Asia/Shanghai")


def written(headers, rows):
    target = BytesIO()
    xlsx.write_workbook(target, "台账", headers, rows)
    target.seek(0)
    return target


def test_an_aware_time_is_written_as_shanghai_time_with_a_date_format():
    moment = dt.datetime(2026, 3, 1, 2, 30, tzinfo=dt.UTC)  # 10:30 in Shanghai
    sheet = load_workbook(written(["接收时间"], [[moment]])).active
    assert sheet["A2"].value == dt.datetime(2026, 3, 1, 10, 30)
    assert sheet["A2"].number_format == "yyyy-mm-dd hh:mm"


def test_every_ledger_has_a_frozen_header_and_filter_buttons():
    sheet = load_workbook(
        written(["编号", "客户", "数量"], [["A", "甲", 1], ["B", "乙", 2]])
    ).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"


def test_the_complaint_export_shows_the_received_time_as_entered_in_shanghai(people, media_root):
    complaint = makers.complaint(people)
    received = dt.datetime(2026, 3, 1, 10, 30, tzinfo=SHANGHAI)
    Complaint.objects.filter(pk=complaint.pk).update(received_at=received)
    response = browser(people.quality).get("/complaints/export/")
    content = b"".join(response.streaming_content)
    assert zipfile.is_zipfile(BytesIO(content))
    rows = list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))
    assert dt.datetime(2026, 3, 1, 10, 30) in rows[1]


def test_cells_after_empty_ones_stay_in_their_columns():
    rows = [["A", None, 3, "", "x&y<z>"], [None, "乙", None, None, dt.date(2026, 3, 1)]]
    sheet = load_workbook(written(["一", "二", "三", "四", "五"], rows)).active
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        ("A", None, 3, None, "x&y<z>"),
        (None, "乙", None, None, dt.datetime(2026, 3, 1)),
    ]


def test_the_ledgers_local_time_is_right_on_both_sides_of_a_change_of_summer_time():
    berlin = ZoneInfo("Europe/Berlin")  # 2026-03-29 01:00 UTC: clocks go from 02:00 to 03:00
    local = local_times(berlin)
    start = dt.datetime(2026, 3, 28, 23, 0)
    for minutes in range(0, 4 * 60, 7):
        moment = start + dt.timedelta(minutes=minutes)  # naive UTC, as SQLite gives it
        expected = moment.replace(tzinfo=dt.UTC).astimezone(berlin).replace(tzinfo=None)
        assert local(moment) == expected
        assert local(moment.replace(tzinfo=dt.UTC)) == expected  # aware, as PostgreSQL gives it
    assert local(dt.datetime(2026, 3, 29, 0, 59)) == dt.datetime(2026, 3, 29, 1, 59)
    assert local(dt.datetime(2026, 3, 29, 1, 0)) == dt.datetime(2026, 3, 29, 3, 0)
