"""The register (顾客财产登记表, HT-QR-MA-10) and the ledger (库存进出帐) as Excel and PDF."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from csc.core.pdf import FormPDF

from .choices import ItemStatus, Kind, MovementKind
from .models import NO_SECRETS
from .stock import on_hand

REGISTER_FORM = "HT-QR-MA-10"
#: A printed register longer than this is cut, with a note to filter it down.
PDF_MAX_ROWS = 2000

REGISTER_COLUMNS = [
    ("number", gettext_lazy("Property no.")),
    ("customer__code", gettext_lazy("Customer no.")),
    ("customer__name", gettext_lazy("Customer")),
    ("kind", gettext_lazy("Kind")),
    ("name", gettext_lazy("Name")),
    ("part_no", gettext_lazy("Customer's part no.")),
    ("serial_no", gettext_lazy("Serial no.")),
    ("unit", gettext_lazy("Unit")),
    ("on_hand", gettext_lazy("On hand")),
    ("location", gettext_lazy("Storage location")),
    ("storage_temperature", gettext_lazy("Temperature")),
    ("storage_humidity", gettext_lazy("Humidity")),
    ("protection", gettext_lazy("Protection")),
    ("check_interval_days", gettext_lazy("Check every (days)")),
    ("next_check_due", gettext_lazy("Next check")),
    ("status", gettext_lazy("Status")),
    ("registered_at", pgettext_lazy("time", "Registered")),
    ("registered_by__username", gettext_lazy("Registered by")),
]

LEDGER_COLUMNS = [
    ("moved_on", gettext_lazy("Date")),
    ("item__number", gettext_lazy("Property no.")),
    ("item__name", gettext_lazy("Name")),
    ("item__part_no", gettext_lazy("Customer's part no.")),
    ("customer__name", gettext_lazy("Customer")),
    ("lot__number", gettext_lazy("Receipt no.")),
    ("lot__lot_no", gettext_lazy("Lot no.")),
    ("kind", gettext_lazy("Movement")),
    ("quantity", gettext_lazy("Quantity")),
    ("item__unit", gettext_lazy("Unit")),
    ("reference", gettext_lazy("Reference")),
    ("note", gettext_lazy("Note")),
    ("created_by__username", gettext_lazy("By")),
]


def headers(columns):
    return [str(label) for _name, label in columns]


def _labels(choices):
    return {value: str(label) for value, label in choices.choices}


def register_rows(queryset):
    """Yield one list per register line, streamed from the database in chunks."""
    fields = [name for name, _label in REGISTER_COLUMNS]
    kinds, states = _labels(Kind), _labels(ItemStatus)
    at = {name: fields.index(name) for name in ("kind", "status", "registered_at")}
    rows = queryset.annotate(on_hand=on_hand()).values_list(*fields)
    for values in rows.iterator(chunk_size=2000):
        row = list(values)
        row[at["kind"]] = kinds.get(row[at["kind"]], row[at["kind"]])
        row[at["status"]] = states.get(row[at["status"]], row[at["status"]])
        # Excel has no time zones: the company's local date.
        row[at["registered_at"]] = timezone.localtime(row[at["registered_at"]]).date()
        yield row


def ledger_rows(queryset):
    """Yield one list per ledger entry, streamed."""
    fields = [name for name, _label in LEDGER_COLUMNS]
    kinds = _labels(MovementKind)
    kind_at = fields.index("kind")
    for values in queryset.values_list(*fields).iterator(chunk_size=2000):
        row = list(values)
        row[kind_at] = kinds.get(row[kind_at], row[kind_at])
        yield row


PDF_COLUMNS = [
    ("number", gettext_lazy("Property no."), 1.3),
    ("customer__name", gettext_lazy("Customer"), 1.8),
    ("kind", gettext_lazy("Kind"), 1.0),
    ("name", gettext_lazy("Name"), 1.8),
    ("part_no", gettext_lazy("Part / serial no."), 1.4),
    ("on_hand", gettext_lazy("On hand"), 0.9),
    ("location", gettext_lazy("Location"), 1.0),
    ("storage", gettext_lazy("Storage requirements"), 2.0),
    ("next_check_due", gettext_lazy("Next check"), 1.0),
    ("registered_at", pgettext_lazy("time", "Registered"), 1.0),
]


def register_pdf(queryset, subtitle=""):
    """Return the printed register as PDF bytes (A4 landscape, CJK font embedded)."""
    pdf = FormPDF(
        _("Customer property register"),
        form_number=REGISTER_FORM,
        subtitle=subtitle,
        orientation="L",
    )
    rows = list(_pdf_rows(queryset[: PDF_MAX_ROWS + 1]))
    pdf.table(
        [str(label) for _n, label, _w in PDF_COLUMNS],
        rows[:PDF_MAX_ROWS],
        widths=[w for _n, _l, w in PDF_COLUMNS],
    )
    if len(rows) > PDF_MAX_ROWS:
        pdf.paragraph(
            _("Note"),
            _("Only the first %(count)s lines are printed; filter the register to print the rest.")
            % {"count": PDF_MAX_ROWS},
        )
    pdf.signatures([(_("Prepared by"), "", ""), (_("Checked by"), "", ""), (_("Date"), "", "")])
    return pdf.render()


def _pdf_rows(queryset):
    kinds = _labels(Kind)
    items = queryset.select_related("customer").defer(*NO_SECRETS).annotate(on_hand=on_hand())
    for item in items.iterator(chunk_size=500):
        identification = " / ".join(v for v in (item.part_no, item.serial_no) if v)
        yield [
            item.number,
            item.customer.name,
            kinds.get(item.kind, item.kind),
            item.name,
            identification,
            f"{item.on_hand.normalize():f} {item.unit}",
            item.location,
            item.storage_requirements,
            item.next_check_due.isoformat() if item.next_check_due else "",
            timezone.localtime(item.registered_at).date().isoformat(),
        ]


def count_sheet_pdf(stocktake, lines):
    """Return the count sheet of a stocktake (盘点表) as PDF bytes, with space to write counts."""
    pdf = FormPDF(
        _("Stocktake count sheet"),
        form_number=stocktake.number,
        subtitle=_("Count date %(date)s") % {"date": stocktake.counted_on.isoformat()},
        orientation="L",
    )
    rows = [
        [
            line.item.number,
            line.item.name,
            line.lot.number,
            line.lot.lot_no,
            line.item.location,
            f"{line.book_quantity.normalize():f} {line.item.unit}",
            "" if line.counted_quantity is None else f"{line.counted_quantity.normalize():f}",
            line.explanation,
        ]
        for line in lines
    ]
    pdf.table(
        [
            _("Property no."), _("Name"), _("Receipt no."), _("Lot no."), _("Location"),
            _("Book"), _("Counted"), _("Explanation"),
        ],
        rows,
        widths=[1.3, 2.2, 1.3, 1.0, 1.1, 1.0, 1.0, 2.6],
    )  # fmt: skip
    pdf.signatures(
        [(_("Counted by"), "", ""), (_("Checked by"), "", ""), (_("Approved by"), "", "")]
    )
    return pdf.render()
