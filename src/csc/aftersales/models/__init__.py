"""After-sales records, one module per process."""

from .claims import ServiceAgreement, WarrantyClaim
from .visits import PlannedVisit, VisitFinding, VisitPlan, VisitReport
from .warnings import EarlyWarning

__all__ = [
    "EarlyWarning",
    "PlannedVisit",
    "ServiceAgreement",
    "VisitFinding",
    "VisitPlan",
    "VisitReport",
    "WarrantyClaim",
]
