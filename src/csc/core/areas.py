"""How core finds the process areas: only through the contract each declares (``AreaConfig``
in its apps.py); core knows no module names of an area."""

import functools
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import import_string

from .apps import AreaConfig


@dataclass(frozen=True)
class Contract:
    """What one area offers core, as dotted paths ("" or empty when it offers nothing)."""

    label: str
    work: str = ""
    grants: str = ""
    demo: str = ""
    api: str = ""
    urls: str = ""
    resources: str = ""
    kpis: str = ""
    search: str = ""
    jobs: dict = field(default_factory=dict)
    imports: dict = field(default_factory=dict)
    exports: dict = field(default_factory=dict)


def contracts():
    """Return the Contract of every CSC process area, in INSTALLED_APPS order."""
    return [
        _contract_of(config)
        for config in apps.get_app_configs()
        if config.name.startswith("csc.") and config.label != "core"
    ]


@functools.lru_cache(maxsize=64)
def _contract_of(config):
    if not isinstance(config, AreaConfig):
        raise TypeError(f"{config.name} must declare its contract: an AreaConfig in its apps.py")
    return _declared(config)


def _declared(config):
    return Contract(
        config.label,
        work=config.work,
        grants=config.grants,
        demo=config.demo,
        api=config.api,
        urls=config.urls,
        resources=config.resources,
        kpis=config.kpis,
        search=config.search,
        jobs=dict(config.jobs),
        imports=dict(config.imports),
        exports=dict(config.exports),
    )


def resolve(path):
    """Return the object a contract names (None for "" or a name its module lacks)."""
    if not path:
        return None
    module, _dot, name = path.rpartition(".")
    return getattr(import_module(module), name, None)


def each(part):
    """Yield (label, object) for every area offering ``part`` (work, grants, demo, …)."""
    for contract in contracts():
        path = getattr(contract, part)
        if not path:
            continue
        found = resolve(path)
        if found is None:
            raise ImportError(f"{contract.label} declares {part} = {path!r}, which is not there")
        yield contract.label, found


def runner(kind):
    """Return the function that runs background jobs of ``kind``."""
    for contract in contracts():
        if kind in contract.jobs:
            return _callable(contract.jobs[kind])
    raise LookupError(f"No area runs jobs of kind {kind!r}")


def ledger_verb(direction, name):
    """Return the verb that imports or exports (``direction``) the Excel ledger ``name``
    (e.g. customers), or None when no area offers it."""
    for contract in contracts():
        target = getattr(contract, f"{direction}s").get(name)
        if target:
            return resolve(target) if isinstance(target, str) else target
    return None


def _callable(target):
    return import_string(target) if isinstance(target, str) else target
