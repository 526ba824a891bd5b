"""Excel import (all-or-nothing, row report) and export of the customer list (CUS-5)."""

import datetime as dt
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from csc.core.choices import AuditAction
from csc.core.errors import Denied, Invalid
from csc.core.models import AuditEntry, NumberSequence
from csc.customers import actions, ledger
from csc.customers.models import Customer

from .makers import IMPORT_HEADER, active_customer, ledger_rows, workbook

BIG = 20_000
BAD_ROW = 12_346  # as Excel numbers it: the header is row 1


def import_file(user, upload, good_rows_only=False):
    return actions.import_customers(user, upload, good_rows_only)


def refusal(user, upload):
    """Return the message the import gives for a file it refuses as a whole."""
    with pytest.raises(Invalid) as caught:
        import_file(user, upload)
    return " ".join(caught.value.fields["file"])


def problems(report):
    return [(e.row, e.column, e.message) for e in report.errors]


# --- files refused as a whole ------------------------------------------------------------


def test_wrong_headers_name_the_missing_and_unknown_columns(people):
    with translation.override("en"):
        message = refusal(
            people.administrator, workbook([["甲公司", "A"]], ["名称", "分类", "颜色"])
        )
    assert "missing columns: 客户名称" in message
    assert "unknown columns: 名称、颜色" in message
    assert not Customer.objects.exists()


def test_english_headers_are_accepted(people):
    upload = workbook([["Acme Ltd", "A"], ["Beta Ltd", "C"]], ["Name", "Class"])
    report = import_file(people.administrator, upload)
    assert (report.applied, report.imported) == (True, 2)


def test_an_empty_workbook_is_refused(people):
    book = Workbook()
    target = BytesIO()
    book.save(target)
    target.seek(0)
    with translation.override("en"):
        assert refusal(people.administrator, target) == "The workbook is empty."


def test_a_workbook_with_only_a_header_is_refused(people):
    with translation.override("en"):
        message = refusal(people.administrator, workbook([]))
    assert message == "The workbook has a header but no rows."


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


def _zip_without_workbook():
    target = BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return target.getvalue()


@pytest.mark.parametrize(
    "content",
    [PNG, "客户名称,分类\n甲公司,A\n".encode(), b"", _zip_without_workbook()],
    ids=["png", "csv-text", "empty-file", "plain-zip"],
)
def test_a_file_that_is_not_excel_is_refused(people, content):
    with translation.override("en"):
        message = refusal(people.administrator, BytesIO(content))
    assert message == "This file is not an Excel workbook (.xlsx)."


# --- rows with problems ------------------------------------------------------------------


def test_a_bad_date_is_reported_with_its_row_and_column(people):
    rows = ledger_rows(3)
    rows[1][4] = "2025-13-45"
    with translation.override("en"):
        report = import_file(people.administrator, workbook(rows))
    assert problems(report) == [
        (3, "准入日期", "“2025-13-45” is not a date (write it as 2026-03-31).")
    ]
    assert (report.applied, report.imported) == (False, 0)
    assert not Customer.objects.exists()


def test_dates_written_by_excel_or_as_text_set_the_admission_date(people):
    rows = ledger_rows(2)
    rows[0][4] = dt.datetime(2024, 3, 15)
    rows[1][4] = "2024/04/01"
    import_file(people.administrator, workbook(rows))
    dates = sorted(timezone.localtime(c.created_at).date() for c in Customer.objects.all())
    assert dates == [dt.date(2024, 3, 15), dt.date(2024, 4, 1)]


def test_duplicate_names_within_the_file_are_reported(people):
    rows = ledger_rows(3)
    rows[2][0] = rows[0][0].upper() + " "
    with translation.override("en"):
        report = import_file(people.administrator, workbook(rows))
    assert problems(report) == [(4, "客户名称", "Same name as row 2.")]


def test_names_already_in_the_customer_list_are_reported(people):
    rows = ledger_rows(2)
    active_customer(name=rows[1][0])
    with translation.override("en"):
        report = import_file(people.administrator, workbook(rows))
    assert problems(report) == [(3, "客户名称", "A customer with this name already exists.")]
    assert Customer.objects.count() == 1


def test_every_bad_cell_of_every_row_is_reported(people):
    rows = ledger_rows(4)
    rows[0][1] = "Z"
    rows[0][3] = "thirty"
    rows[2][0] = None
    with translation.override("en"):
        report = import_file(people.administrator, workbook(rows))
    assert [(row, column) for row, column, _m in problems(report)] == [
        (2, "信用期(天)"),
        (2, "分类"),
        (4, "客户名称"),
    ]
    assert report.bad_rows == [2, 4]


