"""Questionnaires (templates) and survey plans."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.actions import signatures_of
from csc.core.errors import ActionError, Conflict
from csc.core.permissions import can, restrict
from csc.core.views import (
    action_error_to_form,
    filtered,
    flash_error,
    paginate,
    query_without_page,
    require_page,
    visible,
)

from .. import actions, rules
from ..filters import TemplateFilter
from ..forms import ItemFormSet, PlanForm, StepForm, TemplateForm
from ..models import SurveyPlan, SurveyTemplate


@login_required
def template_list(request):
    require_page(request, "surveys.view_surveytemplate")
    templates = restrict(SurveyTemplate.objects.all(), request.user)
    filterset, templates = filtered(TemplateFilter, request, templates, ["code", "-edition"])
    return render(
        request,
        "surveys/templates.html",
        {
            "filter": filterset,
            "page": paginate(request, templates),
            "query": query_without_page(request),
            "may_create": can(request.user, "surveys.add_surveytemplate"),
        },
    )


@login_required
def template_detail(request, pk):
    template = visible(request, SurveyTemplate, pk, related=("previous", "published_by"))
    items = list(template.items.all())
    weight_total = sum((item.weight for item in items), Decimal(0))
    return render(
        request,
        "surveys/template.html",
        {
            "template": template,
            "items": items,
            "weight_total": weight_total,
            "problems": rules.publish_problems(template, items),
            "may_edit": can(request.user, "surveys.change_surveytemplate")
            and template.status != "retired",
            "may_publish": can(request.user, "surveys.publish_surveytemplate")
            and template.status == "draft",
            "used": template.rounds.exists(),
            "step_form": StepForm(),
            "signatures": signatures_of(template),
        },
    )


def _items_from(formset):
    items = []
    for data in formset.cleaned_data:
        if not data or data.get("DELETE") or not data.get("text"):
            continue
        items.append({k: v for k, v in data.items() if k != "DELETE"})
    return items


def _item_initial(template):
    return [
        {
            "key": i.key, "text": i.text, "text_en": i.text_en, "category": i.category,
            "weight": i.weight, "max_points": i.max_points,
        }
        for i in template.items.all()
    ]  # fmt: skip


@login_required
def template_edit(request, pk=None):
    perm = "surveys.change_surveytemplate" if pk else "surveys.add_surveytemplate"
    if not can(request.user, perm):
        raise Http404
    template = visible(request, SurveyTemplate, pk) if pk else None
    form = TemplateForm(
        request.POST or None,
        instance=template,
        initial={"version": template.version} if template else None,
    )
    formset = ItemFormSet(
        request.POST or None, prefix="items", initial=_item_initial(template) if template else None
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        saved = _save_template(request, form, formset, template)
        if saved is not None:
            return redirect(saved)
    return render(
        request,
        "surveys/template_form.html",
        {"form": form, "formset": formset, "template": template},
    )


def _save_template(request, form, formset, template):
    data, items = form.data_for_action(), _items_from(formset)
    try:
        if template is None:
            saved = actions.create_template(request.user, data, items)
        else:
            saved = actions.update_template(
                request.user, template, data, items, form.cleaned_data.get("version")
            )
    except Conflict as error:
        form.add_error(None, str(error.message))
        return None
    except ActionError as error:
        action_error_to_form(form, error)
        return None
    if template is not None and saved.pk != template.pk:
        messages.warning(
            request,
            _("A round used version %(old)s, so your changes were saved as version %(new)s.")
            % {"old": template.edition, "new": saved.edition},
        )
    else:
        messages.success(request, _("The questionnaire was saved."))
    return saved


@login_required
@require_POST
def template_publish(request, pk):
    template = visible(request, SurveyTemplate, pk)
    form = StepForm(request.POST)
    form.is_valid()
    try:
        actions.publish_template(request.user, template, form.cleaned_data.get("note", ""))
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The questionnaire was published."))
    return redirect(template)


# --- plans -------------------------------------------------------------------------------


@login_required
def plan_list(request):
    require_page(request, "surveys.view_surveyplan")
    plans = restrict(SurveyPlan.objects.select_related("template", "owner"), request.user)
    return render(
        request,
        "surveys/plans.html",
        {
            "page": paginate(request, plans.order_by("name")),
            "may_create": can(request.user, "surveys.add_surveyplan"),
        },
    )


@login_required
def plan_detail(request, pk=None):
    plan = visible(request, SurveyPlan, pk, related=("template", "owner")) if pk else None
    perm = "surveys.change_surveyplan" if plan else "surveys.add_surveyplan"
    may_edit = can(request.user, perm)
    if plan is None and not may_edit:
        raise Http404
    form = PlanForm(
        request.POST or None, instance=plan, initial={"version": plan.version} if plan else None
    )
    if request.method == "POST" and may_edit and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if not data.get("owner"):
            data.pop("owner", None)
        try:
            saved = actions.save_plan(request.user, data, plan, form.cleaned_data.get("version"))
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect(saved)
    rounds = plan.rounds.order_by("-period_end")[:12] if plan else []
    return render(
        request,
        "surveys/plan.html",
        {"form": form, "plan": plan, "may_edit": may_edit, "rounds": rounds},
    )


@login_required
def template_pdf(request, pk):
    """The blank questionnaire as PDF, in Chinese (default) or English (``?lang=en``)."""
    from django.http import HttpResponse
    from django.utils.translation import override

    from ..pdf import questionnaire_pdf

    template = visible(request, SurveyTemplate, pk)
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = questionnaire_pdf(template)
    response = HttpResponse(content, content_type="application/pdf")
    name = f"{template.form_number}-{template.code}-v{template.edition}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
