"""A streaming .xlsx writer for large ledgers: rows go as XML text straight into the zip.

openpyxl, even in write-only mode, builds an object per cell and keeps every distinct string in
its shared-string table: about 7,000 rows/s here and a memory that grows with the data. This
writer keeps nothing but the current chunk of rows (constant memory) and writes 40,000+ rows/s.
Strings are inline and typed as text, so a value starting with "=" is never taken for a formula.
openpyxl (and so our import) reads the files back.
"""

import datetime as dt
import math
import re
import zipfile
from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import quoteattr

from django.utils import timezone
from openpyxl.utils import get_column_letter

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_DATE, _DAY = _EPOCH.date(), dt.timedelta(days=1)
_LAST_OF_DAY = _DAY - dt.timedelta(microseconds=1)
# Cell styles (indexes into cellXfs below): plain, date and time, date, bold header.
_DATETIME, _DATE, _HEADER = 1, 2, 3
# XML 1.0 cannot hold control characters other than tab, newline and carriage return.
_ESCAPES = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    **{code: None for code in range(32) if code not in (9, 10, 13)},
}
_ROWS_PER_WRITE = 1000
# A text needs escaping only if it holds one of these (most do not: one search, no rewrite).
_UNSAFE = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")

_PARTS = {
    "_rels/.rels": (
        f'{_XML}<Relationships xmlns="{_PKG_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        f'{_XML}<styleSheet xmlns="{_MAIN}">'
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/>'
        '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}
# The header row stays in view while scrolling (frozen pane at A2).
_SHEET_START = (
    f'{_XML}<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft"/></sheetView></sheetViews><sheetData>'
)
_SHEET_END = "</sheetData>{filter}</worksheet>"


# Excel's limit of rows per sheet (the header included); beyond it the rows go on to a new
# sheet with the same header, so a ledger of any length opens whole.
MAX_SHEET_ROWS = 1_048_576


def write_workbook(target, sheet_title, headers, rows, progress=None):
    """Write ``rows`` under ``headers`` to ``target`` (a path or a binary file); return the row
    count. Cells may be text, numbers, booleans, dates and naive datetimes; None stays empty.
    Rows beyond one sheet's limit continue on further sheets ("title (2)", …); ``progress``,
    if given, is called with the rows written so far after every chunk."""
    rows = _Rows(rows)
    headers = [str(h) for h in headers]
    # Level 1: the sheet XML is very repetitive, so the gain of stronger levels is small and slow.
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, content in _PARTS.items():
            package.writestr(name, content)
        sheets, count = 0, 0
        while sheets == 0 or rows.has_more():
            sheets += 1
            with package.open(f"xl/worksheets/sheet{sheets}.xml", "w", force_zip64=True) as sheet:
                count = _write_sheet(sheet, headers, rows, count, progress or _quiet)
        package.writestr("[Content_Types].xml", _content_types_xml(sheets))
        package.writestr("xl/_rels/workbook.xml.rels", _workbook_rels_xml(sheets))
        package.writestr("xl/workbook.xml", _workbook_xml(sheet_title, sheets))
    return count


class _Rows:
    """The rows to write, with a look ahead: a full sheet is followed by another only if a row
    is left for it."""

    def __init__(self, rows):
        self._rows, self._ahead = iter(rows), []

    def __iter__(self):
        return self

    def __next__(self):
        return self._ahead.pop() if self._ahead else next(self._rows)

    def has_more(self):
        if not self._ahead:
            try:
                self._ahead.append(next(self._rows))
            except StopIteration:
                return False
        return True


def _quiet(_written):
    pass


def _content_types_xml(sheets):
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_OFFICE}.worksheet+xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'{_XML}<Types xmlns="{_TYPES}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE}.sheet.main+xml"/>'
        f"{overrides}"
        f'<Override PartName="/xl/styles.xml" ContentType="{_OFFICE}.styles+xml"/>'
        "</Types>"
    )


