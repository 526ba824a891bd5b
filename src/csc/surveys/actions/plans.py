"""Survey plans (SUR-1): which questionnaire goes out how often, and how the round is run."""

from decimal import Decimal

from django.utils.translation import gettext as _

from csc.core.actions import check_version, save_versioned, verb
from csc.core.errors import Invalid
from csc.core.permissions import require

from ..choices import Frequency
from ..conf import setting
from ..models import SurveyPlan

PLAN_FIELDS = [
    "name", "template", "frequency", "open_month", "response_days", "c_share", "owner",
    "send_automatically", "active",
]  # fmt: skip


def _check_plan(data):
    if data.get("frequency") not in Frequency.values:
        raise Invalid.field("frequency", _("Choose a frequency."))
    if not 1 <= int(data.get("open_month") or 0) <= 12:
        raise Invalid.field("open_month", _("Give a month from 1 to 12."))
    if int(data.get("response_days") or 0) < 1:
        raise Invalid.field("response_days", _("Give customers at least one working day."))
    share = Decimal(data.get("c_share", 0))
    if not 0 <= share < 1:
        raise Invalid.field("c_share", _("The share of C customers is from 0 to below 1."))


@verb
def save_plan(actor, data, plan=None, version=None):
    """Create a plan, or edit ``plan``; return it."""
    require(actor, "surveys.change_surveyplan" if plan else "surveys.add_surveyplan")
    defaults = {
        "frequency": setting("SURVEY_FREQUENCY"),
        "response_days": setting("SURVEY_RESPONSE_DAYS"),
        "c_share": setting("SURVEY_C_SHARE"),
        "owner": actor,
    }
    merged = {**defaults, **({f: getattr(plan, f) for f in PLAN_FIELDS} if plan else {}), **data}
    merged.setdefault("open_month", setting("SURVEY_OPEN_MONTH")[merged["frequency"]])
    _check_plan(merged)
    if plan is None:
        return SurveyPlan.objects.create(**{f: merged[f] for f in PLAN_FIELDS if f in merged})
    check_version(plan, version)
    for name in data:
        setattr(plan, name, merged[name])
    save_versioned(plan, [name for name in data if name in PLAN_FIELDS])
    return plan
