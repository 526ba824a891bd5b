"""Scores in SQL (SUR-2, SUR-3): a whole round is rescored with two UPDATE statements.

An answer is scored on submission (``rules.score_response``, the same formula in Python);
when the round closes, every response is rescored here so the complaint and return
deductions count the real records of the whole period, as they stand at closing.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Count, DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from csc.complaints.choices import ComplaintStatus
from csc.complaints.models import Complaint, Return
from csc.core import audit

from .choices import TemplateKind
from .models import SurveyAnswer, SurveyResponse

#: Complaints that turned out not to be complaints do not cost points.
NOT_COUNTED = [ComplaintStatus.NOT_OURS, ComplaintStatus.VOID]
DECIMAL = DecimalField(max_digits=8, decimal_places=3)


def period_bounds(survey_round):
    """Return the aware datetimes [start, end) of the round's period in the company time zone."""
    start = timezone.make_aware(dt.datetime.combine(survey_round.period_start, dt.time.min))
    end = timezone.make_aware(
        dt.datetime.combine(survey_round.period_end + dt.timedelta(days=1), dt.time.min)
    )
    return start, end


def complaints_in_period(survey_round, customer):
    """Return the complaints of ``customer`` that count in the round's period (SUR-3).

    ``customer`` may be an OuterRef, to count inside a query over responses.
    """
    start, end = period_bounds(survey_round)
    return Complaint.objects.filter(
        customer=customer, received_at__gte=start, received_at__lt=end
    ).exclude(status__in=NOT_COUNTED)


def returns_in_period(survey_round, customer):
    return Return.objects.filter(
        customer=customer,
        notice_date__gte=survey_round.period_start,
        notice_date__lte=survey_round.period_end,
    )


def _count(queryset, group="customer"):
    """Return a correlated COUNT subquery of ``queryset`` (grouped by its outer key), 0 if none."""
    # order_by(): a model's default ordering would join its tables into every subquery.
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), Value(0))


def _score_expression(template):
    answers = SurveyAnswer.objects.filter(response=OuterRef("pk")).order_by().values("response")
    if template.kind == TemplateKind.WEIGHTED:
        total = Sum(F("value") * F("item__weight"), output_field=DECIMAL)
    else:
        total = Sum("value", output_field=DECIMAL)
    return Coalesce(Subquery(answers.annotate(s=total).values("s")), Value(0), output_field=DECIMAL)


def _below_expression(template):
    below = SurveyAnswer.objects.filter(response=OuterRef("pk"), value__lt=template.requirement)
    return _count(below, group="response")


def rescore_round(survey_round):
    """Recompute score, deductions and satisfaction of every response of the round in SQL.

    One UPDATE: score (Σ weight × level, or Σ points), the items below the requirement and the
    complaints and returns of the period are correlated subqueries; the capped deductions and
    satisfaction = score − deductions repeat them rather than read the columns back, so every
    row is written once (a second pass would rewrite each row and its index entries again).
    Returns the number of responses.
    """
    template = survey_round.template
    # PostgreSQL's JIT would compile this statement longer than it runs: it is off for every
    # connection (settings.database_from_url).
    with transaction.atomic():
        return _rescore(survey_round, template)


def _rescore(survey_round, template):
    score = _score_expression(template)
    complaints = _count(complaints_in_period(survey_round, OuterRef("customer")))
    returns = _count(returns_in_period(survey_round, OuterRef("customer")))
    complaint_off = Least(complaints * template.complaint_points, template.complaint_cap)
    return_off = Least(returns * template.return_points, template.return_cap)
    return audit.update_all(
        SurveyResponse.objects.filter(round=survey_round),
        score=score,
        below_requirement=_below_expression(template),
        complaints=complaints,
        returns=returns,
        complaint_deduction=complaint_off,
        return_deduction=return_off,
        satisfaction=score - complaint_off - return_off,
    )
