"""Survey rules as pure functions: scoring, rounding, sampling, validity, schedule, trend.

Rounding rule (stated here and on every page that shows a score): scores, indexes and rates are
computed exactly with ``Decimal`` (averages in SQL) and rounded **once**, for display and
reports, **half up to one decimal place** (85.25 → 85.3, 85.24 → 85.2).
"""

import calendar
import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from csc.core.later import Later
from csc.core.workflow import Step, Workflow

from .choices import MONTHS_PER_ROUND, RoundStatus, TemplateKind, TemplateStatus

ONE_DECIMAL = Decimal("0.1")
NOISE = Decimal("1e-9")
ROUNDING_RULE = gettext_lazy("Scores are rounded half up to one decimal place.")

ROUND_FLOW = Workflow(
    states=RoundStatus,
    steps={
        "open": Step((RoundStatus.PLANNED,), RoundStatus.OPEN, gettext_lazy("Draw the sample")),
        "send": Step((RoundStatus.OPEN,), RoundStatus.SENT, gettext_lazy("Send the survey")),
        "remind": Step((RoundStatus.SENT,), RoundStatus.SENT, gettext_lazy("Send reminders")),
        "close": Step((RoundStatus.SENT,), RoundStatus.CLOSED, gettext_lazy("Close the round")),
    },
)

TEMPLATE_FLOW = Workflow(
    states=TemplateStatus,
    steps={
        "publish": Step((TemplateStatus.DRAFT,), TemplateStatus.PUBLISHED, gettext_lazy("Publish")),
        "retire": Step(
            (TemplateStatus.PUBLISHED,), TemplateStatus.RETIRED, gettext_lazy("Supersede")
        ),
    },
)


def rounded(value, places=ONE_DECIMAL):
    """Return ``value`` rounded half up to one decimal (None stays None)."""
    if value is None:
        return None
    # SQLite averages in floating point: 85.25 may arrive as 85.24999999999999. Scores carry
    # three decimals, so any true average of fewer than a million of them lies at least 1e-9
    # from a rounding boundary: cutting the noise at 1e-9 first cannot change a true result.
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return exact.quantize(NOISE).quantize(places, rounding=ROUND_HALF_UP)


def percent(part, whole):
    """Return part/whole as a percentage rounded half up to one decimal, or None for 0/0."""
    if not whole:
        return None
    return rounded(Decimal(part) * 100 / Decimal(whole))


# --- scoring (SUR-2, SUR-3) --------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    score: Decimal
    complaints: int
    returns: int
    complaint_deduction: Decimal
    return_deduction: Decimal
    satisfaction: Decimal
    below_requirement: int


def raw_score(template, items, values):
    """Return the weighted index (Σ weight × level) or the sum of points, exactly.

    ``items`` are the template's items, ``values`` maps item id → the value given.
    """
    if template.kind == TemplateKind.WEIGHTED:
        return sum((item.weight * values[item.pk] for item in items), Decimal(0))
    return sum((Decimal(values[item.pk]) for item in items), Decimal(0))


def deductions(template, complaints, returns):
    """Return (complaint deduction, return deduction), each capped (S0 5.3.3.1–2)."""
    complaint = min(template.complaint_points * complaints, template.complaint_cap)
    returned = min(template.return_points * returns, template.return_cap)
    return complaint, returned


def score_response(template, items, values, complaints=0, returns=0):
    """Return the Score of one questionnaire: satisfaction = score − deductions (S0 5.3.3.3)."""
    score = raw_score(template, items, values)
    complaint, returned = deductions(template, complaints, returns)
    below = sum(1 for item in items if Decimal(values[item.pk]) < template.requirement)
    return Score(
        score=score,
        complaints=complaints,
        returns=returns,
        complaint_deduction=complaint,
        return_deduction=returned,
        satisfaction=score - complaint - returned,
        below_requirement=below,
    )


def allowed_values(template, item):
    """Return the values an item accepts: the scale's levels, or 0 … its maximum points."""
    if template.kind == TemplateKind.WEIGHTED:
        return [int(level) for level in template.levels]
    return list(range(0, (item.max_points or 0) + 1))


def answer_problems(template, items, values):
    """Return {field: [messages]} for missing, unknown or out-of-scale answers."""
    problems = {}
    known = {item.pk for item in items}
    for item in items:
        value = values.get(item.pk)
        if value is None:
            problems[f"item_{item.pk}"] = [_("Please answer this question.")]
        elif value not in allowed_values(template, item):
            problems[f"item_{item.pk}"] = [_out_of_scale(template, item, value)]
    unknown = set(values) - known
    if unknown:
        problems["answers"] = [_("Some answers are for questions not in this survey.")]
    return problems


def _out_of_scale(template, item, value):
    if template.kind == TemplateKind.WEIGHTED:
        return _("%(value)s is not on the scale (%(levels)s).") % {
            "value": value,
            "levels": "/".join(str(v) for v in template.levels),
        }
    return _("%(value)s is outside 0–%(max)s points.") % {"value": value, "max": item.max_points}


# --- publishing a template ---------------------------------------------------------------


