"""The 8D report: opening, filling each discipline, closing, and the plant manager's signature."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core.actions import check_version, notify, save_versioned, sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.errors import Conflict, Denied, Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import can, customer_id_of, require, users_with_permission

from .. import disciplines, lessons
from ..choices import DisciplineStatus, EightDStatus
from ..models import Discipline, EightD
from ..models.eightd import DISCIPLINE_CODES
from ..rules import DISCIPLINE_FLOW, EIGHTD_FLOW, discipline_due, eightd_due_at


def open_eightd(actor, complaint):
    """Open the 8D of an accepted complaint with its nine disciplines; call inside a verb.

    The leader is the quality engineer who accepted it; each discipline is due by the
    deadlines in the settings, counted from now on the company calendar.
    """
    now = timezone.now()
    eightd = EightD.objects.create(
        number=next_number("eightd", "8D"),
        complaint=complaint,
        leader=actor,
        opened_at=now,
        due_at=eightd_due_at(now),
    )
    Discipline.objects.bulk_create(
        Discipline(eightd=eightd, code=code, owner=actor, due_date=discipline_due(code, now))
        for code in DISCIPLINE_CODES
    )
    return eightd


def may_edit_discipline(user, discipline):
    """Quality (the 8D's lead department) edits every discipline; an owner edits their own."""
    if customer_id_of(user):
        return False
    if can(user, "complaints.assess_complaint", discipline):
        return True
    return discipline.owner_id == user.pk and can(user, "complaints.view_complaint", discipline)


def _require_editor(actor, discipline):
    if not may_edit_discipline(actor, discipline):
        raise Denied(_("Only Quality or the discipline's owner may edit it."))
    if discipline.eightd.status != EightDStatus.OPEN:
        raise Invalid.field("status", _("The 8D is closed."))


@verb
def save_discipline(actor, discipline, content, owner=None, due_date=None, version=None):
    """Save one discipline's structured content (and, for Quality, its owner and due date).

    ``content`` is what the discipline's form accepts; the same form checks the page and the
    API. D4's occurrence class is copied to the complaint for the Pareto of causes.
    """
    _require_editor(actor, discipline)
    check_version(discipline, version)
    form = disciplines.FORMS[discipline.code](data=content)
    if not form.is_valid():
        raise Invalid(fields={k: list(v) for k, v in form.errors.items()})
    discipline.data = disciplines.to_json(form.cleaned_data)
    discipline.updated_at = timezone.now()
    fields = ["data", "updated_at"]
    fields += _plan(actor, discipline, owner, due_date)
    if "start" in DISCIPLINE_FLOW.allowed(discipline):
        DISCIPLINE_FLOW.apply(discipline, "start")
        fields.append("status")
    save_versioned(discipline, fields)
    if discipline.code == "D4":
        _copy_cause_class(discipline)
    return discipline


def _plan(actor, discipline, owner, due_date):
    changed = []
    if owner is not None and owner.pk != discipline.owner_id:
        require(actor, "complaints.assess_complaint", discipline)
        discipline.owner = owner
        changed.append("owner")
        notify(
            [owner],
            Later(
                gettext_noop("You own %(code)s of 8D %(number)s"),
                code=discipline.code,
                number=discipline.eightd.number,
            ),
            Later(disciplines.TITLES[discipline.code]),
            discipline.eightd.get_absolute_url(),
        )
    if due_date is not None and due_date != discipline.due_date:
        require(actor, "complaints.assess_complaint", discipline)
        discipline.due_date = due_date
        changed.append("due_date")
    return changed


def _copy_cause_class(discipline):
    complaint = discipline.eightd.complaint
    cause = discipline.data.get("occ_class") or ""
    if complaint.cause_class != cause:
        complaint.cause_class = cause
        save_versioned(complaint, ["cause_class"])


def sections_of(eightd):
    return dict(eightd.disciplines.values_list("code", "data"))


@verb
def set_discipline_done(actor, discipline, done=True):
    """Mark a discipline done (only when complete) or reopen it."""
    _require_editor(actor, discipline)
    if done:
        problems = disciplines.problems_of(
            discipline.code, discipline.data, sections_of(discipline.eightd)
        )
        if problems:
            raise Invalid(
                _("%(code)s is not complete.") % {"code": discipline.code},
                fields={discipline.code: problems},
            )
        DISCIPLINE_FLOW.apply(discipline, "finish")
        discipline.completed_at = timezone.now()
    else:
        DISCIPLINE_FLOW.apply(discipline, "reopen")
        discipline.completed_at = None
    save_versioned(discipline, ["status", "completed_at"])
    return discipline


@verb
def close_eightd(actor, eightd, note=""):
    """Close the 8D: D4–D7 may not be empty and every discipline must be complete (409 naming
    what is missing). The plant manager is asked to sign the final report."""
    require(actor, "complaints.assess_complaint", eightd)
    EIGHTD_FLOW.check(eightd, "close")
    found = disciplines.closing_problems(sections_of(eightd))
    if found:
        names = ", ".join(f"{code} {disciplines.TITLES[code]}" for code in found)
        raise Conflict(
            _("The 8D cannot close; incomplete: %(names)s.") % {"names": names}, fields=found
        )
    now = timezone.now()
    for discipline in eightd.disciplines.exclude(status=DisciplineStatus.DONE):
        DISCIPLINE_FLOW.apply(discipline, "finish")
        discipline.completed_at = now
        save_versioned(discipline, ["status", "completed_at"])
    eightd.closed_at = now
    transition(eightd, EIGHTD_FLOW, "close", note, extra_fields=["closed_at"])
    sign(actor, eightd, SignatureMeaning.AUTHORED, section="8D", note=note)
    lessons.index(eightd.complaint)  # what was learned is found by the next similar case
    notify(
        users_with_permission("complaints.sign_final_report"),
        Later(
            gettext_noop("8D %(number)s is closed: please sign the final report"),
            number=eightd.number,
        ),
        str(eightd.complaint),
        eightd.get_absolute_url(),
    )
    return eightd


@verb
def record_recurrence(actor, eightd, recurrence, earlier=None, version=None):
    """Say whether the problem is a recurrence of an earlier case (IATF 10.2.6), and of which."""
    require(actor, "complaints.assess_complaint", eightd)
    check_version(eightd, version)
    if recurrence and earlier is None:
        raise Invalid.field("recurrence_of", _("Name the earlier case it recurs from."))
    if earlier is not None and earlier.pk == eightd.complaint_id:
        raise Invalid.field("recurrence_of", _("A complaint cannot recur from itself."))
    eightd.recurrence = recurrence
    eightd.recurrence_of = earlier if recurrence else None
    save_versioned(eightd, ["recurrence", "recurrence_of"])
    return eightd


@verb
def sign_final_report(actor, eightd, note=""):
    """The plant manager signs the closed 8D as the final report (CMP-8)."""
    require(actor, "complaints.sign_final_report", eightd)
    if eightd.status != EightDStatus.CLOSED:
        raise Invalid.field("status", _("The final report is signed once the 8D is closed."))
    if eightd.final_signed_at is not None:
        raise Invalid.field("signature", _("The final report is already signed."))
    eightd.final_signed_at = timezone.now()
    save_versioned(eightd, ["final_signed_at"])
    return sign(actor, eightd, SignatureMeaning.APPROVED, section="final report", note=note)
