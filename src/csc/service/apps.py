from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServiceConfig(AppConfig):
    name = "csc.service"
    label = "service"
    verbose_name = _("Service desk")

    def ready(self):
        from csc.core import navigation
        from csc.customers import panels

        from .panels import customer_panel

        navigation.section("service", _("Service desk"), 35)
        link = navigation.link
        link("service", _("Service requests"), "service:list", "service.view_servicerequest", 10)
        link("service", _("My queue"), "service:mine", "service.handle_servicerequest", 20)
        link("service", _("SLA report"), "service:report", "service.view_slareport", 25)
        link("service", _("E-mail intake"), "service:mail", "service.triage_inboundemail", 30)
        panels.register(35, "service/panel.html", customer_panel)
