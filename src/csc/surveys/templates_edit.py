"""Checks and copies behind the questionnaire verbs (called inside ``actions``)."""

from decimal import Decimal, InvalidOperation

from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from csc.core.errors import Invalid

from .choices import Category, TemplateKind, TemplateStatus
from .models import SurveyTemplate, TemplateItem

TEMPLATE_FIELDS = [
    "name", "name_en", "form_number", "levels", "requirement", "complaint_points",
    "complaint_cap", "return_points", "return_cap",
]  # fmt: skip
ITEM_FIELDS = ["key", "text", "text_en", "category", "weight", "max_points"]
NUMBERS = ["requirement", "complaint_points", "complaint_cap", "return_points", "return_cap"]


def check_template_fields(data):
    """Raise Invalid for a blank name, a bad scale or a negative number."""
    if "name" in data and not str(data["name"]).strip():
        raise Invalid.field("name", _("Give the questionnaire a name."))
    for name in NUMBERS:
        if name in data and _decimal(data[name]) is None:
            raise Invalid.field(name, _("Give a number of 0 or more."))
    if "levels" in data:
        levels = data["levels"]
        good = isinstance(levels, list) and all(
            isinstance(v, int) and 0 <= v <= 1000 for v in levels
        )
        if not good or len(set(levels)) != len(levels):
            raise Invalid.field(
                "levels", _("Give the scale as distinct whole numbers, best first.")
            )


def _decimal(value):
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() and number >= 0 else None


def check_items(kind, items):
    """Raise Invalid with one message per bad row of ``items`` (row numbers from 1)."""
    problems = []
    keys = set()
    for row, item in enumerate(items, start=1):
        problem = _item_problem(kind, item, keys)
        if problem:
            problems.append(_("Question %(row)s: %(problem)s") % {"row": row, "problem": problem})
    if problems:
        raise Invalid(_("Please correct the questions."), fields={"items": problems})


def _item_problem(kind, item, keys):
    key = item.get("key") or slugify(item.get("text_en") or "") or ""
    if not key:
        return _("give it a key (letters, digits, - or _).")
    if key in keys:
        return _("the key “%(key)s” is used twice.") % {"key": key}
    keys.add(key)
    item["key"] = key
    if not str(item.get("text") or "").strip():
        return _("write the question.")
    if item.get("category") not in Category.values:
        return _("choose its category (quality, delivery, service, other).")
    if kind == TemplateKind.WEIGHTED and _decimal(item.get("weight", 0)) is None:
        return _("the weight must be a number of 0 or more.")
    if kind == TemplateKind.POINTS and not 1 <= int(item.get("max_points") or 0) <= 1000:
        return _("give the maximum points (1 or more).")
    return None


def replace_items(template, items):
    """Replace the template's questions by ``items`` (only for a template no round used)."""
    template.items.all().delete()
    TemplateItem.objects.bulk_create(
        TemplateItem(
            template=template,
            position=position,
            **{k: v for k, v in item.items() if k in ITEM_FIELDS and v is not None},
        )
        for position, item in enumerate(items, start=1)
    )


def _item_data(item):
    return {name: getattr(item, name) for name in ITEM_FIELDS}


def new_edition(actor, template, data, items):
    """Return a new draft edition of ``template`` carrying the edit; the old one is untouched."""
    draft = SurveyTemplate.objects.filter(code=template.code, status=TemplateStatus.DRAFT).first()
    if draft is not None:
        raise Invalid(
            _("Version %(n)s of this questionnaire is being prepared as a draft; edit that one.")
            % {"n": draft.edition}
        )
    latest = SurveyTemplate.objects.filter(code=template.code).aggregate(m=Max("edition"))["m"]
    fields = {name: getattr(template, name) for name in TEMPLATE_FIELDS}
    fields.update({k: v for k, v in data.items() if k in TEMPLATE_FIELDS})
    edition = SurveyTemplate.objects.create(
        code=template.code,
        kind=template.kind,
        edition=latest + 1,
        previous=template,
        created_by=actor,
        **fields,
    )
    replace_items(
        edition, items if items is not None else [_item_data(i) for i in template.items.all()]
    )
    return edition
