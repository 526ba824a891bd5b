from django.db import models
from django.utils.translation import gettext_lazy as _


class Trigger(models.TextChoices):
    """Where the need to recall came from (S3 召回程序 a)."""

    INSPECTION = "inspection", _("Product inspection")
    COMPLAINT = "complaint", _("Customer complaint")
    AUTHORITY = "authority", _("Authority inspection")
    MEDIA = "media", _("Media report")


class RecallStatus(models.TextChoices):
    """The recall steps of S3 d): plan → approval → notices → quantities → disposition → review."""

    TRIGGERED = "triggered", _("Triggered")
    TEAM_NAMED = "team_named", _("Team named")
    PLAN_APPROVED = "plan_approved", _("Plan approved: notifying")
    RECONCILING = "reconciling", _("Reconciling quantities")
    DISPOSITION = "disposition", _("Disposition")
    CLOSED = "closed", _("Closed")
    REVIEWED = "reviewed", _("Procedure reviewed")


OPEN_STATUSES = (
    RecallStatus.TRIGGERED,
    RecallStatus.TEAM_NAMED,
    RecallStatus.PLAN_APPROVED,
    RecallStatus.RECONCILING,
    RecallStatus.DISPOSITION,
)


class SampleResult(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    CONFORMING = "conforming", _("Conforming")
    NONCONFORMING = "nonconforming", _("Nonconforming: cause confirmed")


class Party(models.TextChoices):
    CUSTOMER = "customer", _("Customer")
    AUTHORITY = "authority", _("Authority")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")


class Method(models.TextChoices):
    """What happens to recalled product (S3 e); always under Quality's supervision."""

    DESTROY = "destroy", _("Destroy")
    REPURPOSE = "repurpose", _("Re-purpose")
    REWORK = "rework", _("Rework")
