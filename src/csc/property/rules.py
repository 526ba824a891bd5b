"""Workflows of customer property: a received lot, an anomaly, a stocktake (ARCHITECTURE rule 2)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.workflow import Step, Workflow

from .choices import AnomalyStatus, CheckStatus, Disposition, ItemStatus, LotStatus, StocktakeStatus

# A register line is held until voided (never deleted: its ledger stays readable).
ITEM_FLOW = Workflow(
    states=ItemStatus,
    steps={"void": Step((ItemStatus.ACTIVE,), ItemStatus.VOIDED, _("Void"))},
)

CHECK_FLOW = Workflow(
    states=CheckStatus,
    steps={
        "record": Step(
            (CheckStatus.DUE,),
            CheckStatus.DONE,
            pgettext_lazy("condition check", "Record the check"),
        )
    },
)

LOT_FLOW = Workflow(
    states=LotStatus,
    steps={
        "pass": Step((LotStatus.AWAITING_IQC,), LotStatus.ACCEPTED, _("Pass IQC")),
        "fail": Step((LotStatus.AWAITING_IQC,), LotStatus.REJECTED, _("Fail IQC")),
        "notify": Step((LotStatus.REJECTED,), LotStatus.NOTIFIED, _("Notify the customer")),
        Disposition.RETURN: Step(
            (LotStatus.NOTIFIED,), LotStatus.RETURNED, pgettext_lazy("customer property", "Return")
        ),
        Disposition.CONCESSION: Step(
            (LotStatus.NOTIFIED,), LotStatus.CONCESSION, _("Use as is (concession)")
        ),
        Disposition.SORT: Step((LotStatus.NOTIFIED,), LotStatus.SORTING, _("Sort")),
        Disposition.SCRAP: Step((LotStatus.NOTIFIED,), LotStatus.SCRAPPED, _("Scrap")),
        "finish_sort": Step((LotStatus.SORTING,), LotStatus.ACCEPTED, _("Record the sort result")),
    },
)

ANOMALY_FLOW = Workflow(
    states=AnomalyStatus,
    steps={
        "confirm": Step((AnomalyStatus.REPORTED,), AnomalyStatus.CONFIRMED, _("Confirm")),
        "dismiss": Step((AnomalyStatus.REPORTED,), AnomalyStatus.DISMISSED, _("Dismiss")),
        # No way round the notice: closing is allowed only once the customer was told (PRP-5).
        "notify": Step(
            (AnomalyStatus.CONFIRMED,), AnomalyStatus.NOTIFIED, _("Notify the customer")
        ),
        "close": Step(
            (AnomalyStatus.NOTIFIED,), AnomalyStatus.CLOSED, _("Record disposition and close")
        ),
    },
)

STOCKTAKE_FLOW = Workflow(
    states=StocktakeStatus,
    steps={
        "submit": Step((StocktakeStatus.COUNTING,), StocktakeStatus.SUBMITTED, _("Submit")),
        "return": Step(
            (StocktakeStatus.SUBMITTED,), StocktakeStatus.COUNTING, _("Return for recount")
        ),
        "approve": Step((StocktakeStatus.SUBMITTED,), StocktakeStatus.APPROVED, _("Approve")),
        "post": Step((StocktakeStatus.APPROVED,), StocktakeStatus.POSTED, _("Post to the ledger")),
    },
)
