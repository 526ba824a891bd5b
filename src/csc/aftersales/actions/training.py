"""Training records and the yearly check, and staff evaluation figures (SVC-11, S2 5.8)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core.actions import notify, verb
from csc.core.choices import Role
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require, users_with_permission

from ..choices import TrainingKind, TrainingResult
from ..models import Attendance, Training, VisitReport, WarrantyClaim


@verb
def record_training(actor, data, results):
    """Record a training and each attendee's result; ``results`` maps user → result."""
    require(actor, "aftersales.add_training")
    errors = {}
    if not (data.get("title") or "").strip():
        errors["title"] = [_("Give the training a title.")]
    if data.get("kind") not in TrainingKind.values:
        errors["kind"] = [_("Choose the kind of training.")]
    if data.get("held_on") is None:
        errors["held_on"] = [_("Give the date of the training.")]
    elif data["held_on"] > timezone.localdate():
        errors["held_on"] = [_("A training cannot be recorded before it is held.")]
    if data.get("hours") is None or data["hours"] <= 0:
        errors["hours"] = [_("The hours must be more than zero.")]
    if not results:
        errors["attendees"] = [_("List who attended.")]
    elif any(r not in TrainingResult.values for r in results.values()):
        errors["attendees"] = [_("Give each attendee a result.")]
    if errors:
        raise Invalid(fields=errors)
    training = Training.objects.create(
        number=next_number("training", "TR"),
        created_by=actor,
        trainer=data.get("trainer") or "",
        content=data.get("content") or "",
        **{k: data[k] for k in ("kind", "title", "held_on", "hours")},
    )
    Attendance.objects.bulk_create(
        Attendance(training=training, person=person, result=result)
        for person, result in results.items()
    )
    return training


def service_staff():
    return get_user_model().objects.filter(groups__name=Role.SERVICE, is_active=True).distinct()


def untrained_staff(year):
    """Service staff with no skills training attended in ``year`` (S2 5.8: at least one)."""
    attended = Attendance.objects.filter(
        person=OuterRef("pk"),
        training__kind=TrainingKind.SKILLS,
        training__held_on__year=year,
    ).exclude(result=TrainingResult.ABSENT)
    return service_staff().exclude(Exists(attended)).order_by("username")


@verb
def warn_untrained_staff(actor, today=None):
    """Tell the organisers of training who has had no skills training this year; return them.

    Only from the fourth quarter, so the warning comes while there is still time to train.
    """
    today = today or timezone.localdate()
    if today.month < 10:
        return []
    missing = list(untrained_staff(today.year))
    if missing:
        notify(
            users_with_permission("aftersales.add_training"),
            Later(
                gettext_noop("%(count)s service staff have had no skills training in %(year)s"),
                count=len(missing),
                year=today.year,
            ),
            "、".join(str(u) for u in missing),
        )
    return missing


def evaluation(year):
    """Return per service staff member the year's indicators, each one SQL aggregate:
    claims registered and decided, mean days from registration to decision, satisfied share of
    the visits they reported, and skills trainings passed."""
    start = dt.date(year, 1, 1)
    claims = WarrantyClaim.objects.filter(registered_at__year=year)
    lead = ExpressionWrapper(F("decided_at") - F("registered_at"), output_field=DurationField())
    by_claims = {
        row["registered_by"]: row
        for row in claims.values("registered_by").annotate(
            handled=Count("id"),
            decided=Count("id", filter=Q(decided_at__isnull=False)),
            lead=Avg(lead, filter=Q(decided_at__isnull=False)),
        )
    }
    by_visits = {
        row["visitor"]: row
        for row in VisitReport.objects.filter(visited_on__gte=start, visited_on__year=year)
        .values("visitor")
        .annotate(visits=Count("id"), satisfied=Count("id", filter=Q(satisfaction="satisfied")))
    }
    passed = dict(
        Attendance.objects.filter(
            training__held_on__year=year,
            training__kind=TrainingKind.SKILLS,
            result=TrainingResult.PASSED,
        )
        .values("person")
        .annotate(n=Count("id"))
        .values_list("person", "n")
    )
    return [_indicators(user, by_claims.get(user.pk, {}), by_visits.get(user.pk, {}), passed.get(user.pk, 0)) for user in service_staff().order_by("username")]  # fmt: skip


def _indicators(user, claims, visits, passed):
    lead = claims.get("lead")
    share = round(100 * visits["satisfied"] / visits["visits"]) if visits.get("visits") else None
    return {
        "person": user,
        "claims": claims.get("handled", 0),
        "decided": claims.get("decided", 0),
        "decision_days": round(lead.total_seconds() / 86400, 1) if lead else None,
        "visits": visits.get("visits", 0),
        "satisfied_share": share,
        "trainings_passed": passed,
    }