def publish_problems(template, items):
    """Return {field: [messages]} that keep a template from being published."""
    if not items:
        return {"items": [_("Add at least one question.")]}
    if template.kind == TemplateKind.WEIGHTED:
        return _weighted_problems(template, items)
    return _points_problems(template, items)


def _weighted_problems(template, items):
    problems = {}
    total = sum((Decimal(item.weight) for item in items), Decimal(0))
    if total != Decimal(1):
        problems["weights"] = [
            _("The weights add up to %(total)s; they must add up to exactly 1.")
            % {"total": total.normalize()}
        ]
    if any(Decimal(item.weight) <= 0 for item in items):
        problems.setdefault("weights", []).append(_("Every weight must be above 0."))
    levels = template.levels or []
    if len(levels) < 2 or sorted(levels, reverse=True) != list(levels):
        problems["levels"] = [_("Give at least two scale levels, best first.")]
    return problems


def _points_problems(template, items):
    short = [item.label for item in items if (item.max_points or 0) < template.requirement]
    if short:
        return {
            "max_points": [
                _("These questions allow fewer points than the requirement: %(items)s")
                % {"items": "、".join(str(s) for s in short)}
            ]
        }
    return {}


# --- sampling (SUR-4) --------------------------------------------------------------------


def c_quota(ab_count, c_available, share):
    """Return how many C customers to draw so they make up ``share`` of all surveys sent.

    With A+B = n and share s, C = n·s/(1−s) rounded half up (20% of the total: C = n/4),
    never more than there are C customers.
    """
    share = Decimal(share)
    if share <= 0:
        return 0
    if share >= 1:
        return c_available
    wanted = (Decimal(ab_count) * share / (1 - share)).quantize(Decimal(1), ROUND_HALF_UP)
    return min(int(wanted), c_available)


def draw(seed, c_ids, quota):
    """Return the C customer ids drawn: the same seed and population give the same sample."""
    population = sorted(c_ids)
    return sorted(random.Random(seed).sample(population, quota))


def population_digest(ids):
    """Return a SHA-256 of the sorted ids, so the draw's population can be checked later."""
    text = ",".join(str(i) for i in sorted(ids))
    return hashlib.sha256(text.encode()).hexdigest()


# --- validity (SUR-5) --------------------------------------------------------------------


@dataclass(frozen=True)
class Validity:
    invited: int
    responded: int
    ab_invited: int
    ab_responded: int
    valid: bool
    note: str
    message: object = None  # the note as a Later message, for a reader in another language

    @property
    def rate(self):
        return percent(self.responded, self.invited)

    @property
    def ab_rate(self):
        return percent(self.ab_responded, self.ab_invited)


def validity(invited, responded, ab_invited, ab_responded, min_rate, ab_min_rate):
    """Return the round's Validity: overall rate > min_rate and A/B rate ≥ ab_min_rate.

    Compared in integers, so 70% exactly is not "more than 70%" whatever the float noise.
    """
    overall_ok = invited > 0 and Decimal(responded) > Decimal(min_rate) * invited
    ab_ok = ab_invited == 0 or Decimal(ab_responded) >= Decimal(ab_min_rate) * ab_invited
    message = Later(
        gettext_noop(
            "Answers %(responded)s of %(invited)s (%(rate)s%%; more than %(min)s%% needed); "
            "A/B customers %(ab_responded)s of %(ab_invited)s (%(ab_rate)s%%; at least %(ab_min)s%% "
            "needed)."
        ),
        responded=responded,
        invited=invited,
        rate=percent(responded, invited) if invited else "–",
        min=rounded(Decimal(min_rate) * 100, Decimal(1)),
        ab_responded=ab_responded,
        ab_invited=ab_invited,
        ab_rate=percent(ab_responded, ab_invited) if ab_invited else "–",
        ab_min=rounded(Decimal(ab_min_rate) * 100, Decimal(1)),
    )
    note = str(message)
    return Validity(
        invited, responded, ab_invited, ab_responded, overall_ok and ab_ok, note, message
    )


# --- schedule (SUR-1) --------------------------------------------------------------------


def opening_months(frequency, open_month):
    """Return the months a plan opens rounds in, e.g. semi-annual from June → {6, 12}."""
    step = MONTHS_PER_ROUND[frequency]
    return {(open_month - 1 + k * step) % 12 + 1 for k in range(12 // step)}


def period_for(frequency, open_month, today):
    """Return (first day, last day) of the period a plan surveys in ``today``'s month.

    A round opens in the last month of the period it covers; None when ``today`` is not in an
    opening month.
    """
    if today.month not in opening_months(frequency, open_month):
        return None
    months = MONTHS_PER_ROUND[frequency]
    end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    first_month_index = today.year * 12 + today.month - 1 - (months - 1)
    start = dt.date(first_month_index // 12, first_month_index % 12 + 1, 1)
    return start, end


# --- trend (SUR-7 a) ---------------------------------------------------------------------


def is_falling(indexes, rounds):
    """Return True when the last ``rounds`` indexes (oldest first) each fell below the one
    before: 88 → 85 → 81 over three rounds."""
    if rounds < 2 or len(indexes) < rounds:
        return False
    recent = list(indexes)[-rounds:]
    return all(later < earlier for earlier, later in zip(recent, recent[1:], strict=False))
