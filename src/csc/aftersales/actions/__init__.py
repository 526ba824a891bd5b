"""Every write of after-sales, as verbs (ARCHITECTURE rule 1)."""

from .agreements import create_agreement, export_sheet
from .claims import (
    assess_claim,
    close_claim,
    decide_claim,
    export_claims,
    open_complaint,
    purchase_date,
    register_claim,
    update_claim,
    void_claim,
)
from .training import evaluation, record_training, untrained_staff, warn_untrained_staff
from .visits import (
    approve_plan,
    create_plan,
    plan_vs_done,
    record_visit,
    reject_plan,
    review_plan,
    submit_plan,
)
from .warnings import (
    analyse_warning,
    close_warning,
    notify_customer,
    open_warning_capa,
    raise_warnings,
)

__all__ = [
    "evaluation",
    "record_training",
    "untrained_staff",
    "warn_untrained_staff",
    "approve_plan",
    "create_plan",
    "plan_vs_done",
    "record_visit",
    "reject_plan",
    "review_plan",
    "submit_plan",
    "analyse_warning",
    "close_warning",
    "notify_customer",
    "open_warning_capa",
    "raise_warnings",
    "assess_claim",
    "close_claim",
    "create_agreement",
    "decide_claim",
    "export_claims",
    "export_sheet",
    "open_complaint",
    "purchase_date",
    "register_claim",
    "update_claim",
    "void_claim",
]