def test_an_unknown_salesperson_is_reported(people):
    upload = workbook([["甲有限公司", "A", "nobody"]], ["客户名称", "分类", "业务员"])
    report = import_file(people.administrator, upload)
    assert [(e.row, e.column) for e in report.errors] == [(2, "业务员")]


def test_a_known_salesperson_is_linked(people):
    sales = people.sales
    upload = workbook([["甲有限公司", "A", "sales"]], ["客户名称", "分类", "业务员"])
    import_file(people.administrator, upload)
    assert Customer.objects.get().salesperson == sales


def test_sales_may_not_import(people):
    with pytest.raises(Denied):
        import_file(people.sales, workbook(ledger_rows(1)))
    assert not Customer.objects.exists()


# --- 20,000 rows -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory):
    """A 20,000-row ledger whose row BAD_ROW has an unknown class; written once, read-only."""
    rows = ledger_rows(BIG)
    rows[BAD_ROW - 2][1] = "Z"
    path = tmp_path_factory.mktemp("ledger") / "customers-20000.xlsx"
    path.write_bytes(workbook(rows).getvalue())
    return path


def test_twenty_thousand_rows_with_one_bad_row_import_nothing_and_report_that_row(
    people, big_ledger
):
    with big_ledger.open("rb") as upload:
        report = import_file(people.administrator, upload)
    assert [(e.row, e.column) for e in report.errors] == [(BAD_ROW, "分类")]
    assert (report.total, report.imported, report.applied) == (BIG, 0, False)
    assert not Customer.objects.exists()
    assert not NumberSequence.objects.filter(key="customer").exists()


def test_twenty_thousand_rows_importing_the_good_ones_skips_only_the_bad_row(people, big_ledger):
    with big_ledger.open("rb") as upload:
        report = import_file(people.administrator, upload, good_rows_only=True)
    assert (report.imported, report.applied, report.bad_rows) == (BIG - 1, True, [BAD_ROW])
    year = timezone.localdate().year
    codes = list(Customer.objects.values_list("code", flat=True))
    assert len(codes) == BIG - 1
    assert set(codes) == {f"CU-{year}-{n:04d}" for n in range(1, BIG)}
    assert not Customer.objects.filter(name=f"导入客户{BAD_ROW - 1:06d}有限公司").exists()
    imports = AuditEntry.objects.filter(action=AuditAction.IMPORT)
    assert imports.count() == BIG - 1
    assert imports.values("object_id").distinct().count() == BIG - 1
    assert set(imports.values_list("actor", flat=True).distinct()) == {people.administrator.pk}


def test_imported_customers_are_admitted_and_numbered_after_existing_ones(people):
    year = timezone.localdate().year
    active_customer()  # takes CU-YYYY-0001
    import_file(people.administrator, workbook(ledger_rows(3)))
    imported = Customer.objects.exclude(code=f"CU-{year}-0001").order_by("code")
    assert [c.code for c in imported] == [f"CU-{year}-{n:04d}" for n in (2, 3, 4)]
    assert all(c.status == "active" for c in imported)
    assert Customer.objects.admitted().count() == 4


def test_imported_bank_accounts_are_encrypted(people):
    rows = ledger_rows(1)
    rows[0][6] = "6222020200112233"
    import_file(people.administrator, workbook(rows))
    customer = Customer.objects.get()
    assert (customer.bank_account, customer.bank_account_tail) == ("6222020200112233", "2233")
    entry = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert "6222020200112233" not in str(entry.changes)


# --- the web page and the command line ---------------------------------------------------


def upload(rows, header=IMPORT_HEADER, name="customers.xlsx"):
    return SimpleUploadedFile(name, workbook(rows, header).getvalue())


def test_the_import_page_reports_bad_rows_and_imports_nothing(people, client):
    rows = ledger_rows(3)
    rows[2][1] = "Z"
    client.force_login(people.administrator)
    response = client.post("/customers/import/", {"file": upload(rows)})
    assert response.status_code == 200
    report = response.context["report"]
    assert [(e.row, e.column) for e in report.errors] == [(4, "分类")]
    assert "<td>4</td><td>分类</td>" in response.content.decode()
    assert not Customer.objects.exists()


def test_the_import_page_imports_the_good_rows_when_asked(people, client):
    rows = ledger_rows(3)
    rows[2][1] = "Z"
    client.force_login(people.administrator)
    response = client.post("/customers/import/", {"file": upload(rows), "good_rows_only": "on"})
    assert response.context["report"].imported == 2
    assert Customer.objects.count() == 2


def test_the_import_page_refuses_a_file_that_is_not_excel(people, client):
    client.force_login(people.administrator)
    fake = SimpleUploadedFile("customers.xlsx", PNG)
    response = client.post("/customers/import/", {"file": fake})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert response.context["report"] is None


