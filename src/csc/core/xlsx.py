"""Excel ledgers (台账): streaming export and all-or-nothing import with a row-by-row report."""

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from . import jobs, xlsxstream
from .errors import Invalid


def write_workbook(target, sheet_title, headers, rows: Iterable):
    """Write ``rows`` under ``headers`` to ``target`` in constant memory; return the row count.

    Inside a background job the rows written are reported as its progress."""
    return xlsxstream.write_workbook(target, sheet_title, headers, rows, jobs.progress)


# --- import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of an import sheet; ``parse`` turns a cell into a value or raises ValueError."""

    field: str
    labels: tuple  # accepted header texts (Chinese, English)
    parse: Callable = None
    required: bool = False
    max_length: int = 0


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    total: int = 0
    imported: int = 0
    errors: list = field(default_factory=list)
    applied: bool = False

    @property
    def bad_rows(self):
        return sorted({e.row for e in self.errors})

    def as_dict(self):
        return {
            "total": self.total,
            "imported": self.imported,
            "applied": self.applied,
            "errors": [e.__dict__ for e in self.errors],
            "bad_rows": self.bad_rows,
        }

    @classmethod
    def from_dict(cls, data):
        """Return the report a background import kept in its job's result."""
        errors = [RowError(**e) for e in data.get("errors", [])]
        return cls(data["total"], data["imported"], errors, data["applied"])


