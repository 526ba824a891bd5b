from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DefectKind(models.TextChoices):
    """What the assessment found the failure to be; the first two are covered (S2 5.6.1.2-3)."""

    UNKNOWN = "unknown", _("Not assessed yet")
    MATERIAL = "material", _("Material not to specification")
    MANUFACTURING = "manufacturing", _("Manufacturing defect")
    OTHER = "other", _("Other cause")


ELIGIBLE_DEFECTS = (DefectKind.MATERIAL, DefectKind.MANUFACTURING)


class Exclusion(models.TextChoices):
    """The cases S2 5.6.2 puts outside 三包 cover, as found by the assessment."""

    NONE = "", _("None found")
    INSTALLATION_USE = "installation_use", _("Not installed or used as instructed")
    MODIFICATION = "modification", _("Modified or dismantled improperly")
    NOT_OURS = "not_ours", _("Not proven to be our product")
    POOR_UPKEEP = "poor_upkeep", _("Poor upkeep: rust, dents, cracks or missing parts")
    NON_ORIGINAL = "non_original", _("Rebuilt with non-original parts")


class CoverageReason(models.TextChoices):
    """Why the coverage engine said yes or no; one code per outcome, each with its message."""

    COVERED = "covered", _("Covered by 三包")
    PENDING = "pending", _("Within period and mileage; the cause is not assessed yet")
    NOT_OURS = "not_ours", _("Not proven to be our product")
    PERIOD_ENDED = "period_ended", _("Out of warranty: the period has ended")
    MILEAGE_REACHED = "mileage_reached", _("Out of warranty: the mileage limit is reached")
    INSTALLATION_USE = "installation_use", _("Excluded: not installed or used as instructed")
    MODIFICATION = "modification", _("Excluded: modified or dismantled improperly")
    POOR_UPKEEP = "poor_upkeep", _("Excluded: poor upkeep (rust, dents, cracks, missing parts)")
    NON_ORIGINAL = "non_original", _("Excluded: rebuilt with non-original parts")
    NOT_ELIGIBLE = "not_eligible", _("Not a material or manufacturing defect")


class ClaimStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ASSESSED = "assessed", _("Assessed")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")
    VOID = "void", pgettext_lazy("state", "Void")


OPEN_CLAIM_STATUSES = (ClaimStatus.REGISTERED, ClaimStatus.ASSESSED, ClaimStatus.DECIDED)


class Decision(models.TextChoices):
    """能修则修，不能修则退换 (S2 5.3): repair first; replace or refund when it cannot be."""

    REPAIR = "repair", _("Repair")
    REPLACE = "replace", _("Replace")
    REFUND = "refund", _("Refund")
    REJECT = "reject", pgettext_lazy("claim decision", "Reject")
    NTF = "ntf", _("No trouble found (NTF)")


COVERED_DECISIONS = (Decision.REPAIR, Decision.REPLACE, Decision.REFUND)


class WarningKind(models.TextChoices):
    PURCHASE_DROP = "purchase_drop", _("Marked drop in purchases")
    REPEATED_CLAIMS = "repeated_claims", _("Repeated 三包 claims on a product")
    LOW_SATISFACTION = "low_satisfaction", _("Low satisfaction result")
    FIELD_FAILURES = "field_failures", _("Repeated field failures of a product")


class WarningStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANALYSED = "analysed", _("Analysed by Quality")
    NOTIFIED = "notified", _("Customer notified by Sales")
    CLOSED = "closed", _("Closed")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the sales head")
    REVIEWED = "reviewed", _("Waiting for the responsible leader")
    APPROVED = "approved", _("Approved")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    NEUTRAL = "neutral", _("Neither satisfied nor dissatisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class TrainingKind(models.TextChoices):
    SKILLS = "skills", _("Skills training")
    PRODUCT = "product", _("Product knowledge")
    OTHER = "other", _("Other")


class TrainingResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", pgettext_lazy("training result", "Failed")
    ABSENT = "absent", _("Absent")


class StaffPosting(models.TextChoices):
    """S2 5.2: service staff live at a tier-1 customer's plant, or travel to the jobs."""

    RESIDENT = "resident", _("Resident at a customer")
    TRAVELLING = "travelling", _("Travelling")


class FieldStage(models.TextChoices):
    """When the problem was met; at installation it must be reported within 24 h (S1 3.1.4.2)."""

    INSTALLATION = "installation", _("Installation and commissioning")
    IN_USE = "in_use", _("In use")
    MAINTENANCE = "maintenance", _("Maintenance")


class FieldOutcome(models.TextChoices):
    """能修则修，不能修则退换 (S2 5.3): repair on site first, else return or exchange."""

    REPAIRED = "repaired", _("Repaired on site")
    RETURNED = "returned", _("Returned for repair")
    EXCHANGED = "exchanged", _("Exchanged")
    ADVICE = "advice", _("Advice or adjustment only")


class FieldStatus(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed, waiting for the receipt")
    SIGNED = "signed", _("Receipt signed")
    VOID = "void", pgettext_lazy("state", "Void")


class ReceiptMethod(models.TextChoices):
    PAD = "pad", _("Signed on the pad")
    LINK = "link", _("Confirmed by link")


class ReportState(models.TextChoices):
    """The 24 h installation report as every list shows it."""

    NOT_REQUIRED = "", _("Not required")
    ON_TIME = "on_time", _("On time")
    DUE_SOON = "due_soon", _("Due soon")
    BREACHED = "breached", _("Breached")
    MET = "met", _("Reported in time")


class ReturnStatus(models.TextChoices):
    SENT = "sent", _("Sent back")
    RECEIVED = "received", _("Received by the store")


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed off")
