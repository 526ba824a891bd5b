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
    CLOSED = "closed", _("Closed")
    VOID = "void", _("Voided")


class Severity(models.TextChoices):
    SIMPLE = "simple", _("Simple")
    COMPLEX = "complex", _("Complex")
    MAJOR = "major", _("Major")
