"""Background jobs users can see: exports and imports run in the worker with progress, and an
import is refused before parsing when the workbook is too large."""

import time
import zipfile
from io import BytesIO

import pytest
from django.db import connection
from django.utils import translation
from openpyxl import load_workbook

from csc.core import jobs, xlsxstream
from csc.core.choices import JobStatus
from csc.core.errors import Invalid
from csc.core.models import Job
from csc.customers import actions as customer_actions
from csc.customers import ledger
from csc.customers.models import Customer
from csc.customers.tests.makers import IMPORT_HEADER, active_customer, ledger_rows, workbook


@pytest.fixture
def worker_later(monkeypatch):
    """Queue jobs without running them, as when the worker is busy; return a runner."""
    monkeypatch.setattr(jobs, "enqueue", lambda job_id: None)
    return jobs.run


def test_a_long_export_shows_its_progress_then_the_file_and_a_notification(
    people, client, worker_later
):
    for name, region in (("甲有限公司", "华东"), ("乙有限公司", "华东"), ("丙有限公司", "华南")):
        active_customer(name=name, region=region)
    client.force_login(people.vp)
    response = client.get("/customers/export/?region=华东")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert '<progress max="100" value="0">' in page
    assert f'hx-get="/jobs/{job.pk}/progress/"' in page  # the page polls until the job ends

    worker_later(job.pk)
    panel = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert '<progress max="100" value="100">' in panel and "hx-get" not in panel
    assert f'href="/jobs/{job.pk}/file/"' in panel
    note = people.vp.notifications.get()
    assert note.url == f"/jobs/{job.pk}/"
    download = client.get(f"/jobs/{job.pk}/file/")
    sheet = load_workbook(BytesIO(b"".join(download.streaming_content))).active
    assert sheet.max_row == 3  # the header and the two customers of the filter


def test_a_job_and_its_file_are_not_found_for_another_user(people, client, worker_later):
    client.force_login(people.vp)
    client.get("/customers/export/")
    job = Job.objects.get()
    worker_later(job.pk)
    client.force_login(people.administrator)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/file/").status_code == 404
    assert f'href="/jobs/{job.pk}/"' not in client.get("/jobs/").content.decode()


def test_the_jobs_page_lists_the_users_jobs_with_their_progress(people, client, worker_later):
    client.force_login(people.vp)
    client.get("/customers/export/")
    page = client.get("/jobs/").content.decode()
    assert "0%" in page and str(Job.objects.get().title) in page


@pytest.mark.django_db(transaction=True)
def test_an_export_reads_its_rows_without_holding_a_write_transaction(people, monkeypatch):
    active_customer(name="甲有限公司")
    seen = []
    rows = ledger.export_rows

    def watched(queryset, *plain):
        for row in rows(queryset, *plain):
            seen.append(connection.in_atomic_block)
            yield row

    monkeypatch.setattr(ledger, "export_rows", watched)
    customer_actions.export_customers(people.vp, BytesIO())
    # On SQLite every transaction takes the write lock: no other user could save meanwhile.
    assert seen == [False]


