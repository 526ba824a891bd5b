"""The eight disciplines as structured sections (CMP-4): one form per D is the one schema.

Each form validates what the page and the API send, says how it is laid out (a grid of fields
or a table), and ``problems`` says what keeps the section from being complete. The 8D closes
only when D4–D7 are not empty and every section is complete.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db.models import Model, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import ActionKind, CauseClass, Disposition, DocumentStatus

# Disciplines that may never be empty when the 8D closes (IATF 16949 10.2.3 auditors' favourites).
NEVER_EMPTY = ("D4", "D5", "D6", "D7")
STOCK_PLACES = [
    ("in_house", gettext_lazy("In house")),
    ("in_transit", gettext_lazy("In transit")),
    ("at_customer", gettext_lazy("At the customer")),
]
DOCUMENTS = [
    ("wi", gettext_lazy("Work instruction")),
    ("pfmea", gettext_lazy("PFMEA")),
    ("cp", gettext_lazy("Control plan")),
]
ACTION_ROWS = 4
WHYS = 5


@dataclass(frozen=True)
class Block:
    """A part of a section's layout: a grid of ``fields``, or a table of ``rows``.

    A table row is (row label, field names, one per column); ``None`` leaves a cell empty.
    """

    title: str = ""
    fields: tuple = ()
    columns: tuple = ()
    rows: tuple = ()


def _text(label, rows=3):
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


def _line(label, max_length=200):
    return forms.CharField(label=label, required=False, max_length=max_length)


def _flag(label):
    return forms.BooleanField(label=label, required=False)


def _count(label):
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=10**9)


def _date(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _choice(label, choices):
    return forms.ChoiceField(label=label, required=False, choices=[("", "–"), *choices])


def staff_users():
    from csc.core.models import User

    return User.objects.filter(is_active=True, customer_contact__isnull=True).order_by(
        "last_name", "first_name", "username"
    )


class DisciplineForm(forms.Form):
    code = ""
    title = ""
    purpose = ""
    layout: tuple = ()

    def problems(self, data, others):
        """Return what is missing in ``data`` for the section to be complete ([] if nothing)."""
        return []

    @staticmethod
    def missing(data, names_messages):
        return [message for name, message in names_messages if not data.get(name)]


class D0Form(DisciplineForm):
    code, title = "D0", gettext_lazy("Emergency response")
    purpose = gettext_lazy("Protect the customer at once, before the team forms.")
    still_in_production = _flag(gettext_lazy("The product is still in production"))
    emergency_needed = _flag(gettext_lazy("Emergency response needed"))
    emergency_actions = _text(gettext_lazy("Emergency response taken (or why none is needed)"))
    customer_informed = _flag(gettext_lazy("Customer told of the response"))
    layout = (
        Block(
            fields=(
                "still_in_production",
                "emergency_needed",
                "customer_informed",
                "emergency_actions",
            )
        ),
    )

    def problems(self, data, others):
        return self.missing(
            data, [("emergency_actions", _("Describe the emergency response, or why none."))]
        )


class D1Form(DisciplineForm):
    code, title = "D1", gettext_lazy("Team")
    purpose = gettext_lazy("A cross-functional team with a champion and a leader.")
    champion = forms.ModelChoiceField(label=gettext_lazy("Champion"), queryset=None, required=False)
    leader = forms.ModelChoiceField(
        label=gettext_lazy("Team leader"), queryset=None, required=False
    )
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Members"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    external_members = _line(gettext_lazy("Other members (customer, supplier)"))
    layout = (Block(fields=("champion", "leader", "members", "external_members")),)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = staff_users()
        for name in ("champion", "leader", "members"):
            self.fields[name].queryset = users

    def problems(self, data, others):
        problems = self.missing(
            data, [("champion", _("Name the champion.")), ("leader", _("Name the team leader."))]
        )
        if not data.get("members") and not data.get("external_members"):
            problems.append(_("Name the team members."))
        return problems


W2H = [
    ("what", gettext_lazy("What (the defect)")),
    ("where", gettext_lazy("Where (found)")),
    ("when", gettext_lazy("When (found)")),
    ("who", gettext_lazy("Who (found it)")),
    ("why", gettext_lazy("Why (it is a problem)")),
    ("how", gettext_lazy("How (found)")),
    ("how_many", gettext_lazy("How many")),
]
IS_NOT = [
    ("what", gettext_lazy("What")),
    ("where", gettext_lazy("Where")),
    ("when", gettext_lazy("When")),
    ("extent", gettext_lazy("Extent")),
]


class D2Form(DisciplineForm):
    code, title = "D2", gettext_lazy("Problem description")
    purpose = gettext_lazy("5W2H and is / is-not: describe the problem, not the cause.")
    problem_statement = _text(gettext_lazy("Problem statement"), rows=2)
    layout = (
        Block(fields=("problem_statement",)),
        Block(
            title=gettext_lazy("5W2H"),
            columns=(gettext_lazy("Answer"),),
            rows=tuple((label, (f"w_{key}",)) for key, label in W2H),
        ),
        Block(
            title=gettext_lazy("Is / is not"),
            columns=(gettext_lazy("Is"), gettext_lazy("Is not")),
            rows=tuple((label, (f"is_{key}", f"not_{key}")) for key, label in IS_NOT),
        ),
    )

    def problems(self, data, others):
        return self.missing(
            data,
            [
                ("problem_statement", _("Write the problem statement.")),
                ("w_what", _("5W2H: say what the defect is.")),
                ("w_how_many", _("5W2H: say how many parts are affected.")),
                ("is_what", _("Is / is not: say what the problem is.")),
                ("not_what", _("Is / is not: say what it is not.")),
            ],
        )


for _key, _label in W2H:
    D2Form.base_fields[f"w_{_key}"] = _line(_label)
for _key, _label in IS_NOT:
    D2Form.base_fields[f"is_{_key}"] = _line(_label)
    D2Form.base_fields[f"not_{_key}"] = _line(_label)


STOCK_COLUMNS = [
    ("suspect", gettext_lazy("Suspect quantity")),
    ("isolated", gettext_lazy("Isolated")),
    ("labelled", gettext_lazy("Labelled")),
    ("disposition", gettext_lazy("Rework / sort")),
    ("reinspected", gettext_lazy("Re-inspected before release")),
    ("released", gettext_lazy("Released")),
]


class D3Form(DisciplineForm):
    code, title = "D3", gettext_lazy("Containment")
    purpose = gettext_lazy(
        "Stop the bleeding: emergency measures in production; suspect stock in house, in "
        "transit and at the customer quantified, isolated, labelled, reworked or sorted, and "
        "re-inspected before release."
    )
    production_measures = _text(gettext_lazy("Emergency measures in production"), rows=2)
    containment_note = _text(gettext_lazy("Effect of the containment"), rows=2)
    layout = (
        Block(fields=("production_measures",)),
        Block(
            title=gettext_lazy("Suspect stock"),
            columns=tuple(label for _key, label in STOCK_COLUMNS),
            rows=tuple(
                (label, tuple(f"{place}_{key}" for key, _l in STOCK_COLUMNS))
                for place, label in STOCK_PLACES
            ),
        ),
        Block(fields=("containment_note",)),
    )

    def problems(self, data, others):
        problems = []
        if others.get("D0", {}).get("still_in_production") and not data.get("production_measures"):
            problems.append(_("The product is still in production: record the emergency measures."))
        for place, label in STOCK_PLACES:
            problems.extend(self._place_problems(data, place, label))
        return problems

    @staticmethod
    def _place_problems(data, place, label):
        suspect = data.get(f"{place}_suspect")
        if suspect is None:
            return [_("%(place)s: quantify the suspect stock (0 if none).") % {"place": label}]
        if not suspect:
            return []
        problems = []
        if not (data.get(f"{place}_isolated") and data.get(f"{place}_labelled")):
            problems.append(_("%(place)s: isolate and label the suspect stock.") % {"place": label})
        disposition = data.get(f"{place}_disposition")
        if not disposition:
            problems.append(_("%(place)s: decide what happens to the stock.") % {"place": label})
        elif disposition in (Disposition.REWORK, Disposition.SORT) and not data.get(
            f"{place}_reinspected"
        ):
            problems.append(
                _("%(place)s: re-inspect the reworked or sorted parts before release.")
                % {"place": label}
            )
        return problems


for _place, _plabel in STOCK_PLACES:
    D3Form.base_fields[f"{_place}_suspect"] = _count(gettext_lazy("Suspect quantity"))
    D3Form.base_fields[f"{_place}_isolated"] = _flag(gettext_lazy("Isolated"))
    D3Form.base_fields[f"{_place}_labelled"] = _flag(gettext_lazy("Labelled"))
    D3Form.base_fields[f"{_place}_disposition"] = _choice(
        gettext_lazy("Disposition"), Disposition.choices
    )
    D3Form.base_fields[f"{_place}_reinspected"] = _flag(gettext_lazy("Re-inspected"))
    D3Form.base_fields[f"{_place}_released"] = _count(gettext_lazy("Released"))


class D4Form(DisciplineForm):
    code, title = "D4", gettext_lazy("Root cause")
    purpose = gettext_lazy(
        "Why it happened (occurrence) and why it was not caught (escape): 5 whys each, the "
        "5M1E class, and the station where it arose."
    )
    station = _line(gettext_lazy("Station / process where it arose"))
    verified = _flag(gettext_lazy("Root causes verified (reproduced, switched on and off)"))
    layout = (
        Block(fields=("station", "verified")),
        Block(
            title=gettext_lazy("5 whys"),
            columns=(gettext_lazy("Occurrence"), gettext_lazy("Escape")),
            rows=(
                *(
                    (format_lazy("{} {}", gettext_lazy("Why"), n), (f"occ_why_{n}", f"esc_why_{n}"))
                    for n in range(1, WHYS + 1)
                ),
                (gettext_lazy("Root cause"), ("occ_root_cause", "esc_root_cause")),
                (gettext_lazy("5M1E class"), ("occ_class", "esc_class")),
            ),
        ),
    )

    def problems(self, data, others):
        problems = self.missing(data, [("station", _("Name the station where it arose."))])
        for side, label in (("occ", _("Occurrence")), ("esc", _("Escape"))):
            if not data.get(f"{side}_why_1"):
                problems.append(_("%(side)s: ask the whys.") % {"side": label})
            if not data.get(f"{side}_root_cause"):
                problems.append(_("%(side)s: state the root cause.") % {"side": label})
            if not data.get(f"{side}_class"):
                problems.append(_("%(side)s: choose the 5M1E class.") % {"side": label})
        return problems


for _side in ("occ", "esc"):
    for _n in range(1, WHYS + 1):
        D4Form.base_fields[f"{_side}_why_{_n}"] = _line(gettext_lazy("Why"))
    D4Form.base_fields[f"{_side}_root_cause"] = _text(gettext_lazy("Root cause"), rows=2)
    D4Form.base_fields[f"{_side}_class"] = _choice(gettext_lazy("5M1E class"), CauseClass.choices)

ACTION_COLUMNS = [
    ("action", gettext_lazy("Permanent action")),
    ("kind", gettext_lazy("For")),
    ("owner", gettext_lazy("Owner")),
    ("due", gettext_lazy("Due")),
    ("verified", gettext_lazy("Verified")),
]


class D5Form(DisciplineForm):
    code, title = "D5", gettext_lazy("Permanent corrective actions")
    purpose = gettext_lazy("Choose the actions that remove each root cause, and prove they work.")
    verification = _text(gettext_lazy("How the chosen actions were verified"), rows=2)
    layout = (
        Block(
            columns=tuple(label for _k, label in ACTION_COLUMNS),
            rows=tuple(
                (str(n), tuple(f"{key}_{n}" for key, _l in ACTION_COLUMNS))
                for n in range(1, ACTION_ROWS + 1)
            ),
        ),
        Block(fields=("verification",)),
    )

    def problems(self, data, others):
        rows = [n for n in range(1, ACTION_ROWS + 1) if data.get(f"action_{n}")]
        if not rows:
            return [_("Choose at least one permanent corrective action.")]
        problems = []
        for n in rows:
            if not (data.get(f"owner_{n}") and data.get(f"due_{n}")):
                problems.append(_("Action %(n)s: give an owner and a due date.") % {"n": n})
            if not data.get(f"verified_{n}"):
                problems.append(_("Action %(n)s is not verified yet.") % {"n": n})
        kinds = {data.get(f"kind_{n}") for n in rows}
        for kind in ActionKind:
            if kind.value not in kinds:
                problems.append(
                    _("No action addresses the %(kind)s root cause.") % {"kind": kind.label}
                )
        problems += self.missing(data, [("verification", _("Say how the actions were verified."))])
        return problems


for _n in range(1, ACTION_ROWS + 1):
    D5Form.base_fields[f"action_{_n}"] = _line(gettext_lazy("Permanent action"), 300)
    D5Form.base_fields[f"kind_{_n}"] = _choice(gettext_lazy("For"), ActionKind.choices)
    D5Form.base_fields[f"owner_{_n}"] = _line(gettext_lazy("Owner"), 60)
    D5Form.base_fields[f"due_{_n}"] = _date(gettext_lazy("Due"))
    D5Form.base_fields[f"verified_{_n}"] = _flag(gettext_lazy("Verified"))


class D6Form(DisciplineForm):
    code, title = "D6", gettext_lazy("Implementation and validation")
    purpose = gettext_lazy(
        "Put the actions in place, remove the containment, and show with data that it works."
    )
    implementation = _text(gettext_lazy("What was implemented"), rows=2)
    implemented_on = _date(gettext_lazy("Implemented on"))
    containment_removed_on = _date(gettext_lazy("Containment removed on"))
    effectiveness_data = _text(
        gettext_lazy("Effectiveness data (defect rate before / after, lots checked)"), rows=2
    )
    effectiveness_verified = _flag(gettext_lazy("Effectiveness verified"))
    layout = (
        Block(
            fields=(
                "implementation",
                "implemented_on",
                "containment_removed_on",
                "effectiveness_data",
                "effectiveness_verified",
            )
        ),
    )

    def problems(self, data, others):
        return self.missing(
            data,
            [
                ("implementation", _("Say what was implemented.")),
                ("implemented_on", _("Give the implementation date.")),
                ("containment_removed_on", _("Give the date the containment was removed.")),
                ("effectiveness_data", _("Give the data that show the effect.")),
                ("effectiveness_verified", _("Verify the effectiveness.")),
            ],
        )


DOCUMENT_COLUMNS = [
    ("status", gettext_lazy("Status")),
    ("reference", gettext_lazy("Document no. / revision, or why not needed")),
    ("owner", gettext_lazy("Owner")),
    ("done_on", gettext_lazy("Done on")),
]


class D7Form(DisciplineForm):
    code, title = "D7", gettext_lazy("Prevention")
    purpose = gettext_lazy(
        "Keep it from coming back anywhere: work instruction, PFMEA and control plan updated "
        "and tracked to done; similar products and processes checked."
    )
    similar_checked = _text(gettext_lazy("Similar products / processes checked"), rows=2)
    lessons = _text(gettext_lazy("Lessons learned"), rows=2)
    layout = (
        Block(
            title=gettext_lazy("Document updates"),
            columns=tuple(label for _k, label in DOCUMENT_COLUMNS),
            rows=tuple(
                (label, tuple(f"{doc}_{key}" for key, _l in DOCUMENT_COLUMNS))
                for doc, label in DOCUMENTS
            ),
        ),
        Block(fields=("similar_checked", "lessons")),
    )

    def problems(self, data, others):
        problems = []
        for doc, label in DOCUMENTS:
            status = data.get(f"{doc}_status")
            if status not in (DocumentStatus.DONE, DocumentStatus.NOT_APPLICABLE):
                problems.append(_("%(doc)s: update not done yet.") % {"doc": label})
            elif not data.get(f"{doc}_reference"):
                problems.append(
                    _("%(doc)s: give the document number, or why no update is needed.")
                    % {"doc": label}
                )
            elif status == DocumentStatus.DONE and not data.get(f"{doc}_done_on"):
                problems.append(_("%(doc)s: give the date it was done.") % {"doc": label})
        problems += self.missing(
            data, [("similar_checked", _("Check similar products and processes."))]
        )
        return problems


for _doc, _dlabel in DOCUMENTS:
    D7Form.base_fields[f"{_doc}_status"] = _choice(gettext_lazy("Status"), DocumentStatus.choices)
    D7Form.base_fields[f"{_doc}_reference"] = _line(gettext_lazy("Reference"))
    D7Form.base_fields[f"{_doc}_owner"] = _line(gettext_lazy("Owner"), 60)
    D7Form.base_fields[f"{_doc}_done_on"] = _date(gettext_lazy("Done on"))


class D8Form(DisciplineForm):
    code, title = "D8", gettext_lazy("Closure and recognition")
    purpose = gettext_lazy("Confirm the closure and thank the team.")
    closure_note = _text(gettext_lazy("Closure"), rows=2)
    recognition = _text(gettext_lazy("Team recognition"), rows=2)
    customer_agreed = _flag(gettext_lazy("Customer agrees to close"))
    layout = (Block(fields=("closure_note", "recognition", "customer_agreed")),)

    def problems(self, data, others):
        return self.missing(
            data,
            [
                ("closure_note", _("Write the closure note.")),
                ("recognition", _("Recognise the team.")),
            ],
        )


FORMS = {form.code: form for form in (D0Form, D1Form, D2Form, D3Form, D4Form, D5Form, D6Form, D7Form, D8Form)}  # fmt: skip
TITLES = {code: form.title for code, form in FORMS.items()}


# --- reading and checking the content --------------------------------------------------


def to_json(cleaned):
    """Return the form's cleaned data in a JSON-friendly form (dates ISO, users by id)."""
    return {name: _plain(value) for name, value in cleaned.items()}


