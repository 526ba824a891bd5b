from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecallsConfig(AppConfig):
    name = "csc.recalls"
    label = "recalls"
    verbose_name = _("Product recall")

    def ready(self):
        from csc.core import navigation
        from csc.customers import panels

        from .panels import customer_panel

        navigation.section("recalls", _("Recall"), 65)
        navigation.link("recalls", _("Recalls"), "recalls:list", "recalls.view_recall", 10)
        panels.register(65, "recalls/panel.html", customer_panel)
