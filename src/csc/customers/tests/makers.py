"""Record makers for the customer-master tests; each call makes fresh rows, never shared ones."""

import itertools
from io import BytesIO

from openpyxl import Workbook

from csc.customers import actions
from csc.testing import make_customer

_serial = itertools.count(1)

IMPORT_HEADER = ["客户名称", "分类", "信用等级", "信用期(天)", "准入日期", "地区", "银行账号"]


def unique_name(prefix="测试客户"):
    return f"{prefix}{next(_serial):05d}有限公司"


def draft(people, level="I", days=30, name=None, applicant=None):
    """Return a draft admission application made by the sales persona."""
    return actions.apply_for_admission(
        applicant or people.sales,
        {"name": name or unique_name("申请客户")},
        {"requested_level": level, "requested_days": days, "investigation": "实地考察，资信良好"},
    )


def submitted(people, level="I", days=30, name=None):
    """Return an application waiting for the approver its credit level calls for."""
    return actions.submit_admission(people.sales, draft(people, level, days, name))


def active_customer(**fields):
    fields.setdefault("name", unique_name())
    return make_customer(**fields)


def workbook(rows, header=IMPORT_HEADER):
    """Return an .xlsx in memory with ``header`` and ``rows`` (written in constant memory)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户一览表")
    if header is not None:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    target = BytesIO()
    book.save(target)
    target.seek(0)
    target.name = "customers.xlsx"
    return target


def ledger_rows(count, start=1):
    """Return ``count`` good rows for IMPORT_HEADER, with distinct names."""
    return [
        [f"导入客户{n:06d}有限公司", "B", "I", 30, "2025-06-01", "华东", ""]
        for n in range(start, start + count)
    ]
