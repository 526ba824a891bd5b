from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    """Kinds of customer property (PRP-1)."""

    RAW_MATERIAL = "raw_material", _("Raw material")
    COMPONENT = "component", _("Component")
    EQUIPMENT = "equipment", _("Equipment")
    TOOLING = "tooling", _("Tooling / fixture")
    SAMPLE = "sample", _("Sample")
    LABEL = "label", _("Label")
    PACKAGING = "packaging", _("Packaging")
    DOCUMENT = "document", _("Technical document / drawing")
    INTELLECTUAL_PROPERTY = "ip", _("Intellectual property")
    PERSONAL_DATA = "personal_data", _("Personal data")


#: What Marketing may sign for directly, without the warehouse's receipt (S0 5.2.5).
SIGNED_FOR_BY_MARKETING = (Kind.SAMPLE, Kind.LABEL, Kind.DOCUMENT)
#: Kinds that keep a condition log of their own (PRP-7).
LOGGED_KINDS = (Kind.EQUIPMENT, Kind.TOOLING)


class ItemStatus(models.TextChoices):
    ACTIVE = "active", _("Held")
    VOIDED = "voided", _("Voided")


class LotStatus(models.TextChoices):
    """A received lot (收料单) from receipt to a usable or disposed state (PRP-2, PRP-3)."""

    AWAITING_IQC = "awaiting_iqc", _("Awaiting IQC")
    ACCEPTED = "accepted", pgettext_lazy("lot", "Accepted")
    REJECTED = "rejected", _("Nonconforming")
    NOTIFIED = "notified", _("Customer notified")
    CONCESSION = "concession", _("Use as is (concession)")
    SORTING = "sorting", _("Being sorted")
    RETURNED = "returned", _("Returned to customer")
    SCRAPPED = "scrapped", _("Scrapped")


#: Lots whose stock may be issued to production.
USABLE_LOT_STATES = (LotStatus.ACCEPTED, LotStatus.CONCESSION)


class IqcResult(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class Disposition(models.TextChoices):
    """What the customer agreed for a nonconforming lot (S0 5.2.1)."""

    RETURN = "return", _("Return to customer")
    CONCESSION = "concession", _("Use as is (concession)")
    SORT = "sort", _("Sort")
    SCRAP = "scrap", _("Scrap")


class SortRejects(models.TextChoices):
    RETURN = "return", _("Return to customer")
    SCRAP = "scrap", _("Scrap")


class NoticeVia(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")


class MovementKind(models.TextChoices):
    """Entries of the stock ledger (库存进出帐, PRP-4)."""

    RECEIPT = "receipt", _("Receipt")
    ISSUE = "issue", _("Issue to production")
    RETURN = "return", _("Return to customer")
    SCRAP = "scrap", _("Scrap")
    ADJUST = "adjust", _("Stocktake adjustment")


class AnomalyKind(models.TextChoices):
    """What any department may find wrong with customer property (S0 5.2.3, PRP-5)."""

    SHORT = "short", _("Quantity short")
    APPEARANCE = "appearance", _("Appearance")
    DAMAGE = "damage", _("Damage")
    LOSS = "loss", _("Loss")
    UNSUITABLE = "unsuitable", _("Unsuitable for use")


#: Anomalies counted by the KPI "customer property damaged or lost" (target 0, S3).
KPI_KINDS = (AnomalyKind.DAMAGE, AnomalyKind.LOSS)


class AnomalyStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    CONFIRMED = "confirmed", _("Confirmed by Materials")
    NOTIFIED = "notified", _("Customer notified")
    CLOSED = "closed", _("Closed")
    DISMISSED = "dismissed", _("Dismissed")


class AnomalyOutcome(models.TextChoices):
    """The disposition of an anomaly agreed with the customer."""

    USE_AS_IS = "use_as_is", _("Use as is")
    REPAIR = "repair", _("Repair")
    REPLACED = "replaced", _("Replaced by the customer")
    RETURN = "return", _("Return to customer")
    WRITE_OFF = "write_off", _("Write off (scrap or loss)")


class StocktakeStatus(models.TextChoices):
    COUNTING = "counting", _("Counting")
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    POSTED = "posted", _("Posted")


class CheckStatus(models.TextChoices):
    DUE = "due", _("Due")
    DONE = "done", _("Done")


class CheckResult(models.TextChoices):
    OK = "ok", _("Good condition")
    ATTENTION = "attention", _("Needs attention")
    DAMAGED = "damaged", _("Damaged")
