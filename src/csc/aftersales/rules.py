"""The 三包 coverage engine (SVC-7, S2 5.6) and the workflows of after-sales records.

``coverage`` is a pure function of the terms and the claim's facts, so it is tested on its
boundaries without a database; ``terms_for`` reads the one service agreement that applies.

Both limits are reached, not passed: cover runs up to the day before the anniversary of the
purchase (a purchase on 10 March is covered until 9 March of the next year) and below the
mileage limit (at exactly 30,000 km the limit is reached and cover ends).
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from csc.core.workflow import Step, Workflow

from .choices import (
    ELIGIBLE_DEFECTS,
    ClaimStatus,
    CoverageReason,
    DefectKind,
    Exclusion,
    FieldStage,
    FieldStatus,
    PlanStatus,
    ReportState,
    ReturnStatus,
    SummaryStatus,
    WarningStatus,
)
from .conf import setting


@dataclass(frozen=True)
class Terms:
    """How long and how far a product is covered, and by which agreement (None: standard)."""

    months: int
    km: int | None
    agreement: object = None


@dataclass(frozen=True)
class Coverage:
    """The engine's answer: covered or not, why, and where the cover ends."""

    covered: bool
    reason: str
    ends_on: dt.date
    km_limit: int | None

    @property
    def message(self):
        return CoverageReason(self.reason).label


def add_months(day, months):
    """Return the same day ``months`` later; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def standard_terms():
    return Terms(months=setting("WARRANTY_MONTHS"), km=setting("WARRANTY_KM"))


def terms_for(customer_id, product_id, on):
    """Return the terms for a product bought on ``on``: the customer's agreement if one is
    valid that day (one for this product before one for all products), else the standard."""
    from .models import ServiceAgreement

    valid = ServiceAgreement.objects.filter(
        Q(product_id=product_id) | Q(product__isnull=True),
        customer_id=customer_id,
        valid_from__lte=on,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    agreement = valid.order_by(F("product_id").asc(nulls_last=True), "-valid_from").first()
    if agreement is None:
        return standard_terms()
    return Terms(agreement.warranty_months, agreement.warranty_km, agreement)


_EXCLUSION_REASONS = {
    Exclusion.INSTALLATION_USE: CoverageReason.INSTALLATION_USE,
    Exclusion.MODIFICATION: CoverageReason.MODIFICATION,
    Exclusion.POOR_UPKEEP: CoverageReason.POOR_UPKEEP,
    Exclusion.NON_ORIGINAL: CoverageReason.NON_ORIGINAL,
}


def coverage(terms, purchased_on, failed_on, mileage_km=None, defect_kind="", exclusion=""):
    """Return the Coverage of a failure (S2 5.6.1 and 5.6.2), checked in this order:

    1. a product not proven ours is never covered;
    2. out of warranty: the period ended, or the mileage limit was reached, whichever first;
    3. the other exclusions found by the assessment, each with its own reason;
    4. eligibility: only material not to specification and manufacturing defects are covered;
       before the assessment the answer is "pending".
    """
    ends_on = add_months(purchased_on, terms.months) - dt.timedelta(days=1)

    def answer(covered, reason):
        return Coverage(covered, reason, ends_on, terms.km)

    if exclusion == Exclusion.NOT_OURS:
        return answer(False, CoverageReason.NOT_OURS)
    if failed_on > ends_on:
        return answer(False, CoverageReason.PERIOD_ENDED)
    if terms.km is not None and mileage_km is not None and mileage_km >= terms.km:
        return answer(False, CoverageReason.MILEAGE_REACHED)
    if exclusion in _EXCLUSION_REASONS:
        return answer(False, _EXCLUSION_REASONS[exclusion])
    if defect_kind in ("", DefectKind.UNKNOWN):
        return answer(False, CoverageReason.PENDING)
    if defect_kind not in ELIGIBLE_DEFECTS:
        return answer(False, CoverageReason.NOT_ELIGIBLE)
    return answer(True, CoverageReason.COVERED)


C = ClaimStatus
CLAIM_FLOW = Workflow(
    states=ClaimStatus,
    steps={
        "assess": Step((C.REGISTERED, C.ASSESSED), C.ASSESSED, _("Record the assessment")),
        "decide": Step((C.ASSESSED,), C.DECIDED, _("Decide")),
        "close": Step((C.DECIDED,), C.CLOSED, _("Close")),
        "void": Step((C.REGISTERED, C.ASSESSED), C.VOID, _("Void")),
    },
)

W = WarningStatus
WARNING_FLOW = Workflow(
    states=WarningStatus,
    steps={
        "analyse": Step((W.OPEN, W.ANALYSED), W.ANALYSED, _("Write the analysis")),
        "notify": Step((W.ANALYSED,), W.NOTIFIED, _("Record the notice to the customer")),
        "close": Step((W.NOTIFIED,), W.CLOSED, _("Close")),
    },
)

P = PlanStatus
PLAN_FLOW = Workflow(
    states=PlanStatus,
    steps={
        "submit": Step((P.DRAFT,), P.SUBMITTED, _("Submit for approval")),
        "review": Step((P.SUBMITTED,), P.REVIEWED, _("Reviewed by the sales head")),
        "approve": Step((P.REVIEWED,), P.APPROVED, _("Approve")),
        "reject": Step((P.SUBMITTED, P.REVIEWED), P.DRAFT, _("Send back")),
    },
)


FS = FieldStatus
FIELD_FLOW = Workflow(
    states=FieldStatus,
    steps={
        "complete": Step((FS.OPEN,), FS.COMPLETED, _("Record the result")),
        # Signing happens on the receipt (pad or link), never by choosing a step.
        "sign": Step((FS.COMPLETED,), FS.SIGNED, _("Receipt signed")),
        "reopen": Step((FS.COMPLETED,), FS.OPEN, _("Reopen")),
        "void": Step((FS.OPEN,), FS.VOID, _("Void")),
    },
)


# A repair return (退修单) is sent back by Service and counted in once by the store.
RETURN_FLOW = Workflow(
    states=ReturnStatus,
    steps={"receive": Step((ReturnStatus.SENT,), ReturnStatus.RECEIVED, _("Receive"))},
)


def report_due(stage, found_at, calendar, hours=None):
    """Return when a problem found at ``found_at`` must be reported, or None when no deadline
    applies (only installation-stage problems have one, S1 3.1.4.2).

    The hours count on working days only: each full 24 h is one working day on the calendar
    (a problem found on Friday 15:00 is due on Monday 15:00; one found on a holiday counts
    from the first working morning after it), and any rest is added as clock time.
    """
    if stage != FieldStage.INSTALLATION:
        return None
    hours = setting("INSTALLATION_REPORT_HOURS") if hours is None else hours
    days, rest = divmod(int(hours), 24)
    due = calendar.add_working_days(found_at, days)
    return due + dt.timedelta(hours=rest)


def report_state(due, reported_at, now):
    """Return the ReportState of the 24 h installation report."""
    if due is None:
        return ReportState.NOT_REQUIRED
    if reported_at is not None:
        return ReportState.MET if reported_at <= due else ReportState.BREACHED
    if due < now:
        return ReportState.BREACHED
    if due - now <= dt.timedelta(hours=setting("INSTALLATION_REPORT_DUE_SOON_HOURS")):
        return ReportState.DUE_SOON
    return ReportState.ON_TIME


SUMMARY_FLOW = Workflow(
    states=SummaryStatus,
    steps={"sign": Step((SummaryStatus.DRAFT,), SummaryStatus.SIGNED, _("Sign off"))},
)
