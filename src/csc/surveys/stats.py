"""Survey statistics (SUR-6, 顾客满意度调查统计表 HT-QR-MA-02), every figure an SQL aggregate.

Each function runs one grouped query; Python only shapes the few grouped rows (classes, items,
product lines) and rounds them once (``rules.rounded``: half up to one decimal).
"""

from decimal import Decimal

from django.db.models import Avg, Count, Max, Min, Sum

from csc.customers.choices import ABCClass

from . import rules
from .choices import RoundStatus, TemplateKind
from .conf import setting
from .models import SurveyAnswer, SurveyInvitation, SurveyResponse, SurveyRound


def response_counts(survey_round):
    """Return {class: (sent, answered)} for the round, from one grouped query."""
    rows = (
        SurveyInvitation.objects.filter(round=survey_round)
        .values("abc_class")
        .annotate(sent=Count("*"), answered=Count("responded_at"))
        .order_by("abc_class")
        .values_list("abc_class", "sent", "answered")
    )
    return {cls: (sent, answered) for cls, sent, answered in rows}


def validity_of(survey_round, counts=None):
    """Return the round's Validity (SUR-5) from its current answers."""
    counts = response_counts(survey_round) if counts is None else counts
    invited = sum(sent for sent, _answered in counts.values())
    responded = sum(answered for _sent, answered in counts.values())
    ab = [counts.get(cls, (0, 0)) for cls in (ABCClass.A, ABCClass.B)]
    return rules.validity(
        invited,
        responded,
        sum(sent for sent, _a in ab),
        sum(answered for _s, answered in ab),
        setting("SURVEY_MIN_RESPONSE_RATE"),
        setting("SURVEY_AB_MIN_RESPONSE_RATE"),
    )


SUMMED = ["score", "satisfaction", "complaint_deduction", "return_deduction"]


def class_scores(survey_round):
    """Return {class: sums} of the round's answers: one grouped query serves the summary and
    the class table (sums, not averages, so the round's figures add up exactly)."""
    rows = (
        SurveyResponse.objects.filter(round=survey_round)
        .values("abc_class")
        .annotate(
            answers=Count("*"),
            lowest=Min("satisfaction"),
            highest=Max("satisfaction"),
            below=Sum("below_requirement"),
            **{f"sum_{key}": Sum(key) for key in SUMMED},
        )
        .order_by("abc_class")
    )
    return {row["abc_class"]: row for row in rows}


def summary(survey_round, scores=None):
    """Return the round's index and score figures: averages over all its answers."""
    rows = list((class_scores(survey_round) if scores is None else scores).values())
    answers = sum(row["answers"] for row in rows)
    figures = {"answers": answers, "below": sum(row["below"] or 0 for row in rows)}
    for key in SUMMED:
        total = sum((_exact(row[f"sum_{key}"]) for row in rows), Decimal(0))
        figures[key] = rules.rounded(total / answers) if answers else None
    figures["index"] = figures.pop("satisfaction")
    figures["lowest"] = rules.rounded(min((row["lowest"] for row in rows), default=None))
    figures["highest"] = rules.rounded(max((row["highest"] for row in rows), default=None))
    return figures


def _exact(value):
    return rules.rounded(value, rules.NOISE)


def by_class(survey_round, counts=None, scores=None):
    """Return one row per ABC class: sent, answered, rate and index."""
    counts = response_counts(survey_round) if counts is None else counts
    scores = class_scores(survey_round) if scores is None else scores
    rows = []
    for cls in ABCClass:
        sent, answered = counts.get(cls.value, (0, 0))
        row = scores.get(cls.value)
        if sent or row:
            rows.append(
                {
                    "abc_class": cls.value,
                    "label": cls.label,
                    "sent": sent,
                    "answered": answered,
                    "rate": rules.percent(answered, sent),
                    "index": rules.rounded(_exact(row["sum_satisfaction"]) / row["answers"])
                    if row
                    else None,
                }
            )
    return rows


def by_product_line(survey_round):
    """Return one row per product line: answers, index, lowest satisfaction."""
    rows = (
        SurveyResponse.objects.filter(round=survey_round)
        .values("product_line")
        .annotate(answers=Count("*"), index=Avg("satisfaction"), lowest=Min("satisfaction"))
        .order_by("product_line")
    )
    return [
        {
            "product_line": row["product_line"],
            "answers": row["answers"],
            "index": rules.rounded(row["index"]),
            "lowest": rules.rounded(row["lowest"]),
        }
        for row in rows
    ]


