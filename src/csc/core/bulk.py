"""Acting on the rows ticked on a list page: the form, the all-or-none runner and reminders
every ledger's bulk actions share (IF-1); the page side is ``csc.core.views.run_bulk``."""

from collections import defaultdict

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .actions import notify
from .choices import AuditAction
from .errors import ActionError, Invalid
from .later import Lines
from .permissions import require

BULK_LIMIT = 200  # rows a person ticks on a page or two; more is a rule, not a click


class BulkForm(forms.Form):
    """What to do with the rows ticked on a list page; each list adds the fields of its actions.

    ``ACTIONS`` lists (value, label) of the actions the list offers.
    """

    ACTIONS = ()

    selected = forms.TypedMultipleChoiceField(
        coerce=int, choices=(), label=gettext_lazy("Ticked rows")
    )
    action = forms.ChoiceField(label=gettext_lazy("Do"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = list(self.ACTIONS)
        # Ids are checked against what the user may see in the view, not listed here.
        self.fields["selected"].valid_value = lambda value: str(value).isdigit()


def each_or_none(records, step, empty_message):
    """Run ``step(record)`` on every record of a selection; return the records.

    Call inside a verb: the first refusal is raised again naming the record it stopped at,
    and the verb's transaction then leaves the whole selection as it was.
    """
    records = list(records)
    if not records:
        raise Invalid.field("selected", empty_message)
    if len(records) > BULK_LIMIT:
        raise Invalid.field(
            "selected", _("Act on at most %(limit)s rows at once.") % {"limit": BULK_LIMIT}
        )
    for record in records:
        try:
            step(record)
        except ActionError as error:
            problems = [str(m) for msgs in error.fields.values() for m in msgs]
            problem = problems[0] if problems else str(error.message)
            raise Invalid.field(
                "selected",
                _("%(number)s: %(problem)s") % {"number": record.number, "problem": problem},
            ) from error
    return records


def remind(records, people_of, subject, list_url="", describe=None):
    """Tell the responsible people of each record about it, one message per person listing
    their records, and write one history entry per record naming who was reminded.

    ``people_of(record)`` returns the users responsible for a record; ``subject(count)`` the
    message title for a person's ``count`` records; the message links to the record, or to
    ``list_url`` when it names several; ``describe(record)`` is its line in the message
    (number and title by default). Call inside a verb, after checking.
    """
    per_person, names = defaultdict(list), {}
    for record in records:
        people = [p for p in people_of(record) if p is not None and p.is_active]
        if not people:
            raise Invalid.field(
                "selected",
                _("%(number)s: nobody is responsible for it yet; assign it first.")
                % {"number": record.number},
            )
        for person in people:
            per_person[person].append(record)
        names[record.pk] = [str(p) for p in people]
    describe = describe or _reminder_line
    for person, theirs in per_person.items():
        notify(
            [person],
            subject(len(theirs)),
            Lines(describe(r) for r in theirs),
            theirs[0].get_absolute_url() if len(theirs) == 1 else list_url,
        )
    audit.record_many(
        records,
        AuditAction.REMIND,
        changes=lambda record: {"reminded": "、".join(names[record.pk])},
    )
    return records


def remind_open(actor, records, permission, open_statuses, empty_message, **reminder):
    """Remind of each ticked record (``remind``'s ``reminder`` arguments), all or none: the
    actor needs ``permission`` on every one, and every one must still be open."""
    require(actor, permission)

    def check(record):
        require(actor, permission, record)
        if record.status not in open_statuses:
            raise Invalid.field("selected", _("It is closed: there is nothing to remind of."))

    return remind(each_or_none(records, check, empty_message), **reminder)


def _reminder_line(record):
    title = getattr(record, "title", "") or getattr(record, "subject", "") or ""
    return f"{record.number} {title}".strip()