def _plain(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def is_empty(data):
    """Return True when a section holds nothing (unticked boxes count as nothing)."""
    return not any(value not in (None, "", False, [], 0) for value in (data or {}).values())


def problems_of(code, data, others=None):
    """Return the problems that keep section ``code`` from being complete."""
    return FORMS[code]().problems(data or {}, others or {})


def closing_problems(sections):
    """Return {code: [problems]} that keep an 8D with ``sections`` ({code: data}) from closing.

    D4–D7 must not be empty; every section must be complete.
    """
    found = {}
    for code in FORMS:
        data = sections.get(code) or {}
        if code in NEVER_EMPTY and is_empty(data):
            found[code] = [_("%(title)s is empty.") % {"title": TITLES[code]}]
            continue
        problems = problems_of(code, data, sections)
        if problems:
            found[code] = problems
    return found


# --- showing a section (page and PDF) ----------------------------------------------------


def user_ids(sections):
    """Return the ids of the users a set of sections names (D1's team)."""
    team = (sections.get("D1") or {}) if isinstance(sections, dict) else {}
    ids = {team.get("champion"), team.get("leader"), *(team.get("members") or [])}
    return {i for i in ids if i}


def display(field, value, names):
    """Return how a stored value reads: labels for choices, names for users, ✓ for ticks."""
    if isinstance(field, forms.BooleanField):
        return _("yes") if value else ""
    if value in (None, "", []):
        return ""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return "、".join(names.get(v, str(v)) for v in value)
    if isinstance(field, forms.ModelChoiceField):
        return names.get(value, str(value))
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    return str(value)


def blocks(code, data, names, form=None):
    """Return the section's layout filled in: for each block, its title and either
    ``items`` [(label, value, bound field, wide)] or ``columns`` and ``rows`` [(label, cells)]."""
    schema = form or FORMS[code]()
    data = data or {}

    def cell(name):
        if name is None:
            return ("", None)
        field = schema.fields[name]
        bound = schema[name] if form is not None else None
        return (display(field, data.get(name), names), bound)

    shown = []
    for block in schema.layout:
        if block.rows:
            rows = [(label, [cell(n) for n in names_]) for label, names_ in block.rows]
            shown.append({"title": block.title, "columns": block.columns, "rows": rows})
        else:
            items = [
                (
                    schema.fields[n].label,
                    *cell(n),
                    isinstance(schema.fields[n].widget, forms.Textarea),
                )
                for n in block.fields
            ]
            shown.append({"title": block.title, "items": items})
    return shown
