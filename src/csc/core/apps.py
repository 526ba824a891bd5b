from dataclasses import dataclass

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Menu:
    """An area's section of the side menu: key, label, order, and its links as
    (order, label, url name, permission needed to see it)."""

    key: str
    label: str
    order: int
    links: tuple = ()


class AreaConfig(AppConfig):
    """The one contract by which a process area plugs into core, declared in its apps.py.

    Core reads areas only through these attributes (see ``csc.core.areas``). Functions and
    data are named by dotted path, resolved when first used, so declaring costs nothing at
    start-up and the area's modules may be named as the area likes. Everything is optional.
    """

    # Django picks an app's config among the AppConfig classes its apps.py holds; this base is
    # imported there (and lives in core's apps.py), so it must never be the one picked.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.default = cls.__dict__.get("default", True)

    menu: Menu | None = None  # the side menu section
    work = ""  # function(user) -> [(title, url, count)]: the queues on the home page
    grants = ""  # {role: [permission, …]}: what each role starts with
    # (order, template, function(customer, user) -> context, permission): 360° view panels
    panels = ()
    demo = ""  # function(users): loads the area's demo records
    api = ""  # function(router): adds the area's collections under /api/v1/
    urls = ""  # URLconf module mounted at /<label>/
    jobs = {}  # {kind: function(job) -> Outcome}: what the area runs in the background
    imports = {}  # {name: verb(actor, upload, good_rows_only)}: for `csc import NAME FILE`
    exports = {}  # {name: verb(actor, target)}: for `csc export NAME FILE`
    resources = ""  # [Resource, …]: the generated resource tests of its collections and pages
    kpis = ""  # [Indicator, …]: its indicators for the indicator list (csc.kpi.indicators)
    search = ""  # function(word) -> [csc.core.search.Searchable, …]: what the header finds

    def ready(self):
        from . import navigation

        if self.menu is not None:
            navigation.section(self.menu.key, self.menu.label, self.menu.order)
            for order, label, url_name, perm in self.menu.links:
                navigation.link(self.menu.key, label, url_name, perm, order)
        if self.panels:
            from django.utils.module_loading import import_string

            from csc.customers import panels

            for order, template, context, permission in self.panels:
                panels.register(order, template, import_string(context), permission)


class CoreConfig(AppConfig):
    name = "csc.core"
    label = "core"
    verbose_name = _("Company set-up")

    def ready(self):
        from . import audit, dbhooks, navigation  # noqa: F401  (change log, append-only triggers)

        post_migrate.connect(_set_up_company, dispatch_uid="csc-set-up-company")
        navigation.section("system", _("System"), 90)
        navigation.link("system", _("Notifications"), "core:notifications", "", 10)
        navigation.link(
            "system", _("Working calendar"), "core:calendar", "core.view_calendarday", 20
        )
        navigation.link("system", _("Audit trail"), "core:audit", "core.view_auditentry", 30)
        navigation.link("system", _("Users and roles"), "admin:index", "core.view_user", 40)
        navigation.link("system", _("API"), "swagger-ui", "", 50)
        navigation.link("system", _("Background jobs"), "core:jobs", "", 60)
        navigation.link("system", _("Outgoing e-mail"), "core:outbox", "core.view_outboxemail", 70)


# A restore brings its own departments, roles and trail: it migrates with set-up paused.
setup_paused = False


def _set_up_company(app_config, **kwargs):
    """After the last CSC app is migrated, make sure departments and roles exist."""
    if setup_paused:
        return
    csc_apps = [c.label for c in apps.get_app_configs() if c.name.startswith("csc.")]
    if app_config.label != csc_apps[-1]:
        return
    from .roles import sync_departments, sync_roles

    sync_departments()
    sync_roles()
