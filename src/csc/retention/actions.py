"""Writes of record retention: legal holds, and the job that archives or purges (REC-2)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import IntegerField, ProtectedError
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core import audit
from csc.core.actions import verb
from csc.core.choices import AuditAction
from csc.core.errors import IllegalTransition, Invalid
from csc.core.permissions import require

from .models import LegalHold, Outcome, RetentionEntry
from .registry import TYPES


@dataclass
class Candidate:
    """A record past its retention: what it is, and what the job does (or did) with it."""

    record_type: object
    record: object
    expired_on: object
    outcome: str
    key: object = None  # the record's id, kept after a purge
    done: bool = False
    refused: str = ""


def _ids(queryset):
    # Generic links keep ids as text; compare them as numbers (every CSC key is an integer).
    return queryset.annotate(key=Cast("object_id", IntegerField())).values("key")


def held(content_type):
    return LegalHold.objects.filter(content_type=content_type, released_at__isnull=True)


def candidates(today=None):
    """Yield every record past its retention, not open, not on hold, not handled before."""
    today = today or timezone.localdate()
    for record_type in TYPES:
        cutoff = record_type.cutoff(today)
        if cutoff is None:
            continue  # kept for ever
        model = record_type.model_class()
        content_type = ContentType.objects.get_for_model(model)
        date = record_type.date_field
        queryset = (
            model._default_manager.filter(**{f"{date}__lt": cutoff})
            .exclude(record_type.open_q)
            .exclude(pk__in=_ids(held(content_type)))
            .exclude(pk__in=_ids(RetentionEntry.objects.filter(content_type=content_type)))
            .order_by(date, "pk")
        )
        for record in queryset.iterator(chunk_size=500):
            closed = timezone.localdate(getattr(record, date))
            expired = closed.replace(year=closed.year + record_type.years())
            yield Candidate(record_type, record, expired, record_type.outcome(), record.pk)


@verb
def apply_retention(actor, today=None, dry_run=False):
    """Archive or purge every record past its retention; return the candidates handled.

    ``actor`` None is the nightly job. A dry run changes nothing and returns what would go.
    """
    if actor is not None:
        require(actor, "retention.add_retentionentry")
    found = list(candidates(today))
    if not dry_run:
        for candidate in found:
            _handle(candidate)
    return found


def _handle(candidate):
    record, record_type = candidate.record, candidate.record_type
    content_type = ContentType.objects.get_for_model(record)
    entry = {
        "record_type": record_type.key,
        "content_type": content_type,
        "object_id": str(record.pk),
        "object_repr": str(record)[:200],
        "expired_on": candidate.expired_on,
    }
    note = _("Retention of %(years)s years ran out on %(date)s.") % {
        "years": record_type.years(),
        "date": candidate.expired_on,
    }
    try:
        with transaction.atomic():  # a savepoint: a refused purge leaves no trace
            if candidate.outcome == "purge":
                audit.record(record, AuditAction.DELETE, audit.snapshot(record), note=note)
                record.delete()
                RetentionEntry.objects.create(outcome=Outcome.PURGED, **entry)
            else:
                audit.record(record, AuditAction.UPDATE, {"retention": ["", "archived"]}, note)
                RetentionEntry.objects.create(outcome=Outcome.ARCHIVED, **entry)
    except (ProtectedError, IntegrityError):
        candidate.refused = _("Kept: other records still refer to it.")
        return
    candidate.done = True


@verb
def set_hold(actor, record, reason):
    """Put a record under legal hold: the retention job will not touch it (MR only)."""
    require(actor, "retention.add_legalhold")
    if not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for the legal hold."))
    content_type = ContentType.objects.get_for_model(record)
    if held(content_type).filter(object_id=str(record.pk)).exists():
        raise IllegalTransition(_("This record is already under legal hold."))
    return LegalHold.objects.create(
        content_type=content_type,
        object_id=str(record.pk),
        object_repr=str(record)[:200],
        reason=reason,
        set_by=actor,
    )


@verb
def release_hold(actor, hold, reason):
    """Lift a legal hold; the record's normal retention applies again."""
    require(actor, "retention.change_legalhold")
    if hold.released_at is not None:
        raise IllegalTransition(_("This hold was already released."))
    if not (reason or "").strip():
        raise Invalid.field("release_reason", _("Give the reason for releasing the hold."))
    hold.released_by, hold.released_at, hold.release_reason = actor, timezone.now(), reason
    hold.save(update_fields=["released_by", "released_at", "release_reason"])
    return hold
