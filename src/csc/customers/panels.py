"""Sections of the customer 360° page (CUS-6) that other areas contribute.

An area registers a panel in its AppConfig.ready(): a template, a function returning the
template's context for one customer and user (or None to hide the panel: no permission, or
nothing to show yet), and the permission a user needs to see it.

The page shows a placeholder for each panel the user may see, and each panel arrives from its
own address (htmx): nine areas' figures computed and rendered inside the page cost twice the page
itself, and one slow panel held back all the others.
"""

from collections.abc import Callable
from dataclasses import dataclass

from csc.core.permissions import can


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    context: Callable
    permission: str = ""

    @property
    def key(self):
        """The panel's name in its address: its template's path, which is unique per panel."""
        return self.template.removesuffix(".html").replace("/", "-")


_panels: list[Panel] = []


def register(order, template, context, permission=""):
    _panels.append(Panel(order, template, context, permission))


def panels_for(customer, user):
    """Return the panels this user may see for this customer, in page order (none computed)."""
    return [
        panel for panel in sorted(_panels, key=lambda p: p.order) if _may_see(panel, user, customer)
    ]


def panel_named(key, customer, user):
    """Return the panel of this key if the user may see it for this customer, else None."""
    for panel in _panels:
        if panel.key == key:
            return panel if _may_see(panel, user, customer) else None
    return None


def _may_see(panel, user, customer):
    return not panel.permission or can(user, panel.permission, customer)
