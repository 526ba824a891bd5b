"""Sections of the customer 360° page (CUS-6) that other areas contribute.

An area registers a panel in its AppConfig.ready(): a template and a function returning the
template's context for one customer and user, or None to hide the panel (no permission, or
nothing to show yet).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable


_panels: list[Panel] = []


def register(order, template, context):
    _panels.append(Panel(order, template, context))


def panels_for(customer, user):
    """Return [(template, context)] of the panels this user sees for this customer."""
    shown = []
    for panel in sorted(_panels, key=lambda p: p.order):
        context = panel.context(customer, user)
        if context is not None:
            shown.append((panel.template, context))
    return shown
