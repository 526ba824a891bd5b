from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapaConfig(AppConfig):
    name = "csc.capa"
    label = "capa"
    verbose_name = _("Corrective and preventive actions")

    def ready(self):
        from csc.core import navigation

        navigation.section("capa", _("Improvement"), 60)
        navigation.link("capa", _("Corrective actions"), "capa:list", "capa.view_capa", 10)
