"""The recall workflow (RCL-1…5), the distribution of a lot and the quantity reconciliation."""

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from csc.core.workflow import Step, Workflow

from .choices import RecallStatus
from .models import ZERO

S = RecallStatus
RECALL_FLOW = Workflow(
    states=RecallStatus,
    steps={
        "name_team": Step((S.TRIGGERED,), S.TEAM_NAMED, gettext_lazy("Name the recall team")),
        "approve_plan": Step(
            (S.TEAM_NAMED,), S.PLAN_APPROVED, gettext_lazy("Approve the recall plan")
        ),
        "finish_notices": Step(
            (S.PLAN_APPROVED,), S.RECONCILING, gettext_lazy("Notices done: reconcile quantities")
        ),
        "finish_reconciliation": Step(
            (S.RECONCILING,), S.DISPOSITION, gettext_lazy("Quantities reconciled: dispose")
        ),
        "close": Step((S.DISPOSITION,), S.CLOSED, gettext_lazy("Close the recall")),
        "review": Step((S.CLOSED,), S.REVIEWED, gettext_lazy("Review the recall procedure")),
    },
)


def shipped_per_customer(product_id, shipped_from, shipped_to):
    """Return {customer id: quantity} of a product shipped in a window: one SQL aggregate."""
    from csc.orders.models import ShipmentLine

    rows = (
        ShipmentLine.objects.filter(
            product_id=product_id, shipped_on__gte=shipped_from, shipped_on__lte=shipped_to
        )
        .values("customer")
        .annotate(total=Sum("quantity"))
        .order_by()
        .values_list("customer", "total")
    )
    return dict(rows)


def lot_gap(lot, shipped_total):
    """Return produced − (shipped + in stock) of a lot: zero when it balances."""
    return lot.produced - (shipped_total + lot.in_stock)


def distribution_gap(row):
    """Return shipped − (returned + still at the customer + destroyed there)."""
    return row.shipped - (row.returned + row.at_customer + row.destroyed_at_customer)


def reconciliation(recall):
    """Return one dict per lot and per distribution row with its gap, for pages, PDF and checks."""
    lots = []
    for lot in recall.lots.select_related("product").prefetch_related("distribution__customer"):
        rows = list(lot.distribution.all())
        shipped = sum((r.shipped for r in rows), ZERO)
        lots.append(
            {
                "lot": lot,
                "shipped": shipped,
                "gap": lot_gap(lot, shipped),
                "rows": [{"row": r, "gap": distribution_gap(r)} for r in rows],
            }
        )
    return lots


def unexplained(recall):
    """Return the messages of every difference still without an explanation."""
    problems = []
    for item in reconciliation(recall):
        lot = item["lot"]
        if item["gap"] != ZERO and not lot.difference_note.strip():
            problems.append(
                _("Lot %(lot)s: produced %(produced)s ≠ shipped %(shipped)s + in stock %(stock)s.")
                % {
                    "lot": lot.batch,
                    "produced": lot.produced,
                    "shipped": item["shipped"],
                    "stock": lot.in_stock,
                }
            )
        for entry in item["rows"]:
            row = entry["row"]
            if entry["gap"] != ZERO and not row.difference_note.strip():
                problems.append(
                    _(
                        "Lot %(lot)s, %(customer)s: shipped %(shipped)s ≠ returned + still there"
                        " + destroyed there (%(accounted)s)."
                    )
                    % {
                        "lot": lot.batch,
                        "customer": row.customer.name,
                        "shipped": row.shipped,
                        "accounted": row.shipped - entry["gap"],
                    }
                )
    return problems
