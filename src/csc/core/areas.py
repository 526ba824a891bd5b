"""How core finds the process areas: through the contract each declares (``AreaConfig``).

An app still written the older way (an AppConfig that registers its menu in ``ready()`` and
keeps ``work.py``, ``grants.py``, ``demo.py``, ``api.register``, ``urls.py`` and
``tests/resources.py`` under those names) is read through ``_by_module_names``, the one place
that still knows those names, until it declares its contract.
"""

import functools
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.utils.module_loading import import_string

from .apps import AreaConfig


@dataclass(frozen=True)
class Contract:
    """What one area offers core, as dotted paths ("" or empty when it offers nothing)."""

    label: str
    declared: bool = True
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
    return _declared(config) if isinstance(config, AreaConfig) else _by_module_names(config)


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


def _by_module_names(config):
    """The contract of an app not yet declaring one, read from its modules' usual names."""
    name = config.name

    return Contract(
        config.label,
        declared=False,
        work=_if_found(f"{name}.work", "work_for"),
        grants=_if_found(f"{name}.grants", "GRANTS"),
        demo=_if_found(f"{name}.demo", "load"),
        api=_if_found(f"{name}.api", "register"),
        urls=f"{name}.urls" if _exists(f"{name}.urls") else "",
        resources=_if_found(f"{name}.tests.resources", "RESOURCES"),
        kpis=_if_found(f"{name}.indicators", "INDICATORS"),
        search=_if_found(f"{name}.filters", "searchable"),
        jobs=dict(getattr(config, "jobs", {})),
        imports=_ledger_verb(config, "import"),
        exports=_ledger_verb(config, "export"),
    )


def _ledger_verb(config, prefix):
    if not _exists(f"{config.name}.actions"):
        return {}
    return {config.label: f"{config.name}.actions.{prefix}_{config.label}"}


def _exists(module):
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def _if_found(module, attribute):
    return f"{module}.{attribute}" if _exists(module) else ""


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
        if found is None and contract.declared:
            raise ImportError(f"{contract.label} declares {part} = {path!r}, which is not there")
        if found is not None:  # an older app's module without that function offers nothing
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
