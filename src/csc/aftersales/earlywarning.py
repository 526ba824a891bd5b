"""The signals of the early-warning system (SVC-9, S2 5.4.3), each one SQL query.

Every function returns the signals of one period (the first day of a month) that have no
warning yet, as dicts ready to become EarlyWarning rows; the database does the comparing and
counting, so the job's cost does not grow with Python loops over the purchase history.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Avg, Count, DecimalField, ExpressionWrapper, F, Q, Sum, Value
from django.utils import timezone

from csc.customers.models import PurchaseVolume

from .choices import WarningKind
from .conf import setting
from .models import EarlyWarning, FieldServiceRecord, WarrantyClaim
from .rules import add_months

MONEY = DecimalField(max_digits=20, decimal_places=4)


def month_of(day):
    return day.replace(day=1)


def _already(kind, period, field):
    return EarlyWarning.objects.filter(kind=kind, period=period).values(field)


def purchase_drops(period):
    """Customers whose average month in the last WINDOW months fell by DROP_PERCENT or more
    against their own average of the HISTORY months before (missing months count as zero)."""
    window, history = (
        setting("EARLY_WARNING_WINDOW_MONTHS"),
        setting("EARLY_WARNING_HISTORY_MONTHS"),
    )
    drop, measure = setting("EARLY_WARNING_DROP_PERCENT"), setting("EARLY_WARNING_MEASURE")
    recent_from = add_months(period, -window)
    zero = Value(Decimal("0"), output_field=MONEY)
    rows = (
        PurchaseVolume.objects.filter(
            period__gte=add_months(recent_from, -history), period__lt=period
        )
        .exclude(customer_id__in=_already(WarningKind.PURCHASE_DROP, period, "customer_id"))
        .values("customer_id")
        .annotate(
            base=Sum(measure, filter=Q(period__lt=recent_from), default=zero, output_field=MONEY),
            recent=Sum(
                measure, filter=Q(period__gte=recent_from), default=zero, output_field=MONEY
            ),
        )
        # recent/window <= base/history × (100 − drop)/100, multiplied out to stay exact.
        .annotate(
            limit=ExpressionWrapper(F("base") * window * (100 - drop), output_field=MONEY),
            scaled=ExpressionWrapper(F("recent") * history * 100, output_field=MONEY),
        )
        .filter(base__gt=0, scaled__lte=F("limit"))
        .order_by("customer_id")
    )
    return [
        {
            "kind": WarningKind.PURCHASE_DROP,
            "customer_id": row["customer_id"],
            "baseline": Decimal(row["base"]) / history,
            "observed": Decimal(row["recent"]) / window,
            "key": f"{row['customer_id']}",
        }
        for row in rows
    ]


def _repeated_on_product(kind, queryset, since_field, days, count, period):
    """Products with ``count`` or more rows of ``queryset`` in the last ``days`` days."""
    since = timezone.now() - dt.timedelta(days=days)
    rows = (
        queryset.filter(**{f"{since_field}__gte": since}, product_id__isnull=False)
        .exclude(status="void")
        .exclude(product_id__in=_already(kind, period, "product_id"))
        .values("product_id")
        .annotate(n=Count("id"))
        .filter(n__gte=count)
        .order_by("product_id")
    )
    return [{"kind": kind, "product_id": r["product_id"], "observed": r["n"], "key": f"{r['product_id']}"} for r in rows]  # fmt: skip


def repeated_claims(period):
    """Products with CLAIM_COUNT or more 三包 claims registered in the last CLAIM_DAYS."""
    days, count = setting("EARLY_WARNING_CLAIM_DAYS"), setting("EARLY_WARNING_CLAIM_COUNT")
    return _repeated_on_product(WarningKind.REPEATED_CLAIMS, WarrantyClaim.objects.all(), "registered_at", days, count, period)  # fmt: skip


def field_failures(period):
    """Products met FIELD_COUNT or more times by field service jobs in the last FIELD_DAYS
    (S2 5.4.3: failures in the field warn early, before the claims come)."""
    days, count = setting("EARLY_WARNING_FIELD_DAYS"), setting("EARLY_WARNING_FIELD_COUNT")
    return _repeated_on_product(WarningKind.FIELD_FAILURES, FieldServiceRecord.objects.all(), "found_at", days, count, period)  # fmt: skip


def low_satisfaction(period):
    """Customers whose survey answered in the last WINDOW months scored below the setting."""
    from csc.surveys.models import SurveyResponse

    since = add_months(period, -setting("EARLY_WARNING_WINDOW_MONTHS"))
    start = dt.datetime.combine(since, dt.time.min, tzinfo=timezone.get_current_timezone())
    rows = (
        SurveyResponse.objects.filter(
            submitted_at__gte=start, satisfaction__lt=setting("EARLY_WARNING_SATISFACTION_BELOW")
        )
        .exclude(customer_id__in=_already(WarningKind.LOW_SATISFACTION, period, "customer_id"))
        .values("customer_id")
        .annotate(average=Avg("satisfaction"))
        .order_by("customer_id")
    )
    return [
        {
            "kind": WarningKind.LOW_SATISFACTION,
            "customer_id": row["customer_id"],
            "observed": row["average"],
            "key": f"{row['customer_id']}",
        }
        for row in rows
    ]


SIGNALS = [purchase_drops, repeated_claims, field_failures, low_satisfaction]
