from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintCategory(models.TextChoices):
    """Complaint categories of CMP-1."""

    QUALITY = "quality", _("Quality defect")
    NOT_AS_ORDERED = (
        "not_as_ordered",
        _("Specification, grade, quantity or delivery not as ordered"),
    )
    OUT_OF_TOLERANCE = "tolerance", _("Out of tolerance")
    PACKAGING = "packaging", _("Packaging damage")
    TRANSPORT = "transport", _("Transport damage")
    SERVICE = "service", _("Service")
    ENVIRONMENT = "hsf", _("HSF / environmental")


class ComplaintStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    NOT_OURS = "not_ours", _("Closed: not a complaint")
    ACCEPTED = "accepted", _("Accepted")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")
    VOID = "void", _("Voided")


#: Complaints that count in statistics and the survey's deductions ("not ours" and voided don't).
COUNTED_STATUSES = (
    ComplaintStatus.REGISTERED,
    ComplaintStatus.ACCEPTED,
    ComplaintStatus.REPLIED,
    ComplaintStatus.CLOSED,
)
#: Complaints found to be ours: their affected parts are the rejected parts of PPM.
OURS_STATUSES = (ComplaintStatus.ACCEPTED, ComplaintStatus.REPLIED, ComplaintStatus.CLOSED)
OPEN_STATUSES = (ComplaintStatus.REGISTERED, ComplaintStatus.ACCEPTED, ComplaintStatus.REPLIED)


class Severity(models.TextChoices):
    SIMPLE = "simple", _("Simple")
    COMPLEX = "complex", _("Complex")
    MAJOR = "major", _("Major")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Customer portal")
    LETTER = "letter", _("Letter / fax")
    VISIT = "visit", _("Visit")
    API = "api", _("API")
    OTHER = "other", _("Other")


class CauseClass(models.TextChoices):
    """The fishbone's 5M1E classes (人机料法测环) of a root cause."""

    MAN = "man", _("Man (people)")
    MACHINE = "machine", _("Machine")
    MATERIAL = "material", _("Material")
    METHOD = "method", _("Method")
    MEASUREMENT = "measurement", _("Measurement")
    ENVIRONMENT = "environment", _("Environment")


class EightDStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class DisciplineStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Disposition(models.TextChoices):
    """What happens to suspect stock found during containment (D3)."""

    REWORK = "rework", _("Rework")
    # "% i" is no placeholder here; without this xgettext flags the label python-format.
    # xgettext:no-python-format
    SORT = "sort", _("Sort / 100% inspection")
    SCRAP = "scrap", _("Scrap")
    RETURN = "return", _("Return to us")
    USE_AS_IS = "use_as_is", _("Use as is (concession)")
    NONE = "none", _("None found")


class ActionKind(models.TextChoices):
    OCCURRENCE = "occurrence", _("Occurrence")
    ESCAPE = "escape", _("Escape (detection)")


class DocumentStatus(models.TextChoices):
    """Progress of one document update of D7 (work instruction, PFMEA, control plan)."""

    OPEN = "open", _("To do")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "na", _("Not applicable (reason given)")


class ReplyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent to the customer")


class Confirmation(models.TextChoices):
    ACCEPTED = "accepted", _("Customer accepts the reply")
    REJECTED = "rejected", _("Customer does not accept the reply")


class ReturnStatus(models.TextChoices):
    NOTICED = "noticed", _("Return notice issued")
    RECEIVED = "received", _("Received and counted")
    VERIFIED = "verified", _("Verified by Quality")
    REWORK = "rework", _("Rework ordered")
    REWORKED = "reworked", _("Reworked")
    CLOSED = "closed", _("Closed")
    VOID = "void", _("Voided")


class VerificationResult(models.TextChoices):
    """What Quality found on the returned parts (CMP-7)."""

    CONFIRMED = "confirmed", _("Defect confirmed")
    NO_TROUBLE_FOUND = "ntf", _("No trouble found")
    CUSTOMER_CAUSED = "customer", _("Caused by the customer (design or use)")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
