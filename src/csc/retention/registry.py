"""The record types under retention (REC-2): where each lives, the date its retention counts
from, what makes it still open, and its period from the seeds' record lists (a setting)."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Years per record type, from SPEC REC-2 / the seeds; None keeps a record for ever.
DEFAULT_YEARS = {
    "customer": None,
    "complaint_register": 2,
    "eightd": 3,
    "survey_records": 1,
    "recall": None,
}


@dataclass(frozen=True)
class RecordType:
    key: str
    label: str
    model: str  # "app_label.Model"
    date_field: str  # retention counts from this moment (the record's closure)
    open_q: Q  # records matching this are never archived or purged

    def model_class(self):
        return apps.get_model(self.model)

    def years(self):
        configured = settings.CSC.get("RETENTION_YEARS", {})
        return configured.get(self.key, DEFAULT_YEARS.get(self.key))

    def outcome(self):
        """'archive' (default: kept, marked) or 'purge' (deleted), per CSC['RETENTION_ACTIONS']."""
        return settings.CSC.get("RETENTION_ACTIONS", {}).get(self.key, "archive")

    def cutoff(self, today):
        """Return the first moment still kept: records closed before it are past retention.

        A record closed on 5 March is kept through 5 March of the last year and goes the day
        after; leap days count to 28 February.
        """
        years = self.years()
        if years is None:
            return None
        try:
            day = today.replace(year=today.year - years)
        except ValueError:
            day = today.replace(year=today.year - years, day=28)
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


TYPES = [
    RecordType(
        "complaint_register",
        _("Complaint register"),
        "complaints.Complaint",
        "closed_at",
        Q(status__in=("registered", "accepted", "replied")),
    ),
    RecordType("eightd", _("8D reports"), "complaints.EightD", "closed_at", ~Q(status="closed")),
    RecordType(
        "survey_records",
        _("Survey records"),
        "surveys.SurveyRound",
        "closed_at",
        ~Q(status="closed"),
    ),
    RecordType(
        "recall",
        _("Recall records"),
        "recalls.Recall",
        "reviewed_at",
        ~Q(status="reviewed"),
    ),
]


def by_key(key):
    return {t.key: t for t in TYPES}[key]
