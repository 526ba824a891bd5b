"""The service desk's contract with core (how the area plugs in)."""

from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class ServiceConfig(AreaConfig):
    name = "csc.service"
    label = "service"
    verbose_name = _("Service desk")
    menu = Menu(
        "service",
        _("Service desk"),
        35,
        (
            (10, _("Service requests"), "service:list", "service.view_servicerequest"),
            (20, _("My queue"), "service:mine", "service.handle_servicerequest"),
            (25, _("SLA report"), "service:report", "service.view_slareport"),
            (30, _("E-mail intake"), "service:mail", "service.triage_inboundemail"),
        ),
    )
    panels = (
        (
            35,
            "service/panel.html",
            "csc.service.panels.customer_panel",
            "service.view_servicerequest",
        ),
    )
    work = "csc.service.work.work_for"
    grants = "csc.service.grants.GRANTS"
    demo = "csc.service.demo.load"
    api = "csc.service.api.register"
    urls = "csc.service.urls"
    resources = "csc.service.tests.resources.RESOURCES"
    kpis = "csc.service.indicators.INDICATORS"
    search = "csc.service.filters.searchable"
