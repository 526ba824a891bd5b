"""Contact windows and liaison memos (ORD-8), pre-sales requests (ORD-10)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core.actions import notify, sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.core.later import Later
from csc.core.models import Department
from csc.core.numbering import next_number
from csc.core.permissions import can, require, users_with_permission
from csc.customers.choices import CustomerStatus

from ..choices import PresalesKind, QuestionStatus, QuestionSubject
from ..models import LiaisonMemo, OrderQuestion, PresalesRequest
from ..rules import MEMO_FLOW, PRESALES_DEPARTMENTS, PRESALES_FLOW, QUESTION_FLOW, question_route
from .common import people_of_order, require_text, users_in_departments


def in_department(user, code):
    department = getattr(user, "department", None)
    return department is not None and department.code == code


# --- contact windows ---------------------------------------------------------------------


@verb
def ask_question(actor, order, subject, question):
    """Register a question on an order; it goes to Marketing first, whatever its subject."""
    require(actor, "orders.add_orderquestion", order)
    if subject not in QuestionSubject.values:
        raise Invalid.field("subject", _("Choose delivery, quality or technical."))
    question = require_text("question", question)
    route = question_route(subject)
    entry = OrderQuestion.objects.create(
        order=order, subject=subject, question=question, asked_by=actor, route=route,
        department=route[0],
    )  # fmt: skip
    _tell_department(entry)
    return entry


def _tell_department(entry):
    people = users_in_departments([entry.department])
    if entry.department == "marketing":
        people = {u.pk: u for u in [*people_of_order(entry.order), *people]}.values()
    notify(
        list(people),
        Later(
            gettext_noop("Question on order %(number)s (%(subject)s)"),
            number=entry.order.number,
            subject=QuestionSubject(entry.subject).label,
        ),
        entry.question,
        entry.get_absolute_url(),
    )


def _require_holder(actor, entry):
    require(actor, "orders.change_orderquestion", entry)
    if not in_department(actor, entry.department):
        raise Denied(_("This question is with another department."))
    if entry.status != QuestionStatus.OPEN:
        raise IllegalTransition(_("This question was already answered."))


@verb
def forward_question(actor, entry, notes=""):
    """Marketing passes a quality or technical question on to Quality or Engineering."""
    _require_holder(actor, entry)
    if entry.step + 1 >= len(entry.route):
        raise IllegalTransition(_("Marketing answers questions of this subject itself."))
    entry.step += 1
    entry.department = entry.route[entry.step]
    entry.notes = "\n".join(filter(None, [entry.notes, notes.strip()]))
    entry.save(update_fields=["step", "department", "notes"])
    _tell_department(entry)
    return entry


@verb
def answer_question(actor, entry, answer):
    """The department holding a question answers it; the asker is told."""
    _require_holder(actor, entry)
    entry.answer = require_text("answer", answer)
    QUESTION_FLOW.apply(entry, "answer")
    entry.answered_by, entry.answered_at = actor, timezone.now()
    entry.save(update_fields=["answer", "status", "answered_by", "answered_at"])
    notify(
        [entry.asked_by],
        Later(gettext_noop("Your question on %(number)s was answered"), number=entry.order.number),
        entry.answer,
        entry.get_absolute_url(),
    )
    return entry


# --- liaison memos -----------------------------------------------------------------------


@verb
def write_memo(actor, order, to_department, subject, body, reply_by=None):
    """Send an internal liaison memo (HT-QR-MA-06) about an order to another department."""
    require(actor, "orders.add_liaisonmemo", order)
    if actor.department is None:
        raise Invalid.field("to_department", _("You belong to no department to write from."))
    if to_department is None or to_department == actor.department:
        raise Invalid.field("to_department", _("Choose another department."))
    memo = LiaisonMemo.objects.create(
        number=next_number("liaison-memo", "LM"),
        order=order,
        from_department=actor.department,
        to_department=to_department,
        subject=require_text("subject", subject)[:200],
        body=require_text("body", body),
        reply_by=reply_by,
        created_by=actor,
    )
    notify(
        users_in_departments([to_department.code]),
        Later(
            gettext_noop("Liaison memo %(number)s: %(subject)s"),
            number=memo.number,
            subject=memo.subject,
        ),
        memo.body,
        memo.get_absolute_url(),
    )
    return memo


@verb
def reply_memo(actor, memo, reply):
    """The receiving department replies to a liaison memo."""
    require(actor, "orders.change_liaisonmemo", memo)
    if not in_department(actor, memo.to_department.code):
        raise Denied(_("Only the department the memo is addressed to replies."))
    memo.reply = require_text("reply", reply)
    memo.replied_by, memo.replied_at = actor, timezone.now()
    transition(memo, MEMO_FLOW, "reply", extra_fields=["reply", "replied_by", "replied_at"])
    notify(
        [memo.created_by],
        Later(gettext_noop("Reply to %(number)s"), number=memo.number),
        memo.reply,
        memo.get_absolute_url(),
    )
    return memo


# --- pre-sales requests ------------------------------------------------------------------


@verb
def request_presales(actor, customer, kind, description):
    """A salesperson's written application for a sample or special request (ORD-10)."""
    require(actor, "orders.add_presalesrequest", customer)
    if kind not in PresalesKind.values:
        raise Invalid.field("kind", _("Choose what the customer asks for."))
    if customer is None or customer.status in (CustomerStatus.REJECTED, CustomerStatus.INACTIVE):
        raise Invalid.field("customer", _("Choose a customer we do business with."))
    department = Department.objects.get(code=PRESALES_DEPARTMENTS[PresalesKind(kind)])
    request = PresalesRequest.objects.create(
        number=next_number("presales", "PR"),
        customer=customer,
        kind=kind,
        description=require_text("description", description),
        department=department,
        requested_by=actor,
    )
    sign(actor, request, SignatureMeaning.AUTHORED)
    notify(
        presales_deciders(department),
        Later(
            gettext_noop("Pre-sales request %(number)s waits for your decision"),
            number=request.number,
        ),
        request.description,
        request.get_absolute_url(),
    )
    return request


def presales_deciders(department):
    """The department head decides; with no head named, those who may decide any request do."""
    if department.head_id and department.head.is_active:
        return [department.head]
    return users_with_permission("orders.decide_any_presales")


def may_decide_presales(user, request):
    if can(user, "orders.decide_any_presales", request):
        return True
    return request.department.head_id == getattr(user, "pk", None)


@verb
def decide_presales(actor, request, approve, note="", explanation=""):
    """The department head approves, or refuses with the explanation given to the customer."""
    if not may_decide_presales(actor, request):
        raise Denied(
            _("Only the head of %(department)s decides this request.")
            % {"department": request.department}
        )
    if not approve:
        explanation = require_text(
            "customer_explanation", explanation, _("Write the explanation given to the customer.")
        )
    request.decided_by, request.decided_at = actor, timezone.now()
    request.decision_note, request.customer_explanation = note, explanation
    transition(
        request,
        PRESALES_FLOW,
        "approve" if approve else "refuse",
        note,
        extra_fields=["decided_by", "decided_at", "decision_note", "customer_explanation"],
    )
    sign(
        actor,
        request,
        SignatureMeaning.APPROVED if approve else SignatureMeaning.REJECTED,
        note=note,
    )
    outcome = gettext_noop("approved") if approve else gettext_noop("rejected")
    notify(
        [request.requested_by],
        Later(
            gettext_noop("Pre-sales request %(number)s %(outcome)s"),
            number=request.number,
            outcome=Later(outcome),
        ),
        explanation or note,
        request.get_absolute_url(),
    )
    return request
