"""Benchmark of satisfaction surveys: a round sent to 20,000 customers with 15,000 answers
(twelve items each: 180,000 answers), scored and summed up (issue #5).

Budgets on SQLite: scoring the whole round and computing the whole statistics table each take
p95 ≤ 2 s, and each stays within 1.5× of hand-written SQL doing the same aggregates
(``sql_ratio`` = p50 of the ORM code ÷ p50 of the raw SQL). ``--records`` sets the number of
customers the round is sent to; three in four answer.
"""

import datetime as dt
import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from csc.customers.models import Customer
from csc.surveys import scoring, stats
from csc.surveys.choices import RoundStatus, TemplateStatus
from csc.surveys.models import (
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
    SurveyTemplate,
)

from . import data
from .harness import Operation, Samples, at_most, page_operations, percentile, spread_pks, summary

DEFAULT_RECORDS = 20_000
ANSWER_SHARE = 0.75
TITLE = "BENCH satisfaction survey"
PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
BATCH = 5_000
HEAVY_RUNS = 10  # each run touches every answer of the round: fewer runs than list pages
LINES = ["传动件", "铸件", "冲压件", "压铸件", "密封件", "Driveline", "Hydraulics", "电子"]
# How answers spread over the seven levels (most customers satisfied, a few not).
LEVELS = {100: 20, 90: 35, 80: 25, 70: 12, 60: 5, 50: 2, 40: 1}
BUDGET = (at_most("p95_ms", 2000), at_most("sql_ratio", 1.5))


def foreign_records():
    """Survey rounds not made by a bench user are someone's real surveys."""
    return SurveyRound.objects.exclude(created_by__username__startswith=data.USER_PREFIX).count()


@dataclass
class Context:
    round: SurveyRound
    records: int
    responses: int
    user: object = None


def generate(records, log):
    """Make sure a bench round sent to ``records`` customers exists; return the context."""
    users = data.bench_users()
    survey_round = SurveyRound.objects.filter(title=TITLE).first()
    if survey_round is None or survey_round.invitations.count() < records:
        started = time.perf_counter()
        survey_round = _make_round(records, users, log)
        log(
            f"surveys: round with {records:,} surveys made in {time.perf_counter() - started:.1f} s"
        )
    else:
        log(f"surveys: reusing the bench round of {survey_round.invitations.count():,} surveys")
    data.settle()
    _analyze()
    return Context(
        round=SurveyRound.objects.select_related("template").get(pk=survey_round.pk),
        records=survey_round.invitations.count(),
        responses=survey_round.responses.count(),
        user=users["quality"],
    )


