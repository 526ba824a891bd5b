"""The change log (REC-3): who changed which record, when, from what to what.

Every ``AuditedModel`` save and delete is recorded by the signal handlers below; actions add
explicit entries for workflow steps, signatures and sensitive reads. The acting user and the
request id travel in context variables set by the request middleware and by ``acting_as``.
"""

import contextlib
import uuid
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .choices import AuditAction
from .models import AuditedModel, AuditEntry

_actor = ContextVar("csc_actor", default=None)
_request_id = ContextVar("csc_request_id", default="")


@contextlib.contextmanager
def acting_as(user, request_id=None):
    """Attribute every change made inside the block to ``user``."""
    actor_token = _actor.set(user)
    request_token = _request_id.set(request_id or _request_id.get() or uuid.uuid4().hex)
    try:
        yield
    finally:
        _actor.reset(actor_token)
        _request_id.reset(request_token)


def current_actor():
    """Return the user changes are attributed to, resolving a lazy request user."""
    actor = _actor.get()
    if callable(actor):
        actor = actor()
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def current_request_id():
    return _request_id.get()


def _plain(value):
    """Return a JSON-friendly form of a field value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return "<binary>"
    if isinstance(value, FieldFile):
        return value.name  # the stored path, not the file object
    return value


def _shown(field, value):
    """Return how a value is stored in the trail: masked for sensitive fields."""
    if getattr(field, "sensitive", False):
        return field.mask(value)
    return _plain(value)


def _tracked_fields(instance):
    return [f for f in instance._meta.concrete_fields if f.attname != "version"]


def snapshot(instance):
    """Return {attname: shown value} for every tracked field of the instance."""
    return {f.attname: _shown(f, getattr(instance, f.attname)) for f in _tracked_fields(instance)}


def diff(instance):
    """Return {attname: [old, new]} for the fields changed since the instance was loaded."""
    loaded = getattr(instance, "_audit_loaded", {})
    changes = {}
    for field in _tracked_fields(instance):
        if field.attname not in loaded:
            continue
        old, new = loaded[field.attname], getattr(instance, field.attname)
        if old != new:
            changes[field.attname] = [_shown(field, old), _shown(field, new)]
    return changes


def record(instance, action, changes=None, note=""):
    """Write one audit entry about ``instance`` and return it."""
    actor = current_actor()
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        action=action,
        changes=changes or {},
        note=note,
        actor=actor,
        actor_name=str(actor) if actor else "system",
        request_id=current_request_id(),
    )


def _remember_loaded(instance):
    instance._audit_loaded = {
        f.attname: getattr(instance, f.attname) for f in _tracked_fields(instance)
    }


@receiver(post_save)
def log_save(sender, instance, created, raw=False, **kwargs):
    if raw or not isinstance(instance, AuditedModel):
        return  # fixtures being loaded by restore are history already
    if created:
        record(instance, AuditAction.CREATE, snapshot(instance))
    else:
        changes = diff(instance)
        if changes:
            record(instance, AuditAction.UPDATE, changes)
    _remember_loaded(instance)


@receiver(post_delete)
def log_delete(sender, instance, **kwargs):
    if isinstance(instance, AuditedModel):
        record(instance, AuditAction.DELETE, snapshot(instance))


def history(instance):
    """Return the audit entries of one record, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
    ).select_related(None)


def record_many(instances, action, note=""):
    """Write one audit entry per instance in bulk (imports), each with its full snapshot."""
    if not instances:
        return
    actor = current_actor()
    content_type = ContentType.objects.get_for_model(instances[0], for_concrete_model=False)
    request_id = current_request_id()
    AuditEntry.objects.bulk_create(
        (
            AuditEntry(
                content_type=content_type,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                action=action,
                changes=snapshot(obj),
                note=note,
                actor=actor,
                actor_name=str(actor) if actor else "system",
                request_id=request_id,
            )
            for obj in instances
        ),
        batch_size=500,
    )


def record_export(model, count, sensitive=False):
    """Log that the current user exported ``count`` records of ``model`` (and whether in clear)."""
    content_type = ContentType.objects.get_for_model(model)
    actor = current_actor()
    AuditEntry.objects.create(
        content_type=content_type,
        object_id="*",
        object_repr=str(model._meta.verbose_name_plural),
        action=AuditAction.EXPORT,
        changes={"rows": count, "sensitive_in_clear": sensitive},
        actor=actor,
        actor_name=str(actor) if actor else "system",
        request_id=current_request_id(),
    )
