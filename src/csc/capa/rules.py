"""Routing of actions by category (S0 5.3.4): who is responsible, who assists."""

from .choices import Category

# category → (responsible department code, assisting department codes)
ROUTES = {
    Category.QUALITY: ("quality", ("engineering",)),
    Category.DELIVERY: ("materials", ()),
    Category.SERVICE: ("marketing", ("management",)),
    Category.OTHER: ("quality", ()),
}


def route(category):
    """Return (responsible department code, assisting department codes) for a category."""
    return ROUTES[Category(category)]