def test_the_import_page_is_not_found_for_sales(people, client):
    client.force_login(people.sales)
    assert client.get("/customers/import/").status_code == 404
    assert client.post("/customers/import/", {"file": upload(ledger_rows(1))}).status_code == 404
    assert not Customer.objects.exists()


def test_the_command_line_imports_a_ledger(people, tmp_path, capsys):
    path = tmp_path / "customers.xlsx"
    path.write_bytes(workbook(ledger_rows(5)).getvalue())
    call_command("import_xlsx", "customers", str(path), user=people.administrator.username)
    assert "5 of 5 rows imported." in capsys.readouterr().out
    assert Customer.objects.count() == 5


def test_the_command_line_reports_bad_rows_and_fails(people, tmp_path, capsys):
    rows = ledger_rows(3)
    rows[1][4] = "yesterday"
    path = tmp_path / "customers.xlsx"
    path.write_bytes(workbook(rows).getvalue())
    with pytest.raises(SystemExit) as exited:
        call_command("import_xlsx", "customers", str(path), user=people.administrator.username)
    assert exited.value.code == 1
    assert "row 3, 准入日期" in capsys.readouterr().out
    assert not Customer.objects.exists()


def test_the_command_line_refuses_a_file_that_is_not_excel(people, tmp_path):
    path = tmp_path / "customers.xlsx"
    path.write_text("客户名称,分类\n")
    with pytest.raises(CommandError):
        call_command("import_xlsx", "customers", str(path), user=people.administrator.username)


def test_the_command_line_runs_as_a_user_with_the_permission(people, tmp_path):
    path = tmp_path / "customers.xlsx"
    path.write_bytes(workbook(ledger_rows(1)).getvalue())
    with pytest.raises(CommandError):
        call_command("import_xlsx", "customers", str(path), user=people.sales.username)
    with pytest.raises(CommandError):
        call_command("import_xlsx", "customers", str(path), user="nobody")
    assert not Customer.objects.exists()


# --- export ------------------------------------------------------------------------------


def export(client, user, query=""):
    client.force_login(user)
    response = client.get(f"/customers/export/{query}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content)), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def exported_accounts(rows):
    column = rows[0].index(str(ledger.EXPORT_COLUMNS[14][1]))
    return {row[1]: row[column] for row in rows[1:]}


def test_the_export_has_the_header_and_every_visible_row(people, client):
    for name in ("丙有限公司", "甲有限公司", "乙有限公司"):
        active_customer(name=name, region="华东")
    sales = people.sales
    with translation.override(sales.language):
        header = ledger.export_headers()
    rows = export(client, sales)
    assert rows[0] == header
    assert sorted(row[1] for row in rows[1:]) == sorted(["丙有限公司", "甲有限公司", "乙有限公司"])


def test_the_export_masks_bank_accounts_for_sales_and_shows_them_to_the_vp(people, client):
    active_customer(name="甲有限公司", bank_account="6222020200112233")
    active_customer(name="乙有限公司")
    assert exported_accounts(export(client, people.sales)) == {
        "甲有限公司": "•••• 2233",
        "乙有限公司": None,
    }
    assert exported_accounts(export(client, people.vp))["甲有限公司"] == "6222020200112233"


def test_the_export_applies_the_list_filters(people, client):
    active_customer(name="甲有限公司", region="华东", abc_class="A")
    active_customer(name="乙有限公司", region="华南", abc_class="A")
    active_customer(name="丙有限公司", region="华东", abc_class="C")
    rows = export(client, people.sales, "?region=华东&abc_class=A")
    assert [row[1] for row in rows[1:]] == ["甲有限公司"]


def test_the_export_is_recorded_in_the_audit_trail(people, client):
    active_customer(bank_account="6222020200112233")
    active_customer()
    export(client, people.vp)
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.actor, entry.changes) == (people.vp, {"rows": 2, "sensitive_in_clear": True})


@pytest.mark.parametrize("persona", ["quality", "contact", "outsider"])
def test_the_export_is_not_found_for_users_without_the_permission(people, client, persona):
    active_customer()
    client.force_login(getattr(people, persona))
    assert client.get("/customers/export/").status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_credit_period_that_does_not_fit_the_level_is_reported(people):
    rows = ledger_rows(3)
    rows[0][2:4] = ["I", 60]
    rows[1][2:4] = ["II", 20]
    rows[2][2:4] = ["III", None]
    with translation.override("en"):
        report = import_file(people.administrator, workbook(rows))
    assert problems(report) == [
        (2, "信用期(天)", "Level I allows a credit period of at most 30 days."),
        (3, "信用期(天)", "Level II means a credit period of more than 30 days."),
    ]
    assert not Customer.objects.exists()
