"""Every write of the indicators (values, targets, closed months) and the management review; pages, the API, the nightly job
and the demo call these verbs only."""

from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.actions import check_version, save_versioned, sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.errors import IllegalTransition, Invalid
from csc.core.numbering import next_number
from csc.core.permissions import require

from . import indicators, rules
from .choices import ReviewStatus, Source
from .models import ClosedPeriod, ManagementReview, Snapshot, Target
from .rules import REVIEW_FLOW


def indicator_of(code, field="indicator"):
    indicator = indicators.get(code)
    if indicator is None:
        raise Invalid.field(field, _("There is no indicator “%(code)s”.") % {"code": code})
    return indicator


def _refuse_closed(start, field="period_start"):
    if ClosedPeriod.objects.filter(period_start=indicators.period_start(start)).exists():
        raise Invalid.field(
            field,
            _("%(month)s is closed: its values are final and can no longer change.")
            % {"month": f"{start:%Y-%m}"},
        )


# --- targets and values ----------------------------------------------------------------------


@verb
def set_target(actor, code, valid_from, value, note=""):
    """Set an indicator's target from a period on (replacing one set for the same period)."""
    require(actor, "kpi.add_target")
    indicator = indicator_of(code)
    valid_from = rules.clean_period(indicator, valid_from, "valid_from")
    value = rules.clean_value(indicator, value)
    target, _created = Target.objects.update_or_create(
        code=code,
        valid_from=valid_from,
        defaults={"value": value, "note": note[:300], "set_by": actor},
    )
    return target


@verb
def enter_value(actor, code, period_start, value, note=""):
    """Record the value of a hand-entered indicator for a period, with who and when."""
    require(actor, "kpi.add_snapshot")
    indicator = indicator_of(code)
    if not indicator.manual:
        raise Invalid.field(
            "indicator",
            _("%(indicator)s is computed from the records; it cannot be entered by hand.")
            % {"indicator": indicator.name},
        )
    period_start = rules.clean_period(indicator, period_start)
    if period_start > timezone.localdate():
        raise Invalid.field("period_start", _("A value cannot be entered for a future period."))
    _refuse_closed(period_start)
    value = rules.clean_value(indicator, value)
    snapshot, _created = Snapshot.objects.update_or_create(
        code=code,
        period_start=period_start,
        defaults={
            "value": value,
            "source": Source.MANUAL,
            "note": note[:300],
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    return snapshot


def record_snapshots(start, today=None):
    """Store the computed value of every computed indicator for the month starting ``start``
    (and the year or quarter it ends). A closed month is left alone; an unchanged value is not
    rewritten, so running twice changes nothing. Return how many values were written."""
    from . import values

    today = today or timezone.localdate()
    if ClosedPeriod.objects.filter(period_start=start).exists():
        return 0
    written = 0
    for indicator in indicators.every():
        if indicator.manual:
            continue
        first = indicators.period_start(start, indicator.period)
        if indicators.next_period(first, indicator.period) > today:
            continue  # the year or quarter is still running
        # A period without data is recorded too (no value): a fact, not a gap to fill later.
        measure = values.computed(indicator, first) or indicators.Measure(None)
        written += _store(indicator.code, first, measure)
    return written


def _store(code, start, measure):
    found = Snapshot.objects.filter(code=code, period_start=start).first()
    fields = {
        "value": measure.value,
        "numerator": measure.numerator,
        "denominator": measure.denominator,
    }
    if found is not None and all(getattr(found, k) == _q(v) for k, v in fields.items()):
        return 0
    Snapshot.objects.update_or_create(
        code=code,
        period_start=start,
        defaults={**fields, "source": Source.COMPUTED, "recorded_at": timezone.now()},
    )
    return 1


def _q(value):
    from decimal import Decimal

    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


@verb
def snapshot_month(actor, start):
    """Record the computed values of a month (the nightly job does this for every open month)."""
    require(actor, "kpi.close_period")
    if indicators.next_period(start) > timezone.localdate():
        raise Invalid.field("period_start", _("The month has not ended yet."))
    return record_snapshots(start)


@verb
def close_month(actor, start, note=""):
    """Freeze a month: record its computed values one last time, then no value changes."""
    require(actor, "kpi.close_period")
    start = indicators.period_start(start)
    if indicators.next_period(start) > timezone.localdate():
        raise Invalid.field("period_start", _("The month has not ended yet."))
    if ClosedPeriod.objects.filter(period_start=start).exists():
        raise Invalid.field("period_start", _("This month is closed already."))
    record_snapshots(start)
    return ClosedPeriod.objects.create(period_start=start, closed_by=actor)


# --- management review -----------------------------------------------------------------------


@verb
def create_review(actor, data):
    require(actor, "kpi.add_managementreview")
    start, end = data.get("period_start"), data.get("period_end")
    if not start:
        raise Invalid.field("period_start", _("Give the first day of the period."))
    if not end:
        raise Invalid.field("period_end", _("Give the last day of the period."))
    if end < start:
        raise Invalid.field("period_end", _("The period ends before it starts."))
    if end > timezone.localdate():
        raise Invalid.field("period_end", _("A review covers a period that has ended."))
    title = (data.get("title") or "").strip() or _("Management review %(from)s – %(to)s") % {
        "from": start,
        "to": end,
    }
    return ManagementReview.objects.create(
        number=next_number("management-review", "MR"),
        title=title[:200],
        period_start=start,
        period_end=end,
        created_by=actor,
    )


@verb
def write_sections(actor, review, data, version=None):
    """Save the text sections the Management Representative writes (refused once signed)."""
    require(actor, "kpi.change_managementreview")
    check_version(review, version)
    if review.status == ReviewStatus.SIGNED:
        raise IllegalTransition(_("The review is signed: its text can no longer change."))
    changed = []
    for name in ManagementReview.TEXT_FIELDS:
        if name in data and data[name] != getattr(review, name):
            setattr(review, name, (data[name] or "")[:20000])
            changed.append(name)
    if changed:
        save_versioned(review, changed)
    return review


@verb
def start_pack(actor, review):
    """Mark the review as generating; the caller queues the job that writes the pack."""
    require(actor, "kpi.generate_managementreview")
    transition(review, REVIEW_FLOW, "generate")
    return review


@verb
def attach_pack(actor, review, pdf_name, pdf_bytes, xlsx_name, xlsx_bytes, job=None):
    """Keep the generated pack on the review (called by the job)."""
    from django.core.files.base import ContentFile

    review.pack_pdf.save(pdf_name, ContentFile(pdf_bytes), save=False)
    review.pack_xlsx.save(xlsx_name, ContentFile(xlsx_bytes), save=False)
    review.generated_at = timezone.now()
    review.job = job
    transition(review, REVIEW_FLOW, "generated", extra_fields=["pack_pdf", "pack_xlsx", "generated_at", "job"])  # fmt: skip
    return review


@verb
def pack_failed(actor, review, reason):
    transition(review, REVIEW_FLOW, "failed", note=reason[:300])
    return review


@verb
def sign_review(actor, review, note=""):
    """The Management Representative signs the generated pack; it can no longer change."""
    require(actor, "kpi.sign_managementreview")
    transition(review, REVIEW_FLOW, "sign", note=note)
    sign(actor, review, SignatureMeaning.APPROVED, note=note)
    return review