def open_sheet(upload):
    """Return the first worksheet of an uploaded workbook, refusing anything that is not one."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _not_a_workbook() from exc
    return workbook.worksheets[0]


def _not_a_workbook():
    return Invalid.field("file", _("This file is not an Excel workbook (.xlsx)."))


def check_limits(upload, max_rows):
    """Refuse a workbook too large to import, before parsing it (issue: zip bombs).

    Only the zip directory and the first bytes of the sheet are read: the file size, the sum
    of the unpacked sizes (what a zip bomb lies small about is its packed size, never the sizes
    its directory declares, which are what zipfile will unpack at most) and the sheet's
    declared dimension. Return the declared row count (0 when the sheet declares none).
    """
    limits = settings.CSC
    if _size_of(upload) > limits["IMPORT_MAX_BYTES"]:
        raise Invalid.field(
            "file",
            _("The file is larger than %(max)s MB.") % {"max": _mb(limits["IMPORT_MAX_BYTES"])},
        )
    try:
        with zipfile.ZipFile(upload) as package:
            unpacked = sum(info.file_size for info in package.infolist())
            if unpacked > limits["IMPORT_MAX_UNPACKED_BYTES"]:
                raise Invalid.field(
                    "file",
                    _("The workbook unpacks to more than %(max)s MB; split it into smaller files.")
                    % {"max": _mb(limits["IMPORT_MAX_UNPACKED_BYTES"])},
                )
            rows, columns = _declared_dimension(package)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _not_a_workbook() from exc
    finally:
        upload.seek(0)
    _check_shape(rows - 1, columns, max_rows)
    return max(rows - 1, 0)


def _check_shape(rows, columns, max_rows):
    if rows > max_rows:
        raise Invalid.field(
            "file", _("The workbook has more than %(max)s rows.") % {"max": max_rows}
        )
    max_columns = settings.CSC["IMPORT_MAX_COLUMNS"]
    if columns > max_columns:
        raise Invalid.field(
            "file", _("The workbook has more than %(max)s columns.") % {"max": max_columns}
        )


def _size_of(upload):
    size = getattr(upload, "size", None)
    if size is None:
        size = upload.seek(0, 2)
        upload.seek(0)
    return size


def _mb(size):
    return size // (1024 * 1024)


_DIMENSION = re.compile(rb'<dimension ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')


def _declared_dimension(package):
    """Return (last row, last column) the first sheet declares, or (0, 0) if it declares none."""
    names = sorted(n for n in package.namelist() if n.startswith("xl/worksheets/sheet"))
    if not names:
        return 0, 0
    with package.open(names[0]) as sheet:
        head = sheet.read(4096)
    found = _DIMENSION.search(head)
    if not found:
        return 0, 0
    return int(found[2]), column_index_from_string(found[1].decode())


def read_sheet(upload, columns, max_rows):
    """Return [(row number, {field: raw value})] after checking the header row.

    Rows that are entirely empty are skipped; row numbers are those Excel shows. The limits
    are checked before the workbook is parsed, and again as rows are read (a sheet need not
    declare its size, or may declare it wrong).
    """
    jobs.progress(0, check_limits(upload, max_rows))
    rows = open_sheet(upload).iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or all(c in (None, "") for c in header):
        raise Invalid.field("file", _("The workbook is empty."))
    positions = _match_header(header, columns)
    max_length = settings.CSC["IMPORT_MAX_CELL_LENGTH"]
    data = []
    for number, row in enumerate(rows, start=2):
        if all(c in (None, "") for c in row):
            continue
        _check_row(number, row, max_length)
        data.append(
            (
                number,
                {
                    col.field: _cell(row, positions[col.field])
                    for col in columns
                    if col.field in positions
                },
            )
        )
        _check_shape(len(data), 0, max_rows)
        jobs.progress(len(data))
    if not data:
        raise Invalid.field("file", _("The workbook has a header but no rows."))
    return data


def _check_row(number, row, max_length):
    last = max(i for i, c in enumerate(row) if c not in (None, "")) + 1
    _check_shape(0, last, 1)
    for index, value in enumerate(row):
        if isinstance(value, str) and len(value) > max_length:
            raise Invalid.field(
                "file",
                _("Row %(row)s, column %(column)s holds more than %(max)s characters.")
                % {"row": number, "column": get_column_letter(index + 1), "max": max_length},
            )


def _cell(row, index):
    return row[index] if index < len(row) else None


def _match_header(header, columns):
    names = [str(h).strip() if h is not None else "" for h in header]
    positions, missing = {}, []
    for column in columns:
        found = next((i for i, n in enumerate(names) if n in column.labels), None)
        if found is None:
            if column.required:
                missing.append(column.labels[0])
        else:
            positions[column.field] = found
    known = {label for c in columns for label in c.labels}
    unknown = [n for n in names if n and n not in known]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(names)s") % {"names": "、".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(names)s") % {"names": "、".join(unknown)})
        raise Invalid.field(
            "file",
            _("The header row does not match the template (%(problems)s).")
            % {"problems": "; ".join(parts)},
        )
    return positions


def parse_row(number, raw, columns, errors):
    """Return {field: value} for one row, appending a RowError for every bad cell."""
    values = {}
    for column in columns:
        value = raw.get(column.field)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            if column.required:
                errors.append(RowError(number, column.labels[0], _("This value is required.")))
            values[column.field] = None
            continue
        try:
            values[column.field] = _convert(column, value)
        except ValueError as exc:
            errors.append(RowError(number, column.labels[0], str(exc)))
    return values


def _convert(column, value):
    if column.parse is not None:
        return column.parse(value)
    text = str(value)
    if column.max_length and len(text) > column.max_length:
        raise ValueError(_("At most %(max)s characters.") % {"max": column.max_length})
    return text


# Parsers: each returns the value or raises ValueError with a translated message.


def text(max_length):
    def parse(value):
        text_value = str(value).strip()
        if len(text_value) > max_length:
            raise ValueError(_("At most %(max)s characters.") % {"max": max_length})
        return text_value

    return parse


def choice(choices_class):
    """Accept a choice's value or its label, in either language."""

    def parse(value):
        key = str(value).strip()
        for option in choices_class:
            if key.upper() == str(option.value).upper() or key == str(option.label):
                return option.value
        allowed = "、".join(str(v) for v in choices_class.values)
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s.") % {"value": key, "allowed": allowed}
        )

    return parse


def date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text_value = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text_value)
    except ValueError:
        raise ValueError(
            _("“%(value)s” is not a date (write it as 2026-03-31).") % {"value": value}
        ) from None


def whole_number(value):
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value}) from None
    if number != number.to_integral_value() or number < 0:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
    return int(number)


def email(value):
    address = str(value).strip()
    try:
        validate_email(address)
    except ValidationError:
        raise ValueError(_("“%(value)s” is not an e-mail address.") % {"value": value}) from None
    return address


IMPORT_MODE_HELP = gettext_lazy(
    "By default nothing is imported if any row is bad. Tick “import the good rows” to import "
    "the rows without errors and skip the others."
)
