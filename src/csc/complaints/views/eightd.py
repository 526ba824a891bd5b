"""The 8D page: each discipline a panel, edited in place with htmx, progress at a glance."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from csc.core.actions import signatures_of
from csc.core.errors import ActionError
from csc.core.permissions import can, is_customer_user
from csc.core.views import flash_error, flash_form_errors, visible

from .. import actions, disciplines, lessons
from ..actions.eightd import may_edit_discipline
from ..choices import DisciplineStatus, EightDStatus
from ..forms import NoteForm, PlanForm, RecurrenceForm
from ..models import Complaint, EightD
from ..pdf import eightd_report


def _eightd_of(request, pk):
    """Return the 8D of complaint ``pk`` if the user may see it (staff only), else 404."""
    if is_customer_user(request.user):
        raise Http404
    complaint = visible(request, Complaint, pk, related=("customer", "product"))
    try:
        return EightD.objects.select_related("leader", "complaint__customer").get(
            complaint=complaint
        )
    except EightD.DoesNotExist:
        raise Http404 from None


def _names(sections):
    ids = disciplines.user_ids(sections)
    return {u.pk: str(u) for u in get_user_model().objects.filter(pk__in=ids)} if ids else {}


def _panel(request, eightd, discipline, sections, names, editing=False, form=None, plan=None):
    """Return the context of one discipline's panel (view or edit mode)."""
    code = discipline.code
    editable = eightd.status == EightDStatus.OPEN and may_edit_discipline(request.user, discipline)
    editing = editing and editable
    if editing and form is None:
        form = disciplines.FORMS[code](initial=discipline.data, prefix=code)
        plan = PlanForm(
            initial={
                "owner": discipline.owner_id,
                "due_date": discipline.due_date,
                "version": discipline.version,
            },
            prefix=f"{code}-plan",
        )
    return {
        "code": code,
        "title": disciplines.TITLES[code],
        "purpose": disciplines.FORMS[code].purpose,
        "discipline": discipline,
        "late": discipline.is_late(),
        "blocks": disciplines.blocks(code, discipline.data, names, form if editing else None),
        "problems": disciplines.problems_of(code, discipline.data, sections),
        "editable": editable,
        "editing": editing,
        "form": form if editing else None,
        "plan": plan,
        "may_plan": can(request.user, "complaints.assess_complaint", discipline),
        "complaint_id": eightd.complaint_id,
    }


def _page_context(request, eightd, edit=None):
    items = list(eightd.disciplines.select_related("owner").order_by("code"))
    sections = {d.code: d.data for d in items}
    names = _names(sections)
    panels = [_panel(request, eightd, d, sections, names, editing=d.code == edit) for d in items]
    done = sum(1 for d in items if d.status == DisciplineStatus.DONE)
    return {
        "eightd": eightd,
        "complaint": eightd.complaint,
        "panels": panels,
        "done": done,
        "percent": round(done * 100 / len(items)) if items else 0,
        "blocking": disciplines.closing_problems(sections),
        "may_close": eightd.status == EightDStatus.OPEN
        and can(request.user, "complaints.assess_complaint", eightd),
        "may_sign": eightd.status == EightDStatus.CLOSED
        and eightd.final_signed_at is None
        and can(request.user, "complaints.sign_final_report", eightd),
        "signatures": signatures_of(eightd),
        "note_form": NoteForm(),
        "now": timezone.now(),
        "cases": _cases(eightd.complaint),
        "recurrence_form": RecurrenceForm(
            initial={
                "recurrence": _yes_no(eightd.recurrence),
                "recurrence_of": eightd.recurrence_of_id,
                "version": eightd.version,
            },  # fmt: skip
        ),
        "may_record_recurrence": can(request.user, "complaints.assess_complaint", eightd),
    }


def _cases(complaint):
    return lessons.similar(lessons.text_of(complaint), complaint.product, complaint.customer, exclude=complaint)  # fmt: skip


def _yes_no(value):
    return "" if value is None else ("yes" if value else "no")


@login_required
def eightd_page(request, pk):
    eightd = _eightd_of(request, pk)
    edit = request.GET.get("edit")
    return render(request, "complaints/eightd.html", _page_context(request, eightd, edit))


def _discipline(eightd, code):
    if code not in disciplines.FORMS:
        raise Http404
    return eightd.disciplines.select_related("owner").get(code=code)


