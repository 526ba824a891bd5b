"""Survey results that call for action (SUR-7, S1 4.3.4.4 a–e); run when a round closes.

Each trigger opens one corrective action through ``csc.capa.actions.open_capa``, routed by the
category of the item concerned (quality → Quality with Engineering, delivery → Materials,
service → Marketing and management), and records it as a ``SurveyAction`` whose unique key
keeps the trigger from opening it twice.
"""

from django.conf import settings
from django.db.models import Avg, Q
from django.utils import translation
from django.utils.translation import gettext as _

from csc.capa.actions import open_capa
from csc.capa.choices import Source

from . import rules, stats
from .choices import Category, RoundStatus, TemplateKind, TriggerKind
from .conf import setting
from .models import SurveyAction, SurveyAnswer, SurveyRound


def run_triggers(actor, survey_round, item_rows=None):
    """Open the actions the round's results call for; return the SurveyActions opened."""
    item_rows = stats.by_item(survey_round) if item_rows is None else item_rows
    lowest = stats.lowest_item(item_rows)
    # CAPA texts are records: written in the company's language, whoever closes the round.
    with translation.override(settings.LANGUAGE_CODE):
        opened = _poor_answers(actor, survey_round)
        opened += _lowest_item(actor, survey_round, lowest)
        opened += _falling_trends(actor, survey_round)
        opened += _annual_target(actor, survey_round, lowest)
    return opened


def _open(actor, survey_round, kind, category, key, title, description, **links):
    """Open one action unless this trigger already opened it; return [SurveyAction] or []."""
    key = f"{kind}:{key}"
    if SurveyAction.objects.filter(round=survey_round, key=key).exists():
        return []
    response = links.get("response")
    capa = open_capa(
        actor,
        source=Source.SURVEY,
        category=category,
        title=f"{survey_round.number} {title}",
        description=description,
        source_record=response or survey_round,
        customer=response.customer if response else None,
    )
    return [
        SurveyAction.objects.create(
            round=survey_round, kind=kind, category=category, key=key, capa=capa, **links
        )
    ]


# --- b, c: "not very satisfied" and "very dissatisfied" answers --------------------------


def _poor_answers(actor, survey_round):
    """One action per customer and category with answers at or below "not very satisfied"
    (points: below the requirement); "very dissatisfied" when any of them is at 40."""
    template = survey_round.template
    weighted = template.kind == TemplateKind.WEIGHTED
    poor = (
        Q(value__lte=setting("SURVEY_NOT_VERY_SATISFIED"))
        if weighted
        else Q(value__lt=template.requirement)
    )
    answers = (
        SurveyAnswer.objects.filter(poor, round=survey_round)
        .select_related("item", "response__customer")
        .order_by("response_id", "item__position")
    )
    groups = {}
    for answer in answers:
        groups.setdefault((answer.response, answer.item.category), []).append(answer)
    opened = []
    for (response, category), group in groups.items():
        opened += _open_for_response(actor, survey_round, response, category, group, weighted)
    return opened


def _open_for_response(actor, survey_round, response, category, answers, weighted):
    very = weighted and any(a.value <= setting("SURVEY_VERY_DISSATISFIED") for a in answers)
    kind = TriggerKind.VERY_DISSATISFIED if very else TriggerKind.NOT_SATISFIED
    title = _("%(kind)s: %(customer)s, %(category)s") % {
        "kind": TriggerKind(kind).label,
        "customer": response.customer,
        "category": Category(category).label,
    }
    lines = [
        f"{a.item.text}: {a.value}" + (f" — {a.comment}" if a.comment else "") for a in answers
    ]
    if response.comment:
        lines.append(_("Overall comment: %(comment)s") % {"comment": response.comment})
    return _open(
        actor,
        survey_round,
        kind,
        category,
        f"{response.pk}:{category}",
        title,
        "\n".join(lines),
        response=response,
    )


# --- d: the lowest-scoring item ----------------------------------------------------------


def _lowest_item(actor, survey_round, lowest):
    if lowest is None:
        return []
    item = lowest["item"]
    title = _("Lowest-scoring item: %(item)s (%(average)s)") % {
        "item": item.text,
        "average": lowest["average"],
    }
    description = _(
        "Average %(average)s from %(answers)s answers; %(below)s below the requirement of %(requirement)s."
    ) % {
        "average": lowest["average"],
        "answers": lowest["answers"],
        "below": lowest["below"],
        "requirement": rules.rounded(survey_round.template.requirement),
    }
    return _open(
        actor, survey_round, TriggerKind.LOWEST_ITEM, item.category, item.key, title, description,
        item=item,
    )  # fmt: skip


# --- a: a product line falling over successive rounds ------------------------------------


def _recent_rounds(survey_round, count):
    """Return the ids of the round and the closed rounds of its template before it, oldest first."""
    earlier = (
        SurveyRound.objects.filter(
            template__code=survey_round.template.code,
            status=RoundStatus.CLOSED,
            period_end__lt=survey_round.period_end,
        )
        .order_by("-period_end", "-id")
        .values_list("pk", flat=True)[: count - 1]
    )
    return [*reversed(list(earlier)), survey_round.pk]


def _falling_trends(actor, survey_round):
    needed = setting("SURVEY_FALLING_ROUNDS")
    round_ids = _recent_rounds(survey_round, needed)
    if len(round_ids) < needed:
        return []
    opened = []
    for line, by_round in sorted(stats.product_line_trend(round_ids).items()):
        series = [by_round.get(pk) for pk in round_ids]
        if not line or None in series or not rules.is_falling(series, needed):
            continue
        title = _("Satisfaction with %(line)s fell in %(rounds)s successive rounds") % {
            "line": line,
            "rounds": needed,
        }
        description = " → ".join(str(value) for value in series)
        item = _weakest_item_of_line(survey_round, line)
        opened += _open(
            actor, survey_round, TriggerKind.FALLING_TREND,
            item.category if item else Category.QUALITY, line, title, description,
            product_line=line, item=item,
        )  # fmt: skip
    return opened


def _weakest_item_of_line(survey_round, line):
    """Return the item the product line's customers rated lowest in this round."""
    row = (
        SurveyAnswer.objects.filter(round=survey_round, response__product_line=line)
        .values("item")
        .annotate(average=Avg("value"))
        .order_by("average", "item")
        .first()
    )
    return survey_round.template.items.filter(pk=row["item"]).first() if row else None


# --- e: the year's target not reached ----------------------------------------------------


def _annual_target(actor, survey_round, lowest):
    """At the round that ends the year, compare the year's index with the target."""
    if survey_round.period_end.month != 12:
        return []
    year = survey_round.period_end.year
    index = stats.annual_index(year)
    target = setting("SURVEY_ANNUAL_TARGET")
    if index is None or index >= target:
        return []
    category = lowest["item"].category if lowest else Category.OTHER
    title = _("Satisfaction target %(year)s not reached: %(index)s < %(target)s") % {
        "year": year,
        "index": index,
        "target": rules.rounded(target),
    }
    return _open(
        actor, survey_round, TriggerKind.ANNUAL_TARGET, category, str(year), title, title,
        item=lowest["item"] if lowest else None,
    )  # fmt: skip