def _workbook_rels_xml(sheets):
    links = "".join(
        f'<Relationship Id="rId{n}" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'{_XML}<Relationships xmlns="{_PKG_RELS}">{links}'
        f'<Relationship Id="rId{sheets + 1}" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )


def _workbook_xml(title, sheets=1):
    # Excel refuses sheet names over 31 characters or containing []:*?/\
    name = "".join(" " if c in "[]:*?/\\" else c for c in str(title))[:31].strip() or "Sheet1"
    entries = "".join(
        f'<sheet name={quoteattr(_sheet_name(name, n))} sheetId="{n}" r:id="rId{n}"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><sheets>{entries}'
        "</sheets></workbook>"
    )


def _sheet_name(name, number):
    if number == 1:
        return name
    suffix = f" ({number})"
    return name[: 31 - len(suffix)] + suffix


def _write_sheet(stream, headers, rows, written, progress):
    """Write rows until they run out or the sheet is full; return the rows written in all."""
    stream.write(_SHEET_START.encode())
    chunk = [_row(1, headers, _HEADER)]
    number = 1
    for values in rows:
        number += 1
        chunk.append(_row(number, values))
        if len(chunk) >= _ROWS_PER_WRITE:
            stream.write("".join(chunk).encode())
            chunk.clear()
            progress(written + number - 1)
        if number >= MAX_SHEET_ROWS:
            break
    chunk.append(_SHEET_END.format(filter=_auto_filter(len(headers), number - 1)))
    stream.write("".join(chunk).encode())
    return written + number - 1


def _auto_filter(columns, rows):
    """Return the filter buttons on the header row, over every column and row of the ledger."""
    if not columns:
        return ""
    return f'<autoFilter ref="A1:{_letter(columns - 1)}{rows + 1}"/>'


@lru_cache(maxsize=512)
def _letter(index):
    return get_column_letter(index + 1)


def _row(number, values, style=0):
    """Return a row's XML. A cell names its column only after an empty one: without a name a
    cell is the next column (the format allows it), which saves a third of the writing."""
    parts = [f'<row r="{number}">']
    gap = False
    for index, value in enumerate(values):
        if value is None or value == "":
            gap = True
            continue
        ref = f' r="{_letter(index)}{number}"' if gap else ""
        parts.append(_WRITERS.get(type(value), _cell)(ref, value, style))
        gap = False
    parts.append("</row>")
    return "".join(parts)


def _text(ref, value, style=0):
    if _UNSAFE.search(value):
        value = value.translate(_ESCAPES)
    keep = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    styled = f' s="{style}"' if style else ""
    return f'<c{ref} t="inlineStr"{styled}><is><t{keep}>{value}</t></is></c>'


def _number(ref, value, style=0):
    return f"<c{ref}><v>{value}</v></c>"


def _moment(ref, value, style=0):
    if value.tzinfo is not None:
        # Excel has no time zones: people read the company's local time, never UTC.
        value = _local_times(timezone.get_current_timezone())(value)
    return f'<c{ref} s="{_DATETIME}"><v>{(value - _EPOCH) / _DAY}</v></c>'


def _day(ref, value, style=0):
    return f'<c{ref} s="{_DATE}"><v>{(value - _EPOCH_DATE).days}</v></c>'


def _cell(ref, value, style=0):
    """Any other value: by what it is (subclasses of str, non-finite floats, lazy text …)."""
    if isinstance(value, str):
        return _text(ref, str(value), style)
    if isinstance(value, bool):
        return f'<c{ref} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | Decimal) or (isinstance(value, float) and math.isfinite(value)):
        return _number(ref, value)
    if isinstance(value, dt.datetime):
        return _moment(ref, value)
    if isinstance(value, dt.date):
        return _day(ref, value)
    return _text(ref, str(value), style)  # lazy translations, UUIDs, non-finite floats …


def local_times(tz):
    """Return a function: database time (aware, naive UTC, or UTC text) → naive local time in
    ``tz`` (Excel has no time zones); None stays None.

    The zone's offset is looked up once per day of UTC time, and a day on which the offset
    changes (summer time) is converted value by value: converting each of 400,000 times in
    full cost more than writing them to the sheet.
    """
    offsets = {}

    def offset_at(value):
        day = value.toordinal()
        offset = offsets.get(day)
        if offset is None:
            start = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
            first, last = (t.astimezone(tz).utcoffset() for t in (start, start + _LAST_OF_DAY))
            offset = offsets[day] = first if first == last else False
        return offset

    def local(value):
        if value is None:
            return None
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        # The database keeps UTC; a naive value must not be read as the process's zone
        # (Django sets TZ to the company zone, so astimezone would shift nothing).
        offset = offset_at(value)
        if offset is False:
            return value.replace(tzinfo=dt.UTC).astimezone(tz).replace(tzinfo=None)
        return value + offset

    return local


_local_times = lru_cache(maxsize=8)(local_times)  # one converter (and its offsets) per zone

# The writer of each plain type, found by one lookup (floats go by _cell: inf and nan are text).
_WRITERS = {str: _text, int: _number, Decimal: _number, dt.datetime: _moment, dt.date: _day}
