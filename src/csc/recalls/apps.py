"""Product recall's contract with core (how the area plugs in)."""

from django.utils.translation import gettext_lazy as _

from csc.core.apps import AreaConfig, Menu


class RecallsConfig(AreaConfig):
    name = "csc.recalls"
    label = "recalls"
    verbose_name = _("Product recall")
    menu = Menu(
        "recalls", _("Recall"), 65, ((10, _("Recalls"), "recalls:list", "recalls.view_recall"),)
    )
    panels = (
        (65, "recalls/panel.html", "csc.recalls.panels.customer_panel", "recalls.view_recall"),
    )
    work = "csc.recalls.work.work_for"
    grants = "csc.recalls.grants.GRANTS"
    demo = "csc.recalls.demo.load"
    api = "csc.recalls.api.register"
    urls = "csc.recalls.urls"
    resources = "csc.recalls.tests.resources.RESOURCES"
    kpis = "csc.recalls.indicators.INDICATORS"
