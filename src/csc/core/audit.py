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
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .choices import AuditAction
from .models import AuditedModel, AuditEntry

_actor = ContextVar("csc_actor", default=None)
_request_id = ContextVar("csc_request_id", default="")
_muted = ContextVar("csc_audit_muted", default=frozenset())

#: Fields people never need in a history: machinery for concurrency, duplicates and links.
HIDDEN_FIELDS = frozenset({"version", "submit_token", "claim_token", "token_hash"})


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


def change(old, new):
    """Return the [old, new] pair of one field's change as the trail stores it."""
    return [_plain(old), _plain(new)]


def _shown(field, value):
    """Return how a value is stored in the trail: masked for sensitive fields."""
    if getattr(field, "sensitive", False):
        return field.mask(value)
    return _plain(value)


def is_hidden(name):
    """Return whether a field is internal machinery, left out of the trail people read."""
    return name in HIDDEN_FIELDS or name.endswith(("_token", "_digest"))


def _tracked_fields(instance):
    return [f for f in instance._meta.concrete_fields if not is_hidden(f.attname)]


def parent_of(instance):
    """Return the record whose history also shows this one's changes (``audit_parent`` path)."""
    path = getattr(instance, "audit_parent", "")
    parent = instance
    for name in path.split("__") if path else ():
        parent = getattr(parent, name, None)
        if parent is None:
            return None
    return parent if path else None


def _parent_link(instance):
    parent = parent_of(instance)
    if parent is None:
        return {"parent_type": None, "parent_id": ""}
    return {
        "parent_type": ContentType.objects.get_for_model(parent, for_concrete_model=False),
        "parent_id": str(parent.pk),
    }


def _key(instance):
    return (instance._meta.label, instance.pk)


@contextlib.contextmanager
def muted(instance):
    """Leave the automatic change entry of ``instance`` out: the caller writes one entry itself.

    A workflow step saves the record and then logs the step; without this the save signal
    would add a second entry for the same step.
    """
    token = _muted.set(_muted.get() | {_key(instance)})
    try:
        yield
    finally:
        _muted.reset(token)


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
        **_parent_link(instance),
    )


def _remember_loaded(instance):
    instance._audit_loaded = {
        f.attname: getattr(instance, f.attname) for f in _tracked_fields(instance)
    }


@receiver(post_save)
def log_save(sender, instance, created, raw=False, **kwargs):
    if raw or not isinstance(instance, AuditedModel):
        return  # fixtures being loaded by restore are history already
    if _key(instance) in _muted.get():
        pass  # the step that saved it writes the one entry
    elif created:
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
    """Return the audit entries of one record and of its child records, newest first."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    own = Q(content_type=content_type, object_id=str(instance.pk))
    children = Q(parent_type=content_type, parent_id=str(instance.pk))
    return AuditEntry.objects.filter(own | children).select_related("content_type")


def record_many(instances, action, note="", changes=None):
    """Write one audit entry per instance in bulk (imports, queryset updates).

    Each entry carries ``changes(obj)`` when given, else the instance's full snapshot.
    """
    instances = list(instances)
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
                changes=changes(obj) if changes else snapshot(obj),
                note=note,
                actor=actor,
                actor_name=str(actor) if actor else "system",
                request_id=request_id,
                **_parent_link(obj),
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


# --- bulk writes: a queryset update or bulk insert bypasses the save signal ----------------

CHUNK = 500  # keeps ``pk IN (…)`` below every database's parameter limit


def create_all(model, objects, note=""):
    """Insert ``objects`` in bulk and log one creation entry for each; return them."""
    created = model._default_manager.bulk_create(list(objects), batch_size=CHUNK)
    record_many(created, AuditAction.CREATE, note=note)
    return created


def update_all(queryset, note="", **values):
    """Run ``queryset.update(**values)`` and log one change entry per changed row.

    Returns the update's row count, so an atomic claim (``filter(...).update(...)``) keeps its
    meaning. New values are read back after the update, so expressions such as
    ``F("reminders") + 1`` or a subquery are logged as the numbers they produced.
    """
    model, fields = queryset.model, list(values)
    before = {row["pk"]: row for row in queryset.values("pk", *fields)}
    count = queryset.update(**values)
    pks = list(before)
    for start in range(0, len(pks), CHUNK):
        rows = model._default_manager.filter(pk__in=pks[start : start + CHUNK])
        _record_updates(model, rows, before, fields, note)
    return count


def _record_updates(model, rows, before, fields, note):
    concrete = {f.name: f for f in model._meta.concrete_fields}
    changed = []
    for obj in rows:
        changes = {}
        for name in fields:
            field = concrete[name]
            old, new = before[obj.pk][name], getattr(obj, field.attname)
            if old != new:
                changes[field.attname] = [_shown(field, old), _shown(field, new)]
        if changes:
            changed.append((obj, changes))
    by_obj = {id(obj): changes for obj, changes in changed}
    record_many(
        [obj for obj, _changes in changed],
        AuditAction.UPDATE,
        note=note,
        changes=lambda obj: by_obj[id(obj)],
    )
