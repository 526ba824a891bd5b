from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    """States of a service request (SVC-4); the steps between them are in rules.REQUEST_FLOW."""

    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for customer")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (
    RequestStatus.NEW,
    RequestStatus.ASSIGNED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.WAITING,
)


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Customer portal")
    LETTER = "letter", _("Letter / fax")
    VISIT = "visit", _("Visit")
    API = "api", _("API")


#: The channels a member of staff logs in the short intake form.
STAFF_CHANNELS = (Channel.PHONE, Channel.VISIT, Channel.LETTER)


class Category(models.TextChoices):
    """Request categories of SVC-1."""

    ENQUIRY = "enquiry", _("Enquiry")
    SUPPORT = "support", _("Technical support")
    INSTALLATION = "installation", _("Installation / commissioning")
    REPAIR = "repair", _("Repair")
    SPARE_PARTS = "spare_parts", _("Spare parts")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    SIMPLE = "simple", _("Simple")
    COMPLEX = "complex", _("Complex")
    MAJOR = "major", _("Major")


class Strategy(models.TextChoices):
    """How a team picks the handler of a new request (SVC-2)."""

    ROUND_ROBIN = "round_robin", _("Round-robin")
    LEAST_LOADED = "least_loaded", _("Least open requests")


class Direction(models.TextChoices):
    """Who wrote a message of the thread, and who may read it."""

    FROM_CUSTOMER = "in", _("From the customer")
    TO_CUSTOMER = "out", _("To the customer")
    INTERNAL = "note", _("Internal note")


class SlaState(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    DUE_SOON = "due_soon", _("Due soon")
    BREACHED = "breached", _("Breached")
    PAUSED = "paused", _("Paused: waiting for customer")
    MET = "met", _("Met")


class Mailbox(models.TextChoices):
    """The mailboxes the worker polls (IF-5), one per kind of record."""

    SERVICE = "service", _("Service requests")
    COMPLAINTS = "complaints", _("Complaints")


class IntakeStatus(models.TextChoices):
    CREATED = "created", _("Record created")
    THREADED = "threaded", _("Added to its record")
    QUARANTINED = "quarantined", _("Quarantined")
    ACCEPTED = "accepted", _("Accepted by staff")
    REJECTED = "rejected", _("Rejected by staff")
    IGNORED = "ignored", _("Ignored: automatic reply or our own mail")
