"""The change log as people read it: names, local times, labels and plain values (REC-3).

The trail stores raw values (ids, codes, ISO times) so it stays exact; everything here turns
them into what a quality manager expects to read, in the reader's language and time zone.
"""

from datetime import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .audit import is_hidden
from .choices import Role, SignatureMeaning
from .permissions import can

#: Keys of explicit entries (signatures, exports, reads) that are not model fields.
EXTRA_LABELS = {
    "meaning": gettext_lazy("meaning"),
    "role": gettext_lazy("role"),
    "section": gettext_lazy("section"),
    "rows": gettext_lazy("rows"),
    "format": gettext_lazy("format"),
    "field": gettext_lazy("field"),
    "sensitive_in_clear": gettext_lazy("sensitive data in clear"),
    "reminded": gettext_lazy("reminded"),
}
EXTRA_CHOICES = {"meaning": SignatureMeaning, "role": Role}


def change_rows(entry, reader=None):
    """Return [(label, old, new, is_change)] of one entry; old is None for snapshots.

    Values of a model's ``private_fields`` are masked unless ``reader`` holds the model's
    ``private_permission`` (SEC-2): the trail keeps them exact, the page shows what the reader
    may see. Without a reader they are masked.
    """
    model = entry.content_type.model_class()
    fields = _fields_by_attname(model)
    masks = private_masks(model, reader)
    pairs = entry.action in ("update", "transition")
    rows = []
    for name, value in entry.changes.items():
        if is_hidden(name):
            continue
        if name in masks:
            value = _masked(masks[name], value)
        if name == "section":
            value = section_label(model, value)
        field = fields.get(name)
        if field is not None and field.primary_key:
            continue  # the record's own row id means nothing to its reader
        label = _label(name, field)
        if pairs and isinstance(value, list) and len(value) == 2:
            rows.append(
                (label, readable(name, field, value[0]), readable(name, field, value[1]), True)
            )
        else:
            rows.append((label, None, readable(name, field, value), False))
    return rows


def section_label(model, code):
    """Return the name of the part of a record a signature was put on (``signature_sections``
    of the model), or the stored code when the model names none."""
    labels = getattr(model, "signature_sections", None) or {}
    return str(labels[code]) if code in labels else code


def private_masks(model, reader):
    """Return {attname: mask function} of the model's fields this reader sees masked."""
    masks = getattr(model, "private_fields", None)
    if not masks or (reader is not None and can(reader, model.private_permission)):
        return {}
    return masks


def _masked(mask, value):
    if isinstance(value, list):
        return [mask(v) if isinstance(v, str) else v for v in value]
    return mask(value) if isinstance(value, str) else value


def _fields_by_attname(model):
    if model is None:
        return {}
    return {f.attname: f for f in model._meta.concrete_fields}


def _label(name, field):
    if field is not None:
        return str(field.verbose_name)
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    return name.replace("_", " ")


def readable(name, field, value):
    """Return a stored value as people read it: names, labels, local time, 是/否."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(k, None)}: {_plain(v)}" for k, v in value.items() if v not in (None, "")
        )
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value)
    if name in EXTRA_CHOICES:
        return _choice(EXTRA_CHOICES[name].choices, value)
    if field is None:
        return value
    if field.choices:
        return _choice(field.flatchoices, value)
    if field.is_relation and field.many_to_one:
        return _related(field, value)
    if isinstance(field, models.DateTimeField):
        return _local_time(value)
    return value


def _plain(value):
    if isinstance(value, dict | list):
        return readable("", None, value) or ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else str(value)


def _choice(choices, value):
    return str(dict(choices).get(value, value))


def _related(field, pk):
    """Return the related record's name (a person's full name), or the id if it is gone."""
    model = field.related_model
    found = model._default_manager.filter(pk=pk).first()
    return str(found) if found is not None else f"#{pk}"


def _local_time(value):
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "Y-m-d H:i")


def about(entry, record):
    """Return what a child record's entry is about ("8D discipline D4"), or "" for the record."""
    same = entry.content_type.model_class() is type(record) and entry.object_id == str(record.pk)
    if same:
        return ""
    model = entry.content_type.model_class()
    kind = str(model._meta.verbose_name) if model else ""
    return f"{kind} {entry.object_repr}".strip()
