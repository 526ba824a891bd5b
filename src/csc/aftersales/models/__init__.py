"""After-sales records, one module per process."""

from .claims import ServiceAgreement, WarrantyClaim
from .training import Attendance, Training
from .visits import PlannedVisit, VisitFinding, VisitPlan, VisitReport
from .warnings import EarlyWarning

__all__ = [
    "Attendance",
    "Training",
    "EarlyWarning",
    "PlannedVisit",
    "ServiceAgreement",
    "VisitFinding",
    "VisitPlan",
    "VisitReport",
    "WarrantyClaim",
]
