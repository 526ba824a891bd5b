from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


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
