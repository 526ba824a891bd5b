"""Printable forms of the order area (REC-1), in the language asked for (Chinese or English).

PI (S0 附表十), review record HT-QR-MA-03, production/sample order HT-QR-MA-04, production change
order HT-QR-MA-05, liaison memo HT-QR-MA-06 and delivery notice HT-QR-MA-07.
"""

from collections import defaultdict
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from csc.core.pdf import FormPDF
from csc.core.units import unit_label

from . import versions
from .choices import SECTION_SHORT, ItemCategory, Section
from .conf import setting

LANGUAGES = ("zh-hans", "en")


def language_of(requested, customer=None):
    if requested in LANGUAGES:
        return requested
    return (
        getattr(customer, "language", None)
        if getattr(customer, "language", None) in LANGUAGES
        else "zh-hans"
    )


def _day(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
        return f"{value:%Y-%m-%d %H:%M}"
    return f"{value:%Y-%m-%d}"


def _number(value):
    if value is None:
        return ""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text


def _money(value):
    return f"{value:,.2f}"


def _seller(english):
    seller = setting("ORDERS_SELLER")
    if english:
        return seller.get("name_en") or seller["name"], seller.get("address_en") or seller.get(
            "address", ""
        )
    return seller["name"], seller.get("address", "")


def _company(english):
    return _seller(english)[0]


# --- PI ------------------------------------------------------------------------------------


def proforma_invoice(order, language=None):
    """Return the pro-forma invoice (S0 附表十) of an order as PDF bytes."""
    language = language_of(language, order.customer)
    with translation.override(language):
        return _proforma(order, language == "en")


def _proforma(order, english):
    customer = order.customer
    seller, seller_address = _seller(english)
    pdf = FormPDF(_("PRO FORMA INVOICE"), company=seller, subtitle=seller_address)
    pdf.facts(
        [
            (_("Buyer"), customer.name),
            (_("Invoice no."), order.number),
            (_("Buyer's address"), customer.address),
            (_("Date"), _day(timezone.localdate())),
            (_("Seller"), seller),
            (_("Customer's order no."), order.customer_reference or "–"),
            (_("Trade terms"), order.trade_terms or "–"),
            (_("Order type"), order.get_order_type_display()),
        ]
    )
    lines = list(order.lines.select_related("product"))
    totals = defaultdict(Decimal)
    rows = []
    for line in lines:
        totals[line.currency] += line.amount
        rows.append(
            [
                line.line_no, f"{line.product.code}\n{line.product.name}", line.specification,
                f"{_number(line.quantity)} {unit_label(line.product.unit)}", f"{line.currency} {_number(line.unit_price)}",
                f"{line.currency} {_money(line.amount)}", _day(line.promised_date or line.requested_date),
            ]
        )  # fmt: skip
    pdf.heading(_("Goods"))
    pdf.table(
        [
            pgettext("row number", "No."),
            _("Product"),
            _("Specification"),
            _("Quantity"),
            _("Unit price"),
            _("Amount"),
            _("Delivery"),
        ],
        rows,
        [0.5, 2.2, 2, 1.3, 1.4, 1.6, 1.3],
        ["C", "L", "L", "R", "R", "R", "C"],
    )
    total = "   ".join(
        f"{currency} {_money(amount)}" for currency, amount in sorted(totals.items())
    )
    pdf.facts([(_("Total"), total)], columns=1, label_share=0.2)
    pdf.paragraph(_("Payment terms"), order.payment_terms)
    bank = setting("ORDERS_BENEFICIARY_BANK")
    pdf.heading(_("Beneficiary's banking information"))
    pdf.facts(
        [
            (_("Beneficiary"), bank.get("beneficiary", seller)),
            (_("Address"), seller_address),
            (_("Bank name"), bank.get("bank_name", "")),
            (_("Bank address"), bank.get("bank_address", "")),
            (_("A/C no."), bank.get("account", "")),
            (_("SWIFT code"), bank.get("swift", "")),
        ],
        columns=1,
        label_share=0.22,
    )
    pdf.signatures(
        [
            (_("Seller's signature"), _("For and on behalf of %(name)s") % {"name": seller}, ""),
            (
                _("Buyer's signature"),
                _("For and on behalf of %(name)s") % {"name": customer.name},
                "",
            ),
        ]
    )
    return pdf.render()


# --- review record -------------------------------------------------------------------------


def review_record(order, version, language=None):
    """Return one version of the review record (HT-QR-MA-03) as PDF bytes."""
    with translation.override(language_of(language)):
        return _review_record(order, version)


def _review_record(order, version):
    if version.is_withdrawn:
        subtitle = _("Version %(number)s · SUPERSEDED: replaced by a later version") % {
            "number": version.number
        }
    else:
        state = version.get_status_display()
        subtitle = _("Version %(number)s · %(state)s") % {"number": version.number, "state": state}
    pdf = FormPDF(_("Contract / order review record"), "HT-QR-MA-03", _company(False), subtitle)
    content = versions.content(version)
    pdf.facts(
        [
            (_("Order no."), order.number),
            (_("Customer"), order.customer.name),
            (_("Received"), _day(order.received_at)),
            (_("Channel"), order.get_channel_display()),
            (
                _("Order type"),
                order.get_order_type_display() + (" · " + _("sample") if order.sample else ""),
            ),
            (_("Customer's order no."), order.customer_reference or "–"),
            (_("Review started"), _day(version.started_at)),
            (_("Review due"), _day(version.due_at)),
        ]
    )
    if version.reason:
        pdf.paragraph(_("Reason for this version"), version.reason)
    _snapshot_lines(pdf, content["lines"])
    for category in ItemCategory:
        texts = content["items"].get(category.value)
        if texts:
            pdf.paragraph(category.label, "\n".join(texts))
    _sections_table(pdf, version)
    pdf.paragraph(_("Remarks (GM coordination)"), version.remarks)
    pdf.signatures(
        [
            (_("General Manager"), str(version.decided_by or ""), _day(version.completed_at)),
            (_("Marketing"), str(order.created_by), _day(order.submitted_at)),
        ]
    )
    return pdf.render()


def _snapshot_lines(pdf, lines):
    pdf.heading(_("Product, quantity, price and delivery"))
    pdf.table(
        [
            pgettext("row number", "No."),
            _("Product"),
            _("Specification"),
            _("Quantity"),
            _("Unit price"),
            _("Requested"),
            _("Promised"),
        ],
        [
            [
                line["no"],
                line["product"],
                line["specification"],
                f"{_number(Decimal(line['quantity']))} {line.get('unit', '')}",
                f"{line['currency']} {_number(Decimal(line['unit_price']))}",
                line["requested_date"],
                line["promised_date"],
            ]
            for line in lines
        ],  # fmt: skip
        [0.5, 2.2, 2, 1.3, 1.4, 1.2, 1.2],
        ["C", "L", "L", "R", "R", "C", "C"],
    )


def _sections_table(pdf, version):
    pdf.heading(_("Joint review"))
    rows = []
    position = {code: index for index, code in enumerate(Section.values)}
    for part in sorted(
        version.sections.select_related("signed_by"), key=lambda p: position[p.section]
    ):
        signer = str(part.signed_by or "")
        if part.as_delegate:
            signer += " " + _("(delegate)")
        if part.carried:
            signer += " " + _("(carried over)")
        rows.append(
            [
                SECTION_SHORT[Section(part.section)],
                part.opinion,
                part.get_state_display(),
                signer,
                _day(part.signed_at),
            ]
        )
    pdf.table(
        [_("Department"), _("Opinion"), _("Decision"), _("Signed by"), _("Date")],
        rows,
        [1.2, 3.2, 1, 1.6, 1.4],
    )


# --- production order, change order, memo, delivery notice -------------------------------


def production_order(production, language=None):
    """Return the production / sample order (HT-QR-MA-04) as PDF bytes."""
    with translation.override(language_of(language)):
        order = production.order
        pdf = FormPDF(
            production.get_kind_display(), "HT-QR-MA-04", _company(False), production.number
        )
        pdf.facts(
            [
                (_("Production order no."), production.number),
                (_("Order no."), order.number),
                (_("Customer"), order.customer.name),
                (_("Issued"), _day(production.issued_at)),
                (_("Planned completion"), _day(production.planned_completion) or "–"),
                (_("Actual completion"), _day(production.actual_completion) or "–"),
            ]
        )
        version = order.versions.get(number=order.revision)
        _snapshot_lines(pdf, versions.content(version)["lines"])
        for item in version.items.all():
            pdf.paragraph(item.get_category_display(), item.requirement)
        pdf.paragraph(_("Instructions"), production.instructions)
        departments = ", ".join(setting("ORDERS_PRODUCTION_ORDER_DEPARTMENTS"))
        pdf.paragraph(
            _("Distribution"), _("Plant leaders; departments: %(list)s") % {"list": departments}
        )
        pdf.signatures(
            [
                (_("Issued by"), str(production.issued_by), _day(production.issued_at)),
                (_("Received by"), "", ""),
            ]
        )
        return pdf.render()


def change_order(change, language=None):
    """Return the production change order / change application (HT-QR-MA-05) as PDF bytes."""
    with translation.override(language_of(language)):
        order = change.order
        pdf = FormPDF(
            _("Production change order"), "HT-QR-MA-05", _company(False), change.get_kind_display()
        )
        pdf.facts(
            [
                (_("Change no."), change.number),
                (_("Order no."), order.number),
                (_("Customer"), order.customer.name),
                (_("Status"), change.get_status_display()),
                (_("Requested"), _day(change.requested_at)),
                (_("Review version"), change.version_number or "–"),
            ]
        )
        pdf.paragraph(_("Reason"), change.reason)
        pdf.paragraph(_("Requested change"), change.description)
        _change_differences(pdf, order, change)
        sections = ", ".join(str(SECTION_SHORT[Section(s)]) for s in change.affected_sections) or _(
            "none (GM only)"
        )
        pdf.paragraph(_("Sections re-reviewed"), sections)
        if change.vp_decided_at:
            pdf.paragraph(
                _("VP's decision"),
                f"{change.vp_decided_by} {_day(change.vp_decided_at)}\n{change.vp_note}",
            )
        if change.customer_agreement:
            pdf.paragraph(_("Customer's agreement"), change.customer_agreement)
        pdf.signatures(
            [
                (_("Requested by"), str(change.requested_by), _day(change.requested_at)),
                (_("Production"), "", ""),
            ]
        )
        return pdf.render()


def _change_differences(pdf, order, change):
    if not change.version_number or change.version_number < 2:
        return
    pair = {
        v.number: v
        for v in order.versions.filter(
            number__in=[change.version_number - 1, change.version_number]
        ).prefetch_related("items")
    }
    if len(pair) != 2:
        return
    old, new = (versions.content(pair[n]) for n in sorted(pair))
    rows = [[d.where, d.what, d.old, d.new] for d in versions.diff(old, new)]
    pdf.heading(_("Changes"))
    pdf.table([_("Where"), _("What"), _("Before"), _("After")], rows, [1, 1.4, 2.3, 2.3])


def liaison_memo(memo, language=None):
    """Return the internal liaison memo (HT-QR-MA-06) as PDF bytes."""
    with translation.override(language_of(language)):
        pdf = FormPDF(_("Internal liaison memo"), "HT-QR-MA-06", _company(False), memo.number)
        pdf.facts(
            [
                (_("Memo no."), memo.number),
                (_("Order no."), memo.order.number),
                (pgettext("memo", "From"), str(memo.from_department)),
                (pgettext("memo", "To"), str(memo.to_department)),
                (_("Written"), _day(memo.created_at)),
                (_("Reply by"), _day(memo.reply_by) or "–"),
            ]
        )
        pdf.paragraph(_("Subject"), memo.subject)
        pdf.paragraph(_("Message"), memo.body)
        pdf.paragraph(_("Reply"), memo.reply)
        pdf.signatures(
            [
                (_("Written by"), str(memo.created_by), _day(memo.created_at)),
                (_("Replied by"), str(memo.replied_by or ""), _day(memo.replied_at)),
            ]
        )
        return pdf.render()


def delivery_notice(shipment, language=None):
    """Return the delivery notice (发货通知单 HT-QR-MA-07) as PDF bytes."""
    with translation.override(language_of(language, shipment.customer)):
        pdf = FormPDF(_("Delivery notice"), "HT-QR-MA-07", _company(False), shipment.number)
        pdf.facts(
            [
                (_("Delivery note no."), shipment.number),
                (_("Order no."), shipment.order.number),
                (_("Customer"), shipment.customer.name),
                (_("Deliver to"), shipment.destination),
                (_("Shipped on"), _day(shipment.shipped_on)),
                (_("Promised for"), _day(shipment.promised_on) or "–"),
                (_("Carrier"), shipment.carrier or "–"),
                (_("Delivered on"), _day(shipment.delivered_on) or "–"),
            ]
        )
        rows = [
            [
                line.order_line.line_no,
                str(line.product),
                line.order_line.specification,
                f"{_number(line.quantity)} {unit_label(line.product.unit)}",
            ]
            for line in shipment.lines.select_related("order_line", "product").order_by(
                "order_line__line_no"
            )
        ]
        pdf.table(
            [pgettext("row number", "No."), _("Product"), _("Specification"), _("Quantity")],
            rows,
            [0.5, 3, 3, 1.5],
            ["C", "L", "L", "R"],
        )
        pdf.paragraph(_("Notes"), shipment.notes)
        pdf.signatures(
            [
                (_("Prepared by"), str(shipment.created_by or ""), _day(shipment.shipped_on)),
                (_("Warehouse"), "", ""),
                (_("Received by"), shipment.received_by, _day(shipment.delivered_on)),
            ]
        )
        return pdf.render()
