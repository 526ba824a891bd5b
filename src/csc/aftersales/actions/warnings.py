"""Writes of early warnings (SVC-9, S2 5.4): the periodic job raises them, Quality writes the
analysis, Sales records the notice to the customer, and any of them can open a CAPA."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from csc.core import audit
from csc.core.actions import check_version, notify, transition, verb
from csc.core.choices import AuditAction
from csc.core.errors import IllegalTransition, Invalid
from csc.core.later import Later
from csc.core.numbering import reserve_numbers
from csc.core.permissions import require, users_with_permission

from .. import earlywarning
from ..choices import WarningKind
from ..models import EarlyWarning
from ..rules import WARNING_FLOW

SUMMARIES = {
    WarningKind.PURCHASE_DROP: gettext_noop(
        "Purchases fell from %(baseline)s to %(observed)s a month"
    ),
    WarningKind.REPEATED_CLAIMS: gettext_noop("%(observed)s 三包 claims on this product recently"),
    WarningKind.LOW_SATISFACTION: gettext_noop(
        "Satisfaction %(observed)s is below the requirement"
    ),
    WarningKind.FIELD_FAILURES: gettext_noop(
        "%(observed)s field service jobs on this product recently"
    ),  # fmt: skip
}


def _summary(signal):
    figures = {k: f"{signal.get(k, 0):,.0f}" for k in ("baseline", "observed")}
    # Stored once in the company's language: the warning is a record, read by both sides.
    with override(settings.LANGUAGE_CODE):
        return _(SUMMARIES[signal["kind"]]) % figures


@verb
def raise_warnings(actor, today=None):
    """Raise this month's early warnings that are not raised yet; return the new ones.

    1. Each signal is one SQL query that already leaves out what has a warning this period,
       and ``signal_key`` is unique, so running twice never doubles a warning.
    2. Numbers are reserved in one go for the new rows; Quality is told to analyse them.
    """
    period = earlywarning.month_of(today or timezone.localdate())
    signals = [s for find in earlywarning.SIGNALS for s in find(period)]
    if not signals:
        return []
    numbers = reserve_numbers("early-warning", "EW", len(signals))
    warnings = [
        EarlyWarning(
            number=number,
            kind=s["kind"],
            signal_key=f"{s['kind']}:{s['key']}:{period:%Y-%m}",
            period=period,
            customer_id=s.get("customer_id"),
            product_id=s.get("product_id"),
            baseline=s.get("baseline", 0),
            observed=s["observed"],
            summary=_summary(s),
        )
        for number, s in zip(numbers, signals, strict=True)
    ]
    EarlyWarning.objects.bulk_create(warnings)
    audit.record_many(warnings, AuditAction.CREATE, note=_("Raised by the early-warning check"))
    notify(
        users_with_permission("aftersales.analyse_earlywarning"),
        Later(gettext_noop("%(count)s new early warnings to analyse"), count=len(warnings)),
        "\n".join(f"{w.number} {w.summary}" for w in warnings[:20]),
    )
    return warnings


def _text(value, field, message):
    if not (value or "").strip():
        raise Invalid.field(field, message)
    return value


@verb
def analyse_warning(actor, warning, analysis, version=None):
    """Quality's written analysis of the possible failure (S2 5.4.2); Sales is told."""
    require(actor, "aftersales.analyse_earlywarning", warning)
    check_version(warning, version)
    warning.analysis = _text(analysis, "analysis", _("Write the analysis."))
    warning.analysed_by, warning.analysed_at = actor, timezone.now()
    transition(warning, WARNING_FLOW, "analyse", extra_fields=["analysis", "analysed_by", "analysed_at"])  # fmt: skip
    notify(
        users_with_permission("aftersales.notify_earlywarning"),
        Later(
            gettext_noop("Early warning %(number)s analysed: tell the customer"),
            number=warning.number,
        ),
        analysis[:300],
        warning.get_absolute_url(),
    )
    return warning


@verb
def notify_customer(actor, warning, notice, version=None):
    """Sales records how the customer was told and what was agreed (S2 5.4.2)."""
    require(actor, "aftersales.notify_earlywarning", warning)
    check_version(warning, version)
    warning.notice = _text(notice, "notice", _("Say how the customer was told."))
    warning.notified_by, warning.notified_at = actor, timezone.now()
    return transition(
        warning, WARNING_FLOW, "notify", extra_fields=["notice", "notified_by", "notified_at"]
    )


@verb
def close_warning(actor, warning, note=""):
    require(actor, "aftersales.analyse_earlywarning", warning)
    warning.closed_at = timezone.now()
    return transition(warning, WARNING_FLOW, "close", note, extra_fields=["closed_at"])


@verb
def open_warning_capa(actor, warning):
    """Open a preventive action for the warning in the shared action system; return it."""
    from csc.capa.actions import capas_of, open_capa
    from csc.capa.choices import Source

    require(actor, "aftersales.analyse_earlywarning", warning)
    existing = capas_of(warning).first()
    if existing is not None:
        raise IllegalTransition(
            _("Action %(number)s is already open for this warning.") % {"number": existing.number}
        )
    category = "service" if warning.kind == WarningKind.PURCHASE_DROP else "quality"
    return open_capa(
        actor,
        source=Source.EARLY_WARNING,
        category=category,
        title=f"{warning.number} {warning.summary}",
        description=warning.analysis,
        source_record=warning,
        customer=warning.customer,
    )
