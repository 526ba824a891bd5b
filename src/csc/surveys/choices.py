from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TemplateKind(models.TextChoices):
    """How a questionnaire is scored (SUR-2, SUR-3)."""

    WEIGHTED = "weighted", _("Weighted seven-level scale")
    POINTS = "points", _("Points per item, minus complaints and returns")


class TemplateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Superseded")


class Frequency(models.TextChoices):
    """How often a plan surveys (SUR-1); the length of a round's period in months."""

    QUARTERLY = "quarterly", _("Quarterly")
    SEMI_ANNUAL = "semi_annual", _("Every half year")
    ANNUAL = "annual", _("Once a year")


MONTHS_PER_ROUND = {Frequency.QUARTERLY: 3, Frequency.SEMI_ANNUAL: 6, Frequency.ANNUAL: 12}


class RoundStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Sample drawn")
    SENT = "sent", _("Collecting answers")
    CLOSED = "closed", _("Closed")


class Channel(models.TextChoices):
    """How an answer came back, or how a customer was chased (SUR-1, SUR-5)."""

    LINK = "link", _("Answer link")
    EMAIL = "email", _("E-mail")
    FAX = "fax", _("Fax")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter / paper form")
    VISIT = "visit", _("Visit")


CHASE_CHANNELS = [Channel.EMAIL, Channel.FAX, Channel.PHONE, Channel.LETTER, Channel.VISIT]
MANUAL_CHANNELS = [Channel.LETTER, Channel.FAX, Channel.EMAIL, Channel.PHONE, Channel.VISIT]


class Category(models.TextChoices):
    """What an item is about: decides who acts on a poor result (S0 5.3.4, CMP-10).

    The values are those of ``csc.capa.choices.Category``.
    """

    # A context of their own: "Quality" the topic, not the Quality department.
    QUALITY = "quality", pgettext_lazy("survey item category", "Quality")
    DELIVERY = "delivery", pgettext_lazy("survey item category", "Delivery")
    SERVICE = "service", pgettext_lazy("survey item category", "Service and coordination")
    OTHER = "other", pgettext_lazy("survey item category", "Other")


class TriggerKind(models.TextChoices):
    """Why a survey result opened a corrective action (SUR-7, S1 4.3.4.4 a–e)."""

    FALLING_TREND = "falling", _("Satisfaction for a product line keeps falling")
    NOT_SATISFIED = "not_satisfied", _("Not very satisfied (or below the requirement)")
    VERY_DISSATISFIED = "very_dissatisfied", _("Very dissatisfied")
    LOWEST_ITEM = "lowest_item", _("Lowest-scoring item")
    ANNUAL_TARGET = "annual_target", _("Annual target not reached")


def likert_labels():
    """Return the names of the seven levels, best first (S3)."""
    return [
        _("Very satisfied"),
        _("Satisfied"),
        _("Fairly satisfied"),
        _("Neutral"),
        _("Not very satisfied"),
        _("Dissatisfied"),
        _("Very dissatisfied"),
    ]