def level_counts(survey_round):
    """Return {item id: {value: answers}}: how often each value was given to each item."""
    rows = (
        SurveyAnswer.objects.filter(round=survey_round)
        .values("item", "value")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("item", "value", "n")
    )
    counts = {}
    for item_id, value, n in rows:
        counts.setdefault(item_id, {})[value] = n
    return counts


def by_item(survey_round, counts=None):
    """Return one row per item: answers, exact average, below requirement, poor answers.

    The average is Σ value × count / Σ count over the grouped counts, so it is exact.
    """
    template = survey_round.template
    counts = level_counts(survey_round) if counts is None else counts
    poor, very = _poor_thresholds(template)
    rows = []
    for item in template.items.all():
        levels = counts.get(item.pk, {})
        answers = sum(levels.values())
        total = sum(value * n for value, n in levels.items())
        average = Decimal(total) / answers if answers else None
        rows.append(
            {
                "item": item,
                "answers": answers,
                "average": rules.rounded(average),
                "exact": average,
                "below": sum(n for v, n in levels.items() if v < template.requirement),
                "poor": sum(n for v, n in levels.items() if v <= poor),
                "very_poor": sum(n for v, n in levels.items() if very is not None and v <= very),
                "levels": levels,
                "meets": average is None or average >= template.requirement,
            }
        )
    return rows


def _poor_thresholds(template):
    """Return (poor, very poor) values: ≤ 60 and ≤ 40 on the scale; below 12 points, none."""
    if template.kind == TemplateKind.WEIGHTED:
        return setting("SURVEY_NOT_VERY_SATISFIED"), setting("SURVEY_VERY_DISSATISFIED")
    return template.requirement - Decimal("0.001"), None


def lowest_item(item_rows):
    """Return the row of the item with the lowest average (first in template order on a tie)."""
    answered = [row for row in item_rows if row["answers"]]
    return min(answered, key=lambda row: row["exact"]) if answered else None


def comment_count(survey_round):
    return SurveyAnswer.objects.filter(round=survey_round).exclude(comment="").count()


def statistics(survey_round):
    """Return the whole statistics table of a round: every aggregate the pages and reports use."""
    counts = response_counts(survey_round)
    scores = class_scores(survey_round)
    items = by_item(survey_round)
    return {
        "validity": validity_of(survey_round, counts),
        "summary": summary(survey_round, scores),
        "classes": by_class(survey_round, counts, scores),
        "product_lines": by_product_line(survey_round),
        "items": items,
        "lowest_item": lowest_item(items),
        "comments": comment_count(survey_round),
        "rounding": rules.ROUNDING_RULE,
    }


# --- across rounds -----------------------------------------------------------------------


def trend(limit=12):
    """Return the index of the last ``limit`` closed rounds, oldest first."""
    rounds = (
        SurveyRound.objects.filter(status=RoundStatus.CLOSED)
        .order_by("-period_end", "-id")
        .values("pk", "number", "title", "period_end", "index", "valid", "responded")[:limit]
    )
    rows = list(rounds)[::-1]
    for row in rows:
        row["index"] = rules.rounded(row["index"])
    return rows


def product_line_trend(round_ids):
    """Return {product line: {round id: index}} over the given rounds (one grouped query)."""
    rows = (
        SurveyResponse.objects.filter(round_id__in=round_ids)
        .values("round", "product_line")
        .annotate(index=Avg("satisfaction"))
        .order_by()
        .values_list("product_line", "round", "index")
    )
    table = {}
    for line, round_id, index in rows:
        table.setdefault(line, {})[round_id] = rules.rounded(index)
    return table


def annual_index(year):
    """Return the average satisfaction of every answer in rounds closed for ``year``'s periods."""
    value = SurveyResponse.objects.filter(
        round__status=RoundStatus.CLOSED, round__period_end__year=year
    ).aggregate(index=Avg("satisfaction"))["index"]
    return rules.rounded(value)


def customer_history(customer):
    """Return the customer's answers over time: round, date, score and satisfaction."""
    rows = (
        SurveyResponse.objects.filter(customer=customer)
        .order_by("submitted_at", "pk")
        .values(
            "pk",
            "round__number",
            "round__title",
            "round__period_end",
            "submitted_at",
            "score",
            "satisfaction",
        )
    )
    return [
        {
            **row,
            "score": rules.rounded(row["score"]),
            "satisfaction": rules.rounded(row["satisfaction"]),
        }
        for row in rows
    ]
