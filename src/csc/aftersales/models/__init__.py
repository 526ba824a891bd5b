"""After-sales records, one module per process."""

from .claims import ServiceAgreement, WarrantyClaim
from .field import (
    FieldServiceRecord,
    ReceiptLink,
    RepairReturn,
    ServiceReceipt,
    ServiceStaff,
    SparePart,
)
from .summary import ServiceSummary
from .training import Attendance, Training
from .visits import PlannedVisit, VisitFinding, VisitPlan, VisitReport
from .warnings import EarlyWarning

__all__ = [
    "ServiceSummary",
    "FieldServiceRecord",
    "ReceiptLink",
    "RepairReturn",
    "ServiceReceipt",
    "ServiceStaff",
    "SparePart",
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
