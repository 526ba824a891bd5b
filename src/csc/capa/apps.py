"""CAPA's contract with core (how the area plugs in)."""

from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class CapaConfig(AreaConfig):
    name = "csc.capa"
    label = "capa"
    verbose_name = _("Corrective and preventive actions")
    menu = Menu(
        "capa",
        _("Improvement"),
        60,
        ((10, _("Corrective actions"), "capa:list", "capa.view_capa"),),
    )
    work = "csc.capa.work.work_for"
    grants = "csc.capa.grants.GRANTS"
    demo = "csc.capa.demo.load"
    api = "csc.capa.api.register"
    urls = "csc.capa.urls"
    resources = "csc.capa.tests.resources.RESOURCES"
    search = "csc.capa.filters.searchable"
    kpis = "csc.capa.indicators.INDICATORS"