def test_a_failed_export_shows_its_error_on_the_job_page(people, client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(customer_actions, "export_customers", broken)
    client.force_login(people.vp)
    with translation.override("en"):
        response = client.get("/customers/export/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.error in response.content.decode()


# --- the row limit of a sheet ----------------------------------------------------------------


def sheets_of(rows, monkeypatch, per_sheet=5):
    monkeypatch.setattr(xlsxstream, "MAX_SHEET_ROWS", per_sheet)
    target = BytesIO()
    count = xlsxstream.write_workbook(target, "客户一览表", ["名称"], ([n] for n in rows))
    book = load_workbook(target)
    return count, {ws.title: [r[0] for r in ws.iter_rows(values_only=True)] for ws in book}


def test_rows_beyond_the_sheet_limit_continue_on_further_sheets_under_the_same_header(
    monkeypatch,
):
    count, sheets = sheets_of(range(1, 10), monkeypatch)
    assert count == 9
    assert sheets == {
        "客户一览表": ["名称", 1, 2, 3, 4],
        "客户一览表 (2)": ["名称", 5, 6, 7, 8],
        "客户一览表 (3)": ["名称", 9],
    }


def test_a_full_sheet_is_not_followed_by_an_empty_one(monkeypatch):
    _count, sheets = sheets_of(range(1, 9), monkeypatch)
    assert list(sheets) == ["客户一览表", "客户一览表 (2)"]


def test_an_empty_export_still_has_its_header(monkeypatch):
    assert sheets_of([], monkeypatch) == (0, {"客户一览表": ["名称"]})


# --- imports: in the worker, limits checked before parsing -------------------------------------


def refusal(people, upload):
    with translation.override("en"), pytest.raises(Invalid) as caught:
        customer_actions.import_customers(people.administrator, upload)
    return " ".join(caught.value.fields["file"])


def test_a_zip_bomb_is_refused_at_once_without_being_unpacked(people):
    bomb = BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(210):
                sheet.write(b" " * (1024 * 1024))
    assert len(bomb.getvalue()) < 1024 * 1024  # about 200 kB on disk
    started = time.monotonic()
    message = refusal(people, bomb)
    assert time.monotonic() - started < 1
    assert message == "The workbook unpacks to more than 200 MB; split it into smaller files."


def _declaring(rows, columns="C"):
    """An .xlsx whose sheet declares ``rows`` rows (as Excel and openpyxl files do)."""
    source = workbook(ledger_rows(2))
    target = BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<sheetData>", f'<dimension ref="A1:{columns}{rows}"/><sheetData>'.encode(), 1
                )
            new.writestr(item, data)
    target.seek(0)
    return target


def test_a_sheet_declaring_more_rows_than_the_limit_is_refused_before_parsing(people, settings):
    settings.CSC = {**settings.CSC, "IMPORT_MAX_ROWS": 1000}
    assert refusal(people, _declaring(1002)) == "The workbook has more than 1000 rows."
    assert not Customer.objects.exists()


def test_a_sheet_declaring_too_many_columns_is_refused(people):
    assert refusal(people, _declaring(3, "ZZ")) == "The workbook has more than 50 columns."


def test_a_row_with_too_many_columns_is_refused(people):
    rows = [[*ledger_rows(1)[0], *["x"] * 60]]
    assert refusal(people, workbook(rows)) == "The workbook has more than 50 columns."


def test_an_overlong_cell_is_refused_naming_its_row_and_column(people):
    rows = ledger_rows(2)
    rows[1][5] = "华" * 2001
    message = refusal(people, workbook(rows))
    assert message == "Row 3, column F holds more than 2000 characters."


def test_a_file_over_the_size_limit_is_refused(people, settings):
    settings.CSC = {**settings.CSC, "IMPORT_MAX_BYTES": 1024 * 1024}
    big = BytesIO(b"PK" + b"\0" * (1024 * 1024))
    assert refusal(people, big) == "The file is larger than 1 MB."


def test_an_import_runs_in_the_worker_and_its_page_shows_the_report(people, client, worker_later):
    client.force_login(people.administrator)
    upload = workbook(ledger_rows(3))
    upload.name = "客户.xlsx"
    response = client.post("/customers/import/", {"file": upload})
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert not Customer.objects.exists()  # nothing happened inside the request
    worker_later(job.pk)
    with translation.override("en"):
        page = client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert Customer.objects.count() == 3
    assert "3" in page and 'id="import-report"' in page


def test_an_import_header_with_the_workbook_limits_still_names_missing_columns(people):
    rows = [["甲有限公司"]]
    message = refusal(people, workbook(rows, header=IMPORT_HEADER[:1]))
    assert "missing columns: 分类" in message


# --- periodic runs ----------------------------------------------------------------------------


def test_each_scheduled_run_leaves_its_result_for_the_administrator(people, client):
    from csc.property.tasks import condition_checks

    condition_checks.call_local()
    run = Job.objects.get(kind="property.condition-checks")
    assert run.status == JobStatus.DONE and run.user is None
    client.force_login(people.administrator)
    assert 'id="scheduled-runs"' in client.get("/jobs/").content.decode()
    client.force_login(people.sales)
    assert 'id="scheduled-runs"' not in client.get("/jobs/").content.decode()


def test_a_failing_scheduled_run_is_recorded_with_its_error(people, monkeypatch):
    from csc.property import actions as property_actions
    from csc.property.tasks import condition_checks

    def broken(actor):
        raise RuntimeError("calendar missing")

    monkeypatch.setattr(property_actions, "schedule_condition_checks", broken)
    with pytest.raises(RuntimeError):
        condition_checks.call_local()
    run = Job.objects.get(kind="property.condition-checks")
    assert (run.status, run.error) == (JobStatus.FAILED, "RuntimeError: calendar missing")
