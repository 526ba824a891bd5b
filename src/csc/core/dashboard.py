"""The home page: what waits for the user, gathered from each area's ``work`` function."""

from importlib import import_module

from django.apps import apps


def work_for(user):
    """Return [(title, url, count)] of the queues that wait for this user, from every area."""
    items = []
    for config in apps.get_app_configs():
        if not config.name.startswith("csc.") or config.label == "core":
            continue
        try:
            module = import_module(f"{config.name}.work")
        except ModuleNotFoundError:
            continue
        items.extend(module.work_for(user))
    return items
