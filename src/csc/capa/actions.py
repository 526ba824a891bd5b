"""Writes of the action system; other areas open actions through ``open_capa``."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.actions import notify, verb
from csc.core.models import Department
from csc.core.numbering import next_number

from .models import Capa
from .rules import route

DEFAULT_DAYS = 30


@verb
def open_capa(
    actor,
    *,
    source,
    category,
    title,
    description="",
    source_record=None,
    customer=None,
    due_date=None,
):
    """Open an action routed by category and tell the responsible department; return it.

    Callers are the areas' own verbs (a complaint accepted, a survey trigger…), which have
    checked their own permissions; the action is attributed to ``actor``.
    """
    responsible, assisting = route(category)
    department = Department.objects.get(code=responsible)
    capa = Capa.objects.create(
        number=next_number("capa", "CAPA"),
        source=source,
        source_type=ContentType.objects.get_for_model(source_record) if source_record else None,
        source_id=str(source_record.pk) if source_record else "",
        customer=customer,
        category=category,
        title=title[:200],
        description=description,
        department=department,
        due_date=due_date or timezone.localdate() + dt.timedelta(days=DEFAULT_DAYS),
    )
    capa.assisting.set(Department.objects.filter(code__in=assisting))
    notify(
        department.members.filter(is_active=True),
        _("Corrective action %(number)s for your department") % {"number": capa.number},
        title,
        "",
    )
    return capa
