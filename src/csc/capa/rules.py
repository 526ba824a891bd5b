"""Routing of actions by category (S0 5.3.4) and the action workflow (CMP-10)."""

from django.utils.translation import gettext_lazy as _

from csc.core.workflow import Step, Workflow

from .choices import CapaStatus, Category

# category → (responsible department code, assisting department codes)
ROUTES = {
    Category.QUALITY: ("quality", ("engineering",)),
    Category.DELIVERY: ("materials", ()),
    Category.SERVICE: ("marketing", ("management",)),
    Category.OTHER: ("quality", ()),
}

S = CapaStatus
CAPA_FLOW = Workflow(
    states=CapaStatus,
    steps={
        "start": Step((S.OPEN,), S.IN_PROGRESS, _("Start work")),
        "submit": Step((S.IN_PROGRESS,), S.VERIFICATION, _("Submit for verification")),
        "verify": Step((S.VERIFICATION,), S.CLOSED, _("Verified effective: close")),
        "reject": Step((S.VERIFICATION,), S.IN_PROGRESS, _("Not effective: back to work")),
        "cancel": Step((S.OPEN, S.IN_PROGRESS), S.CANCELLED, _("Cancel")),
    },
)


def route(category):
    """Return (responsible department code, assisting department codes) for a category."""
    return ROUTES[Category(category)]
