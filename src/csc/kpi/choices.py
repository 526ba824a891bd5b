from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Unit(models.TextChoices):
    PERCENT = "%", pgettext_lazy("kpi unit", "%")
    PPM = "ppm", pgettext_lazy("kpi unit", "PPM")
    COUNT = "count", pgettext_lazy("kpi unit", "times")
    HOURS = "hours", pgettext_lazy("kpi unit", "hours")
    POINTS = "points", pgettext_lazy("kpi unit", "points")


class Period(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class Source(models.TextChoices):
    COMPUTED = "computed", _("Computed from the records")
    MANUAL = "manual", _("Entered by hand")


class Rating(models.TextChoices):
    GREEN = "green", _("On target")
    AMBER = "amber", _("Near target")
    RED = "red", _("Off target")
    NONE = "none", _("No value")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    GENERATING = "generating", _("Pack being generated")
    GENERATED = "generated", _("Pack generated")
    SIGNED = "signed", pgettext_lazy("state", "Signed")
