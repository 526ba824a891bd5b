"""The first draft of a reply letter, written from the 8D so Quality only has to polish it."""

from django.utils.translation import gettext as _
from django.utils.translation import override

from .models.eightd import Discipline


def _section(sections, code, *names):
    data = sections.get(code) or {}
    return [str(data[name]) for name in names if data.get(name)]


def draft(complaint, language):
    """Return (subject, body) of a reply to ``complaint`` in ``language``."""
    sections = dict(
        Discipline.objects.filter(eightd__complaint=complaint).values_list("code", "data")
    )
    with override(language):
        subject = _("Reply to your complaint %(number)s") % {"number": complaint.number}
        parts = [
            _("Dear customer,"),
            _(
                "Thank you for telling us about the problem with %(what)s (complaint "
                "%(number)s). We have investigated it and answer as follows."
            )
            % {
                "what": complaint.product or complaint.get_category_display(),
                "number": complaint.number,
            },
        ]
        parts += _paragraphs(sections)
        parts.append(_("We apologise for the trouble and thank you for your understanding."))
    return subject, "\n\n".join(parts)


def _paragraphs(sections):
    found = [
        (_("Problem"), _section(sections, "D2", "problem_statement")),
        (_("Containment"), _section(sections, "D3", "production_measures", "containment_note")),
        (
            _("Root cause"),
            _section(sections, "D4", "occ_root_cause", "esc_root_cause"),
        ),
        (
            _("Corrective actions"),
            _section(sections, "D5", "action_1", "action_2", "action_3", "action_4"),
        ),
        (_("Effectiveness"), _section(sections, "D6", "effectiveness_data")),
        (_("Prevention"), _section(sections, "D7", "similar_checked")),
    ]
    return [f"{title}: " + "；".join(lines) for title, lines in found if lines]