def _render_panel(request, eightd, discipline, editing=False, form=None, plan=None):
    sections = dict(eightd.disciplines.values_list("code", "data"))
    panel = _panel(request, eightd, discipline, sections, _names(sections), editing, form, plan)
    done = eightd.disciplines.filter(status=DisciplineStatus.DONE).count()
    return render(
        request,
        "complaints/partials/discipline.html",
        {"panel": panel, "eightd": eightd, "done": done, "oob": request.htmx and not editing},
    )


@login_required
def discipline_panel(request, pk, code):
    """The panel of one discipline, for htmx: ``?edit=1`` gives the form."""
    eightd = _eightd_of(request, pk)
    discipline = _discipline(eightd, code)
    return _render_panel(request, eightd, discipline, editing=request.GET.get("edit") == "1")


def _unprefixed(post, prefix):
    data = QueryDict(mutable=True)
    for key in post:
        if key.startswith(prefix + "-") and not key.startswith(prefix + "-plan-"):
            data.setlist(key[len(prefix) + 1 :], post.getlist(key))
    return data


@login_required
@require_POST
def discipline_save(request, pk, code):
    eightd = _eightd_of(request, pk)
    discipline = _discipline(eightd, code)
    form = disciplines.FORMS[code](request.POST, prefix=code)
    plan = PlanForm(request.POST, prefix=f"{code}-plan")
    if form.is_valid() and plan.is_valid():
        try:
            discipline = actions.save_discipline(
                request.user,
                discipline,
                _unprefixed(request.POST, code),
                owner=plan.cleaned_data["owner"],
                due_date=plan.cleaned_data["due_date"],
                version=plan.cleaned_data["version"],
            )
        except ActionError as error:
            form.add_error(None, str(error.message))
            for problems in error.fields.values():
                for problem in problems:
                    form.add_error(None, problem)
        else:
            return _after_save(request, eightd, discipline, _("%(code)s saved.") % {"code": code})
    if not request.htmx:
        for problems in [*form.errors.values(), *plan.errors.values()]:
            for problem in problems:
                messages.error(request, problem)
        return redirect(f"{eightd.get_absolute_url()}?edit={code}#{code}")
    return _render_panel(request, eightd, discipline, True, form, plan)


def _after_save(request, eightd, discipline, message):
    if request.htmx:
        return _render_panel(request, eightd, discipline)
    messages.success(request, message)
    return redirect(f"{eightd.get_absolute_url()}#{discipline.code}")


@login_required
@require_POST
def discipline_done(request, pk, code):
    """Mark a discipline done (it must be complete) or reopen it."""
    eightd = _eightd_of(request, pk)
    discipline = _discipline(eightd, code)
    done = request.POST.get("done", "1") == "1"
    try:
        discipline = actions.set_discipline_done(request.user, discipline, done)
    except ActionError as error:
        if request.htmx:
            response = _render_panel(request, eightd, discipline)
            return response
        flash_error(request, error)
        return redirect(f"{eightd.get_absolute_url()}#{code}")
    return _after_save(request, eightd, discipline, _("%(code)s updated.") % {"code": code})


@login_required
@require_POST
def eightd_recurrence(request, pk):
    """Record whether the problem recurs from an earlier case (IATF 10.2.6)."""
    eightd = _eightd_of(request, pk)
    form = RecurrenceForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(f"{eightd.get_absolute_url()}#lessons")
    data = form.cleaned_data
    try:
        actions.record_recurrence(request.user, eightd, data["recurrence"] == "yes", data["recurrence_of"], data["version"])  # fmt: skip
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(f"{eightd.get_absolute_url()}#lessons")


@login_required
@require_POST
def eightd_close(request, pk):
    eightd = _eightd_of(request, pk)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        actions.close_eightd(request.user, eightd, form.cleaned_data.get("note", ""))
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The 8D report is closed."))
    return redirect(eightd)


@login_required
@require_POST
def eightd_sign(request, pk):
    eightd = _eightd_of(request, pk)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        actions.sign_final_report(request.user, eightd, form.cleaned_data.get("note", ""))
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("You signed the final report."))
    return redirect(eightd)


@login_required
def eightd_pdf(request, pk):
    """The 8D report as PDF, in Chinese (default) or English (``?lang=en``)."""
    eightd = _eightd_of(request, pk)
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = eightd_report(eightd)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{eightd.number}-{language}.pdf"'
    return response
