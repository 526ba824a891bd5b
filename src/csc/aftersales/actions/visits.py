"""Writes of customer visits (SVC-8, S2 5.7): the annual plan and its two approvals, and the
visit report whose findings each open a corrective action."""

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core.actions import notify, sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.errors import Denied, Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require, users_with_permission

from ..choices import PlanStatus, Satisfaction
from ..models import PlannedVisit, VisitFinding, VisitPlan, VisitReport
from ..rules import PLAN_FLOW


def _check_visits(visits):
    for index, visit in enumerate(visits, start=1):
        if visit.get("customer") is None:
            raise Invalid.field("visits", _("Line %(line)s: choose the customer.") % {"line": index})  # fmt: skip
        if not 1 <= int(visit.get("month") or 0) <= 12:
            raise Invalid.field("visits", _("Line %(line)s: the month is 1 to 12.") % {"line": index})  # fmt: skip


@verb
def create_plan(actor, year, visits):
    """Draft a salesperson's annual visit plan with its customers by month; return it."""
    require(actor, "aftersales.add_visitplan")
    if not 2000 <= int(year or 0) <= 2100:
        raise Invalid.field("year", _("Give the year of the plan."))
    if VisitPlan.objects.filter(year=year, salesperson=actor).exists():
        raise Invalid.field("year", _("You already have a visit plan for %(year)s.") % {"year": year})  # fmt: skip
    _check_visits(visits)
    plan = VisitPlan.objects.create(number=next_number("visit-plan", "VP"), year=year, salesperson=actor)  # fmt: skip
    PlannedVisit.objects.bulk_create(
        PlannedVisit(
            plan=plan, customer=v["customer"], month=int(v["month"]), purpose=v.get("purpose", "")
        )  # fmt: skip
        for v in visits
    )
    return plan


def sales_head_of(plan):
    """Return the head of the salesperson's department, read now (heads change)."""
    from csc.core.models import Department

    department = Department.objects.filter(pk=plan.salesperson.department_id).select_related("head").first()  # fmt: skip
    return department.head if department else None


@verb
def submit_plan(actor, plan, note=""):
    if actor != plan.salesperson:
        raise Denied(_("Only the salesperson submits their own plan."))
    if not plan.visits.exists():
        raise Invalid.field("visits", _("Plan at least one visit."))
    transition(plan, PLAN_FLOW, "submit", note)
    notify([sales_head_of(plan)], Later(gettext_noop("Visit plan %(number)s to review"), number=plan.number), note, plan.get_absolute_url())  # fmt: skip
    return plan


@verb
def review_plan(actor, plan, note=""):
    """The sales head's review (S2 5.7.1: 经销售部领导审核)."""
    if sales_head_of(plan) != actor:
        raise Denied(_("Only the head of the salesperson's department reviews the plan."))
    plan.reviewed_by = actor
    transition(plan, PLAN_FLOW, "review", note, extra_fields=["reviewed_by"])
    sign(actor, plan, SignatureMeaning.REVIEWED, note=note)
    notify(users_with_permission("aftersales.approve_visitplan"), Later(gettext_noop("Visit plan %(number)s to approve"), number=plan.number), note, plan.get_absolute_url())  # fmt: skip
    return plan


@verb
def approve_plan(actor, plan, note=""):
    """The responsible leader's approval (报公司主管领导批准); not by the reviewer again."""
    require(actor, "aftersales.approve_visitplan")
    if actor == plan.reviewed_by:
        raise Denied(_("The plan needs a second person: the reviewer cannot also approve it."))
    plan.approved_by, plan.approved_at = actor, timezone.now()
    transition(plan, PLAN_FLOW, "approve", note, extra_fields=["approved_by", "approved_at"])
    sign(actor, plan, SignatureMeaning.APPROVED, note=note)
    notify([plan.salesperson], Later(gettext_noop("Visit plan %(number)s approved"), number=plan.number), note, plan.get_absolute_url())  # fmt: skip
    return plan


@verb
def reject_plan(actor, plan, note):
    if sales_head_of(plan) != actor and not actor.has_perm("aftersales.approve_visitplan"):
        raise Denied(_("Only the sales head or the responsible leader sends a plan back."))
    if not (note or "").strip():
        raise Invalid.field("note", _("Say what to change in the plan."))
    transition(plan, PLAN_FLOW, "reject", note)
    sign(actor, plan, SignatureMeaning.REJECTED, note=note)
    return plan


def _check_report(data):
    errors = {}
    if data.get("customer") is None:
        errors["customer"] = [_("Choose the customer.")]
    if data.get("visited_on") is None:
        errors["visited_on"] = [_("Give the date of the visit.")]
    elif data["visited_on"] > timezone.localdate():
        errors["visited_on"] = [_("A visit cannot be reported before it happens.")]
    if not (data.get("opinions") or "").strip():
        errors["opinions"] = [_("Write down the customer's opinions and requests.")]
    if data.get("satisfaction") not in Satisfaction.values:
        errors["satisfaction"] = [_("Say how satisfied the customer is with our service.")]
    planned = data.get("planned")
    if planned is not None and planned.plan.status != PlanStatus.APPROVED:
        errors["planned"] = [_("This visit belongs to a plan that is not approved.")]
    elif planned is not None and planned.customer_id != getattr(data.get("customer"), "pk", None):
        errors["planned"] = [_("The planned visit is to another customer.")]
    if errors:
        raise Invalid(fields=errors)


@verb
def record_visit(actor, data, findings=()):
    """Record a visit report; each finding opens a corrective action with source "visit".

    ``findings`` are (description, category) pairs; the category routes the action
    (quality → Quality, service → Marketing), as CMP-10 does for every source.
    """
    from csc.capa.actions import open_capa
    from csc.capa.choices import Source

    require(actor, "aftersales.add_visitreport")
    _check_report(data)
    report = VisitReport.objects.create(
        number=next_number("visit-report", "VR"),
        visitor=actor,
        planned=data.get("planned"),
        customer=data["customer"],
        visited_on=data["visited_on"],
        satisfaction=data["satisfaction"],
        **{k: data.get(k) or "" for k in ("opinions", "product_quality", "service_quality")},
    )
    for description, category in findings:
        if not (description or "").strip():
            continue
        capa = open_capa(actor, source=Source.VISIT, category=category or "service", title=description[:200], description=description, source_record=report, customer=report.customer)  # fmt: skip
        VisitFinding.objects.create(report=report, description=description, capa=capa)
    return report


def plan_vs_done(year, salesperson=None):
    """Return 12 rows {month, planned, done}: approved planned visits against reports of
    planned visits, by month, counted in SQL."""
    planned = PlannedVisit.objects.filter(plan__year=year, plan__status=PlanStatus.APPROVED)
    done = VisitReport.objects.filter(visited_on__year=year, planned__isnull=False)
    if salesperson is not None:
        planned = planned.filter(plan__salesperson=salesperson)
        done = done.filter(planned__plan__salesperson=salesperson)
    planned_by = dict(planned.values("month").annotate(n=Count("id")).values_list("month", "n"))
    done_by = dict(
        done.annotate(m=ExtractMonth("visited_on"))
        .values("m")
        .annotate(n=Count("id"))
        .values_list("m", "n")  # fmt: skip
    )
    return [{"month": m, "planned": planned_by.get(m, 0), "done": done_by.get(m, 0)} for m in range(1, 13)]  # fmt: skip
