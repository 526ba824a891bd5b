"""Questionnaires (SUR-2, SUR-3): drafting, editing and publishing a template."""

from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.actions import check_version, save_versioned, transition, verb
from csc.core.errors import Invalid
from csc.core.permissions import require

from .. import rules
from ..choices import TemplateKind, TemplateStatus
from ..conf import setting
from ..models import SurveyTemplate
from ..templates_edit import (
    TEMPLATE_FIELDS,
    check_items,
    check_template_fields,
    new_edition,
    replace_items,
)


@verb
def create_template(actor, data, items):
    """Create a draft questionnaire with its items; return it."""
    require(actor, "surveys.add_surveytemplate")
    kind = data.get("kind")
    if kind not in TemplateKind.values:
        raise Invalid.field("kind", _("Choose how the questionnaire is scored."))
    if SurveyTemplate.objects.filter(code=data.get("code", "")).exists():
        raise Invalid.field("code", _("A questionnaire with this code exists; edit it instead."))
    check_template_fields(data)
    check_items(kind, items)
    fields = {k: v for k, v in data.items() if k in TEMPLATE_FIELDS}
    if kind == TemplateKind.WEIGHTED and not fields.get("levels"):
        fields["levels"] = list(setting("SURVEY_LIKERT_LEVELS"))
    template = SurveyTemplate.objects.create(
        code=data["code"], kind=kind, created_by=actor, **fields
    )
    replace_items(template, items)
    return template


@verb
def update_template(actor, template, data, items=None, version=None):
    """Edit a questionnaire; return the edited edition.

    An edition a round has used is frozen: the edit becomes a new draft edition (same code,
    edition + 1), so the old round's results stay as they were answered.
    """
    require(actor, "surveys.change_surveytemplate")
    check_version(template, version)
    if template.status == TemplateStatus.RETIRED:
        raise Invalid(_("This version was superseded; edit the latest version."))
    check_template_fields(data)
    if items is not None:
        check_items(template.kind, items)
    if template.rounds.exists():
        return new_edition(actor, template, data, items)
    fields = [name for name in data if name in TEMPLATE_FIELDS]
    for name in fields:
        setattr(template, name, data[name])
    if items is not None:
        replace_items(template, items)
    if template.status == TemplateStatus.PUBLISHED:
        _check_publishable(template)
    save_versioned(template, fields)
    return template


def _check_publishable(template):
    problems = rules.publish_problems(template, list(template.items.all()))
    if problems:
        raise Invalid(_("The questionnaire cannot be published as it is."), fields=problems)


@verb
def publish_template(actor, template, note=""):
    """Publish a draft (weights must add up to exactly 1); earlier editions are superseded."""
    require(actor, "surveys.publish_surveytemplate")
    rules.TEMPLATE_FLOW.check(template, "publish")
    _check_publishable(template)
    template.published_at = timezone.now()
    template.published_by = actor
    transition(
        template,
        rules.TEMPLATE_FLOW,
        "publish",
        note,
        extra_fields=["published_at", "published_by"],
    )
    for older in SurveyTemplate.objects.filter(
        code=template.code, status=TemplateStatus.PUBLISHED
    ).exclude(pk=template.pk):
        transition(older, rules.TEMPLATE_FLOW, "retire", _("Superseded by version %(n)s") % {
            "n": template.edition
        })  # fmt: skip
    return template


def latest_published(code):
    return (
        SurveyTemplate.objects.filter(code=code, status=TemplateStatus.PUBLISHED)
        .order_by("-edition")
        .first()
    )