def _analyze():
    """Give PostgreSQL's planner the statistics autovacuum would have gathered by now."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in (
                "surveys_surveyresponse",
                "surveys_surveyanswer",
                "surveys_surveyinvitation",
            ):
                cursor.execute(f"ANALYZE {table}")


def _customers(records, log):
    if Customer.objects.count() < records:
        from . import customers

        customers.generate(records, log)
    return list(
        Customer.objects.order_by("pk").values_list("pk", "abc_class", "language")[:records]
    )


def _make_round(records, users, log):
    customers = _customers(records, log)
    template = SurveyTemplate.objects.get(code="weighted", status=TemplateStatus.PUBLISHED)
    with transaction.atomic():
        _drop_old_rounds()
        survey_round = SurveyRound.objects.create(
            number=f"SV-BENCH-{timezone.now():%H%M%S}", template=template, title=TITLE,
            period_start=PERIOD[0], period_end=PERIOD[1], status=RoundStatus.SENT,
            response_days=15, c_share=Decimal("0.2"), created_by=users["sales-1"], seed=1,
        )  # fmt: skip
    rng = data.seeded(records)
    answering = int(records * ANSWER_SHARE)
    _invitations(survey_round, customers, answering, rng)
    _responses(survey_round, template, answering, rng, log)
    return survey_round


def _drop_old_rounds():
    """Remove a smaller bench round before making a larger one (generated rows, no history)."""
    rounds = list(SurveyRound.objects.filter(title=TITLE).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        for pk in rounds:
            cursor.execute("DELETE FROM surveys_surveyanswer WHERE round_id = %s", [pk])
            cursor.execute("DELETE FROM surveys_surveyresponse WHERE round_id = %s", [pk])
            cursor.execute("DELETE FROM surveys_surveyinvitation WHERE round_id = %s", [pk])
            cursor.execute("DELETE FROM surveys_surveyround WHERE id = %s", [pk])


def _invitations(survey_round, customers, answering, rng):
    now = timezone.now()
    for batch in data.in_batches(enumerate(customers), BATCH):
        data.insert_rows(
            SurveyInvitation,
            [
                {
                    "round_id": survey_round.pk, "customer_id": pk, "abc_class": cls,
                    "language": language, "email": f"bench{pk}@survey.example",
                    "product_line": LINES[pk % len(LINES)], "sent_at": now,
                    "responded_at": now if index < answering else None, "drawn": cls == "C",
                }
                for index, (pk, cls, language) in batch
            ],
        )  # fmt: skip


def _responses(survey_round, template, answering, rng, log):
    items = list(template.items.all())
    invitations = list(
        survey_round.invitations.filter(responded_at__isnull=False)
        .order_by("pk")
        .values_list("pk", "customer_id", "abc_class", "product_line")[:answering]
    )
    now = timezone.now()
    for number, batch in enumerate(data.in_batches(invitations, BATCH)):
        with transaction.atomic():
            data.insert_rows(
                SurveyResponse,
                [
                    {
                        "round_id": survey_round.pk, "invitation_id": pk, "customer_id": customer,
                        "abc_class": cls, "product_line": line, "channel": "link",
                        "submitted_at": now, "comment": "希望缩短交期" if pk % 40 == 0 else "",
                    }
                    for pk, customer, cls, line in batch
                ],
            )  # fmt: skip
            _answers(survey_round, [pk for pk, *_rest in batch], items, rng)
        log(f"surveys: {min((number + 1) * BATCH, answering):,} / {answering:,} answers")


def _answers(survey_round, invitation_ids, items, rng):
    responses = SurveyResponse.objects.filter(invitation_id__in=invitation_ids).values_list(
        "pk", flat=True
    )
    levels, weights = list(LEVELS), list(LEVELS.values())
    data.insert_rows(
        SurveyAnswer,
        [
            {
                "response_id": response, "round_id": survey_round.pk, "item_id": item.pk,
                "value": rng.choices(levels, weights)[0],
                "comment": "交期偶有延误" if item.key == "delivery" and response % 25 == 0 else "",
            }
            for response in responses
            for item in items
        ],
    )  # fmt: skip


# --- operations --------------------------------------------------------------------------


SCORE_SQL = """COALESCE((SELECT SUM(a.value * i.weight) FROM surveys_surveyanswer a
    JOIN surveys_templateitem i ON i.id = a.item_id
    WHERE a.response_id = surveys_surveyresponse.id), 0)"""
COMPLAINTS_SQL = """(SELECT COUNT(*) FROM complaints_complaint c
    WHERE c.customer_id = surveys_surveyresponse.customer_id
      AND c.received_at >= %(start)s AND c.received_at < %(end)s
      AND c.status NOT IN ('not_ours', 'void'))"""
RETURNS_SQL = """(SELECT COUNT(*) FROM complaints_return r
    WHERE r.customer_id = surveys_surveyresponse.customer_id
      AND r.notice_date >= %(first_day)s AND r.notice_date <= %(last_day)s)"""


def _raw_scoring(survey_round):
    """The same UPDATE, written by hand."""
    template = survey_round.template
    start, end = scoring.period_bounds(survey_round)
    least = "MIN" if connection.vendor == "sqlite" else "LEAST"
    complaint_off = f"{least}({COMPLAINTS_SQL} * %(cp)s, %(cc)s)"
    return_off = f"{least}({RETURNS_SQL} * %(rp)s, %(rc)s)"
    sql = f"""
        UPDATE surveys_surveyresponse SET
          score = {SCORE_SQL},
          below_requirement = (SELECT COUNT(*) FROM surveys_surveyanswer a
              WHERE a.response_id = surveys_surveyresponse.id AND a.value < %(requirement)s),
          complaints = {COMPLAINTS_SQL},
          returns = {RETURNS_SQL},
          complaint_deduction = {complaint_off},
          return_deduction = {return_off},
          satisfaction = {SCORE_SQL} - {complaint_off} - {return_off}
        WHERE round_id = %(round)s
    """
    params = {
        "requirement": template.requirement, "start": start, "end": end,
        "first_day": survey_round.period_start, "last_day": survey_round.period_end,
        "cp": template.complaint_points, "cc": template.complaint_cap,
        "rp": template.return_points, "rc": template.return_cap, "round": survey_round.pk,
    }  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


RAW_STATISTICS = [
    """SELECT abc_class, COUNT(*), COUNT(responded_at) FROM surveys_surveyinvitation
       WHERE round_id = %(round)s GROUP BY abc_class ORDER BY abc_class""",
    """SELECT abc_class, COUNT(*), SUM(score), SUM(satisfaction), MIN(satisfaction),
       MAX(satisfaction), SUM(complaint_deduction), SUM(return_deduction), SUM(below_requirement)
       FROM surveys_surveyresponse WHERE round_id = %(round)s
       GROUP BY abc_class ORDER BY abc_class""",
    """SELECT product_line, COUNT(*), AVG(satisfaction), MIN(satisfaction)
       FROM surveys_surveyresponse WHERE round_id = %(round)s
       GROUP BY product_line ORDER BY product_line""",
    """SELECT item_id, value, COUNT(*) FROM surveys_surveyanswer WHERE round_id = %(round)s
       GROUP BY item_id, value""",
    """SELECT id, key, text, text_en, category, weight, max_points FROM surveys_templateitem
       WHERE template_id = %(template)s ORDER BY position, id""",
    """SELECT COUNT(*) FROM surveys_surveyanswer
       WHERE round_id = %(round)s AND NOT (comment = '')""",
]


def _raw_statistics(survey_round):
    params = {"round": survey_round.pk, "template": survey_round.template_id}
    with connection.cursor() as cursor:
        for sql in RAW_STATISTICS:
            cursor.execute(sql, params)
            cursor.fetchall()


def _timed(samples, call, survey_round):
    started, started_cpu = time.perf_counter(), time.process_time()
    call(survey_round)
    samples.cpu.append((time.process_time() - started_cpu) * 1000)
    samples.append((time.perf_counter() - started) * 1000)


def _compare(orm, raw, context, plan, max_runs=HEAVY_RUNS):
    runs = min(plan.runs, max_runs)
    heavy = type(plan)(runs=runs, warmup=1, log=plan.log)
    # Taken in turns, so a busy moment of the machine weighs on both the same.
    samples, raw_samples = Samples(), Samples()
    for _run in range(heavy.warmup):
        orm(context.round), raw(context.round)
    for _run in range(heavy.runs):
        _timed(samples, orm, context.round)
        _timed(raw_samples, raw, context.round)
    orm_summary, raw_summary = summary(samples), summary(raw_samples)
    return {
        **orm_summary,
        "raw_sql_ms": raw_summary["p50_ms"],
        "raw_sql_p95_ms": raw_summary["p95_ms"],
        "raw_sql_cpu_ms": raw_summary["cpu_p50_ms"],
        # The median of each run's ratio to the raw run right after it: a busy moment of a
        # shared machine falls on both sides of a pair, not on one side of the figure.
        "sql_ratio": round(
            percentile([o / r for o, r in zip(samples, raw_samples, strict=True)], 0.5), 2
        ),
        "sql_cpu_ratio": round(orm_summary["cpu_p50_ms"] / raw_summary["cpu_p50_ms"], 2),
        "rows": context.responses,
        "surveys": context.records,
        "runs": runs,
    }


def score_round(context, plan):
    """Rescore every answer of the round: score, deductions, satisfaction (two UPDATEs)."""
    return _compare(scoring.rescore_round, _raw_scoring, context, plan)


def statistics_table(context, plan):
    """The whole statistics table: rates, index, classes, product lines, items, comments."""
    return _compare(stats.statistics, _raw_statistics, context, plan, max_runs=40)


def score_and_statistics(context, plan):
    """What closing a round computes: the rescoring, then the whole statistics table."""

    def orm(survey_round):
        scoring.rescore_round(survey_round)
        stats.statistics(survey_round)

    def raw(survey_round):
        _raw_scoring(survey_round)
        _raw_statistics(survey_round)

    return _compare(orm, raw, context, plan)


OPERATIONS = [
    Operation("scoring", score_round, BUDGET),
    Operation("statistics", statistics_table, BUDGET),
    Operation("score_and_statistics", score_and_statistics, BUDGET),
]


def _answer_pages(context):
    """The survey answers ledger: every answer, then the bench round's."""
    base = reverse("surveys:responses")
    return context.user, [base, f"{base}?round={context.round.pk}"]


def _answer_detail_pages(context):
    """Answers' pages: every item's score with its weight, the comment and the customer."""
    ids = spread_pks(SurveyResponse.objects.filter(round=context.round))
    return context.user, [reverse("surveys:response", args=[pk]) for pk in ids]


OPERATIONS += page_operations(_answer_pages, _answer_detail_pages)
