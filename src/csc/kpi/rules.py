"""Rules of the indicators: which target holds for a period, how a value is rated, what a
valid target is, and the management review's workflow."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from csc.core.errors import Invalid
from csc.core.workflow import Step, Workflow

from . import indicators
from .choices import Rating, ReviewStatus, Unit
from .conf import setting

S = ReviewStatus
REVIEW_FLOW = Workflow(
    ReviewStatus,
    {
        "generate": Step((S.DRAFT, S.GENERATED), S.GENERATING, gettext_lazy("Generate the pack")),
        "generated": Step((S.GENERATING,), S.GENERATED, gettext_lazy("Pack ready")),
        "failed": Step((S.GENERATING,), S.DRAFT, gettext_lazy("Pack failed")),
        "sign": Step((S.GENERATED,), S.SIGNED, gettext_lazy("Sign the review")),
    },
)


def default_target(indicator):
    """Return the target an indicator has when nobody set one: its area's setting, else ours."""
    target = indicator.extra.get("target")
    if callable(target):
        target = target()
    if target is None:
        target = setting("KPI_TARGETS").get(indicator.code)
    return None if target is None else Decimal(str(target))


def target_for(indicator, period_start, targets):
    """Return the target valid for ``period_start``: the latest set on or before it, else the
    default. ``targets`` are the indicator's Target rows, newest first."""
    for target in targets:
        if target.valid_from <= period_start:
            return target.value
    return default_target(indicator)


def rating(indicator, value, target):
    """Return green (target met), amber (within KPI_AMBER_SHARE of it) or red."""
    if value is None:
        return Rating.NONE
    if target is None:
        return Rating.NONE
    band = abs(target) * setting("KPI_AMBER_SHARE")
    if indicator.better == indicators.HIGHER:
        if value >= target:
            return Rating.GREEN
        return Rating.AMBER if value >= target - band else Rating.RED
    if value <= target:
        return Rating.GREEN
    return Rating.AMBER if band and value <= target + band else Rating.RED


def clean_value(indicator, raw, field="value"):
    """Return ``raw`` as a Decimal that fits the indicator's unit, or raise Invalid."""
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise Invalid.field(field, _("Enter a number.")) from None
    if not value.is_finite():
        raise Invalid.field(field, _("Enter a number."))
    if value < 0:
        raise Invalid.field(field, _("An indicator is never negative."))
    if indicator.unit == Unit.PERCENT and value > 100:
        raise Invalid.field(field, _("A percentage is at most 100."))
    if indicator.unit == Unit.COUNT and value != value.to_integral_value():
        raise Invalid.field(field, _("A count is a whole number."))
    if value >= Decimal("1e12"):
        raise Invalid.field(field, _("This number is too large."))
    return value.quantize(Decimal("0.01"))


def clean_period(indicator, day, field="period_start"):
    """Refuse a date that does not start one of the indicator's periods."""
    if day is None:
        raise Invalid.field(field, _("Choose the period."))
    if not indicators.is_period_start(day, indicator.period):
        raise Invalid.field(
            field,
            _("%(indicator)s is measured per %(period)s: give the first day of one.")
            % {"indicator": indicator.name, "period": _period_name(indicator.period)},
        )
    return day


def _period_name(period):
    from .choices import Period

    return Period(period).label
